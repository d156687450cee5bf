/**
 * Where a problem is, as data: programs read it (the pane puts a problem beside the field it
 * is about); `describeLocation` words it for people, once, at the edge.
 */
import { sheetRef } from './cells/a1';
import type { TableName } from './modelCells/layout';

/** A path into the model as JSON: ['criteria', 3, 'points']. */
export type ModelPath = readonly (string | number)[];

/** A place in one of the model's cell tables: a row counts the table's rows from 1 under its header. */
export interface CellsLocation {
  readonly table: TableName;
  readonly row?: number;
  readonly column?: string;
  /** The column's position from 0, for a column that has no header to name it by. */
  readonly columnIndex?: number;
  /** Where in the model, when no one column holds it (a setting the table does not name). */
  readonly path?: ModelPath;
}

export type ProblemAt =
  /** In the model as JSON; `label` names the criterion, for a person who does not count. */
  | { readonly json: ModelPath; readonly label?: string }
  /** In the model's cell tables. */
  | { readonly cells: CellsLocation }
  /** On a worksheet: the A1 cell, and the table cell it holds; no cell for the sheet as a whole. */
  | { readonly sheet: string; readonly cell?: string; readonly cells?: CellsLocation }
  /** An input outside the model, by name: "as-of date", "lead table", "outcome column 'Won'". */
  | { readonly input: string }
  /** A location inside one of several models compared: "champion", "challenger". */
  | { readonly within: string; readonly at: ProblemAt };

const SECTION_ITEM: Readonly<Record<string, string>> = { criteria: 'criterion', bands: 'band' };

/** ['criteria', 3, 'points'] is "criterion 4, points"; ['bands', 0] is "band 1". Numbers count from 1, as people do. */
function describePath(path: ModelPath, label?: string): string {
  if (path.length === 0) return 'model';
  const [section, index, ...rest] = path;
  const item = typeof section === 'string' ? SECTION_ITEM[section] : undefined;
  if (item !== undefined && typeof index === 'number') {
    const head = label === undefined ? `${item} ${index + 1}` : `${item} ${index + 1} '${label}'`;
    return rest.length === 0 ? head : `${head}, ${rest.join('.')}`;
  }
  return path.join('.');
}

function describeCells(at: CellsLocation): string {
  const table = `${at.table} table`;
  if (at.column === undefined) return at.path === undefined ? table : `${table} (${describePath(at.path)})`;
  return at.row === undefined ? `${table}, column '${at.column}'` : `${table}, row ${at.row}, '${at.column}'`;
}

/** The location in words: "criterion 4, field", "criteria table, row 4, 'Points'", "'Lead Scoring'!F5 (criteria table, row 4, 'Points')". */
export function describeLocation(at: ProblemAt): string {
  if ('json' in at) return describePath(at.json, at.label);
  if ('within' in at) return `${at.within}: ${describeLocation(at.at)}`;
  if ('input' in at) return at.input;
  if ('sheet' in at) {
    if (at.cell === undefined) return `${at.sheet} sheet`;
    const cell = `${sheetRef(at.sheet)}!${at.cell}`;
    return at.cells === undefined ? cell : `${cell} (${describeCells(at.cells)})`;
  }
  return describeCells(at.cells);
}

/** The model path a location points at, when it is one (inside a compared model too). */
export function modelPathOf(at: ProblemAt): ModelPath | null {
  if ('json' in at) return at.json;
  if ('within' in at) return modelPathOf(at.at);
  return null;
}
