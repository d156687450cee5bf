/**
 * The lead table: finding it under the selection, converting a plain region into one, and
 * reading its lead columns (every column except the ones Apply added) in payload-sized blocks.
 */
import { MODEL_SHEET, MODEL_TABLE_NAMES, sheetRef, type CellValue } from '../engine';
import { formatAddress, parseAddress, type Block } from '../excel/address';
import type { TableInfo, WorkbookGateway } from '../excel/gateway';
import { describeColumn } from './columnKinds';
import { challengerTableName } from './challengerTables';
import { appliedColumnsOf, OWNERSHIP_NAMESPACE, ownershipFromXml, type Ownership } from './ownership';
import { BLOCK_BUDGET_BYTES, bytesOf } from './payloadBudget';
import type { FindTableResult, LeadTable } from './session';

/** The session's lead table: which one is current, and every table last seen (to tell a renamed one). */
export class LeadTables {
  current: TableInfo | null = null;
  /** Every table, remembered for telling a renamed lead table (see ownedColumnsOf). */
  private knownTables: readonly TableInfo[] = [];

  constructor(
    private readonly gateway: WorkbookGateway,
    private readonly blockBudgetBytes: number = BLOCK_BUDGET_BYTES,
  ) {}

  async find(): Promise<FindTableResult> {
    const [selection, tables, owned] = [await this.gateway.selection(), await this.allTables(), await this.ownership()];
    const leadTables = tables.filter((t) => !isModelTable(t.name));
    const cell = parseAddress(selection.address);
    const under = leadTables.find((t) => t.sheet.toLowerCase() === selection.sheet.toLowerCase() && contains(parseAddress(t.address), cell.row, cell.column));
    const chosen = under ?? (selection.sheet === MODEL_SHEET ? leadTables.find((t) => t.name === owned?.table) : undefined);
    if (chosen !== undefined) {
      this.current = chosen;
      return { kind: 'table', table: await this.read(chosen, owned) };
    }
    if (selection.sheet.toLowerCase() === MODEL_SHEET.toLowerCase()) {
      return { kind: 'none', message: 'Select a cell in your lead table (not on the Lead Scoring sheet), then try again.' };
    }
    const single = `${formatAddress({ ...cell, rows: 1, columns: 1 })}`;
    const region = await this.gateway.surroundingRegion(selection.sheet, single);
    const block = parseAddress(region);
    const [headerRow = []] = await this.gateway.readValues(selection.sheet, formatAddress({ ...block, rows: 1 }));
    if (block.rows < 2 || headerRow.every((h) => h === '' || h === null)) {
      return { kind: 'none', message: 'No lead table here: select a cell inside your leads (a header row with at least one lead under it).' };
    }
    return { kind: 'region', sheet: selection.sheet, address: region, headers: headerRow.map((h) => String(h ?? '')) };
  }

  async convertRegion(sheet: string, address: string): Promise<LeadTable> {
    const names = new Set((await this.allTables()).map((t) => t.name.toLowerCase()));
    let name = 'Leads';
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `Leads${n}`;
    const info = await this.gateway.addTable(sheet, address, name);
    this.current = info;
    return this.read(info, await this.ownership());
  }

  async reload(): Promise<LeadTable> {
    const info = await this.refreshCurrent();
    return this.read(info, await this.ownership());
  }

  /** The current table as it is now (found first when there is none yet). */
  async refreshCurrent(): Promise<TableInfo> {
    if (this.current === null) {
      const found = await this.find();
      if (found.kind !== 'table' || this.current === null) throw new Error('There is no lead table yet: select a cell in your leads first.');
    }
    const name = this.current.name;
    const info = (await this.allTables()).find((t) => t.name === name);
    if (info === undefined) throw new Error(`The table '${name}' is gone: select a cell in your leads again.`);
    this.current = info;
    return info;
  }

  /** Reads a table's body in blocks that keep each response under the payload limit. */
  private async readBody(info: TableInfo): Promise<CellValue[][]> {
    const b = parseAddress(info.address);
    const budget = this.blockBudgetBytes;
    const rows: CellValue[][] = [];
    let step = Math.max(1, Math.min(b.rows - 1, 500));
    for (let r = 1; r < b.rows; ) {
      const n = Math.min(step, b.rows - r);
      const part = await this.gateway.readValues(info.sheet, formatAddress({ row: b.row + r, column: b.column, rows: n, columns: b.columns }));
      for (const row of part) rows.push(row);
      r += n;
      // Size the next block from what this one weighed.
      const perRow = Math.max(1, bytesOf(part) / Math.max(1, n));
      step = Math.max(1, Math.floor((budget / perRow) * 0.8));
    }
    return rows;
  }

  async read(info: TableInfo, owned: Ownership | null): Promise<LeadTable> {
    const ownedHere = this.ownedColumnsOf(info, owned);
    const isOwned = (h: string): boolean => ownedHere.some((o) => o.toLowerCase() === h.toLowerCase());
    const keep = info.headers.map((h, i) => (isOwned(h) ? -1 : i)).filter((i) => i >= 0);
    const body = await this.readBody(info);
    const rows = body.map((row) => keep.map((i) => row[i] ?? ''));
    const headers = keep.map((i) => info.headers[i] ?? '');
    return {
      name: info.name,
      sheet: info.sheet,
      address: `${sheetRef(info.sheet)}!${info.address}`,
      headers,
      rows,
      columns: headers.map((h, c) => describeColumn(h, rows.map((r) => r[c]))),
      scoringColumns: info.headers.filter(isOwned),
      applied: owned !== null && owned.table === info.name && owned.applied !== undefined ? { ...owned.applied, mode: owned.mode } : null,
    };
  }

  async allTables(): Promise<TableInfo[]> {
    const tables = await this.gateway.tables();
    this.knownTables = tables;
    return tables;
  }

  ownedColumnsOf(info: TableInfo, owned: Ownership | null): readonly string[] {
    return appliedColumnsOf(info, owned, !this.knownTables.some((t) => t.name === owned?.table));
  }

  async ownership(): Promise<Ownership | null> {
    return ownershipFromXml(await this.gateway.readCustomXml(OWNERSHIP_NAMESPACE));
  }
}

const isModelTable = (name: string): boolean =>
  Object.values(MODEL_TABLE_NAMES).some((n) => n.toLowerCase() === name.toLowerCase() || challengerTableName(n).toLowerCase() === name.toLowerCase());

function contains(b: Block, row: number, column: number): boolean {
  return row >= b.row && row < b.row + b.rows && column >= b.column && column < b.column + b.columns;
}
