/**
 * The call list: the top N leads to call, best first, with what a caller needs on one line
 * each (priority, score, the biggest reasons, the change since last time, contact columns).
 *
 * Order (docs/sales-view.md, "The call list"):
 * 1. Priority, fit grade x engagement level. The 16 cells go diagonal by diagonal: A1; then
 *    A2, B1; then A3, B2, C1; ... D4 last. Within a diagonal the better fit comes first, since
 *    a caller can build interest but cannot change who the lead is (an A4 who fits but shows
 *    no interest comes after B1 and A3, a busy D1 after every A, B and C of its diagonal).
 * 2. Score, highest first.
 * 3. The lead's place in the table, first first, so that equal leads always list the same way.
 *
 * Not called by default (options, and both counted in the result): grade D (does not fit: the
 * guides' "no sales call") and the lowest band (Cold: "below a minimum score no resources are
 * spent"). A blank row is not a lead. A model whose priority cannot be worked out (no Fit
 * criteria and no thresholds written) is ordered by score, with a warning; grades are then
 * not skipped.
 *
 * Built a block of rows at a time (CallListBuilder) so that a file of any length needs memory
 * for the list only: each block is scored with scoreRows, and only rows that can still make the
 * list are kept (and explained, at the end).
 */
import { isBlank } from '../cells/cellValue';
import { readNumber } from '../cells/readCell';
import { headerLookup } from '../columns';
import type { CompiledModel } from '../compile';
import { GRADES, LEVELS, priorityOf, priorityThresholds, type Grade, type PriorityThresholds } from '../priority';
import type { Priority } from '../model';
import { priorityActionOf } from '../priorityActions';
import type { Problem } from '../problems';
import { contactColumns, contactFieldsPresent, contactOf, type Contact, type ContactColumns } from './contacts';
import { biggestReasons, signedPoints, type CallReason } from './reasons';

/** The 16 priority cells in call order: A1 first, D4 last. */
export const CALL_ORDER: readonly string[] = (() => {
  const cells: { cell: string; diagonal: number; grade: number }[] = [];
  GRADES.forEach((g, grade) => LEVELS.forEach((l, level) => cells.push({ cell: `${g}${l}`, diagonal: grade + level, grade })));
  cells.sort((a, b) => a.diagonal - b.diagonal || a.grade - b.grade);
  return cells.map((c) => c.cell);
})();

export const DEFAULT_CALL_REASONS = 3;
export const DEFAULT_SKIP_GRADES: readonly Grade[] = ['D'];

/** A lead's change since the last scoring, as the change snapshot gives it. */
export interface LeadChange {
  /** Points since last time; null for a lead that was not scored last time. */
  readonly points: number | null;
  /** As shown in the list: "+12", "-4", "0", "new". */
  readonly text: string;
}

/** A Change cell as scoring wrote it: a number of points (or text such as '+12'), or a word such as 'new'; null when blank. */
export function changeFromCell(value: unknown): LeadChange | null {
  if (isBlank(value)) return null;
  const points = readNumber(value);
  if (Number.isFinite(points)) return { points, text: signedPoints(points) };
  return typeof value === 'string' ? { points: null, text: value.trim() } : null;
}

export interface CallListOptions {
  /** How many leads at most; a negative or fractional N counts as its whole part, at least 0. */
  readonly top: number;
  /** Fit grades never on the list; default ['D']. [] keeps every grade. */
  readonly skipGrades?: readonly Grade[];
  /** Bands (by name, any case) whose leads are not on the list; default the lowest band when there are several. [] keeps every band. */
  readonly skipBands?: readonly string[];
  /** Reasons per lead; default 3. */
  readonly reasons?: number;
  /** The change since last time of the lead in row `row` (index among every row given; `cells` are its cells), or null when unknown. */
  readonly changeOf?: (row: number, cells: readonly unknown[]) => LeadChange | null;
}

export interface CallListEntry {
  /** 1 for the first lead to call. */
  readonly rank: number;
  /** Index of the lead's row among the rows given (blank rows counted), to find it in the table. */
  readonly row: number;
  /** 'A1' .. 'D4', or null when the model's priority cannot be worked out. */
  readonly priority: string | null;
  /** The model's recommended action for the priority ("Call now"), or '' without a priority. */
  readonly action: string;
  readonly score: number;
  readonly fit: number;
  readonly engagement: number;
  readonly band: string;
  readonly stage: string | null;
  readonly reasons: readonly CallReason[];
  readonly change: LeadChange | null;
  readonly contact: Contact;
}

export interface CallList {
  readonly entries: readonly CallListEntry[];
  /** Leads read (blank rows are not leads). */
  readonly leads: number;
  /** Leads that could be called: not skipped. The list holds the first `top` of them. */
  readonly eligible: number;
  /** Leads left out for their grade, and (of the rest) for their band. */
  readonly skipped: { readonly grade: number; readonly band: number };
  readonly skipGrades: readonly Grade[];
  readonly skipBands: readonly string[];
  /** The contact fields the table has, in the order a list shows them. */
  readonly contactFields: readonly (keyof Contact)[];
  /** Why the list is not ordered by priority, when it is not. */
  readonly warnings: readonly Problem[];
}

interface Candidate {
  readonly row: number;
  readonly cells: readonly unknown[];
  readonly order: number;
  readonly score: number;
}

/** Call order: better priority, then higher score, then earlier row. */
const before = (a: Candidate, b: Candidate): number => a.order - b.order || b.score - a.score || a.row - b.row;

export class CallListBuilder {
  private readonly top: number;
  private readonly thresholds: PriorityThresholds | null;
  private readonly warnings: Problem[] = [];
  private readonly skipGrades: readonly Grade[];
  private readonly skipBandIndexes: ReadonlySet<number>;
  private readonly orderOf = new Map(CALL_ORDER.map((cell, i) => [cell, i]));
  private candidates: Candidate[] = [];
  private rows = 0;
  private leads = 0;
  private eligible = 0;
  private skippedGrade = 0;
  private skippedBand = 0;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly options: CallListOptions,
  ) {
    this.top = Number.isFinite(options.top) ? Math.max(0, Math.floor(options.top)) : 0;
    const thresholds = priorityThresholds(compiled.model);
    this.thresholds = thresholds.ok ? thresholds.value : null;
    if (!thresholds.ok) {
      this.warnings.push(
        ...thresholds.problems.map((p): Problem => ({ ...p, severity: 'warning', message: `no priority, so the list is ordered by score: ${p.message}` })),
      );
    }
    this.skipGrades = this.thresholds === null ? [] : (options.skipGrades ?? DEFAULT_SKIP_GRADES);
    const bands = compiled.bands;
    const skipBands = options.skipBands ?? (bands.length > 1 ? [bands[0]?.name ?? ''] : []);
    const wanted = new Set(skipBands.map((b) => b.trim().toLowerCase()));
    this.skipBandIndexes = new Set(bands.flatMap((b, i) => (wanted.has(b.name.trim().toLowerCase()) ? [i] : [])));
  }

  /** Scores a block of rows (numbered on from the rows added before) and keeps those that can still make the list. */
  add(block: readonly (readonly unknown[])[]): void {
    const first = this.rows;
    this.rows += block.length;
    if (block.length === 0) return;
    const scored = this.compiled.scoreRows(block);
    for (let i = 0; i < block.length; i++) {
      const cells = block[i] ?? [];
      if (cells.every(isBlank)) continue;
      this.leads++;
      const score = scored.scores[i] ?? 0;
      const priority = this.thresholds === null ? null : priorityOf(this.thresholds, scored.fit[i] ?? 0, scored.engagement[i] ?? 0);
      if (priority !== null && this.skipGrades.includes(priority[0] as Grade)) {
        this.skippedGrade++;
        continue;
      }
      if (this.skipBandIndexes.has(scored.bandIndex[i] ?? 0)) {
        this.skippedBand++;
        continue;
      }
      this.eligible++;
      if (this.top === 0) continue;
      this.candidates.push({ row: first + i, cells: [...cells], order: priority === null ? 0 : (this.orderOf.get(priority) ?? 0), score });
    }
    // Keep at most 2N rows between sorts: memory for the list only, sorting rarely.
    if (this.candidates.length > Math.max(2 * this.top, 1024)) this.prune();
  }

  private prune(): void {
    this.candidates.sort(before);
    this.candidates.length = Math.min(this.candidates.length, this.top);
  }

  result(): CallList {
    this.prune();
    const m = this.compiled.model;
    const lookup = headerLookup(this.compiled.headers);
    const columns: ContactColumns = contactColumns(this.compiled.headers);
    const reasonCount = this.options.reasons ?? DEFAULT_CALL_REASONS;
    const entries = this.candidates.map((c, i): CallListEntry => {
      const lead = this.compiled.scoreRow(c.cells);
      const priority = this.thresholds === null ? null : priorityOf(this.thresholds, lead.fit, lead.engagement);
      return {
        rank: i + 1,
        row: c.row,
        priority,
        action: priority === null ? '' : priorityActionOf(m, priority as Priority),
        score: lead.score,
        fit: lead.fit,
        engagement: lead.engagement,
        band: lead.band.name,
        stage: lead.stage,
        reasons: biggestReasons(lead.explanation, m.criteria, lookup, c.cells, reasonCount),
        change: this.options.changeOf?.(c.row, c.cells) ?? null,
        contact: contactOf(columns, c.cells),
      };
    });
    const bands = this.compiled.bands;
    return {
      entries,
      leads: this.leads,
      eligible: this.eligible,
      skipped: { grade: this.skippedGrade, band: this.skippedBand },
      skipGrades: this.skipGrades,
      skipBands: bands.filter((_, i) => this.skipBandIndexes.has(i)).map((b) => b.name),
      contactFields: contactFieldsPresent(columns),
      warnings: this.warnings,
    };
  }
}

/** The call list of a whole table at once (see CallListBuilder for a file read in blocks). */
export function callList(compiled: CompiledModel, rows: readonly (readonly unknown[])[], options: CallListOptions): CallList {
  const builder = new CallListBuilder(compiled, options);
  builder.add(rows);
  return builder.result();
}
