import { GROUP_LABELS, type Group, type Model, type PrioritySettings } from './model';
import { SETTINGS } from './modelCells/layout';
import { resultOf, type Problem, type Result } from './problems';
import { groupMaximum } from './groupMaximum';
import { maximumScore } from './scoreRange';

/**
 * Priority: a fit grade (A best to D) and an engagement level (1 most engaged to 4) side by
 * side, such as 'A1', as Salesforce Account Engagement and Marketo prioritise. An A4 lead fits
 * but shows no interest yet (nurture); a D1 lead is busy but no customer (no call).
 */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export const LEVELS = ['1', '2', '3', '4'] as const;
export type Grade = (typeof GRADES)[number];
export type Level = (typeof LEVELS)[number];

/**
 * Where an automatic threshold sits, as a share of the most a single lead can reach in its
 * group (groupMaximum: criteria that exclude each other, such as two industries, count once).
 */
export const AUTOMATIC_SHARES = [0.75, 0.5, 0.25] as const;

const GRADE_KEYS = ['gradeA', 'gradeB', 'gradeC'] as const;
const LEVEL_KEYS = ['level1', 'level2', 'level3'] as const;
type ThresholdKey = (typeof GRADE_KEYS)[number] | (typeof LEVEL_KEYS)[number];

/** The lowest Fit of grades A, B and C and the lowest Engagement of levels 1, 2 and 3, in score units, highest first. */
export interface PriorityThresholds {
  readonly grades: readonly [number, number, number];
  readonly levels: readonly [number, number, number];
}

/**
 * The thresholds a model's priority settings give, automatic ones worked out. Errors (located
 * at the setting) when they are not in order, or when an automatic one has nothing to be a
 * share of (a model without Fit criteria grades nobody unless told how).
 */
export function priorityThresholds(m: Model): Result<PriorityThresholds> {
  const fit = resolveGroup(m, 'fit', GRADE_KEYS);
  const engagement = resolveGroup(m, 'engagement', LEVEL_KEYS);
  const problems = [...fit.missing, ...engagement.missing, ...fit.disorder, ...engagement.disorder];
  return resultOf<PriorityThresholds>({ grades: fit.values, levels: engagement.values }, problems);
}

/**
 * The priority problems that make a model wrong wherever it is used (thresholds out of order),
 * for validateModel. A model that cannot work out an automatic threshold is still a good model
 * for scores and bands: that is reported only when a priority is asked for.
 */
export function priorityProblems(m: Model): Problem[] {
  return [...resolveGroup(m, 'fit', GRADE_KEYS).disorder, ...resolveGroup(m, 'engagement', LEVEL_KEYS).disorder];
}

/** 'A1' for a lead of that Fit and Engagement (both in score units, as LeadScore gives them). */
export function priorityOf(t: PriorityThresholds, fit: number, engagement: number): string {
  return `${GRADES[rankOf(t.grades, fit)]}${LEVELS[rankOf(t.levels, engagement)]}`;
}

/** 0 for the first threshold the value reaches (A, 1), 3 below all of them (D, 4); NaN ranks last. */
export function rankOf(lowest: readonly number[], value: number): number {
  let rank = 0;
  while (rank < lowest.length && !(value >= (lowest[rank] as number))) rank++;
  return rank;
}

interface Resolved {
  readonly values: [number, number, number];
  readonly missing: Problem[];
  readonly disorder: Problem[];
}

function resolveGroup(m: Model, group: Group, keys: readonly ThresholdKey[]): Resolved {
  const missing: Problem[] = [];
  const disorder: Problem[] = [];
  const settings: PrioritySettings = m.priority;
  // Thresholds are in the unit of the Fit and Engagement columns: on the 0-100 scale, percent of the model's maximum.
  const max = groupMaximum(m, group);
  const perScorePoint = m.scale === '0-100' ? maximumScore(m) / 100 : 1;
  const automatic = Number.isFinite(max) && max > 0 && Number.isFinite(perScorePoint) && perScorePoint > 0;
  const values = keys.map((key, i) => {
    const given = settings[key];
    if (given !== null) return given;
    // Rounded to cents, the precision scores are kept in, so that a threshold reads as it compares.
    if (automatic) return Math.round(((AUTOMATIC_SHARES[i] as number) * max * 100) / perScorePoint) / 100;
    missing.push({
      severity: 'error',
      at: { json: ['priority', key] },
      message: `the ${GROUP_LABELS[group]} criteria can give no points, or points without limit, so '${SETTINGS[key]}' cannot be worked out`,
      hint: `write a value for '${SETTINGS[key]}' (the lowest ${GROUP_LABELS[group]} of that ${group === 'fit' ? 'grade' : 'level'})`,
    });
    return Number.NaN;
  });
  for (let i = 1; i < keys.length; i++) {
    const higher = values[i - 1] as number;
    const lower = values[i] as number;
    // Two automatic thresholds are in order by construction (they only meet when rounding a tiny maximum to cents).
    const bothAutomatic = settings[keys[i] as ThresholdKey] === null && settings[keys[i - 1] as ThresholdKey] === null;
    if (bothAutomatic || Number.isNaN(higher) || Number.isNaN(lower) || lower < higher) continue;
    // Point at a threshold the user wrote: the later one if written, else the earlier.
    const key = (settings[keys[i] as ThresholdKey] !== null ? keys[i] : keys[i - 1]) as ThresholdKey;
    disorder.push({
      severity: 'error',
      at: { json: ['priority', key] },
      message: `'${SETTINGS[keys[i] as ThresholdKey]}' (${show(lower, settings[keys[i] as ThresholdKey])}) is not below '${SETTINGS[keys[i - 1] as ThresholdKey]}' (${show(higher, settings[keys[i - 1] as ThresholdKey])})`,
      hint: `each ${group === 'fit' ? 'grade' : 'level'} starts below the one before it; leave a setting empty for an automatic one`,
    });
  }
  return { values: values as [number, number, number], missing, disorder };
}

function show(value: number, given: number | null): string {
  return given === null ? `${value}, automatic` : String(value);
}
