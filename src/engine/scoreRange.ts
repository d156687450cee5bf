import { GROUPS, type Cap, type Condition, type Criterion, type Model } from './model';

/**
 * The highest raw score a lead can reach under a model: what 100 means on the 0-100 scale.
 * Criteria on one column whose conditions cannot hold together (Industry equals Technology,
 * Industry equals Healthcare) count once, by their best; decay only lowers points.
 */
export function maximumScore(m: Model): number {
  let total = 0;
  for (const group of GROUPS) {
    const criteria = m.criteria.filter((c) => c.enabled && c.group === group);
    total += clamp(bestOfExclusiveSets(criteria), m.groupCaps[group]);
  }
  return clamp(total, m.totalCap);
}

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
    const key = c.field.toLowerCase();
    byField.set(key, [...(byField.get(key) ?? []), c]);
  }
  let sum = 0;
  for (const same of byField.values()) {
    const exclusive = same.every((a, i) => same.every((b, j) => i === j || (a.perOccurrenceOf === null && b.perOccurrenceOf === null && cannotBothHold(a.condition, b.condition))));
    const contributions = same.map(bestContribution);
    sum += exclusive ? Math.max(...contributions) : contributions.reduce((s, x) => s + x, 0);
  }
  return sum;
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

function cannotBothHold(a: Condition, b: Condition): boolean {
  if (a.op === 'equals' && b.op === 'equals') {
    const left = new Set(a.values.map((v) => v.toLowerCase()));
    return b.values.every((v) => !left.has(v.toLowerCase()));
  }
  const x = intervalOf(a);
  const y = intervalOf(b);
  if (x === null || y === null) return false;
  const [first, second] = x.lo <= y.lo ? [x, y] : [y, x];
  return first.hi < second.lo || (first.hi === second.lo && (first.hiOpen || second.loOpen));
}
