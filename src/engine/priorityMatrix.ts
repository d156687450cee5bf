import type { Model, Priority } from './model';
import { SETTINGS } from './modelCells/layout';
import { GRADES, LEVELS, priorityThresholds, rankOf, type Grade, type Level, type PriorityThresholds } from './priority';
import { PRIORITIES, priorityActionOf } from './priorityActions';
import type { Result } from './problems';

/**
 * Below this many leads of known outcome a cell's conversion rate is a guess (1 of 3 is 33%):
 * readers show such a rate as its counts instead.
 */
export const MIN_LEADS_FOR_RATE = 10;

/** Outcome labels as the insights library reads them: 1 converted, 0 not, anything else unknown. */
export type OutcomeLabels = ArrayLike<number>;

export interface PriorityMatrixCell {
  readonly priority: Priority;
  readonly grade: Grade;
  readonly level: Level;
  readonly leads: number;
  /** Leads of this cell whose outcome is known (converted or not). */
  readonly withOutcome: number;
  readonly converted: number;
  /** converted / withOutcome; null when no lead of the cell has a known outcome. */
  readonly rate: number | null;
  /** Fewer than MIN_LEADS_FOR_RATE leads of known outcome: show the counts, not the rate. */
  readonly fewOutcomes: boolean;
  readonly action: string;
}

export interface PriorityMatrix {
  readonly thresholds: PriorityThresholds;
  /** Sixteen cells in reading order: A1, A2, A3, A4, B1 ... D4. */
  readonly cells: readonly PriorityMatrixCell[];
  readonly leads: number;
  /** Whether outcomes were given; the counts below are 0 when not. */
  readonly hasOutcomes: boolean;
  readonly withOutcome: number;
  readonly converted: number;
}

/**
 * The Priority matrix of scored leads: how many fall in each fit grade x engagement level
 * cell, with the model's recommended action, and, given outcomes, how many of each converted.
 * Fit and Engagement are in the unit of the Fit and Engagement columns, as scoreRows gives
 * them. Fails (with located problems) only when the model cannot work out its thresholds.
 */
export function priorityMatrix(
  m: Model,
  scored: { readonly count: number; readonly fit: ArrayLike<number>; readonly engagement: ArrayLike<number> },
  outcomes?: OutcomeLabels,
): Result<PriorityMatrix> {
  const thresholds = priorityThresholds(m);
  if (!thresholds.ok) return thresholds;
  const { grades, levels } = thresholds.value;
  const leads = new Float64Array(16);
  const known = new Float64Array(16);
  const converted = new Float64Array(16);
  for (let i = 0; i < scored.count; i++) {
    const cell = rankOf(grades, scored.fit[i] as number) * 4 + rankOf(levels, scored.engagement[i] as number);
    leads[cell] = (leads[cell] as number) + 1;
    const label = outcomes?.[i];
    if (label === 1 || label === 0) {
      known[cell] = (known[cell] as number) + 1;
      converted[cell] = (converted[cell] as number) + label;
    }
  }
  const cells = PRIORITIES.map((priority, i): PriorityMatrixCell => {
    const withOutcome = known[i] as number;
    const yes = converted[i] as number;
    return {
      priority,
      grade: GRADES[Math.floor(i / 4)] as Grade,
      level: LEVELS[i % 4] as Level,
      leads: leads[i] as number,
      withOutcome,
      converted: yes,
      rate: withOutcome === 0 ? null : yes / withOutcome,
      fewOutcomes: withOutcome < MIN_LEADS_FOR_RATE,
      action: priorityActionOf(m, priority),
    };
  });
  const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  return {
    ok: true,
    value: { thresholds: thresholds.value, cells, leads: scored.count, hasOutcomes: outcomes !== undefined, withOutcome: sum(known), converted: sum(converted) },
    warnings: thresholds.warnings,
  };
}

/**
 * What to say when the best grade (level) holds no lead while a lower one does: "No lead reaches
 * fit grade A (Fit 52.5): set 'Grade A from' in the model's settings." An empty row A says more
 * about where grade A starts than about the leads. Nothing when the top grade and level hold leads.
 */
export function unreachedPriorities(x: PriorityMatrix): string[] {
  const notes: string[] = [];
  const axes = [
    ['fit grade', 'Fit', GRADES, x.thresholds.grades, ['gradeA', 'gradeB', 'gradeC']],
    ['engagement level', 'Engagement', LEVELS, x.thresholds.levels, ['level1', 'level2', 'level3']],
  ] as const;
  axes.forEach(([what, unit, names, from, keys], axis) => {
    // The best grade (level) holding a lead; cells are in reading order, A1 to D4.
    const top = Math.min(...x.cells.flatMap((c, i) => (c.leads > 0 ? [axis === 0 ? i >> 2 : i & 3] : [])));
    const key = keys[top - 1];
    if (key !== undefined) notes.push(`No lead reaches ${what} ${names[top - 1]} (${unit} ${from[top - 1]}): set '${SETTINGS[key]}' in the model's settings.`);
  });
  return notes;
}
