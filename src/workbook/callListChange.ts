/**
 * The change since last time for the call list, from what the workbook already holds (the
 * change engineer's snapshot and Change column; nothing here keeps a snapshot of its own):
 * 1. the Change column Apply added to the lead table, as the sheet shows it: right after an
 *    Apply, that is the change that Apply found, where comparing with the snapshot it just
 *    wrote would say 0 for every lead;
 * 2. else, when the workbook keeps a snapshot of the last scoring, the table's scores now
 *    against it, lead by lead by ID (the engine's ChangeTracker: leads without an ID or with a
 *    shared ID get none, never a guess);
 * 3. else none, and the list has no Change column.
 */
import {
  changeFromCell,
  ChangeTracker,
  duplicateIdKeys,
  findIdColumn,
  isBlank,
  snapshotFromCells,
  SNAPSHOT_SHEET,
  type CompiledModel,
  type LeadChange,
} from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { WorkbookGateway } from '../excel/gateway';
import type { LeadTable } from './session';

/** The header of the column Apply writes the change in. */
export const CHANGE_HEADER = 'Change';

export type ChangeOf = (row: number) => LeadChange | null;

export async function callListChanges(gateway: WorkbookGateway, table: LeadTable, compiled: CompiledModel, today: string): Promise<ChangeOf | null> {
  const fromColumn = await changeColumn(gateway, table);
  if (fromColumn !== null) return fromColumn;
  return changesFromSnapshot(gateway, table, compiled, today);
}

async function changeColumn(gateway: WorkbookGateway, table: LeadTable): Promise<ChangeOf | null> {
  if (!table.scoringColumns.some((c) => c.toLowerCase() === CHANGE_HEADER.toLowerCase())) return null;
  const info = (await gateway.tables()).find((t) => t.name === table.name);
  const column = info?.headers.findIndex((h) => h.toLowerCase() === CHANGE_HEADER.toLowerCase()) ?? -1;
  if (info === undefined || column < 0) return null;
  const b = parseAddress(info.address);
  if (b.rows < 2) return () => null;
  const cells = await gateway.readValues(info.sheet, formatAddress({ row: b.row + 1, column: b.column + column, rows: b.rows - 1, columns: 1 }));
  return (row) => changeFromCell(cells[row]?.[0]);
}

async function changesFromSnapshot(gateway: WorkbookGateway, table: LeadTable, compiled: CompiledModel, today: string): Promise<ChangeOf | null> {
  const sheet = (await gateway.sheetNames()).find((s) => s.toLowerCase() === SNAPSHOT_SHEET.toLowerCase());
  if (sheet === undefined) return null;
  const used = await gateway.usedRange(sheet);
  if (used === null) return null;
  const end = parseAddress(used);
  const snapshot = snapshotFromCells(await gateway.readValues(sheet, formatAddress({ row: 0, column: 0, rows: end.row + end.rows, columns: Math.max(4, end.column + end.columns) })));
  if (!snapshot.ok) return null;
  const id = findIdColumn({
    headers: table.headers,
    chosen: compiled.model.idColumn,
    previous: snapshot.value.idColumn,
    valuesOf: (i) => table.rows.map((r) => r[i]),
  });
  if (!id.ok) return null;
  const ids = table.rows.map((r) => r[id.value.index]);
  const tracker = new ChangeTracker(snapshot.value, compiled.bands, {
    today,
    idColumn: id.value.header,
    model: compiled.model.name,
    duplicates: duplicateIdKeys(ids),
    keepSnapshot: false,
  });
  const scored = compiled.scoreRows(table.rows);
  const changes = new Map<number, LeadChange>();
  table.rows.forEach((cells, row) => {
    if (cells.every(isBlank)) return;
    const change = tracker.add({ id: ids[row], score: scored.scores[row] ?? 0, band: compiled.bands[scored.bandIndex[row] ?? 0]?.name ?? '', row });
    if (change.text !== '') changes.set(row, { points: change.points, text: change.text });
  });
  return (row) => changes.get(row) ?? null;
}
