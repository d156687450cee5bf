/**
 * Leads from a workbook: finding the lead table (an Excel Table, or a sheet's used range),
 * then walking its sheet row by row, scoring the leads a block at a time and handing every
 * row, in order, to a writer: the workbook rewriter (xlsxRewrite.ts) or a new file's sink.
 */
import { MODEL_SHEET, SNAPSHOT_SHEET, type CompiledModel, type Model } from '../../engine';
import { CliError } from '../command';
import { rowCells, scanRow, SheetRowReader, isPresent, type CellContext, type EngineCell, type RawCell, type RawRow } from '../files/sheetRows';
import type { SheetInfo, TableInfo, XlsxPackage } from '../files/xlsxPackage';
import { columnLetters, elements, attribute, MAX_ROWS, parseRange, startTags, formatRange } from '../files/xml';
import { appliedHeaders } from './applyRecord';
import { blockRows, compileFor, ownColumns, Progress, SCORE_COLUMN_NOTE, scoreCells, ScoreTally } from './leadColumns';
import type { OutCell } from './leadSinks';

/** The model sheet, found by its name as the pane writes it (any case, spaces around ignored). */
export function findModelSheet(pkg: XlsxPackage): SheetInfo | undefined {
  return pkg.sheets.find((s) => s.name.trim().toLowerCase() === MODEL_SHEET.toLowerCase());
}

/** Where the leads are: a sheet, and the Excel Table on it when there is one. */
export interface LeadLocation {
  readonly sheet: SheetInfo;
  readonly table: TableInfo | null;
}

/**
 * The lead table: the Excel Table or sheet named by `wanted`; else the first sheet other than
 * the model and snapshot sheets that has a cell with a value (its first Excel Table when it has one).
 */
export async function locateLeads(pkg: XlsxPackage, wanted: string | undefined): Promise<LeadLocation> {
  const modelSheet = findModelSheet(pkg);
  if (wanted !== undefined) {
    for (const sheet of pkg.sheets) {
      const table = pkg.tables(sheet).find((t) => t.name.toLowerCase() === wanted.toLowerCase());
      if (table !== undefined) return { sheet, table };
    }
    const sheet = pkg.sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (sheet === undefined) {
      const tables = pkg.sheets.flatMap((s) => pkg.tables(s).map((t) => `'${t.name}'`));
      throw new CliError(
        `${pkg.path}: no table or sheet named '${wanted}'; the sheets are ${pkg.sheets.map((s) => `'${s.name}'`).join(', ')}${tables.length > 0 ? `, the tables ${tables.join(', ')}` : ''}`,
      );
    }
    return { sheet, table: pkg.tables(sheet)[0] ?? null };
  }
  for (const sheet of pkg.sheets) {
    // The snapshot of the last scoring is no lead table, wherever its tab was moved.
    if (sheet === modelSheet || sheet.name.trim().toLowerCase() === SNAPSHOT_SHEET.toLowerCase()) continue;
    if (await sheetHasValues(pkg, sheet)) return { sheet, table: pkg.tables(sheet)[0] ?? null };
  }
  const names = pkg.sheets.map((s) => `'${s.name}'`);
  throw new CliError(`${pkg.path}: no sheet with a lead table; the workbook has ${names.length === 0 ? 'no sheets' : `only ${names.join(', ')}`}`);
}

function contextOf(pkg: XlsxPackage): CellContext {
  return { sharedStrings: pkg.sharedStrings(), dateStyles: pkg.dateStyles(), where: pkg.path };
}

function sheetError(pkg: XlsxPackage, sheet: SheetInfo, error: unknown): unknown {
  if (error instanceof CliError) return error;
  return new CliError(`${pkg.path}: sheet '${sheet.name}' cannot be read; the workbook is damaged (${(error as Error).message})`);
}

async function sheetHasValues(pkg: XlsxPackage, sheet: SheetInfo): Promise<boolean> {
  const context = contextOf(pkg);
  const chunks = pkg.zip.streamEntry(sheet.part);
  try {
    const reader = new SheetRowReader(chunks[Symbol.asyncIterator]());
    await reader.head();
    for (let row = await reader.next(); row !== null; row = await reader.next()) {
      if (rowCells(row, context, reader.elementPrefix, () => true).some((c) => isPresent(c.value))) return true;
    }
    return false;
  } catch (error) {
    throw sheetError(pkg, sheet, error);
  } finally {
    await chunks.return(undefined);
  }
}

/** The most cells a sheet read whole (the model sheet) may span. */
const MAX_GRID_CELLS = 4_000_000;

/**
 * A sheet's values from A1, rows of engine values, as far as the last cell with a value:
 * trailing blank rows and columns are not there. A sheet whose values span more than a few
 * million cells (a stray cell far away) is refused before anything that size is allocated.
 */
export async function sheetGrid(pkg: XlsxPackage, sheet: SheetInfo): Promise<EngineCell[][]> {
  const context = contextOf(pkg);
  const found: { row: number; cells: RawCell[] }[] = [];
  let lastRow = 0;
  let lastColumn = 0;
  const chunks = pkg.zip.streamEntry(sheet.part);
  try {
    const reader = new SheetRowReader(chunks[Symbol.asyncIterator]());
    await reader.head();
    for (let row = await reader.next(); row !== null; row = await reader.next()) {
      const cells = rowCells(row, context, reader.elementPrefix, () => true).filter((c) => isPresent(c.value));
      if (cells.length === 0) continue;
      found.push({ row: row.number, cells });
      lastRow = row.number;
      lastColumn = Math.max(lastColumn, cells[cells.length - 1]!.column);
    }
  } catch (error) {
    throw sheetError(pkg, sheet, error);
  }
  if (lastRow * lastColumn > MAX_GRID_CELLS) {
    const far = found[found.length - 1]!;
    throw new CliError(
      `${pkg.path}: sheet '${sheet.name}' has values as far as ${columnLetters(lastColumn)}${lastRow} (e.g. ${columnLetters(far.cells[far.cells.length - 1]!.column)}${far.row}); ` +
        'that is too large to read as one table; delete the stray cells and try again',
    );
  }
  const grid: EngineCell[][] = Array.from({ length: lastRow }, () => new Array<EngineCell>(lastColumn).fill(null));
  for (const { row, cells } of found) for (const c of cells) grid[row - 1]![c.column - 1] = c.value;
  return grid;
}

/** What the walk found about the table once its header row was read. */
export interface HeaderInfo {
  readonly headerRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly headers: string[];
  readonly ours: Set<number>;
  /** Those of `ours` the add-in's Apply wrote (its record lists them), indexes into headers. */
  readonly applied: Set<number>;
  /** Null when the walk only reads (no model to score with). */
  readonly compiled: CompiledModel | null;
  readonly headerCells: RawCell[];
  /** Rows after this one are not leads (an Excel Table's totals row, rows below the table). */
  readonly lastDataRow: number;
}

export type RowKind = 'outside' | 'header' | 'lead' | 'blank';

export interface WalkedRow {
  readonly row: RawRow;
  /** The header row's cells; for other rows only those from handlers.cellsFrom() on. */
  readonly cells: RawCell[];
  readonly kind: RowKind;
  /** The table's cells (firstColumn..lastColumn) for header, lead and blank rows. */
  readonly values: EngineCell[] | null;
  readonly dates: boolean[] | null;
  score: OutCell[] | null;
}

export interface WalkHandlers {
  /** The first column whose cells the rows handed on must list (default: none). */
  cellsFrom?: () => number;
  /** Whether the cells from cellsFrom() on are read for their values too (the previous run's scores), not only located. */
  readListed?: boolean;
  /** The sheet's text before its rows; called once the header row is known. */
  head(text: string, header: HeaderInfo, prefix: string): Promise<void>;
  rows(rows: readonly WalkedRow[]): Promise<void>;
  tail(text: string, info: WalkSummary): Promise<void>;
}

export interface WalkSummary {
  readonly header: HeaderInfo;
  readonly firstLeadRow: number;
  readonly lastLeadRow: number;
  readonly tally: ScoreTally | null;
  readonly warnings: string[];
}

/** Walks the lead sheet: finds the header, scores the leads a block at a time, hands every row on in order. */
export async function walkLeadSheet(
  pkg: XlsxPackage,
  location: LeadLocation,
  model: Model | null,
  asOf: string | undefined,
  handlers: WalkHandlers,
  progress: Progress,
): Promise<WalkSummary> {
  const { sheet, table } = location;
  const where = `${pkg.path}, ${table === null ? `sheet '${sheet.name}'` : `table '${table.name}'`}`;
  if (table !== null && table.headerRows < 1) throw new CliError(`${where}: the table has no header row; turn on its header row (Table Design > Header Row) so leadscore can find the columns`);
  const context = contextOf(pkg);
  const notes = pkg.notes(sheet);
  const entry = pkg.zip.entries.get(sheet.part);
  const chunks = pkg.zip.streamEntry(sheet.part);
  const reader = new SheetRowReader(chunks[Symbol.asyncIterator]());
  try {
    const head = await reader.head();
    const prefix = reader.elementPrefix;
    const before: WalkedRow[] = [];
    let header: HeaderInfo | null = null;
    let tally: ScoreTally | null = null;
    let pending: WalkedRow[] = [];
    let leadsInBlock: EngineCell[][] = [];
    let firstLeadRow = 0;
    let lastLeadRow = 0;
    let size = 1;
    let cellsFrom = Number.POSITIVE_INFINITY;
    let isLeadColumn = (_column: number): boolean => false;
    let isRead = (_column: number): boolean => false;
    let leadFirst = 0;
    let leadLast = 0;

    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      if (leadsInBlock.length > 0 && tally !== null) {
        const scored = tally.score(leadsInBlock);
        let k = 0;
        for (const r of pending) if (r.kind === 'lead') r.score = scoreCells(tally.model, scored, k++);
      }
      const rows = pending;
      pending = [];
      leadsInBlock = [];
      await handlers.rows(rows);
      progress.step(() => `scoring: ${tally?.leads.toLocaleString('en') ?? 0} leads, ${Math.round((reader.bytes / Math.max(1, entry?.size ?? 1)) * 100)}% of the sheet read`);
    };

    for (let row = await reader.next(); row !== null; row = await reader.next()) {
      if (header === null) {
        const isHeader = table === null ? true : row.number === table.range.firstRow;
        const inTable = table === null ? () => true : (c: number) => c >= table.range.firstColumn && c <= table.range.lastColumn;
        const cells = rowCells(row, context, prefix, inTable);
        const present = cells.filter((c) => inTable(c.column) && isPresent(c.value));
        if (!isHeader || present.length === 0 || (table !== null && row.number < table.range.firstRow)) {
          if (table !== null && row.number > table.range.firstRow) throw new CliError(`${where}: the header row ${table.range.firstRow} is missing`);
          before.push({ row, cells, kind: 'outside', values: null, dates: null, score: null });
          continue;
        }
        const firstColumn = table?.range.firstColumn ?? present[0]!.column;
        const lastColumn = table?.range.lastColumn ?? present[present.length - 1]!.column;
        const headers: string[] = [];
        for (let c = firstColumn; c <= lastColumn; c++) {
          const v = cells.find((x) => x.column === c)?.value ?? null;
          headers.push(v === null ? '' : String(v).trim());
        }
        const applied = appliedHeaders(pkg, table, headers);
        const ours = ownColumns(headers, (i) => (notes.get(`${columnLetters(firstColumn + i)}${row.number}`) ?? '').includes(SCORE_COLUMN_NOTE), where, (i) => applied.has(headers[i]!.toLowerCase()));
        const compiled = model === null ? null : compileFor(model, headers, ours, asOf, where);
        tally = compiled === null ? null : new ScoreTally(compiled);
        const lastDataRow = table === null ? MAX_ROWS : table.range.lastRow - table.totalsRows;
        header = { headerRow: row.number, firstColumn, lastColumn, headers, ours, applied: new Set([...ours].filter((i) => applied.has(headers[i]!.toLowerCase()))), compiled, headerCells: cells, lastDataRow };
        size = blockRows(lastColumn - firstColumn + 1);
        await handlers.head(head, header, prefix);
        cellsFrom = handlers.cellsFrom?.() ?? Number.POSITIVE_INFINITY;
        isLeadColumn = (c: number): boolean => c >= firstColumn && c <= lastColumn && !ours.has(c - firstColumn);
        ({ firstColumn: leadFirst, lastColumn: leadLast } = header);
        const from = cellsFrom;
        isRead = handlers.readListed === true ? (c: number): boolean => isLeadColumn(c) || c >= from : isLeadColumn;
        if (before.length > 0) await handlers.rows(before);
        pending.push({ row, cells, kind: 'header', values: null, dates: null, score: null });
        continue;
      }
      const { lastDataRow } = header;
      if (row.number > lastDataRow) {
        pending.push({ row, cells: [], kind: 'outside', values: null, dates: null, score: null });
        continue;
      }
      const firstColumn = leadFirst;
      const values: EngineCell[] = new Array<EngineCell>(leadLast - leadFirst + 1).fill(null);
      const cells: RawCell[] = [];
      let dates: boolean[] | null = null;
      let any = false;
      scanRow(row, context, prefix, isRead, (column, start, end, value, isDate, style) => {
        if (column >= cellsFrom) cells.push({ column, start, end, value, isDate, style });
        if (!isLeadColumn(column)) return;
        values[column - firstColumn] = value;
        if (value !== null && value !== '') any = true;
        if (isDate) (dates ??= new Array<boolean>(values.length).fill(false))[column - firstColumn] = true;
      });
      if (!any) {
        pending.push({ row, cells, kind: 'blank', values, dates, score: null });
      } else {
        if (firstLeadRow === 0) firstLeadRow = row.number;
        lastLeadRow = row.number;
        pending.push({ row, cells, kind: 'lead', values, dates, score: null });
        leadsInBlock.push(values);
      }
      if (pending.length >= size) await flush();
    }
    if (header === null) {
      throw new CliError(table === null ? `${pkg.path}: sheet '${sheet.name}' is empty; it needs a header row` : `${where}: the header row ${table.range.firstRow} is empty`);
    }
    await flush();
    const tail = await reader.tail();
    const warnings = mergedCellWarnings(tail, header, lastLeadRow, where);
    const summary: WalkSummary = { header, firstLeadRow, lastLeadRow, tally, warnings };
    await handlers.tail(tail, summary);
    return summary;
  } catch (error) {
    throw sheetError(pkg, sheet, error);
  } finally {
    await chunks.return(undefined);
  }
}

/**
 * Merged cells in the leads: only the top-left cell of a merge holds the value, so the other
 * rows read as blank there. Said, rather than silently copying one lead's value to others.
 */
function mergedCellWarnings(tail: string, header: HeaderInfo, lastLeadRow: number, where: string): string[] {
  if (!tail.includes('mergeCell')) return [];
  const merged: string[] = [];
  for (const tag of startTags(elements(tail, 'mergeCells')[0] ?? '', 'mergeCell')) {
    const range = parseRange(attribute(tag, 'ref') ?? '');
    if (range === null) continue;
    const overlaps = range.lastColumn >= header.firstColumn && range.firstColumn <= header.lastColumn && range.lastRow > header.headerRow && range.firstRow <= lastLeadRow;
    if (overlaps && range.lastRow > range.firstRow) merged.push(formatRange(range));
  }
  if (merged.length === 0) return [];
  const shown = merged.slice(0, 5).join(', ') + (merged.length > 5 ? ` and ${merged.length - 5} more` : '');
  return [`${where}: merged cells ${shown} span several leads; only the top row of each holds the value, so the rows below it were scored with that cell blank. Unmerge them and fill each row if they belong to every row.`];
}

/** The engine values of a whole lead table (for commands that need it all at once: backtest, calibrate, demo). */
export async function readLeadTable(pkg: XlsxPackage, wanted: string | undefined): Promise<{ headers: string[]; rows: EngineCell[][]; dates: (boolean[] | null)[] }> {
  const location = await locateLeads(pkg, wanted);
  const rows: EngineCell[][] = [];
  const dates: (boolean[] | null)[] = [];
  let headers: string[] = [];
  await walkLeadSheet(
    pkg,
    location,
    null,
    undefined,
    {
      head: async (_text, header) => {
        headers = header.headers;
      },
      rows: async (walked) => {
        for (const r of walked) {
          if (r.kind !== 'lead' || r.values === null) continue;
          rows.push(r.values);
          dates.push(r.dates);
        }
      },
      tail: async () => {},
    },
    new Progress(null),
  );
  return { headers, rows, dates };
}
