/**
 * What the task pane asks of a workbook. The pane (src/taskpane) talks only to this interface;
 * src/workbook implements it on top of the Excel gateway (src/excel), which has an Office
 * implementation (Excel.run) and an in-memory one (tests and the browser preview).
 *
 * Dependencies point one way: taskpane -> workbook -> excel -> engine.
 */
import type { CellValue, ChangeSummary, Model, PartialModel, Priority, PriorityMatrix, Problem } from '../engine';

/** How a lead column looks, judged from its values; decides which conditions the editor offers. */
export type ColumnKind = 'category' | 'number' | 'date' | 'email' | 'text';

export interface LeadColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** A few non-blank values as the user sees them, for the column list. */
  readonly samples: readonly string[];
  /** The most frequent distinct values (at most 50), for value suggestions. */
  readonly distinct: readonly string[];
  /** Share of blank cells, 0..1. */
  readonly blankShare: number;
}

export interface LeadTable {
  /** The Excel table's name, e.g. "Leads". */
  readonly name: string;
  readonly sheet: string;
  /** The table's address including its header row, e.g. "Leads!A1:AD501". */
  readonly address: string;
  /** The lead columns: every column except the ones scoring added. */
  readonly headers: readonly string[];
  /** One row per lead, in table order, values as Excel hands them over. */
  readonly rows: readonly (readonly CellValue[])[];
  readonly columns: readonly LeadColumn[];
  /** Columns that an earlier Apply added (Score, Band, ...), in table order. */
  readonly scoringColumns: readonly string[];
  /** The model the scoring columns came from, its fingerprint and when it was applied (null: unknown). */
  readonly applied?: { readonly model: string; readonly at: string; readonly fingerprint: string; readonly mode: OutputMode; readonly scoredBy?: 'leadscore' } | null;
}

export type FindTableResult =
  | { readonly kind: 'table'; readonly table: LeadTable }
  /** The selection is in a plain range; converting it into a table needs the user's consent. */
  | { readonly kind: 'region'; readonly sheet: string; readonly address: string; readonly headers: readonly string[] }
  | { readonly kind: 'none'; readonly message: string };

export interface StoredModel {
  /** null when there is no model sheet yet, or it could not be read (see problems). */
  readonly model: Model | null;
  /** Located problems, e.g. "Lead Scoring sheet, criteria row 4, Points: 'ten' is not a number". */
  readonly problems: readonly Problem[];
  /** The format version the sheet was written in, when it was migrated on load. */
  readonly migratedFrom?: number;
  /**
   * The sheet holds cells that could not be read as a model (a typo, a newer format). Saving
   * is refused until it reads cleanly again or the user chooses to replace it (saveModel with
   * replace), so a blank or partial model in the pane never overwrites the user's tables.
   */
  readonly unreadable?: boolean;
  /**
   * What could be read of an unreadable sheet: the rows that read, the settings that read. For
   * the pane to show; it is not the user's model, and saving it would drop the rows left out.
   */
  readonly partial?: PartialModel;
}

export interface SaveOptions {
  /** Write over a model sheet that cannot be read: only after the user chose to replace it. */
  readonly replace?: boolean;
}

export type SaveResult =
  | { readonly kind: 'saved' }
  /** The model sheet could not be read, so nothing was written; the problems say where. */
  | { readonly kind: 'refused'; readonly problems: readonly Problem[]; readonly message: string };

export type OutputMode = 'formulas' | 'values';

export interface ApplyOptions {
  /** Live =LEADSCORE.* formulas, or static values for teammates without the add-in. */
  readonly mode: OutputMode;
  /** Also add Fit and Engagement columns. */
  readonly subScores: boolean;
  /** Columns that exist but were not added by scoring, which the user agreed to overwrite. */
  readonly allowOverwrite?: readonly string[];
  /** Write the model over a model sheet that cannot be read (the user chose to replace it). */
  readonly replaceModelSheet?: boolean;
  /** The lead ID column for Change and Band since, over the model's own setting (idColumn). */
  readonly idColumn?: string;
}

/**
 * What Apply found changed since the last Apply: tracked by an ID column (with the summary the
 * pane reports), or untracked, with why (no ID column found, a chosen one missing).
 */
export type ApplyChange =
  | { readonly kind: 'tracked'; readonly idColumn: string; readonly summary: ChangeSummary; readonly warnings: readonly string[] }
  | { readonly kind: 'untracked'; readonly reason: string };

export type ApplyResult =
  | {
      readonly kind: 'applied';
      readonly rows: number;
      readonly columns: readonly string[];
      readonly requests: number;
      /**
       * The note naming the model and date on the Score header cell: written; not, because this
       * Excel has no notes (ExcelApi 1.18; the pane's Apply tab says the same); or not, because
       * the cell holds a note someone wrote, which is kept.
       */
      readonly scoreNote?: 'written' | 'unsupported' | 'keptUserNote';
      /** What changed since the last Apply (Change and Band since), or why it is not tracked. */
      readonly change?: ApplyChange;
    }
  /** Columns of these names exist and were not added by scoring: ask before overwriting. */
  | { readonly kind: 'conflict'; readonly columns: readonly string[]; readonly message: string }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  /** The model sheet could not be read: Apply changed nothing, since it would save the model over it. */
  | { readonly kind: 'unreadableModelSheet'; readonly problems: readonly Problem[]; readonly message: string };

export interface RemoveResult {
  readonly columns: readonly string[];
  readonly rules: number;
}

export type Unsubscribe = () => void;

/** One table of the Insights sheet; its first column holds the categories, as text. */
export interface InsightsTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Excel number format per column, e.g. '0.0%'; missing means General. */
  readonly formats?: readonly (string | null)[];
  /** A native Excel chart over the table's first `columns` columns (categories, then series). */
  readonly chart?: { readonly kind: 'columnClustered' | 'line'; readonly title: string; readonly columns: number };
}

/** What the Insights sheet shows: a title, summary lines, and the tables behind the figures. */
export interface InsightsReport {
  readonly title: string;
  readonly lines: readonly string[];
  readonly tables: readonly InsightsTable[];
  /** Who to call first: the Priority matrix, written before the tables, its actions live from the Lead Scoring sheet. */
  readonly priority?: InsightsPriority;
}

export interface InsightsPriority {
  /** Built from the model whose actions the sheet shows (every action typed on the sheet taken in). */
  readonly matrix: PriorityMatrix;
  /** The outcome column the conversion figures come from; null for leads per cell only. */
  readonly outcome: string | null;
}

/** Actions typed over the formulas of the Insights sheet's action cells, by priority ('' for a cleared cell). */
export type InsightsActionEdits = Partial<Record<Priority, string>>;

export interface InsightsWritten {
  /** The sheet written: "Insights", or "Insights (2)" when a sheet of that name is not the add-in's. */
  readonly sheet: string;
  readonly charts: number;
}

export interface CallListRequest {
  /** How many leads at most. */
  readonly top: number;
  /** Also list grade D leads and leads in the lowest band (left out by default). */
  readonly everyone: boolean;
}

export type CallListResult =
  | {
      readonly kind: 'written';
      /** "Call list", or "Call list (2)" when a sheet of that name is not the add-in's. */
      readonly sheet: string;
      readonly leads: number;
      /** The add-in's own sheet from an earlier write was replaced. */
      readonly replaced: boolean;
      /** What the list holds and leaves out (describeCallList). */
      readonly summary: string;
      /** What was written where, for the pane's status line. */
      readonly message: string;
      readonly warnings: readonly Problem[];
    }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] };

export type AccountsResult =
  | {
      readonly kind: 'written';
      /** "Accounts", or "Accounts (2)" when a sheet of that name is not the add-in's. */
      readonly sheet: string;
      readonly accounts: number;
      /** Leads with neither a company nor a business e-mail address. */
      readonly withoutAccount: number;
      /** The add-in's own sheet from an earlier write was replaced. */
      readonly replaced: boolean;
      /** What the sheet holds (describeAccounts). */
      readonly summary: string;
      /** What was written where, for the pane's status line. */
      readonly message: string;
      /** The best accounts, for the pane to show beside the message. */
      readonly top: readonly { readonly name: string; readonly score: number; readonly band: string; readonly color: string; readonly contacts: number; readonly engaged: number }[];
    }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] };

export interface ScoringSession {
  /** The Excel table under the selection, or the plain region around it. */
  findLeadTable(): Promise<FindTableResult>;
  /** Converts the region findLeadTable reported into an Excel table (after the user agreed). */
  convertRegionToTable(sheet: string, address: string): Promise<LeadTable>;
  /** Reads the current lead table again (after edits in the sheet). */
  reloadTable(): Promise<LeadTable>;
  /** Shows a cell a problem points at (its sheet activated, the cell selected), for the pane's located problems. */
  goToCell?(sheet: string, cell: string): Promise<void>;
  /** Reads the model from the "Lead Scoring" sheet, migrating older formats. */
  loadModel(): Promise<StoredModel>;
  /**
   * Writes the model to the "Lead Scoring" sheet as the engine's cell tables; refused, writing
   * nothing, while the sheet holds a model that cannot be read, unless options.replace.
   */
  saveModel(model: Model, options?: SaveOptions): Promise<SaveResult>;
  /** Adds or refreshes the scoring columns and band highlighting of the current lead table. */
  apply(model: Model, options: ApplyOptions): Promise<ApplyResult>;
  /** Removes exactly what apply added: its columns, rules and names. */
  removeScoring(): Promise<RemoveResult>;
  /**
   * The actions typed on the add-in's Insights sheet in place of its formulas, to take into the
   * model before the sheet is written again (writeInsights refuses to replace a sheet whose
   * typed actions the report does not carry, so none is lost).
   */
  readInsightsActionEdits(): Promise<InsightsActionEdits>;
  /** Writes the report to the add-in's own Insights sheet (replacing only that sheet), with native charts. */
  writeInsights(report: InsightsReport): Promise<InsightsWritten>;
  /** Writes the current table's top leads to call to the add-in's own "Call list" sheet (replacing only that sheet), ready to print. */
  writeCallList(model: Model, request: CallListRequest): Promise<CallListResult>;
  /** Writes the current table's leads rolled up to accounts to the add-in's own "Accounts" sheet (replacing only that sheet). */
  writeAccounts(model: Model): Promise<AccountsResult>;
  /** Saves a model beside the champion, on the "Lead Scoring (challenger)" sheet; Apply and the functions never read it. */
  saveChallenger(model: Model): Promise<void>;
  /** The model on the challenger sheet, or model null when none was saved. */
  loadChallenger(): Promise<StoredModel>;
  /** Called when someone edits the model sheet in cells. */
  onModelEdited(listener: (stored: StoredModel) => void): Unsubscribe;
  /** Called when the selection moves to another lead row (index into LeadTable.rows), or off the table. */
  onSelectedRowChanged(listener: (row: number | null) => void): Unsubscribe;
}
