import { foldText } from './cells/readCell';
import { columnKey } from './columns';
import { GROUPS, type Cap, type Condition, type Criterion, type Model } from './model';

/**
 * The highest raw score a lead can reach under a model: what 100 means on the 0-100 scale.
 * Criteria on one column whose conditions cannot hold together (Industry equals Technology,
 * Industry equals Healthcare) count once, by their best; decay only lowers points.
 */
export function maximumScore(m: Model): number {
  const known = maxima.get(m);
  if (known !== undefined) return known;
  const max = maximumIn(m, (points) => points, (cap) => cap);
  maxima.set(m, max);
  return max;
}

/**
 * How a model's scores are counted. Each criterion's points become a whole number of units
 * (rounded half up), so that sums are exact in any order: in a block or row by row, in the
 * engine or in SQL. On the points scale a unit is a hundredth of a point, and the score is
 * the total in units. On the 0-100 scale a unit is the power of ten that makes the maximum at
 * least a million units (never coarser than a hundredth of a point), and the score is the
 * total scaled once, round(total * 10000 / maximumUnits) hundredths: a lead that reaches the
 * maximum scores exactly 100.
 */
export interface ScoreArithmetic {
  /** Units per raw point: 100 on the points scale, 10^k (k >= 2) on the 0-100 scale. */
  readonly unitsPerPoint: number;
  /** The 0-100 scale's maximum in units, worked out from each criterion's best in units as a lead gets it; null on the points scale. */
  readonly maximumUnits: number | null;
}

export function scoreArithmetic(m: Model): ScoreArithmetic {
  const known = arithmetics.get(m);
  if (known !== undefined) return known;
  let arithmetic: ScoreArithmetic = { unitsPerPoint: UNITS_PER_POINT, maximumUnits: null };
  const max = maximumScore(m);
  if (m.scale === '0-100' && Number.isFinite(max) && max > 0) {
    let unitsPerPoint = UNITS_PER_POINT;
    while (max * unitsPerPoint < MIN_MAXIMUM_UNITS && unitsPerPoint < MAX_UNITS_PER_POINT) unitsPerPoint *= 10;
    const maximumUnits = maximumIn(m, (points) => unitsOf(points, unitsPerPoint), (cap) => capInUnits(cap, unitsPerPoint));
    arithmetic = { unitsPerPoint, maximumUnits };
  }
  arithmetics.set(m, arithmetic);
  return arithmetic;
}

/** Hundredths of a point: the points scale's unit, and the coarsest the 0-100 scale uses. */
const UNITS_PER_POINT = 100;
/** The 0-100 scale counts in units fine enough that rounding a criterion moves a score by at most 0.005 hundredths. */
const MIN_MAXIMUM_UNITS = 1e6;
/** validate refuses 0-100 maxima below 0.01 points, which need 10^8 units a point. */
const MAX_UNITS_PER_POINT = 1e12;

/**
 * A contribution in whole units, never beyond 1e11 units either way (a billion points on the
 * points scale), so that the sum of 50,000 of them (validate's limit) is still an exact
 * integer; and never -0, so that a score is 0 whichever way it is computed.
 */
export function unitsOf(points: number, unitsPerPoint: number): number {
  const units = Math.round(points * unitsPerPoint);
  return (units > MAX_CONTRIBUTION_UNITS ? MAX_CONTRIBUTION_UNITS : units < -MAX_CONTRIBUTION_UNITS ? -MAX_CONTRIBUTION_UNITS : units) + 0;
}

export const MAX_CONTRIBUTION_UNITS = 1e11;

/** A group or total cap in units, as a lead's sums are compared with it. */
export function capInUnits(cap: Cap, unitsPerPoint: number): Cap {
  return {
    min: cap.min === null ? null : Math.round(cap.min * unitsPerPoint) + 0,
    max: cap.max === null ? null : Math.round(cap.max * unitsPerPoint) + 0,
  };
}

/** Models are immutable values: validating and compiling one reuses its maximum and arithmetic. */
const maxima = new WeakMap<Model, number>();
const arithmetics = new WeakMap<Model, ScoreArithmetic>();

/** The maximum, with each criterion's best and each cap counted as `toUnits` and `capIn` turn them (raw points, or units). */
function maximumIn(m: Model, toUnits: (points: number) => number, capIn: (cap: Cap) => Cap): number {
  let total = 0;
  for (const group of GROUPS) {
    const criteria = m.criteria.filter((c) => c.enabled && c.group === group);
    total += clamp(bestOfExclusiveSets(criteria, toUnits), capIn(m.groupCaps[group]));
  }
  return clamp(total, capIn(m.totalCap));
}

export function clamp(value: number, cap: Cap): number {
  let v = value;
  if (cap.min !== null && v < cap.min) v = cap.min;
  if (cap.max !== null && v > cap.max) v = cap.max;
  return v;
}

/** The most a criterion gives a lead: its points (any number of occurrences when counted) within its cap, or nothing. */
export function bestContribution(c: Criterion): number {
  const cap = { min: Math.max(c.cap.min ?? -MAX_CONTRIBUTION, -MAX_CONTRIBUTION), max: Math.min(c.cap.max ?? MAX_CONTRIBUTION, MAX_CONTRIBUTION) };
  if (c.points <= 0) return Math.max(0, clamp(c.points, cap));
  const uncapped = c.perOccurrenceOf === null ? c.points : Number.POSITIVE_INFINITY;
  return c.cap.max === null && uncapped === Number.POSITIVE_INFINITY ? uncapped : clamp(uncapped, cap);
}

/** No criterion gives more than a billion points either way, whatever count a cell holds. */
export const MAX_CONTRIBUTION = 1e9;

function bestOfExclusiveSets(criteria: readonly Criterion[], toUnits: (points: number) => number): number {
  const byField = new Map<string, Criterion[]>();
  for (const c of criteria) {
    const key = columnKey(c.field);
    const same = byField.get(key);
    if (same === undefined) byField.set(key, [c]);
    else same.push(c);
  }
  let sum = 0;
  for (const same of byField.values()) {
    let best = Number.NEGATIVE_INFINITY;
    let all = 0;
    for (const c of same) {
      const most = bestContribution(c);
      const contribution = Number.isFinite(most) ? toUnits(most) : most;
      best = Math.max(best, contribution);
      all += contribution;
    }
    sum += noTwoCanHold(same) ? best : all;
  }
  return sum;
}

/**
 * Whether no two of the criteria can match the same cell, so that at most one of them scores.
 * Pairwise in meaning, but not in time (10,000 criteria on a column took 13 s pair by pair):
 * equals lists are disjoint when no value is in two lists; ranges are disjoint when each, in
 * order of their lower ends, ends before the next begins.
 */
function noTwoCanHold(criteria: readonly Criterion[]): boolean {
  if (criteria.length < 2) return true;
  if (criteria.some((c) => c.perOccurrenceOf !== null)) return false;
  if (criteria.every((c) => c.condition.op === 'equals')) {
    const owner = new Map<string, number>();
    for (let i = 0; i < criteria.length; i++) {
      const condition = criteria[i]?.condition;
      if (condition === undefined || condition.op !== 'equals') return false;
      for (const value of condition.values) {
        const key = foldText(value);
        const seen = owner.get(key);
        if (seen !== undefined && seen !== i) return false;
        owner.set(key, i);
      }
    }
    return true;
  }
  const intervals: Interval[] = [];
  for (const c of criteria) {
    const interval = intervalOf(c.condition);
    if (interval === null) return false;
    intervals.push(interval);
  }
  // At an equal lower end, a closed one first: [5,5] then (5,10) are apart, (5,10) then [5,5] would not look it.
  intervals.sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  for (let i = 1; i < intervals.length; i++) {
    if (!endsBefore(intervals[i - 1] as Interval, intervals[i] as Interval)) return false;
  }
  return true;
}

interface Interval {
  readonly lo: number;
  readonly loOpen: boolean;
  readonly hi: number;
  readonly hiOpen: boolean;
}

function intervalOf(c: Condition): Interval | null {
  const inf = Number.POSITIVE_INFINITY;
  switch (c.op) {
    case 'lt':
      return { lo: -inf, loOpen: true, hi: c.value, hiOpen: true };
    case 'lte':
      return { lo: -inf, loOpen: true, hi: c.value, hiOpen: false };
    case 'gt':
      return { lo: c.value, loOpen: true, hi: inf, hiOpen: true };
    case 'gte':
      return { lo: c.value, loOpen: false, hi: inf, hiOpen: true };
    case 'between':
      return { lo: c.min, loOpen: false, hi: c.max, hiOpen: false };
    default:
      return null;
  }
}

/** Whether `first` (the one with the lower or equal lower end) ends before `second` begins. */
function endsBefore(first: Interval, second: Interval): boolean {
  return first.hi < second.lo || (first.hi === second.lo && (first.hiOpen || second.loOpen));
}
