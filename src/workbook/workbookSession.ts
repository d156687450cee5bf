/**
 * The pane's view of a workbook (ScoringSession) on top of any WorkbookGateway. The work lives in
 * modules beside it: the lead table (leadTable.ts), the model sheet's cells (modelSheetIO.ts,
 * shared with the challenger sheet), Apply and Remove (applyScoring.ts) and the band colours
 * (bandFormats.ts); this class holds the state they share and the events.
 */
import { MODEL_SHEET, type Model, type Problem } from '../engine';
import { parseAddress } from '../excel/address';
import type { WorkbookGateway } from '../excel/gateway';
import { applyScoring, removeScoring } from './applyScoring';
import { LeadTables } from './leadTable';
import { readModelFromSheet, writeModelSheet } from './modelSheetIO';
import { BLOCK_BUDGET_BYTES } from './payloadBudget';
import type {
  ApplyOptions,
  ApplyResult,
  AccountsResult,
  CallListRequest,
  CallListResult,
  FindTableResult,
  InsightsActionEdits,
  InsightsReport,
  InsightsWritten,
  LeadTable,
  RemoveResult,
  SaveOptions,
  SaveResult,
  ScoringSession,
  StoredModel,
  Unsubscribe,
} from './session';


/** How long cell edits on the model sheet settle before the pane hears of them. */
export const MODEL_EDIT_DEBOUNCE_MS = 300;

export interface WorkbookSessionOptions {
  /** Today, for models without an as-of date (values mode); a parameter so tests are reproducible. */
  readonly today?: () => Date;
  readonly debounceMs?: number;
  /** Request budget per write (default 80% of 5 MB). */
  readonly blockBudgetBytes?: number;
}

export class WorkbookSession implements ScoringSession {
  /** True while the pane's own save writes the model sheet. */
  private saving = false;
  /** The model as last saved, so the echo of our own save is not reported as an edit. */
  private lastSaved: string | null = null;

  private readonly gateway: WorkbookGateway;
  private readonly leads: LeadTables;
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
    this.leads = new LeadTables(this.gateway, this.blockBudgetBytes());
  }

  // ------------------------------------------------------------------ the lead table

  findLeadTable(): Promise<FindTableResult> {
    return this.leads.find();
  }

  convertRegionToTable(sheet: string, address: string): Promise<LeadTable> {
    return this.leads.convertRegion(sheet, address);
  }

  reloadTable(): Promise<LeadTable> {
    return this.leads.reload();
  }

  goToCell(sheet: string, cell: string): Promise<void> {
    return this.gateway.goTo(sheet, cell);
  }

  // ------------------------------------------------------------------ the model sheet

  async loadModel(): Promise<StoredModel> {
    const sheets = await this.gateway.sheetNames();
    const sheet = sheets.find((s) => s.toLowerCase() === MODEL_SHEET.toLowerCase());
    if (sheet === undefined) return { model: null, problems: [] };
    const stored = await readModelFromSheet(this.gateway, sheet);
    if (stored !== null && stored.model === null) return { ...stored, unreadable: true };
    return (
      stored ?? {
        model: null,
        problems: [{ severity: 'error', at: { sheet: MODEL_SHEET }, message: 'the sheet is empty', hint: 'save a model from the pane to write it again' }],
      }
    );
  }

  async saveModel(model: Model, options: SaveOptions = {}): Promise<SaveResult> {
    if (options.replace !== true) {
      const refused = await this.unreadableModelSheet();
      if (refused !== null) return refused;
    }
    await writeModelSheet(this.gateway, model, () => this.leads.allTables(), async (write) => {
      this.saving = true;
      this.lastSaved = JSON.stringify(model);
      try {
        await write();
      } finally {
        this.saving = false;
      }
    });
    return { kind: 'saved' };
  }

  /** Why the model sheet must not be written over: it holds cells that do not read as a model; null when it reads, is empty or is missing. */
  private async unreadableModelSheet(): Promise<Extract<SaveResult, { kind: 'refused' }> | null> {
    const sheet = (await this.gateway.sheetNames()).find((s) => s.toLowerCase() === MODEL_SHEET.toLowerCase());
    if (sheet === undefined) return null;
    const stored = await readModelFromSheet(this.gateway, sheet);
    if (stored === null || stored.model !== null) return null;
    return {
      kind: 'refused',
      problems: stored.problems,
      message: `The ${MODEL_SHEET} sheet could not be read, so nothing was saved over it: fix the cells listed, or replace the sheet with this model.`,
    };
  }

  // ------------------------------------------------------------------ apply and remove

  apply(model: Model, options: ApplyOptions): Promise<ApplyResult> {
    return applyScoring(
      {
        gateway: this.gateway,
        leads: this.leads,
        today: this.options.today?.() ?? new Date(),
        blockBudgetBytes: this.blockBudgetBytes(),
        requestCount: () => this.requests,
        unreadableModelSheet: () => this.unreadableModelSheet(),
        // Apply checked the sheet before changing anything.
        saveModel: async (m) => {
          await this.saveModel(m, { replace: true });
        },
      },
      model,
      options,
    );
  }

  removeScoring(): Promise<RemoveResult> {
    return removeScoring(this.gateway, this.leads);
  }

  // ------------------------------------------------------------------ insights

  // The sheets below are written from parts of the pane that load on demand (Insights, the
  // call list, accounts): their writers load with them, not with the page (import()).

  async readInsightsActionEdits(): Promise<InsightsActionEdits> {
    const { readInsightsActionEdits } = await import(/* webpackChunkName: "insights-sheet" */ './insightsWorkbook');
    return readInsightsActionEdits(this.gateway);
  }

  async writeInsights(report: InsightsReport): Promise<InsightsWritten> {
    const { writeInsightsSheet } = await import(/* webpackChunkName: "insights-sheet" */ './insightsWorkbook');
    return writeInsightsSheet(this.gateway, report);
  }

  // ------------------------------------------------------------------ the call list

  async writeCallList(model: Model, request: CallListRequest): Promise<CallListResult> {
    const { writeCallListSheet } = await import(/* webpackChunkName: "call-list-sheet" */ './callListSheet');
    const table = await this.leads.reload();
    return writeCallListSheet(this.gateway, table, model, request, this.options.today?.() ?? new Date());
  }

  // ------------------------------------------------------------------ accounts

  async writeAccounts(model: Model): Promise<AccountsResult> {
    const { writeAccountsSheet } = await import(/* webpackChunkName: "accounts-sheet" */ './accountsSheet');
    const table = await this.leads.reload();
    return writeAccountsSheet(this.gateway, table, model, this.options.today?.() ?? new Date());
  }

  async saveChallenger(model: Model): Promise<void> {
    const { saveChallenger } = await import(/* webpackChunkName: "insights-sheet" */ './insightsWorkbook');
    return saveChallenger(this.gateway, model);
  }

  async loadChallenger(): Promise<StoredModel> {
    const { loadChallenger } = await import(/* webpackChunkName: "insights-sheet" */ './insightsWorkbook');
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
      }, this.options.debounceMs ?? MODEL_EDIT_DEBOUNCE_MS);
    });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      off();
    };
  }

  onSelectedRowChanged(listener: (row: number | null) => void): Unsubscribe {
    let last: number | null | undefined;
    return this.gateway.onSelectionChanged((sel) => {
      const t = this.leads.current;
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

  private blockBudgetBytes(): number {
    return this.options.blockBudgetBytes ?? BLOCK_BUDGET_BYTES;
  }
}

function problem(message: string): Problem {
  return { severity: 'error', at: { input: 'lead table' }, message };
}
