import { isBlank } from './cells/cellValue';
import { a1 } from './cells/a1';
import type { Model } from './model';
import {
  BANDS_HEADERS,
  CRITERIA_HEADERS,
  SETTINGS_HEADERS,
  type Cell,
  type CellTable,
  type TableName,
} from './modelCells/layout';
import { modelFromCells } from './modelCells/fromCells';
import { modelToCells } from './modelCells/toCells';
import type { ModelRead } from './migrations';
import { resultOf, type Problem } from './problems';

/**
 * Where the model's three cell tables sit on the workbook's "Lead Scoring" sheet. The task
 * pane writes this layout as Excel tables, the command line writes and reads it in .xlsx
 * files, and both read it back by finding each table's header row, so a sheet whose tables
 * were moved, or which lost its Excel tables on the way through another program, still reads.
 *
 * The tables sit side by side so each can grow downward without running into another.
 */
export const MODEL_SHEET = 'Lead Scoring';

/** The Excel table names the writers give the three tables. */
export const MODEL_TABLE_NAMES: Readonly<Record<TableName, string>> = {
  criteria: 'LeadScoringCriteria',
  bands: 'LeadScoringBands',
  settings: 'LeadScoringSettings',
};

const HEADERS: Readonly<Record<TableName, readonly string[]>> = {
  criteria: CRITERIA_HEADERS,
  bands: BANDS_HEADERS,
  settings: SETTINGS_HEADERS,
};

/** Zero-based sheet position of each table's header row and first column in the written layout. */
export const MODEL_SHEET_ORIGIN: Readonly<Record<TableName, { readonly row: number; readonly column: number }>> = {
  criteria: { row: 2, column: 0 }, // A3
  bands: { row: 2, column: CRITERIA_HEADERS.length + 1 }, // Q3
  settings: { row: 2, column: CRITERIA_HEADERS.length + BANDS_HEADERS.length + 2 }, // U3
};

/** The sheet's first row: what it is and how to edit it. */
export const MODEL_SHEET_TITLE =
  'Lead scoring model. Edit the tables below: criteria, bands, settings. The Lead Scoring pane and =LEADSCORE functions read them.';

export interface PlacedTable {
  readonly table: TableName;
  /** The Excel table name. */
  readonly name: string;
  /** Zero-based sheet row and column of the header row's first cell. */
  readonly row: number;
  readonly column: number;
  /** Header row first. */
  readonly cells: Cell[][];
}

/** The model as the three tables to write, each with its place on the sheet. */
export function layoutModelSheet(model: Model): PlacedTable[] {
  const cells = modelToCells(model);
  return (['criteria', 'bands', 'settings'] as const).map((table) => ({
    table,
    name: MODEL_TABLE_NAMES[table],
    row: MODEL_SHEET_ORIGIN[table].row,
    column: MODEL_SHEET_ORIGIN[table].column,
    cells: cells[table],
  }));
}


const headerText = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() : '');

interface Found {
  readonly row: number;
  readonly column: number;
  /** Header row first; as wide as the header row's run of non-blank cells. */
  readonly cells: unknown[][];
}

/** Header names of a table, lower-cased, with the American spelling of 'Colour'. */
const KNOWN_HEADERS: Readonly<Record<TableName, ReadonlySet<string>>> = {
  criteria: new Set(CRITERIA_HEADERS.map((h) => h.toLowerCase())),
  bands: new Set([...BANDS_HEADERS.map((h) => h.toLowerCase()), 'color']),
  settings: new Set(SETTINGS_HEADERS.map((h) => h.toLowerCase())),
};

/** A table's header row on the sheet: zero-based row, and its columns [column, end). */
interface HeaderRow {
  readonly row: number;
  readonly column: number;
  readonly end: number;
}

/**
 * Finds a table's header row by its first two headers (e.g. "Group", "Criterion"), anywhere on
 * the sheet. It spans the header row's cells, past a cleared header cell when the next cell
 * names one of this table's columns (the reader then reports any values under the unnamed one).
 */
function findHeaderRow(grid: CellTable, table: TableName): HeaderRow | null {
  const [first, second] = HEADERS[table].map((h) => h.toLowerCase());
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c + 1 < row.length; c++) {
      if (headerText(row[c]) !== first || headerText(row[c + 1]) !== second) continue;
      let end = c;
      while (end < row.length && (!isBlank(row[end]) || KNOWN_HEADERS[table].has(headerText(row[end + 1])))) end++;
      return { row: r, column: c, end };
    }
  }
  return null;
}

/**
 * A table's cells, header row first. What the sheet shows is what is read: a cleared criterion
 * row or a blank row between settings is skipped, not an end, so the table runs down to its
 * last non-blank row, or to the header row of another of the model's tables placed below it
 * in the same columns.
 */
function tableCells(grid: CellTable, header: HeaderRow, others: readonly HeaderRow[]): unknown[][] {
  const { row: r, column: c, end } = header;
  const below = others.filter((o) => o.row > r && o.column < end && o.end > c).map((o) => o.row);
  const limit = Math.min(grid.length, ...below);
  const cells: unknown[][] = [(grid[r] ?? []).slice(c, end)];
  let last = 1;
  for (let rr = r + 1; rr < limit; rr++) {
    const body = (grid[rr] ?? []).slice(c, end);
    while (body.length < end - c) body.push('');
    cells.push(body);
    if (!body.every(isBlank)) last = cells.length;
  }
  cells.length = last;
  return cells;
}

function findTables(grid: CellTable): Partial<Record<TableName, Found>> {
  const headers = new Map<TableName, HeaderRow>();
  for (const table of ['criteria', 'bands', 'settings'] as const) {
    const h = findHeaderRow(grid, table);
    if (h !== null) headers.set(table, h);
  }
  const found: Partial<Record<TableName, Found>> = {};
  for (const [table, h] of headers) {
    const others = [...headers].filter(([t]) => t !== table).map(([, o]) => o);
    found[table] = { row: h.row, column: h.column, cells: tableCells(grid, h, others) };
  }
  return found;
}

/**
 * Reads the model from the values of a "Lead Scoring" sheet (its used range from A1, as a
 * 2-D array). Problems are located by sheet cell, e.g. "'Lead Scoring'!F7 (criteria table,
 * row 4, 'Points')". Cells of an older format version are migrated first. A sheet that does
 * not read carries what could be read of it as `partial` (see PartialModel), to show, not to save.
 */
export function readModelSheet(grid: CellTable, sheetName: string = MODEL_SHEET): ModelRead {
  const found = findTables(grid);
  const missing: Problem[] = [];
  for (const table of ['criteria', 'bands', 'settings'] as const) {
    if (found[table] === undefined && table === 'criteria') {
      missing.push({
        severity: 'error',
        at: { sheet: sheetName },
        message: 'no criteria table was found',
        hint: `the criteria table starts with a header row: ${CRITERIA_HEADERS.join(', ')}`,
      });
    }
  }
  const read = modelFromCells({ criteria: found.criteria?.cells, bands: found.bands?.cells, settings: found.settings?.cells });
  const partial = read.ok || read.partial === undefined ? {} : { partial: read.partial };
  // Without its criteria table the sheet still shows its bands and settings (as partial).
  if (missing.length > 0) return { ok: false, problems: missing, ...partial };
  const locate = (p: Problem): Problem => {
    if (!('cells' in p.at) || 'sheet' in p.at) return p;
    const cells = p.at.cells;
    const { table, row, column, columnIndex } = cells;
    const f = found[table];
    if (f === undefined) return p;
    const head = f.cells[0] ?? [];
    // A column is named by its header, or given by its position when it has none.
    let ci = columnIndex ?? (typeof column === 'string' ? head.findIndex((h) => headerText(h) === column.toLowerCase()) : -1);
    // A setting's problems name the setting ('Format version'); the cell to edit is its value.
    if (ci < 0 && table === 'settings') ci = head.findIndex((h) => headerText(h) === 'value');
    const sheetRow = f.row + (typeof row === 'number' ? row : 0);
    const sheetColumn = f.column + Math.max(ci, 0);
    return { ...p, at: { sheet: sheetName, cell: a1(sheetRow, sheetColumn), cells } };
  };
  const from = read.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom };
  if (!read.ok) return { ok: false, problems: read.problems.map(locate), ...partial, ...from };
  return { ...resultOf(read.value, read.warnings.map(locate)), ...from };
}
