import type { CellValue } from '../engine';
import { contains, formatAddress, intersects, parseAddress, type Block } from './address';
import {
  GatewayError,
  PAYLOAD_LIMIT_BYTES,
  READ_CELL_LIMIT,
  type CellBlockWrite,
  type ChartSpec,
  type ConditionalRule,
  type NamedItem,
  type SelectionInfo,
  type SheetChange,
  type SheetLayout,
  type TableInfo,
  type Unsubscribe,
  type WorkbookGateway,
  type WriteCell,
} from './gateway';

type Stored = string | number | boolean;

interface Sheet {
  name: string;
  /** Sparse rows of values; undefined is an empty cell. */
  values: (Stored | undefined)[][];
  formulas: Map<string, string>;
  formats: Map<string, string>;
  rules: { block: Block; rule: ConditionalRule }[];
  validations: { block: Block; items: readonly string[] }[];
  charts: ChartSpec[];
  /** Cell notes by cell; they move with their cell and go when it is deleted, as Excel's do. */
  notes: Map<string, string>;
  layout: SheetLayout | null;
}

interface Table {
  name: string;
  sheet: string;
  /** The whole table: header row, body and, when shown, the totals row (Excel's table.getRange()). */
  block: Block;
  totalsRow: boolean;
}

const key = (row: number, column: number): string => `${row},${column}`;

/** Excel's widest column: 255 characters of the default font, about 1,790 points. */
const MAX_COLUMN_WIDTH_POINTS = 1790;

/** Bytes of a JSON payload as UTF-8, without building a buffer. */
function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 ? 2 : 1;
  }
  return bytes;
}

export interface RequestStats {
  /** Requests made through the gateway (each would be one Excel.run). */
  requests: number;
  /** The largest request payload, in bytes (JSON estimate). */
  maxPayloadBytes: number;
  /** Formula cells entered, by a write or by Excel filling a calculated column: each is one calculation. */
  calculatedCells: number;
}

/**
 * An in-memory workbook that follows Excel's rules where the add-in relies on them:
 * writes must match their block's shape, null leaves a cell alone and "" clears it, text is
 * read as a person typing it would be (a leading apostrophe keeps text as text), requests over
 * 5 MB and reads over 5,000,000 cells fail as they do in Excel on the web, table headers are
 * unique, conditional formats are evaluated to a fill colour per cell.
 */
export class MemoryWorkbook implements WorkbookGateway {
  private readonly sheets = new Map<string, Sheet>();
  private readonly tableMap = new Map<string, Table>();
  private readonly nameMap = new Map<string, NamedItem & { comment: string }>();
  private readonly xml = new Map<string, string>();
  private readonly changeListeners = new Set<{ sheet: string; listener: (c: SheetChange) => void }>();
  private readonly selectionListeners = new Set<(s: SelectionInfo) => void>();
  private current: SelectionInfo = { sheet: '', address: 'A1' };
  readonly stats: RequestStats = { requests: 0, maxPayloadBytes: 0, calculatedCells: 0 };
  /**
   * Excel's AutoCorrect option "Fill formulas in tables to create calculated columns" (on by
   * default): a formula entered into a table column whose other cells are empty or hold that
   * formula is filled into every row of the column (office-js#2093, #5909), also when an add-in
   * writes it.
   */
  calculatedColumns = true;
  /** Cell notes came with ExcelApi 1.18; false plays an older Excel. */
  notes = true;
  /** When set, every request's payload size is recorded here too. */
  payloads: number[] | null = null;

  constructor(readonly payloadLimit: number = PAYLOAD_LIMIT_BYTES) {}

  // ------------------------------------------------------------------ test and preview helpers

  /** Adds a sheet without counting a request (setting up a scenario). */
  seedSheet(name: string, rows: readonly (readonly WriteCell[])[] = []): void {
    this.sheetOrAdd(name);
    if (rows.length > 0) this.writeBlock(this.sheet(name), { row: 0, column: 0, rows: rows.length, columns: rows[0]?.length ?? 0 }, rows, 'values');
    if (this.current.sheet === '') this.current = { sheet: name, address: 'A1' };
  }

  /** A table as a person made it; with `totalsRow`, the address's last row is the table's totals row. */
  seedTable(sheet: string, address: string, name: string, options: { totalsRow?: boolean } = {}): void {
    this.createTable(sheet, address, name).totalsRow = options.totalsRow ?? false;
  }

  /** A note a person wrote on a cell (Review > Notes > New Note); no request is counted. */
  userNote(sheet: string, address: string, text: string): void {
    const { row, column } = parseAddress(address);
    this.sheet(sheet).notes.set(key(row, column), text);
  }

  /** The note on a cell, or null. */
  noteAt(sheet: string, address: string): string | null {
    const { row, column } = parseAddress(address);
    return this.sheet(sheet).notes.get(key(row, column)) ?? null;
  }

  /** Every note of a sheet, by A1 address. */
  notesOf(sheet: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.sheet(sheet).notes) {
      const [r = 0, c = 0] = k.split(',').map(Number);
      out[formatAddress({ row: r, column: c, rows: 1, columns: 1 })] = v;
    }
    return out;
  }

  /** A person typing into cells: written as values, change events fire, no request is counted. */
  userEdit(sheet: string, address: string, values: readonly (readonly WriteCell[])[]): void {
    this.writeBlock(this.sheet(sheet), parseAddress(address), values, 'values');
    this.emitChange(sheet, address);
  }

  /** A person renaming a table in Excel's Table Design tab. */
  userRenameTable(name: string, newName: string): void {
    const t = this.table(name);
    this.tableMap.delete(name.toLowerCase());
    t.name = newName;
    this.tableMap.set(newName.toLowerCase(), t);
  }

  /** A person moving a whole table (cut and paste): its cells, formulas and formats go to the new top-left cell. */
  userMoveTable(name: string, topLeft: string): void {
    const t = this.table(name);
    const s = this.sheet(t.sheet);
    const to = parseAddress(topLeft);
    const from = t.block;
    const moved: { row: number; column: number; value: Stored | undefined; formula: string | undefined; format: string | undefined }[] = [];
    for (let r = 0; r < from.rows; r++) {
      for (let c = 0; c < from.columns; c++) {
        const k = key(from.row + r, from.column + c);
        moved.push({ row: to.row + r, column: to.column + c, value: s.values[from.row + r]?.[from.column + c], formula: s.formulas.get(k), format: s.formats.get(k) });
        this.setCell(s, from.row + r, from.column + c, undefined);
        s.formats.delete(k);
      }
    }
    for (const m of moved) {
      this.setCell(s, m.row, m.column, m.value);
      if (m.formula !== undefined) s.formulas.set(key(m.row, m.column), m.formula);
      if (m.format !== undefined) s.formats.set(key(m.row, m.column), m.format);
    }
    t.block = { ...from, row: to.row, column: to.column };
    this.emitChange(t.sheet, formatAddress(t.block));
  }

  /** A person selecting cells: selection events fire. */
  select(sheet: string, address: string): void {
    this.sheet(sheet);
    this.current = { sheet, address };
    for (const l of this.selectionListeners) l(this.current);
  }

  /** The fill colour conditional formatting gives a cell, or null. */
  fillAt(sheet: string, address: string): string | null {
    const s = this.sheet(sheet);
    const { row, column } = parseAddress(address);
    const value = s.values[row]?.[column];
    for (const { block, rule } of s.rules) {
      if (contains(block, { row, column, rows: 1, columns: 1 }) && ruleMatches(rule, value)) return rule.fill;
    }
    return null;
  }

  validationAt(sheet: string, address: string): readonly string[] | null {
    const cell = { ...parseAddress(address), rows: 1, columns: 1 };
    return this.sheet(sheet).validations.find((v) => contains(v.block, cell))?.items ?? null;
  }

  /** The charts on a sheet, in the order they were added. */
  chartsOn(sheet: string): readonly ChartSpec[] {
    return [...this.sheet(sheet).charts];
  }

  /** The sheet's layout as last set (column widths, bold, wrapping, frozen rows, print settings), or null. */
  layoutOf(sheet: string): SheetLayout | null {
    return this.sheet(sheet).layout;
  }

  numberFormatAt(sheet: string, address: string): string {
    const { row, column } = parseAddress(address);
    return this.sheet(sheet).formats.get(key(row, column)) ?? 'General';
  }

  /** Everything a person could see or that travels with the file, for before/after comparisons. */
  snapshot(): unknown {
    const sheets = [...this.sheets.values()].map((s) => ({
      name: s.name,
      values: s.values.map((r) => (r === undefined ? [] : [...r].map((v) => v ?? ''))),
      formulas: [...s.formulas].sort(),
      formats: [...s.formats].sort(),
      rules: s.rules.map((r) => ({ address: formatAddress(r.block), rule: r.rule })),
      validations: s.validations.map((v) => ({ address: formatAddress(v.block), items: v.items })),
      charts: [...s.charts],
      notes: [...s.notes].sort(),
      layout: s.layout,
    }));
    return {
      sheets,
      tables: [...this.tableMap.values()].map((t) => ({ ...t, address: formatAddress(t.block) })),
      names: [...this.nameMap.values()],
      xml: [...this.xml],
    };
  }

  // ------------------------------------------------------------------ the gateway

  async goTo(sheet: string, address: string): Promise<void> {
    this.request('goTo', sheet, address);
    parseAddress(address);
    this.select(sheet, address);
  }

  async selection(): Promise<SelectionInfo> {
    this.request('selection');
    return this.current;
  }

  async sheetNames(): Promise<string[]> {
    this.request('sheetNames');
    return [...this.sheets.keys()];
  }

  async tables(): Promise<TableInfo[]> {
    this.request('tables');
    return [...this.tableMap.values()].map((t) => this.info(t));
  }

  async readValues(sheet: string, address: string): Promise<CellValue[][]> {
    this.request('readValues', sheet, address);
    const s = this.sheet(sheet);
    const b = this.readable(address);
    const out: CellValue[][] = [];
    for (let r = 0; r < b.rows; r++) {
      const src = s.values[b.row + r];
      const row: CellValue[] = new Array<CellValue>(b.columns);
      for (let c = 0; c < b.columns; c++) row[c] = src?.[b.column + c] ?? '';
      out.push(row);
    }
    this.response(out);
    return out;
  }

  async readFormulas(sheet: string, address: string): Promise<WriteCell[][]> {
    this.request('readFormulas', sheet, address);
    const s = this.sheet(sheet);
    const b = this.readable(address);
    const out: WriteCell[][] = [];
    for (let r = 0; r < b.rows; r++) {
      const row: WriteCell[] = [];
      for (let c = 0; c < b.columns; c++) row.push(s.formulas.get(key(b.row + r, b.column + c)) ?? s.values[b.row + r]?.[b.column + c] ?? '');
      out.push(row);
    }
    this.response(out);
    return out;
  }

  async usedRange(sheet: string): Promise<string | null> {
    this.request('usedRange', sheet);
    const b = this.used(this.sheet(sheet));
    return b === null ? null : formatAddress(b);
  }

  async surroundingRegion(sheet: string, address: string): Promise<string> {
    this.request('surroundingRegion', sheet, address);
    const s = this.sheet(sheet);
    let b = parseAddress(address);
    const filled = (r: number, c: number): boolean => r >= 0 && c >= 0 && s.values[r]?.[c] !== undefined;
    // Grow while any cell just outside the block (including diagonals) holds something.
    for (let grew = true; grew; ) {
      grew = false;
      const top = b.row - 1;
      const bottom = b.row + b.rows;
      const left = b.column - 1;
      const right = b.column + b.columns;
      const rowHas = (r: number): boolean => {
        for (let c = Math.max(left, 0); c <= right; c++) if (filled(r, c)) return true;
        return false;
      };
      const colHas = (c: number): boolean => {
        for (let r = Math.max(top, 0); r <= bottom; r++) if (filled(r, c)) return true;
        return false;
      };
      if (top >= 0 && rowHas(top)) { b = { ...b, row: top, rows: b.rows + 1 }; grew = true; }
      if (rowHas(bottom)) { b = { ...b, rows: b.rows + 1 }; grew = true; }
      if (left >= 0 && colHas(left)) { b = { ...b, column: left, columns: b.columns + 1 }; grew = true; }
      if (colHas(right)) { b = { ...b, columns: b.columns + 1 }; grew = true; }
    }
    return formatAddress(b);
  }

  async write(blocks: readonly CellBlockWrite[]): Promise<void> {
    this.request('write', blocks);
    const touched = new Map<string, string>();
    for (const w of blocks) {
      const s = this.sheet(w.sheet);
      const b = parseAddress(w.address);
      if (w.values !== undefined) this.writeBlock(s, b, w.values, 'values');
      if (w.formulas !== undefined) {
        this.writeBlock(s, b, w.formulas, 'formulas');
        this.fillCalculatedColumns(s, b);
      }
      if (w.numberFormat !== undefined) this.writeBlock(s, b, w.numberFormat, 'numberFormat');
      touched.set(w.sheet, w.address);
    }
    for (const [sheet, address] of touched) this.emitChange(sheet, address);
  }

  async setNumberFormats(sheet: string, address: string, formats: readonly string[]): Promise<void> {
    this.request('setNumberFormats', sheet, address, formats);
    const b = parseAddress(address);
    this.writeBlock(this.sheet(sheet), b, Array.from({ length: b.rows }, () => formats), 'numberFormat');
  }

  async fillFormulas(sheet: string, address: string, formulas: readonly string[]): Promise<void> {
    this.request('fillFormulas', sheet, address, formulas);
    const s = this.sheet(sheet);
    const b = parseAddress(address);
    const first = { ...b, rows: 1 };
    this.writeBlock(s, first, [formulas], 'formulas');
    this.fillCalculatedColumns(s, first);
    const rest = { ...b, row: b.row + 1, rows: b.rows - 1 };
    if (rest.rows === 0) return;
    const unfilled = formulas.some((f, c) => s.formulas.get(key(rest.row + rest.rows - 1, b.column + c)) !== f);
    if (!unfilled) return;
    this.writeBlock(s, rest, Array.from({ length: rest.rows }, () => formulas), 'formulas');
    for (let i = 0; i < rest.rows * rest.columns; i++) this.stats.calculatedCells++;
    this.emitChange(sheet, address);
  }

  async addSheet(name: string): Promise<void> {
    this.request('addSheet', name);
    if (this.findSheet(name) !== undefined) throw new GatewayError('ItemAlreadyExists', `A sheet named '${name}' already exists.`);
    this.sheetOrAdd(name);
  }

  async deleteSheet(name: string): Promise<void> {
    this.request('deleteSheet', name);
    const s = this.sheet(name);
    this.sheets.delete(s.name);
    for (const [k, t] of this.tableMap) if (t.sheet === s.name) this.tableMap.delete(k);
  }

  async addTable(sheet: string, address: string, name: string | null): Promise<TableInfo> {
    this.request('addTable', sheet, address, name);
    return this.info(this.createTable(sheet, address, name));
  }

  async resizeTable(table: string, address: string): Promise<void> {
    this.request('resizeTable', table, address);
    const t = this.table(table);
    const b = parseAddress(address);
    if (b.row !== t.block.row || b.column !== t.block.column) throw new GatewayError('InvalidArgument', 'The header row must stay where it is.');
    if (b.rows < 2) throw new GatewayError('InvalidArgument', 'A table keeps at least one data row.');
    t.block = b;
    this.uniqueHeaders(t);
  }

  async addTableColumns(table: string, headers: readonly string[]): Promise<void> {
    this.request('addTableColumns', table, headers);
    const t = this.table(table);
    const s = this.sheet(t.sheet);
    for (const header of headers) {
      const at = t.block.column + t.block.columns;
      this.shiftColumns(s, t.block.row, t.block.rows, at, 1);
      t.block = { ...t.block, columns: t.block.columns + 1 };
      this.setCell(s, t.block.row, at, header);
      // As in Excel, a new column takes its left neighbour's formats (a date column's too).
      for (let r = t.block.row + 1; r < t.block.row + t.block.rows; r++) {
        const inherited = s.formats.get(key(r, at - 1));
        if (inherited !== undefined) s.formats.set(key(r, at), inherited);
      }
      this.uniqueHeaders(t);
    }
  }

  async deleteTableColumns(table: string, headers: readonly string[]): Promise<void> {
    this.request('deleteTableColumns', table, headers);
    const t = this.table(table);
    const s = this.sheet(t.sheet);
    for (const header of headers) {
      const i = this.headersOf(t).findIndex((h) => h.toLowerCase() === header.toLowerCase());
      if (i < 0) throw new GatewayError('ItemNotFound', `The table '${t.name}' has no column '${header}'.`);
      if (t.block.columns === 1) throw new GatewayError('InvalidOperation', 'A table keeps at least one column.');
      this.shiftColumns(s, t.block.row, t.block.rows, t.block.column + i + 1, -1);
      t.block = { ...t.block, columns: t.block.columns - 1 };
    }
  }

  async names(): Promise<NamedItem[]> {
    this.request('names');
    return [...this.nameMap.values()].map(({ name, formula }) => ({ name, formula }));
  }

  async setName(name: string, formula: string, comment: string): Promise<void> {
    this.request('setName', name, formula, comment);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) throw new GatewayError('InvalidArgument', `'${name}' is not a valid name.`);
    this.nameMap.set(name.toLowerCase(), { name, formula, comment });
  }

  async deleteName(name: string): Promise<void> {
    this.request('deleteName', name);
    if (!this.nameMap.delete(name.toLowerCase())) throw new GatewayError('ItemNotFound', `There is no name '${name}'.`);
  }

  async addConditionalFormats(sheet: string, address: string, rules: readonly ConditionalRule[]): Promise<void> {
    this.request('addConditionalFormats', sheet, address, rules);
    const s = this.sheet(sheet);
    const block = parseAddress(address);
    for (const rule of rules) s.rules.push({ block, rule });
  }

  async countConditionalFormats(sheet: string, address: string): Promise<number> {
    this.request('countConditionalFormats', sheet, address);
    const b = parseAddress(address);
    return this.sheet(sheet).rules.filter((r) => intersects(r.block, b)).length;
  }

  async clearConditionalFormats(sheet: string, address: string): Promise<void> {
    this.request('clearConditionalFormats', sheet, address);
    const s = this.sheet(sheet);
    const b = parseAddress(address);
    // Excel clears the rules' cells inside the block; a rule wholly inside goes away.
    s.rules = s.rules.filter((r) => !contains(b, r.block));
  }

  async setListValidation(sheet: string, address: string, items: readonly string[]): Promise<void> {
    this.request('setListValidation', sheet, address, items);
    const source = items.join(',');
    if (source.length > 255) throw new GatewayError('InvalidArgument', 'A list validation source is at most 255 characters.');
    const s = this.sheet(sheet);
    const block = parseAddress(address);
    s.validations = s.validations.filter((v) => !contains(block, v.block));
    s.validations.push({ block, items: [...items] });
  }

  async addCharts(sheet: string, charts: readonly ChartSpec[]): Promise<void> {
    this.request('addCharts', sheet, charts);
    const s = this.sheet(sheet);
    for (const c of charts) {
      // As Excel: a source or position that is not an address is refused.
      parseAddress(c.source);
      parseAddress(c.position);
      s.charts.push({ ...c });
    }
  }

  notesSupported(): boolean {
    return this.notes;
  }

  async writeNote(sheet: string, cell: string, text: string, replacing: string | null): Promise<boolean> {
    this.request('writeNote', sheet, cell, text, replacing);
    if (!this.notes) throw new GatewayError('InvalidOperation', 'This Excel has no notes API (ExcelApi 1.18).');
    const b = parseAddress(cell);
    if (b.rows !== 1 || b.columns !== 1) throw new GatewayError('InvalidArgument', 'A note goes on one cell.');
    const s = this.sheet(sheet);
    const existing = s.notes.get(key(b.row, b.column));
    if (existing !== undefined && existing !== replacing) return false;
    s.notes.set(key(b.row, b.column), text);
    return true;
  }

  async readNote(sheet: string, cell: string): Promise<string | null> {
    this.request('readNote', sheet, cell);
    if (!this.notes) throw new GatewayError('InvalidOperation', 'This Excel has no notes API (ExcelApi 1.18).');
    const { row, column } = parseAddress(cell);
    return this.sheet(sheet).notes.get(key(row, column)) ?? null;
  }

  async layoutSheet(sheet: string, layout: SheetLayout): Promise<void> {
    this.request('layoutSheet', sheet, layout);
    const s = this.sheet(sheet);
    // As Excel: an address that is not one is refused, and so are widths and scales it does not take.
    for (const a of [...layout.bold, ...layout.wrap]) parseAddress(a);
    for (const w of layout.columnWidths) {
      if (!(Number.isFinite(w) && w >= 0 && w <= MAX_COLUMN_WIDTH_POINTS)) throw new GatewayError('InvalidArgument', `A column width of ${w} points is not between 0 and ${MAX_COLUMN_WIDTH_POINTS}.`);
    }
    if (!(Number.isInteger(layout.freezeRows) && layout.freezeRows >= 0)) throw new GatewayError('InvalidArgument', `Cannot freeze ${layout.freezeRows} rows.`);
    const p = layout.print;
    if (p !== null) {
      parseAddress(p.area);
      if (p.titleRows !== null && !/^\$?\d+:\$?\d+$/.test(p.titleRows)) throw new GatewayError('InvalidArgument', `'${p.titleRows}' is not a row range such as $3:$3.`);
      if (!(Number.isInteger(p.pagesWide) && p.pagesWide >= 1 && p.pagesWide <= 32_767)) throw new GatewayError('InvalidArgument', `Cannot fit to ${p.pagesWide} pages wide.`);
      // Excel keeps at most 255 characters in a header or footer.
      if (p.footer.length > 255) throw new GatewayError('InvalidArgument', 'A footer is at most 255 characters.');
    }
    s.layout = { ...layout, columnWidths: [...layout.columnWidths], bold: [...layout.bold], wrap: [...layout.wrap] };
  }

  async readCustomXml(namespace: string): Promise<string | null> {
    this.request('readCustomXml', namespace);
    return this.xml.get(namespace) ?? null;
  }

  async writeCustomXml(namespace: string, xml: string | null): Promise<void> {
    this.request('writeCustomXml', namespace, xml);
    if (xml === null) this.xml.delete(namespace);
    else this.xml.set(namespace, xml);
  }

  onChanged(sheet: string, listener: (change: SheetChange) => void): Unsubscribe {
    const entry = { sheet, listener };
    this.changeListeners.add(entry);
    return () => this.changeListeners.delete(entry);
  }

  onSelectionChanged(listener: (selection: SelectionInfo) => void): Unsubscribe {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  // ------------------------------------------------------------------ internals

  private request(...args: unknown[]): void {
    this.stats.requests++;
    const bytes = jsonBytes(args);
    this.payloads?.push(bytes);
    if (bytes > this.stats.maxPayloadBytes) this.stats.maxPayloadBytes = bytes;
    if (bytes > this.payloadLimit) {
      throw new GatewayError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
    }
  }

  private response(value: unknown): void {
    if (jsonBytes(value) > this.payloadLimit) {
      throw new GatewayError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
    }
  }

  private readable(address: string): Block {
    const b = parseAddress(address);
    if (b.rows * b.columns > READ_CELL_LIMIT) {
      throw new GatewayError('InvalidOperation', `Reading ${b.rows * b.columns} cells at once is over Excel's limit of ${READ_CELL_LIMIT}.`);
    }
    return b;
  }

  private emitChange(sheet: string, address: string): void {
    const name = this.sheet(sheet).name;
    for (const { sheet: s, listener } of this.changeListeners) if (s.toLowerCase() === name.toLowerCase()) listener({ sheet: name, address });
  }

  private findSheet(name: string): Sheet | undefined {
    for (const s of this.sheets.values()) if (s.name.toLowerCase() === name.toLowerCase()) return s;
    return undefined;
  }

  private sheet(name: string): Sheet {
    const s = this.findSheet(name);
    if (s === undefined) throw new GatewayError('ItemNotFound', `There is no sheet '${name}'.`);
    return s;
  }

  private sheetOrAdd(name: string): Sheet {
    const found = this.findSheet(name);
    if (found !== undefined) return found;
    const s: Sheet = { name, values: [], formulas: new Map(), formats: new Map(), rules: [], validations: [], charts: [], notes: new Map(), layout: null };
    this.sheets.set(name, s);
    return s;
  }

  private table(name: string): Table {
    const t = this.tableMap.get(name.toLowerCase());
    if (t === undefined) throw new GatewayError('ItemNotFound', `There is no table '${name}'.`);
    return t;
  }

  private headersOf(t: Table): string[] {
    const row = this.sheet(t.sheet).values[t.block.row];
    const out: string[] = [];
    for (let c = 0; c < t.block.columns; c++) {
      const v = row?.[t.block.column + c];
      out.push(v === undefined ? '' : String(v));
    }
    return out;
  }

  private info(t: Table): TableInfo {
    const headerAndBody = t.totalsRow ? { ...t.block, rows: t.block.rows - 1 } : t.block;
    return { name: t.name, sheet: t.sheet, address: formatAddress(headerAndBody), headers: this.headersOf(t) };
  }

  /** Excel gives blank headers a ColumnN name and makes repeated ones unique with a number. */
  private uniqueHeaders(t: Table): void {
    const s = this.sheet(t.sheet);
    const seen = new Set<string>();
    this.headersOf(t).forEach((h, i) => {
      let name = h === '' ? `Column${i + 1}` : h;
      for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${h === '' ? 'Column' : h}${n}`;
      seen.add(name.toLowerCase());
      if (name !== h) this.setCell(s, t.block.row, t.block.column + i, name);
    });
  }

  private createTable(sheet: string, address: string, name: string | null): Table {
    const s = this.sheet(sheet);
    const block = parseAddress(address);
    for (const t of this.tableMap.values()) {
      if (t.sheet === s.name && intersects(t.block, block)) throw new GatewayError('InvalidOperation', `A table can't overlap the table '${t.name}'.`);
    }
    let tableName = name ?? '';
    if (tableName === '') for (let n = 1; tableName === '' || this.tableMap.has(tableName.toLowerCase()); n++) tableName = `Table${n}`;
    if (this.tableMap.has(tableName.toLowerCase())) throw new GatewayError('ItemAlreadyExists', `A table named '${tableName}' already exists.`);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(tableName)) throw new GatewayError('InvalidArgument', `'${tableName}' is not a valid table name.`);
    const t: Table = { name: tableName, sheet: s.name, block, totalsRow: false };
    this.tableMap.set(tableName.toLowerCase(), t);
    this.uniqueHeaders(t);
    return t;
  }

  private setCell(s: Sheet, row: number, column: number, value: Stored | undefined): void {
    const k = key(row, column);
    s.formulas.delete(k);
    if (value === undefined) {
      const r = s.values[row];
      if (r !== undefined) r[column] = undefined;
      return;
    }
    (s.values[row] ??= [])[column] = value;
  }

  private writeBlock(s: Sheet, b: Block, cells: readonly (readonly WriteCell[])[], what: 'values' | 'formulas' | 'numberFormat'): void {
    if (cells.length !== b.rows || cells.some((r) => r.length !== b.columns)) {
      throw new GatewayError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${formatAddress(b)} is ${b.rows} x ${b.columns}).`,
      );
    }
    for (let r = 0; r < b.rows; r++) {
      const row = cells[r] ?? [];
      for (let c = 0; c < b.columns; c++) {
        const v = row[c];
        if (v === null || v === undefined) continue;
        const rr = b.row + r;
        const cc = b.column + c;
        if (what === 'numberFormat') {
          if (v === '' || v === 'General') s.formats.delete(key(rr, cc));
          else s.formats.set(key(rr, cc), String(v));
          continue;
        }
        if (typeof v === 'string' && v.startsWith('=') && v.length > 1) {
          this.setCell(s, rr, cc, '');
          s.formulas.set(key(rr, cc), v);
          continue;
        }
        const text = s.formats.get(key(rr, cc)) === '@';
        this.setCell(s, rr, cc, typeof v === 'string' ? typedValue(v, text) : v);
      }
    }
  }

  /**
   * Excel's calculated columns: where a write put one formula into a table column's body and
   * every other body cell of that column is empty or holds that formula, the formula fills the
   * whole body, and every cell of it is calculated again.
   */
  private fillCalculatedColumns(s: Sheet, written: Block): void {
    for (let r = 0; r < written.rows; r++) for (let c = 0; c < written.columns; c++) if (s.formulas.has(key(written.row + r, written.column + c))) this.stats.calculatedCells++;
    if (!this.calculatedColumns) return;
    for (const t of this.tableMap.values()) {
      if (t.sheet !== s.name) continue;
      const bodyTop = t.block.row + 1;
      const bodyRows = t.block.rows - 1 - (t.totalsRow ? 1 : 0);
      if (written.row + written.rows <= bodyTop || written.row >= bodyTop + bodyRows) continue;
      for (let column = Math.max(written.column, t.block.column); column < Math.min(written.column + written.columns, t.block.column + t.block.columns); column++) {
        const entered = new Set<string>();
        for (let r = Math.max(written.row, bodyTop); r < Math.min(written.row + written.rows, bodyTop + bodyRows); r++) entered.add(s.formulas.get(key(r, column)) ?? '');
        const [formula] = entered;
        if (entered.size !== 1 || formula === undefined || formula === '') continue;
        let fits = true;
        for (let r = bodyTop; r < bodyTop + bodyRows && fits; r++) {
          const inWrite = r >= written.row && r < written.row + written.rows;
          if (!inWrite && !(s.formulas.get(key(r, column)) === formula || (s.values[r]?.[column] === undefined && !s.formulas.has(key(r, column))))) fits = false;
        }
        if (!fits) continue;
        for (let r = bodyTop; r < bodyTop + bodyRows; r++) {
          if (r >= written.row && r < written.row + written.rows) continue;
          this.setCell(s, r, column, '');
          s.formulas.set(key(r, column), formula);
          this.stats.calculatedCells++;
        }
      }
    }
  }

  private used(s: Sheet): Block | null {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    s.values.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (v === undefined) return;
        if (top < 0) top = r;
        bottom = r;
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    for (const k of s.formulas.keys()) {
      const [r = 0, c = 0] = k.split(',').map(Number);
      if (top < 0 || r < top) top = r;
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
    if (top < 0) return null;
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Moves the cells of rows [row, row+rows) from column `from` on by `by` columns, with formulas, formats, rules and validations. */
  private shiftColumns(s: Sheet, row: number, rows: number, from: number, by: number): void {
    const moveMap = (m: Map<string, string>): void => {
      const moved: [string, string][] = [];
      for (const [k, v] of m) {
        const [r = 0, c = 0] = k.split(',').map(Number);
        if (r < row || r >= row + rows) continue;
        if (by < 0 && c === from + by) m.delete(k);
        else if (c >= from) {
          m.delete(k);
          moved.push([key(r, c + by), v]);
        }
      }
      for (const [k, v] of moved) m.set(k, v);
    };
    for (let r = row; r < row + rows; r++) {
      const values = s.values[r];
      if (values === undefined) continue;
      if (by > 0) values.splice(from, 0, ...new Array<undefined>(by));
      else if (values.length > from + by) values.splice(from + by, -by);
    }
    moveMap(s.formulas);
    moveMap(s.formats);
    moveMap(s.notes);
    const within = (b: Block): boolean => b.row >= row && b.row + b.rows <= row + rows;
    const deleted: Block = { row, rows, column: from + by, columns: -by };
    const shift = <T extends { block: Block }>(list: T[]): T[] =>
      list
        .filter((x) => !(by < 0 && contains(deleted, x.block)))
        .map((x) => (within(x.block) && x.block.column >= from ? { ...x, block: { ...x.block, column: x.block.column + by } } : x));
    s.rules = shift(s.rules);
    s.validations = shift(s.validations);
    for (const t of this.tableMap.values()) {
      if (t.sheet === s.name && t.block.column >= from && within(t.block)) t.block = { ...t.block, column: t.block.column + by };
    }
  }
}

/** How Excel reads typed text: 'x keeps text, numbers and TRUE/FALSE become values, unless the cell is formatted as text. */
function typedValue(v: string, textFormat: boolean): Stored | undefined {
  if (v === '') return undefined;
  if (textFormat) return v;
  if (v.startsWith("'")) return v.slice(1);
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim())) return Number(v);
  const upper = v.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
  return v;
}

function ruleMatches(rule: ConditionalRule, value: Stored | undefined): boolean {
  if (rule.kind === 'textEquals') return typeof value === 'string' && value.toLowerCase() === rule.text.toLowerCase();
  if (rule.kind === 'textContains') return typeof value === 'string' && value.toLowerCase().includes(rule.text.toLowerCase());
  // Excel orders values number < text < logical, so any text (a formula's "" too) or TRUE/FALSE
  // is greater than every number; an empty cell counts as 0.
  if (typeof value === 'string' || typeof value === 'boolean') return rule.operator === 'greaterThanOrEqual';
  const n = value ?? 0;
  switch (rule.operator) {
    case 'greaterThanOrEqual':
      return n >= rule.value;
    case 'lessThan':
      return n < rule.value;
    case 'between':
      return n >= rule.value && n <= (rule.value2 ?? rule.value);
  }
}
