/**
 * A model on a sheet, as the engine's cell tables: reading it back (migrating older formats) and
 * the cells, tables and dropdowns that writing it takes. Shared by the model sheet ("Lead
 * Scoring") and the challenger sheet beside it.
 */
import {
  conditionLabel,
  CONDITION_OPS,
  CRITERIA_HEADERS,
  DECAY_CELL,
  GROUP_CELL,
  layoutModelSheet,
  MODEL_SHEET,
  MODEL_SHEET_TITLE,
  readModelSheet,
  SETTINGS,
  type Model,
} from '../engine';
import { formatAddress, parseAddress, type Block } from '../excel/address';
import type { CellBlockWrite, TableInfo, WorkbookGateway, WriteCell } from '../excel/gateway';
import { asText } from './formulaText';
import type { StoredModel } from './session';

type PlacedTable = ReturnType<typeof layoutModelSheet>[number];

/** The model on a sheet, migrated to the current format; null when the sheet is empty. */
export async function readModelFromSheet(gateway: WorkbookGateway, sheet: string): Promise<StoredModel | null> {
  const used = await gateway.usedRange(sheet);
  if (used === null) return null;
  const b = parseAddress(used);
  const grid = await gateway.readValues(sheet, formatAddress({ row: 0, column: 0, rows: b.row + b.rows, columns: b.column + b.columns }));
  const read = readModelSheet(grid, sheet);
  const from = read.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom };
  if (read.ok) return { model: read.value, problems: read.warnings, ...from };
  return { model: null, problems: read.problems, ...from, ...(read.partial === undefined ? {} : { partial: read.partial }) };
}

/** A placed table's cells as written: text kept as text, and at least one (blank) data row, since a table needs one. */
export function modelTableCells(p: PlacedTable): { cells: WriteCell[][]; width: number } {
  const cells: WriteCell[][] = p.cells.map((row) => row.map((v) => (typeof v === 'string' ? asText(v) : v)));
  const width = p.cells[0]?.length ?? 1;
  if (cells.length < 2) cells.push(new Array<WriteCell>(width).fill(''));
  return { cells, width };
}

/**
 * Writes the model to the model sheet, resizing its existing tables in place (=LEADSCORE.MODEL
 * refers to them by name). `whileWriting` wraps the cell writes and what follows them, so the
 * session can tell its own writes from the user's edits.
 */
export async function writeModelSheet(
  gateway: WorkbookGateway,
  model: Model,
  tables: () => Promise<readonly TableInfo[]>,
  whileWriting: (write: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const sheets = await gateway.sheetNames();
  if (!sheets.some((s) => s.toLowerCase() === MODEL_SHEET.toLowerCase())) await gateway.addSheet(MODEL_SHEET);
  const existing = new Map((await tables()).filter((t) => t.sheet === MODEL_SHEET).map((t) => [t.name, t]));
  const placed = layoutModelSheet(model);
  const writes: CellBlockWrite[] = [{ sheet: MODEL_SHEET, address: 'A1', values: [[asText(MODEL_SHEET_TITLE)]] }];
  const after: (() => Promise<void>)[] = [];
  for (const p of placed) {
    const { cells, width } = modelTableCells(p);
    const old = existing.get(p.name);
    const before = old === undefined ? null : parseAddress(old.address);
    // An existing table is written where it is now, even if the user moved it: the model cell's
    // =LEADSCORE.MODEL(LeadScoringCriteria[#All], ...) follows the table, not the layout.
    const block: Block = { row: before?.row ?? p.row, column: before?.column ?? p.column, rows: cells.length, columns: width };
    if (before !== null) {
      if (before.rows > block.rows) {
        writes.push({ sheet: MODEL_SHEET, address: formatAddress({ ...before, row: before.row + block.rows, rows: before.rows - block.rows }), values: blank(before.rows - block.rows, before.columns) });
      }
      // Resized in place rather than re-created, so the name the formulas use stays.
      await gateway.resizeTable(p.name, formatAddress(block));
    } else {
      after.push(async () => {
        await gateway.addTable(MODEL_SHEET, formatAddress(block), p.name);
      });
    }
    writes.push({ sheet: MODEL_SHEET, address: formatAddress(block), values: cells });
    after.push(() => setDropdowns(gateway, p.table, block));
  }
  await whileWriting(async () => {
    await gateway.write(writes);
    for (const step of after) await step();
  });
}

async function setDropdowns(gateway: WorkbookGateway, table: 'criteria' | 'bands' | 'settings', block: Block): Promise<void> {
  const column = (header: string, headers: readonly string[]): string =>
    formatAddress({ row: block.row + 1, column: block.column + headers.indexOf(header), rows: block.rows - 1, columns: 1 });
  if (table === 'criteria') {
    const h: readonly string[] = CRITERIA_HEADERS;
    await gateway.setListValidation(MODEL_SHEET, column('Group', h), Object.values(GROUP_CELL));
    await gateway.setListValidation(MODEL_SHEET, column('Condition', h), CONDITION_OPS.map(conditionLabel));
    await gateway.setListValidation(MODEL_SHEET, column('Decay', h), Object.values(DECAY_CELL));
    await gateway.setListValidation(MODEL_SHEET, column('Enabled', h), ['TRUE', 'FALSE']);
  } else if (table === 'settings') {
    // The Scale and Date order values sit in the Value column of their own rows.
    const order = Object.values(SETTINGS) as string[];
    const valueColumn = block.column + 1;
    const at = (label: string): string => formatAddress({ row: block.row + 1 + order.indexOf(label), column: valueColumn, rows: 1, columns: 1 });
    await gateway.setListValidation(MODEL_SHEET, at(SETTINGS.scale), ['points', '0-100']);
    await gateway.setListValidation(MODEL_SHEET, at(SETTINGS.dateOrder), ['MDY', 'DMY']);
  }
  // Bands take any name and colour: no dropdowns.
}

export function blank(rows: number, columns: number): WriteCell[][] {
  return Array.from({ length: rows }, () => new Array<WriteCell>(columns).fill(''));
}
