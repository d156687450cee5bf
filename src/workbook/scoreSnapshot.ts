/**
 * The snapshot of the last scoring on its own sheet ('Lead Scoring Snapshot'), read and written
 * through the gateway. The sheet is the add-in's when its first cell holds the snapshot's title;
 * a sheet of that name without it is the user's and is never overwritten.
 */
import { excelSerialFromIsoDate, snapshotFromCells, snapshotToCells, SNAPSHOT_HEADER_ROW, SNAPSHOT_SHEET, SNAPSHOT_TITLE, type ScoreSnapshot, type SnapshotRead } from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { WorkbookGateway, WriteCell } from '../excel/gateway';
import { asText } from './formulaText';
import { bytesOf } from './payloadBudget';

export type StoredSnapshot =
  | { readonly kind: 'none' }
  /** A sheet of that name that is not the add-in's: neither read nor replaced. */
  | { readonly kind: 'foreign' }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'snapshot'; readonly snapshot: ScoreSnapshot; readonly warnings: readonly string[] };

const sheetOf = (names: readonly string[]): string | undefined => names.find((s) => s.toLowerCase() === SNAPSHOT_SHEET.toLowerCase());

export async function readSnapshot(gateway: WorkbookGateway): Promise<StoredSnapshot> {
  const sheet = sheetOf(await gateway.sheetNames());
  if (sheet === undefined) return { kind: 'none' };
  const used = await gateway.usedRange(sheet);
  if (used === null) return { kind: 'foreign' };
  const b = parseAddress(used);
  // Read from A1 (the layout is anchored there), four columns, in blocks under the read limits.
  const rows = b.row + b.rows;
  const cells: unknown[][] = [];
  // 20,000 rows of four short cells stay well under the 5 MB response limit.
  const step = 20_000;
  for (let r = 0; r < rows; r += step) {
    const n = Math.min(step, rows - r);
    cells.push(...(await gateway.readValues(sheet, formatAddress({ row: r, column: 0, rows: n, columns: 4 }))));
  }
  if (cells[0]?.[0] !== SNAPSHOT_TITLE) return { kind: 'foreign' };
  const read: SnapshotRead = snapshotFromCells(cells);
  return read.ok ? { kind: 'snapshot', snapshot: read.value, warnings: read.warnings } : { kind: 'unreadable', message: read.message };
}

/**
 * Replaces the snapshot sheet (deleted and added again, so no row of an older, longer snapshot
 * stays), writing its rows in blocks under the payload budget. Dates go in as dates.
 * Returns false, writing nothing, when a sheet of that name is the user's.
 */
export async function writeSnapshot(gateway: WorkbookGateway, snapshot: ScoreSnapshot, budgetBytes: number): Promise<boolean> {
  const existing = await readSnapshot(gateway);
  if (existing.kind === 'foreign') return false;
  const sheet = sheetOf(await gateway.sheetNames());
  if (sheet !== undefined) await gateway.deleteSheet(sheet);
  await gateway.addSheet(SNAPSHOT_SHEET);
  const cells = snapshotToCells(snapshot).map((row, r): WriteCell[] =>
    row.map((cell, c) => {
      if (typeof cell !== 'string') return cell;
      const isDate = (r === 1 && c === 1) || (r >= SNAPSHOT_HEADER_ROW && c === 3);
      if (isDate && cell !== '') return excelSerialFromIsoDate(cell);
      // An ID must read back exactly as it was written: Excel turns typed text such as 'Mar-1',
      // '12:30', '(123)' or '$100' into a date, time or number, which asText does not foresee
      // for every locale. The apostrophe keeps any ID text (it is not part of the value).
      if (r >= SNAPSHOT_HEADER_ROW && c === 0 && cell !== '') return `'${cell}`;
      return asText(cell);
    }),
  );
  const perRow = Math.max(1, ...cells.slice(0, 50).map((r) => bytesOf(r) + 1));
  const step = Math.max(1, Math.floor(budgetBytes / (perRow * 1.5)));
  for (let r = 0; r < cells.length; r += step) {
    const block = cells.slice(r, r + step);
    await gateway.write([{ sheet: SNAPSHOT_SHEET, address: formatAddress({ row: r, column: 0, rows: block.length, columns: 4 }), values: block }]);
  }
  await gateway.setNumberFormats(SNAPSHOT_SHEET, 'B2', ['yyyy-mm-dd']);
  if (cells.length > SNAPSHOT_HEADER_ROW) {
    await gateway.setNumberFormats(SNAPSHOT_SHEET, formatAddress({ row: SNAPSHOT_HEADER_ROW, column: 0, rows: cells.length - SNAPSHOT_HEADER_ROW, columns: 4 }), ['General', '0.00', 'General', 'yyyy-mm-dd']);
  }
  return true;
}

export async function deleteSnapshot(gateway: WorkbookGateway): Promise<boolean> {
  const existing = await readSnapshot(gateway);
  if (existing.kind === 'foreign' || existing.kind === 'none') return false;
  const sheet = sheetOf(await gateway.sheetNames());
  if (sheet !== undefined) await gateway.deleteSheet(sheet);
  return sheet !== undefined;
}
