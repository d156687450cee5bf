/**
 * What every `leadscore score` pipeline shares: the columns it writes, how it recognises the
 * ones an earlier run wrote, and a tally that scores leads a block at a time, so memory holds
 * one block of cells and the running counts, never the whole table.
 */
import { compile, SCORE_COLUMNS as ENGINE_COLUMNS, EARLIER_SCORE_FILE_COLUMNS, formatProblems, LEADSCORE_COLUMN_NOTE, priorityOf, priorityThresholds, SCORE_FILE_COLUMNS, STAGES, type ChangeSummary, type CompiledModel, type Model, type PriorityThresholds, type ScoredRows } from '../../engine';
import { CliError } from '../command';

/** The columns leadscore writes after the lead table, in this order; re-scoring refreshes them. */
export const SCORE_COLUMNS: readonly string[] = SCORE_FILE_COLUMNS;
/** The note on each written header in a workbook: it marks the column as leadscore's. */
export const SCORE_COLUMN_NOTE = LEADSCORE_COLUMN_NOTE;
/** Leads scored per block. */
export const BLOCK_ROWS = 8192;
/** Cells read per block at most, so a table thousands of columns wide still takes little memory. */
export const BLOCK_CELLS = 1 << 20;

export const blockRows = (width: number): number => Math.max(1, Math.min(BLOCK_ROWS, Math.floor(BLOCK_CELLS / Math.max(1, width))));

const isScoreColumn = (h: string): boolean => SCORE_COLUMNS.includes(h);
/** Change and Band since, written after the score columns on a re-score (csvChange.ts); a user's own column of that name elsewhere stays the user's. */
const CHANGE_TAIL: readonly string[] = [ENGINE_COLUMNS.change, ENGINE_COLUMNS.bandSince];
const isChangeColumn = (h: string): boolean => CHANGE_TAIL.includes(h);

/** The column lists a run of this or an earlier version wrote, longest first (a longer tail ends with a shorter one's columns only by accident). */
const KNOWN_TAILS: readonly (readonly string[])[] = [[...SCORE_COLUMNS, ...CHANGE_TAIL], SCORE_COLUMNS, ...EARLIER_SCORE_FILE_COLUMNS].sort((a, b) => b.length - a.length);

/**
 * Which columns an earlier run wrote. `marked(i)` says whether column i carries leadscore's
 * mark (a workbook's note); `applied(i)` whether the add-in's Apply record lists it (any of
 * the pane's scoring columns, Change and Band since too). A column named Score or Band with
 * neither is the user's, and the scores never overwrite it.
 */
export function ownColumns(headers: readonly string[], marked: (index: number) => boolean, where: string, applied: (index: number) => boolean = () => false): Set<number> {
  const ours = new Set<number>();
  headers.forEach((h, i) => {
    if (((isScoreColumn(h) || isChangeColumn(h)) && marked(i)) || applied(i)) ours.add(i);
  });
  const foreign = headers.filter((h, i) => isScoreColumn(h) && !ours.has(i));
  if (foreign.length > 0) {
    throw new CliError(`${where} already has a column named ${foreign.map((h) => `'${h}'`).join(', ')} that leadscore did not write; rename it so that the scores do not overwrite it`);
  }
  return ours;
}

/**
 * A CSV file has no notes: the columns leadscore wrote are recognised as the ones it writes, in
 * its order, at the end of the header: this version's six (Score, Band, Fit, Engagement, Stage,
 * Priority) or an earlier version's five (without Priority). Anywhere else, a Score column is the user's.
 */
export function csvOwnColumns(headers: readonly string[], where: string): Set<number> {
  const tail = KNOWN_TAILS.find((t) => headers.length >= t.length && headers.slice(-t.length).every((h, i) => h === t[i]));
  const n = tail?.length ?? 0;
  return ownColumns(headers, (i) => n > 0 && i >= headers.length - n, where);
}

export function compileFor(model: Model, headers: readonly string[], ours: ReadonlySet<number>, asOf: string | undefined, where: string): CompiledModel {
  // Our own columns from an earlier run are not lead data: score without them.
  const leadHeaders = headers.map((h, i) => (ours.has(i) ? '' : h));
  const compiled = compile(model, leadHeaders, asOf === undefined ? {} : { asOf });
  if (!compiled.ok) throw new CliError(`${where}: the model does not fit the lead table:\n${formatProblems(compiled.problems.filter((p) => p.severity === 'error'))}`);
  return compiled.value;
}

const thresholdsOf = new WeakMap<CompiledModel, PriorityThresholds | null>();

/**
 * The model's Priority thresholds, worked out once per compiled model; null when it cannot give
 * a priority (a model without Fit criteria has nothing to grade by unless its thresholds are
 * set): the Priority cells stay blank, as =LEADSCORE.PRIORITY would show an error.
 */
function priorityFor(model: CompiledModel): PriorityThresholds | null {
  let t = thresholdsOf.get(model);
  if (t === undefined) {
    const read = priorityThresholds(model.model);
    t = read.ok ? read.value : null;
    thresholdsOf.set(model, t);
  }
  return t;
}

/** The values written for lead i of a block, in SCORE_COLUMNS order. */
export function scoreCells(model: CompiledModel, scored: ScoredRows, i: number): [number, string, number, number, string | null, string | null] {
  const fit = scored.fit[i] ?? 0;
  const engagement = scored.engagement[i] ?? 0;
  const thresholds = priorityFor(model);
  return [scored.scores[i] ?? 0, model.bands[scored.bandIndex[i] ?? 0]?.name ?? '', fit, engagement, STAGES[scored.stageIndex[i] ?? 0] ?? null, thresholds === null ? null : priorityOf(thresholds, fit, engagement)];
}

export interface ScoreSummary {
  readonly input: string;
  readonly output: string;
  readonly model: string;
  readonly modelSource: string;
  readonly asOf: string;
  readonly leads: number;
  readonly bands: { name: string; count: number }[];
  readonly stages: { MQL: number; SQL: number };
  readonly unreadableCells: number;
  /** Things the user should know that did not stop the run (short rows, merged cells...). */
  readonly warnings: string[];
  /** What changed since the previous run of the file (Change, Band since); absent when nothing was compared. */
  readonly change?: ChangeSummary;
  /** Why a file scored before got no Change or Band since (no ID column). */
  readonly noChange?: string;
  /** The snapshot file this run kept for the next run's Change (CSV). */
  readonly snapshot?: string;
  /** Why no snapshot file was kept (no ID column). */
  readonly noSnapshot?: string;
}

export interface TallyCounts {
  readonly leads: number;
  readonly bands: readonly number[];
  readonly mql: number;
  readonly sql: number;
  readonly unreadable: number;
}

/** Scores blocks of leads and keeps the counts the summary reports. */
export class ScoreTally {
  leads = 0;
  private readonly bandCounts: number[];
  private mql = 0;
  private sql = 0;
  private unreadable = 0;

  constructor(readonly model: CompiledModel) {
    this.bandCounts = model.bands.map(() => 0);
  }

  score(rows: readonly (readonly unknown[])[]): ScoredRows {
    const scored = this.model.scoreRows(rows);
    this.leads += scored.count;
    for (let i = 0; i < scored.count; i++) {
      const b = scored.bandIndex[i] ?? 0;
      this.bandCounts[b] = (this.bandCounts[b] ?? 0) + 1;
      const s = scored.stageIndex[i];
      if (s === 1) this.mql++;
      else if (s === 2) this.sql++;
      this.unreadable += scored.unusableCells[i] ?? 0;
    }
    return scored;
  }

  /** The counts so far, to be added to another tally (a block scored on a worker thread). */
  counts(): TallyCounts {
    return { leads: this.leads, bands: [...this.bandCounts], mql: this.mql, sql: this.sql, unreadable: this.unreadable };
  }

  add(counts: TallyCounts): void {
    this.leads += counts.leads;
    counts.bands.forEach((n, i) => (this.bandCounts[i] = (this.bandCounts[i] ?? 0) + n));
    this.mql += counts.mql;
    this.sql += counts.sql;
    this.unreadable += counts.unreadable;
  }

  summary(input: string, output: string, modelSource: string, warnings: string[]): ScoreSummary {
    return {
      input,
      output,
      model: this.model.model.name,
      modelSource,
      asOf: this.model.asOf,
      leads: this.leads,
      bands: this.model.bands.map((b, i) => ({ name: b.name, count: this.bandCounts[i] ?? 0 })),
      stages: { MQL: this.mql, SQL: this.sql },
      unreadableCells: this.unreadable,
      warnings,
    };
  }
}

/** Reports progress on a terminal at most every 200 ms. */
export class Progress {
  private last = 0;
  constructor(private readonly show: ((line: string) => void) | null) {}
  step(text: () => string): void {
    if (this.show === null) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.show(text());
  }
  say(text: string): void {
    this.show?.(text);
  }
}
