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
  let total = 0;
  for (const group of GROUPS) {
    const criteria = m.criteria.filter((c) => c.enabled && c.group === group);
    total += clamp(bestOfExclusiveSets(criteria), m.groupCaps[group]);
  }
  const max = clamp(total, m.totalCap);
  maxima.set(m, max);
  return max;
}

/** Models are immutable values: validating and compiling one reuses its maximum. */
const maxima = new WeakMap<Model, number>();

function clamp(value: number, cap: Cap): number {
  let v = value;
  if (cap.min !== null && v < cap.min) v = cap.min;
  if (cap.max !== null && v > cap.max) v = cap.max;
  return v;
}

function bestContribution(c: Criterion): number {
  if (c.points <= 0) return Math.max(0, c.cap.min ?? 0);
  const uncapped = c.perOccurrenceOf === null ? c.points : Number.POSITIVE_INFINITY;
  return Math.min(uncapped, c.cap.max ?? Number.POSITIVE_INFINITY);
}

function bestOfExclusiveSets(criteria: readonly Criterion[]): number {
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
      const contribution = bestContribution(c);
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
