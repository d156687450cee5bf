/**
 * A stand-in ScoringSession over example leads held in memory, for the browser preview and
 * the end-to-end test while the real in-memory workbook (src/excel, src/workbook) is being
 * built. It keeps one sheet of leads and writes scores as static values with band fills, the
 * way Apply does in Excel; formulas need Excel.
 */
import { compile, isBlank, type CellValue, type Model } from '../../engine';
import { generateLeads } from '../../sample-data/generateLeads';
import type { ApplyOptions, ApplyResult, ColumnKind, FindTableResult, LeadColumn, LeadTable, RemoveResult, ScoringSession, StoredModel } from '../../workbook/session';

export interface SheetView {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Fill colour per row ('#RRGGBB'), from the band highlighting; null where none. */
  readonly fills: readonly (string | null)[];
  /** The columns the fill applies to (the owned Score and Band columns). */
  readonly filledColumns: readonly string[];
}

export class DemoSession implements ScoringSession {
  private headers: string[];
  private rows: CellValue[][];
  private owned: string[] = [];
  private fills: (string | null)[];
  private stored: Model | null = null;
  private readonly sheetListeners = new Set<(view: SheetView) => void>();
  private readonly rowListeners = new Set<(row: number | null) => void>();

  constructor(headers: readonly string[], rows: readonly (readonly CellValue[])[]) {
    this.headers = [...headers];
    this.rows = rows.map((r) => [...r]);
    this.fills = rows.map(() => null);
  }

  static withExampleLeads(count = 500): DemoSession {
    const leads = generateLeads({ count, seed: 1 });
    return new DemoSession(leads.headers, leads.rows);
  }

  view(): SheetView {
    return { headers: this.headers, rows: this.rows, fills: this.fills, filledColumns: this.owned.filter((c) => c === 'Score' || c === 'Band') };
  }

  onSheetChanged(listener: (view: SheetView) => void): () => void {
    this.sheetListeners.add(listener);
    return () => this.sheetListeners.delete(listener);
  }

  /** The preview grid reports clicks on rows here, as Excel reports the selection. */
  selectRow(row: number | null): void {
    for (const l of this.rowListeners) l(row);
  }

  findLeadTable(): Promise<FindTableResult> {
    return Promise.resolve({ kind: 'table', table: this.table() });
  }

  convertRegionToTable(): Promise<LeadTable> {
    return Promise.resolve(this.table());
  }

  reloadTable(): Promise<LeadTable> {
    return Promise.resolve(this.table());
  }

  loadModel(): Promise<StoredModel> {
    return Promise.resolve({ model: this.stored, problems: [] });
  }

  saveModel(model: Model): Promise<void> {
    this.stored = model;
    return Promise.resolve();
  }

  apply(model: Model, options: ApplyOptions): Promise<ApplyResult> {
    const leadHeaders = this.leadHeaders();
    const compiled = compile(model, leadHeaders);
    if (!compiled.ok) return Promise.resolve({ kind: 'invalid', problems: compiled.problems });
    const wanted = options.subScores ? ['Score', 'Band', 'Fit', 'Engagement'] : ['Score', 'Band'];
    const foreign = wanted.filter((c) => leadHeaders.includes(c) && !(options.allowOverwrite ?? []).includes(c));
    if (foreign.length > 0) {
      return Promise.resolve({ kind: 'conflict', columns: foreign, message: `The table already has ${foreign.join(', ')}, which scoring did not add.` });
    }
    this.dropOwned();
    const width = this.headers.length;
    const leadRows = this.rows.map((r) => r.slice(0, width));
    const scored = compiled.value.scoreRows(leadRows);
    const bands = compiled.value.bands;
    this.headers = [...this.headers, ...wanted];
    this.owned = wanted;
    this.rows = leadRows.map((r, i) => {
      const band = bands[scored.bandIndex[i] ?? 0];
      const extra: CellValue[] = [scored.scores[i] ?? 0, band?.name ?? ''];
      if (options.subScores) extra.push(scored.fit[i] ?? 0, scored.engagement[i] ?? 0);
      return [...r, ...extra];
    });
    this.fills = leadRows.map((_, i) => bands[scored.bandIndex[i] ?? 0]?.color ?? null);
    this.emit();
    return Promise.resolve({ kind: 'applied', rows: this.rows.length, columns: wanted, requests: 1 });
  }

  removeScoring(): Promise<RemoveResult> {
    const columns = this.owned;
    const rules = columns.length > 0 ? 1 : 0;
    this.dropOwned();
    this.emit();
    return Promise.resolve({ columns, rules });
  }

  onModelEdited(): () => void {
    return () => undefined; // the preview has no model sheet to edit in cells
  }

  onSelectedRowChanged(listener: (row: number | null) => void): () => void {
    this.rowListeners.add(listener);
    return () => this.rowListeners.delete(listener);
  }

  private leadHeaders(): string[] {
    return this.headers.filter((h) => !this.owned.includes(h));
  }

  private dropOwned(): void {
    const keep = this.headers.map((h, i) => (this.owned.includes(h) ? -1 : i)).filter((i) => i >= 0);
    this.headers = keep.map((i) => this.headers[i] ?? '');
    this.rows = this.rows.map((r) => keep.map((i) => r[i] ?? null));
    this.fills = this.rows.map(() => null);
    this.owned = [];
  }

  private emit(): void {
    const view = this.view();
    for (const l of this.sheetListeners) l(view);
  }

  private table(): LeadTable {
    const headers = this.leadHeaders();
    const rows = this.rows.map((r) => r.slice(0, headers.length));
    return {
      name: 'Leads',
      sheet: 'Leads',
      address: `Leads!A1:${columnLetter(this.headers.length)}${this.rows.length + 1}`,
      headers,
      rows,
      columns: headers.map((name, i) => describeColumn(name, rows.map((r) => r[i] ?? null))),
      scoringColumns: this.owned,
    };
  }
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A rough guess of a column's kind from its header and values; the real one lives in the workbook layer. */
export function describeColumn(name: string, values: readonly CellValue[]): LeadColumn {
  const filled = values.filter((v) => !isBlank(v));
  const counts = new Map<string, number>();
  for (const v of filled) {
    const s = String(v).trim();
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const distinct = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const numbers = filled.filter((v) => typeof v === 'number').length;
  let kind: ColumnKind;
  if (filled.length > 0 && numbers >= filled.length * 0.9) kind = /date/i.test(name) ? 'date' : 'number';
  else if (filled.some((v) => typeof v === 'string' && v.includes('@'))) kind = 'email';
  else if (distinct.length <= Math.max(20, filled.length / 10)) kind = 'category';
  else kind = 'text';
  return {
    name,
    kind,
    samples: distinct.slice(0, 3),
    distinct: kind === 'category' || kind === 'text' || kind === 'email' ? distinct.slice(0, 50) : [],
    blankShare: values.length === 0 ? 0 : 1 - filled.length / values.length,
  };
}
