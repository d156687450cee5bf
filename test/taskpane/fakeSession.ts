import type { CellValue, Model } from '../../src/engine';
import type { AccountsResult, ApplyOptions, ApplyResult, CallListRequest, CallListResult, FindTableResult, InsightsActionEdits, InsightsReport, InsightsWritten, LeadColumn, LeadTable, RemoveResult, SaveResult, ScoringSession, StoredModel } from '../../src/workbook/session';

/** A ScoringSession that records what the pane asks and answers what the test scripted. */
export class FakeSession implements ScoringSession {
  found: FindTableResult;
  stored: StoredModel = { model: null, problems: [] };
  /** Answers to apply, in order; when empty, apply succeeds. */
  applyAnswers: ApplyResult[] = [];
  readonly applyCalls: { model: Model; options: ApplyOptions }[] = [];
  readonly saved: Model[] = [];
  readonly converted: { sheet: string; address: string }[] = [];
  removeCalls = 0;
  /** Reports the pane wrote to the Insights sheet. */
  readonly insights: InsightsReport[] = [];
  /** The saved challenger model, as loadChallenger answers it. */
  challenger: StoredModel = { model: null, problems: [] };
  private readonly rowListeners = new Set<(row: number | null) => void>();
  private readonly modelListeners = new Set<(stored: StoredModel) => void>();

  constructor(found: FindTableResult) {
    this.found = found;
  }

  findLeadTable(): Promise<FindTableResult> {
    return Promise.resolve(this.found);
  }
  convertRegionToTable(sheet: string, address: string): Promise<LeadTable> {
    this.converted.push({ sheet, address });
    return Promise.resolve(leadTable());
  }
  reloadTable(): Promise<LeadTable> {
    return Promise.resolve(this.found.kind === 'table' ? this.found.table : leadTable());
  }
  loadModel(): Promise<StoredModel> {
    return Promise.resolve(this.stored);
  }
  saveModel(model: Model): Promise<SaveResult> {
    this.saved.push(model);
    return Promise.resolve({ kind: 'saved' });
  }
  apply(model: Model, options: ApplyOptions): Promise<ApplyResult> {
    this.applyCalls.push({ model, options });
    const rows = this.found.kind === 'table' ? this.found.table.rows.length : 0;
    return Promise.resolve(this.applyAnswers.shift() ?? { kind: 'applied', rows, columns: ['Score', 'Band'], requests: 1 });
  }
  removeScoring(): Promise<RemoveResult> {
    this.removeCalls++;
    return Promise.resolve({ columns: ['Score', 'Band'], rules: 3 });
  }
  /** Actions typed on the Insights sheet, as readInsightsActionEdits answers them. */
  insightsActionEdits: InsightsActionEdits = {};
  readInsightsActionEdits(): Promise<InsightsActionEdits> {
    return Promise.resolve(this.insightsActionEdits);
  }
  writeInsights(report: InsightsReport): Promise<InsightsWritten> {
    this.insights.push(report);
    return Promise.resolve({ sheet: 'Insights', charts: report.tables.filter((t) => t.chart !== undefined).length });
  }
  /** Call lists the pane asked for. */
  readonly callLists: { model: Model; request: CallListRequest }[] = [];
  writeCallList(model: Model, request: CallListRequest): Promise<CallListResult> {
    this.callLists.push({ model, request });
    return Promise.resolve({ kind: 'written', sheet: 'Call list', leads: request.top, replaced: this.callLists.length > 1, summary: `The top ${request.top} leads to call.`, message: `Wrote the Call list sheet: the top ${request.top} leads to call.`, warnings: [] });
  }
  /** Models the pane asked to write the Accounts sheet with. */
  readonly accountWrites: Model[] = [];
  /** What writeAccounts answers; a test sets it to script a refusal. */
  accountsAnswer: AccountsResult | null = null;
  writeAccounts(model: Model): Promise<AccountsResult> {
    this.accountWrites.push(model);
    return Promise.resolve(
      this.accountsAnswer ?? {
        kind: 'written',
        sheet: 'Accounts',
        accounts: 2,
        withoutAccount: 1,
        replaced: this.accountWrites.length > 1,
        summary: '2 accounts from 4 of 5 leads.',
        message: 'Wrote the Accounts sheet: 2 accounts from 4 of 5 leads.',
        top: [
          { name: 'Acme Inc.', score: 80, band: 'Hot', color: '#F8CBAD', contacts: 3, engaged: 2 },
          { name: 'beta.io', score: 30, band: 'Warm', color: '#FFE699', contacts: 1, engaged: 1 },
        ],
      },
    );
  }
  saveChallenger(model: Model): Promise<void> {
    this.challenger = { model, problems: [] };
    return Promise.resolve();
  }
  loadChallenger(): Promise<StoredModel> {
    return Promise.resolve(this.challenger);
  }
  onModelEdited(listener: (stored: StoredModel) => void): () => void {
    this.modelListeners.add(listener);
    return () => this.modelListeners.delete(listener);
  }
  onSelectedRowChanged(listener: (row: number | null) => void): () => void {
    this.rowListeners.add(listener);
    return () => this.rowListeners.delete(listener);
  }
  /** What Excel does when the user clicks another row. */
  select(row: number | null): void {
    for (const l of this.rowListeners) l(row);
  }
  /** What Excel does when the user edits the model sheet. */
  editModelInCells(stored: StoredModel): void {
    for (const l of this.modelListeners) l(stored);
  }
}

const column = (name: string, kind: LeadColumn['kind'], distinct: string[] = []): LeadColumn => ({ name, kind, samples: distinct.slice(0, 3), distinct, blankShare: 0 });

export const HEADERS = ['Industry', 'Employees', 'Email', 'Created Date', 'Pricing Page Visits'];

/** Four leads whose scores under the test model are easy to work out by hand. */
export function leadTable(rows: CellValue[][] = FOUR_LEADS): LeadTable {
  return {
    name: 'Leads',
    sheet: 'Leads',
    address: `Leads!A1:E${rows.length + 1}`,
    headers: HEADERS,
    rows,
    columns: [
      column('Industry', 'category', ['Technology', 'Healthcare', 'Education']),
      column('Employees', 'number'),
      column('Email', 'email', ['a@acme.com', 'b@gmail.com']),
      column('Created Date', 'date'),
      column('Pricing Page Visits', 'number'),
    ],
    scoringColumns: [],
  };
}

export const FOUR_LEADS: CellValue[][] = [
  ['Technology', 100, 'a@acme.com', 46000, 2],
  ['Healthcare', 5, 'b@gmail.com', 46000, 1],
  ['Technology', 20, 'c@example.com', 46000, 0],
  ['Education', 1000, 'd@example.org', 46000, 0],
];
