import {
  compile,
  conditionLabel,
  CONDITION_OPS,
  CRITERIA_HEADERS,
  DECAY_CELL,
  GROUP_CELL,
  layoutModelSheet,
  MODEL_SHEET,
  MODEL_SHEET_TITLE,
  MODEL_TABLE_NAMES,
  readModelSheet,
  sheetRef,
  SETTINGS,
  type Band,
  type CellValue,
  type Model,
  type Problem,
} from '../engine';
import { formatAddress, parseAddress, type Block } from '../excel/address';
import { PAYLOAD_LIMIT_BYTES, type CellBlockWrite, type ConditionalRule, type TableInfo, type WorkbookGateway, type WriteCell } from '../excel/gateway';
import { describeColumn } from './columnKinds';
import { challengerTableName, loadChallenger, saveChallenger, writeInsightsSheet } from './insightsWorkbook';
import { asText, headerSpan, thisRowSpan } from './formulaText';
import { OWNERSHIP_NAMESPACE, ownershipFromXml, ownershipToXml, type Ownership } from './ownership';
import type {
  ApplyOptions,
  ApplyResult,
  FindTableResult,
  InsightsReport,
  InsightsWritten,
  LeadTable,
  RemoveResult,
  ScoringSession,
  StoredModel,
  Unsubscribe,
} from './session';

/** The workbook name of the cell holding =LEADSCORE.MODEL(...), which the row formulas read. */
export const MODEL_NAME = 'LeadScoringModel';
/** Where that cell and its label sit on the model sheet: row 2, above the tables. */
export const MODEL_CELL = { label: 'A2', cell: 'B2' } as const;
export const SCORE_COLUMNS = { score: 'Score', band: 'Band', fit: 'Fit', engagement: 'Engagement' } as const;

/** How long cell edits on the model sheet settle before the pane hears of them. */
export const MODEL_EDIT_DEBOUNCE_MS = 300;

/** Requests are kept well under Excel on the web's 5 MB, leaving room for the JSON around the cells. */
const BLOCK_BUDGET_BYTES = Math.floor(PAYLOAD_LIMIT_BYTES * 0.8);

const bytesOf = (value: unknown): number => (JSON.stringify(value) ?? '').length;

export interface WorkbookSessionOptions {
  /** Today, for models without an as-of date (values mode); a parameter so tests are reproducible. */
  readonly today?: () => Date;
  readonly debounceMs?: number;
  /** Request budget per write (default 80% of 5 MB). */
  readonly blockBudgetBytes?: number;
}

/** The pane's view of a workbook, on top of any WorkbookGateway. */
export class WorkbookSession implements ScoringSession {
  private current: TableInfo | null = null;
  /** True while the pane's own save writes the model sheet. */
  private saving = false;
  /** The model as last saved, so the echo of our own save is not reported as an edit. */
  private lastSaved: string | null = null;

  private readonly gateway: WorkbookGateway;
  private requests = 0;

  constructor(
    gateway: WorkbookGateway,
    private readonly options: WorkbookSessionOptions = {},
  ) {
    // Every gateway call is one request to Excel: count them for ApplyResult.requests.
    this.gateway = new Proxy(gateway, {
      get: (target, prop, receiver) => {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (prop !== 'onChanged' && prop !== 'onSelectionChanged') this.requests++;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  // ------------------------------------------------------------------ the lead table

  async findLeadTable(): Promise<FindTableResult> {
    const [selection, tables, owned] = [await this.gateway.selection(), await this.allTables(), await this.ownership()];
    const leadTables = tables.filter((t) => !isModelTable(t.name));
    const cell = parseAddress(selection.address);
    const under = leadTables.find((t) => t.sheet.toLowerCase() === selection.sheet.toLowerCase() && contains(parseAddress(t.address), cell.row, cell.column));
    const chosen = under ?? (selection.sheet === MODEL_SHEET ? leadTables.find((t) => t.name === owned?.table) : undefined);
    if (chosen !== undefined) {
      this.current = chosen;
      return { kind: 'table', table: await this.readTable(chosen, owned) };
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

  async convertRegionToTable(sheet: string, address: string): Promise<LeadTable> {
    const names = new Set((await this.allTables()).map((t) => t.name.toLowerCase()));
    let name = 'Leads';
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `Leads${n}`;
    const info = await this.gateway.addTable(sheet, address, name);
    this.current = info;
    return this.readTable(info, await this.ownership());
  }

  async reloadTable(): Promise<LeadTable> {
    const info = await this.refreshCurrent();
    return this.readTable(info, await this.ownership());
  }

  private async refreshCurrent(): Promise<TableInfo> {
    if (this.current === null) {
      const found = await this.findLeadTable();
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
    const budget = this.options.blockBudgetBytes ?? BLOCK_BUDGET_BYTES;
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

  private async readTable(info: TableInfo, owned: Ownership | null): Promise<LeadTable> {
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
    };
  }

  // ------------------------------------------------------------------ the model sheet

  async loadModel(): Promise<StoredModel> {
    const sheets = await this.gateway.sheetNames();
    const sheet = sheets.find((s) => s.toLowerCase() === MODEL_SHEET.toLowerCase());
    if (sheet === undefined) return { model: null, problems: [] };
    const used = await this.gateway.usedRange(sheet);
    if (used === null) return { model: null, problems: [{ severity: 'error', where: `${MODEL_SHEET} sheet`, message: 'the sheet is empty', hint: 'save a model from the pane to write it again', path: ['cells'] }] };
    const b = parseAddress(used);
    const grid = await this.gateway.readValues(sheet, formatAddress({ row: 0, column: 0, rows: b.row + b.rows, columns: b.column + b.columns }));
    const read = readModelSheet(grid, sheet);
    const from = read.migratedFrom === undefined ? {} : { migratedFrom: read.migratedFrom };
    return read.ok ? { model: read.value, problems: read.warnings, ...from } : { model: null, problems: read.problems, ...from };
  }

  async saveModel(model: Model): Promise<void> {
    const sheets = await this.gateway.sheetNames();
    if (!sheets.some((s) => s.toLowerCase() === MODEL_SHEET.toLowerCase())) await this.gateway.addSheet(MODEL_SHEET);
    const existing = new Map((await this.allTables()).filter((t) => t.sheet === MODEL_SHEET).map((t) => [t.name, t]));
    const placed = layoutModelSheet(model);
    const writes: CellBlockWrite[] = [{ sheet: MODEL_SHEET, address: 'A1', values: [[asText(MODEL_SHEET_TITLE)]] }];
    const after: (() => Promise<void>)[] = [];
    for (const p of placed) {
      // A table keeps at least one data row: an empty one is written as a blank row.
      const cells: WriteCell[][] = p.cells.map((row) => row.map((v) => (typeof v === 'string' ? asText(v) : v)));
      const width = p.cells[0]?.length ?? 1;
      if (cells.length < 2) cells.push(new Array<WriteCell>(width).fill(''));
      const block: Block = { row: p.row, column: p.column, rows: cells.length, columns: width };
      const old = existing.get(p.name);
      if (old !== undefined) {
        const before = parseAddress(old.address);
        // Resize in place rather than re-create: =LEADSCORE.MODEL refers to these tables by name.
        if (before.row !== block.row || before.column !== block.column || before.columns !== block.columns) {
          // Moved or reshaped by hand: clear where it was, then write it where the layout says.
          writes.push({ sheet: MODEL_SHEET, address: old.address, values: blank(before.rows, before.columns) });
        } else if (before.rows > block.rows) {
          writes.push({ sheet: MODEL_SHEET, address: formatAddress({ ...before, row: before.row + block.rows, rows: before.rows - block.rows }), values: blank(before.rows - block.rows, before.columns) });
        }
        await this.gateway.resizeTable(p.name, formatAddress({ ...block, row: before.row, column: before.column, columns: before.columns }));
      } else {
        after.push(async () => {
          await this.gateway.addTable(MODEL_SHEET, formatAddress(block), p.name);
        });
      }
      writes.push({ sheet: MODEL_SHEET, address: formatAddress(block), values: cells });
      after.push(() => this.setDropdowns(p.table, block));
    }
    this.saving = true;
    this.lastSaved = JSON.stringify(model);
    try {
      await this.gateway.write(writes);
      for (const step of after) await step();
    } finally {
      this.saving = false;
    }
  }

  private async setDropdowns(table: 'criteria' | 'bands' | 'settings', block: Block): Promise<void> {
    const column = (header: string, headers: readonly string[]): string =>
      formatAddress({ row: block.row + 1, column: block.column + headers.indexOf(header), rows: block.rows - 1, columns: 1 });
    if (table === 'criteria') {
      const h: readonly string[] = CRITERIA_HEADERS;
      await this.gateway.setListValidation(MODEL_SHEET, column('Group', h), Object.values(GROUP_CELL));
      await this.gateway.setListValidation(MODEL_SHEET, column('Condition', h), CONDITION_OPS.map(conditionLabel));
      await this.gateway.setListValidation(MODEL_SHEET, column('Decay', h), Object.values(DECAY_CELL));
      await this.gateway.setListValidation(MODEL_SHEET, column('Enabled', h), ['TRUE', 'FALSE']);
    } else if (table === 'settings') {
      // The Scale and Date order values sit in the Value column of their own rows.
      const order = Object.values(SETTINGS) as string[];
      const valueColumn = block.column + 1;
      const at = (label: string): string => formatAddress({ row: block.row + 1 + order.indexOf(label), column: valueColumn, rows: 1, columns: 1 });
      await this.gateway.setListValidation(MODEL_SHEET, at(SETTINGS.scale), ['points', '0-100']);
      await this.gateway.setListValidation(MODEL_SHEET, at(SETTINGS.dateOrder), ['MDY', 'DMY']);
    }
    // Bands take any name and colour: no dropdowns.
  }

  // ------------------------------------------------------------------ apply and remove

  async apply(model: Model, options: ApplyOptions): Promise<ApplyResult> {
    const start = this.requestCount();
    let info: TableInfo;
    try {
      info = await this.refreshCurrent();
    } catch (e) {
      return { kind: 'invalid', problems: [problem(e instanceof Error ? e.message : String(e))] };
    }
    const owned = await this.ownership();
    const ownedHere = this.ownedColumnsOf(info, owned);
    const has = (list: readonly string[], h: string): boolean => list.some((x) => x.toLowerCase() === h.toLowerCase());
    const wanted: string[] = [SCORE_COLUMNS.score, SCORE_COLUMNS.band, ...(options.subScores ? [SCORE_COLUMNS.fit, SCORE_COLUMNS.engagement] : [])];

    const conflicts = info.headers.filter((h) => has(wanted, h) && !has(ownedHere, h) && !has(options.allowOverwrite ?? [], h));
    if (conflicts.length > 0) {
      return {
        kind: 'conflict',
        columns: conflicts,
        message: `The table '${info.name}' already has ${conflicts.length === 1 ? 'a column' : 'columns'} ${conflicts.map((c) => `'${c}'`).join(', ')} that scoring did not add. Overwrite ${conflicts.length === 1 ? 'it' : 'them'}?`,
      };
    }
    const leadHeaders = info.headers.filter((h) => !has(ownedHere, h) && !has(wanted, h));
    const compiled = compile(model, leadHeaders, { today: this.options.today?.() ?? new Date() });
    if (!compiled.ok) return { kind: 'invalid', problems: compiled.problems };
    if (leadHeaders.length === 0) return { kind: 'invalid', problems: [problem('the lead table has no columns besides the scoring columns')] };

    // One scored table per workbook (there is one model cell, over one table's headers): scoring
    // another table first removes what Apply added to the previous one.
    if (owned !== null && ownedHere.length === 0 && owned.table !== info.name) {
      await this.removeScoring();
      info = await this.refreshCurrent();
    }
    // Our old columns and the ones the user agreed to overwrite go; fresh ones are added at the
    // right, so the lead columns stay one contiguous span for the row formulas.
    const replace = info.headers.filter((h) => has(ownedHere, h) || has(wanted, h));
    if (replace.length > 0) await this.gateway.deleteTableColumns(info.name, replace);
    await this.gateway.addTableColumns(info.name, wanted);
    info = await this.refreshCurrent();
    const block = parseAddress(info.address);
    const rowCount = block.rows - 1;
    const firstOwned = block.column + block.columns - wanted.length;

    // The record goes in before anything else is created, so an Apply cut short (a closed
    // workbook, a lost connection) still leaves every added column, name and cell owned.
    const formulas = options.mode === 'formulas';
    const cells = formulas ? [{ sheet: MODEL_SHEET, address: `${MODEL_CELL.label}:${MODEL_CELL.cell}` }] : [];
    const names = formulas ? [MODEL_NAME] : [];
    await this.gateway.writeCustomXml(OWNERSHIP_NAMESPACE, ownershipToXml({ table: info.name, columns: wanted, names: [...new Set([...names, ...(owned?.names ?? [])])], cells: uniqueCells([...cells, ...(owned?.cells ?? [])]), mode: options.mode }));
    if (!formulas && owned !== null) await this.removeNamesAndCells(owned);

    await this.saveModel(model);
    let columns: (row: number) => WriteCell[];
    let what: 'values' | 'formulas';
    if (formulas) {
      const first = leadHeaders[0] ?? '';
      const last = leadHeaders[leadHeaders.length - 1] ?? '';
      const modelFormula = `=LEADSCORE.MODEL(${MODEL_TABLE_NAMES.criteria}[#All],${MODEL_TABLE_NAMES.bands}[#All],${MODEL_TABLE_NAMES.settings}[#All],${headerSpan(info.name, first, last)})`;
      await this.gateway.write([
        { sheet: MODEL_SHEET, address: MODEL_CELL.label, values: [['Scoring model (added by Apply; the Score and Band formulas read it)']] },
        { sheet: MODEL_SHEET, address: MODEL_CELL.cell, formulas: [[modelFormula]] },
      ]);
      await this.gateway.setName(MODEL_NAME, `=${sheetRef(MODEL_SHEET)}!$B$2`, 'Lead scoring model, added by the Lead Scoring add-in');
      const span = thisRowSpan(info.name, first, last);
      const fn: Record<string, string> = { Score: 'SCORE', Band: 'BAND', Fit: 'FIT', Engagement: 'ENGAGEMENT' };
      const row = wanted.map((h) => `=LEADSCORE.${fn[h] ?? 'SCORE'}(${MODEL_NAME},${span})`);
      columns = () => row;
      what = 'formulas';
    } else {
      const body = (await this.readTable(info, { table: info.name, columns: wanted, names: [], cells: [], mode: 'values' })).rows;
      const scored = compiled.value.scoreRows(body);
      const bands = compiled.value.bands;
      const round = (n: number): number => Math.round(n * 100) / 100;
      columns = (r) => {
        const out: WriteCell[] = [round(scored.scores[r] ?? 0), asText(bands[scored.bandIndex[r] ?? 0]?.name ?? '')];
        if (options.subScores) out.push(round(scored.fit[r] ?? 0), round(scored.engagement[r] ?? 0));
        return out;
      };
      what = 'values';
    }
    await this.writeRows(info.sheet, block.row + 1, firstOwned, rowCount, wanted.length, columns, what);

    // Band colours: plain conditional formats on plain cells.
    const scoreAddress = formatAddress({ row: block.row + 1, column: firstOwned, rows: rowCount, columns: 1 });
    const bandAddress = formatAddress({ row: block.row + 1, column: firstOwned + 1, rows: rowCount, columns: 1 });
    await this.gateway.addConditionalFormats(info.sheet, bandAddress, bandTextRules(compiled.value.bands));
    await this.gateway.addConditionalFormats(info.sheet, scoreAddress, scoreRules(compiled.value.bands));

    await this.gateway.writeCustomXml(OWNERSHIP_NAMESPACE, ownershipToXml({ table: info.name, columns: wanted, names, cells, mode: options.mode }));
    return { kind: 'applied', rows: rowCount, columns: wanted, requests: this.requestCount() - start };
  }

  /** Writes rows in blocks, each request under the payload budget. */
  private async writeRows(sheet: string, row: number, column: number, rows: number, columns: number, cellsOf: (r: number) => WriteCell[], what: 'values' | 'formulas'): Promise<void> {
    const budget = this.options.blockBudgetBytes ?? BLOCK_BUDGET_BYTES;
    let perRow = 1;
    for (let r = 0; r < Math.min(rows, 50); r++) perRow = Math.max(perRow, bytesOf(cellsOf(r)) + 1);
    // Leave a margin for rows longer than the ones measured (long band names, bigger numbers).
    const step = Math.max(1, Math.floor(budget / (perRow * 1.5)));
    for (let r = 0; r < rows; r += step) {
      const n = Math.min(step, rows - r);
      const cells: WriteCell[][] = [];
      for (let i = 0; i < n; i++) cells.push(cellsOf(r + i));
      const address = formatAddress({ row: row + r, column, rows: n, columns });
      await this.gateway.write([what === 'values' ? { sheet, address, values: cells } : { sheet, address, formulas: cells }]);
    }
  }

  async removeScoring(): Promise<RemoveResult> {
    const owned = await this.ownership();
    if (owned === null) return { columns: [], rules: 0 };
    const table = (await this.allTables()).find((t) => this.ownedColumnsOf(t, owned).length > 0);
    let rules = 0;
    const removed: string[] = [];
    if (table !== undefined) {
      const b = parseAddress(table.address);
      const present = owned.columns.filter((c) => table.headers.some((h) => h.toLowerCase() === c.toLowerCase()));
      for (const c of present) {
        const i = table.headers.findIndex((h) => h.toLowerCase() === c.toLowerCase());
        rules += await this.gateway.countConditionalFormats(table.sheet, formatAddress({ row: b.row, column: b.column + i, rows: b.rows, columns: 1 }));
      }
      if (present.length > 0) await this.gateway.deleteTableColumns(table.name, present);
      removed.push(...present);
    }
    await this.removeNamesAndCells(owned);
    await this.gateway.writeCustomXml(OWNERSHIP_NAMESPACE, null);
    return { columns: removed, rules };
  }

  /** Deletes the names and clears the cells a record lists (those still there). */
  private async removeNamesAndCells(owned: Ownership): Promise<void> {
    const existingNames = new Set((await this.gateway.names()).map((n) => n.name.toLowerCase()));
    for (const n of owned.names) if (existingNames.has(n.toLowerCase())) await this.gateway.deleteName(n);
    const sheets = new Set((await this.gateway.sheetNames()).map((s) => s.toLowerCase()));
    const clears = owned.cells.filter((c) => sheets.has(c.sheet.toLowerCase())).map((c) => {
      const b = parseAddress(c.address);
      return { sheet: c.sheet, address: c.address, values: blank(b.rows, b.columns) };
    });
    if (clears.length > 0) await this.gateway.write(clears);
  }

  // ------------------------------------------------------------------ insights

  writeInsights(report: InsightsReport): Promise<InsightsWritten> {
    return writeInsightsSheet(this.gateway, report);
  }

  saveChallenger(model: Model): Promise<void> {
    return saveChallenger(this.gateway, model);
  }

  loadChallenger(): Promise<StoredModel> {
    return loadChallenger(this.gateway);
  }

  // ------------------------------------------------------------------ events

  onModelEdited(listener: (stored: StoredModel) => void): Unsubscribe {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = this.gateway.onChanged(MODEL_SHEET, () => {
      if (this.saving) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void this.loadModel().then(
          (stored) => {
            // Office reports our own writes too, after they land: skip what we just saved.
            if (stored.model !== null && stored.problems.length === 0 && JSON.stringify(stored.model) === this.lastSaved) return;
            listener(stored);
          },
          (e: unknown) => listener({ model: null, problems: [problem(`the model sheet could not be read: ${String(e)}`)] }),
        );
      }, this.debounceMs());
    });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      off();
    };
  }

  onSelectedRowChanged(listener: (row: number | null) => void): Unsubscribe {
    let last: number | null | undefined;
    return this.gateway.onSelectionChanged((sel) => {
      const t = this.current;
      let row: number | null = null;
      if (t !== null && sel.sheet.toLowerCase() === t.sheet.toLowerCase()) {
        const b = parseAddress(t.address);
        const cell = parseAddress(sel.address);
        if (cell.row > b.row && cell.row < b.row + b.rows && cell.column >= b.column && cell.column < b.column + b.columns) row = cell.row - b.row - 1;
      }
      if (row === last) return;
      last = row;
      listener(row);
    });
  }

  // ------------------------------------------------------------------ internals

  private debounceMs(): number {
    return this.options.debounceMs ?? MODEL_EDIT_DEBOUNCE_MS;
  }

  /** Every table, remembered for telling a renamed lead table (see ownedColumnsOf). */
  private knownTables: readonly TableInfo[] = [];
  private async allTables(): Promise<TableInfo[]> {
    const tables = await this.gateway.tables();
    this.knownTables = tables;
    return tables;
  }

  private ownedColumnsOf(info: TableInfo, owned: Ownership | null): readonly string[] {
    return ownedColumnsOf(info, owned, !this.knownTables.some((t) => t.name === owned?.table));
  }

  private async ownership(): Promise<Ownership | null> {
    return ownershipFromXml(await this.gateway.readCustomXml(OWNERSHIP_NAMESPACE));
  }

  private requestCount(): number {
    return this.requests;
  }
}

/**
 * The columns Apply added to this table: by the recorded table name, or, when no table has that
 * name any more (renamed since), when the recorded columns are still its last ones (Apply always
 * adds them at the right).
 */
function ownedColumnsOf(info: TableInfo, owned: Ownership | null, recordedTableGone: boolean): readonly string[] {
  if (owned === null || owned.columns.length === 0) return [];
  if (owned.table === info.name) return owned.columns;
  if (!recordedTableGone) return [];
  const tail = info.headers.slice(-owned.columns.length).map((h) => h.toLowerCase());
  return owned.columns.every((c, i) => tail[i] === c.toLowerCase()) ? owned.columns : [];
}

function uniqueCells(cells: readonly { sheet: string; address: string }[]): { sheet: string; address: string }[] {
  const seen = new Set<string>();
  return cells.filter((c) => {
    const k = `${c.sheet.toLowerCase()}!${c.address}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const isModelTable = (name: string): boolean =>
  Object.values(MODEL_TABLE_NAMES).some((n) => n.toLowerCase() === name.toLowerCase() || challengerTableName(n).toLowerCase() === name.toLowerCase());

function contains(b: Block, row: number, column: number): boolean {
  return row >= b.row && row < b.row + b.rows && column >= b.column && column < b.column + b.columns;
}

function blank(rows: number, columns: number): WriteCell[][] {
  return Array.from({ length: rows }, () => new Array<WriteCell>(columns).fill(''));
}

function problem(message: string): Problem {
  return { severity: 'error', where: 'lead table', message, path: [] };
}

/** One rule per band on the Band column: the cell's text is the band's name. */
export function bandTextRules(bands: readonly Band[]): ConditionalRule[] {
  return bands.filter((b) => b.color !== '').map((b) => ({ kind: 'textEquals', text: b.name, fill: b.color }));
}

/** The Score column coloured by the same thresholds: [from, next band's from), the lowest band taking everything below. */
export function scoreRules(bands: readonly Band[]): ConditionalRule[] {
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  return sorted.flatMap((b, i): ConditionalRule[] => {
    if (b.color === '') return [];
    const next = sorted[i + 1];
    if (i === 0) return [next === undefined ? { kind: 'cellValue', operator: 'greaterThanOrEqual', value: -1e300, fill: b.color } : { kind: 'cellValue', operator: 'lessThan', value: next.from, fill: b.color }];
    return [next === undefined ? { kind: 'cellValue', operator: 'greaterThanOrEqual', value: b.from, fill: b.color } : { kind: 'cellValue', operator: 'between', value: b.from, value2: next.from - 1e-9, fill: b.color }];
  });
}
