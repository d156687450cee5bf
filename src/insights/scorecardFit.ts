/**
 * Points per bin: a logistic regression on one indicator per bin (each column's least
 * converting bin is the reference), its L2 penalty chosen by k-fold cross-validation. Where
 * correlated columns make a bin's weight fall below that of a bin converting worse, the bins
 * are merged (pool adjacent violators on the weights) and the model refitted, until in every
 * column a bin that converts better never weighs less. A column whose bins all merge adds
 * nothing once the others are known and is dropped.
 */
import { compressRows, crossValidateLambda, fitLogistic, type Design } from './logisticRegression';
import type { Bin } from './scorecardBinning';
import { stratifiedGroups } from './seededSplit';

export interface BinnedColumn {
  readonly bins: readonly Bin[];
  readonly binOfRow: Int16Array;
}

export interface BinWeights {
  /** Per column, per bin: log-odds above the column's worst bin (>= 0, rising with the bin's conversion). */
  readonly weights: readonly Float64Array[];
  readonly lambda: number;
  readonly crossValidation: readonly { readonly lambda: number; readonly loss: number }[];
}

export interface FitSettings {
  readonly folds: number;
  readonly seed: number;
  readonly crossValidationRows: number;
}

const rate = (b: Bin): number => (b.leads === 0 ? 0 : b.converted / b.leads);

/** Bin order by conversion, worst first (ties: larger bin first, then position): the reference is the first. */
function byRate(bins: readonly Bin[]): number[] {
  return bins.map((_, k) => k).sort((a, b) => rate(bins[a] as Bin) - rate(bins[b] as Bin) || (bins[b] as Bin).leads - (bins[a] as Bin).leads || a - b);
}

/**
 * One indicator per group of bins beyond the column's first group (its worst-converting bins,
 * the reference). groups[c][k] is the group of bin k of column c, numbered by conversion.
 */
function design(columns: readonly BinnedColumn[], groups: readonly Int32Array[], labels: Uint8Array, rows: Uint32Array): { d: Design; slots: Int32Array[] } {
  let p = 0;
  const slots = columns.map((c, j) => {
    const group = groups[j] as Int32Array;
    const count = Math.max(0, ...group) + 1;
    const firstSlot = p;
    p += count - 1;
    return Int32Array.from({ length: c.bins.length }, (_, k) => ((group[k] ?? 0) === 0 ? -1 : firstSlot + (group[k] ?? 1) - 1));
  });
  // Indicators only: single precision holds 0 and 1 exactly, in half the memory.
  const x = new Float32Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] ?? 0;
    y[r] = labels[i] ?? 0;
    for (let j = 0; j < columns.length; j++) {
      const k = (columns[j] as BinnedColumn).binOfRow[i] ?? -1;
      const s = k < 0 ? -1 : ((slots[j] as Int32Array)[k] ?? -1);
      if (s >= 0) x[r * p + s] = 1;
    }
  }
  return { d: { x, rows: rows.length, features: p, y }, slots };
}

/** Pool adjacent violators on the groups' weights (in conversion order): the groups to merge, or null when already rising. */
function mergedGroups(group: Int32Array, weights: readonly number[], leads: readonly number[]): Int32Array | null {
  const blocks: { sum: number; weight: number; members: number[] }[] = [];
  weights.forEach((v, g) => {
    const w = Math.max(leads[g] ?? 1, 1e-9);
    blocks.push({ sum: v * w, weight: w, members: [g] });
    while (blocks.length >= 2) {
      const b = blocks[blocks.length - 1] as (typeof blocks)[number];
      const a = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (a.sum / a.weight <= b.sum / b.weight) break;
      blocks.splice(blocks.length - 2, 2, { sum: a.sum + b.sum, weight: a.weight + b.weight, members: a.members.concat(b.members) });
    }
  });
  if (blocks.length === weights.length) return null;
  const renumber = new Int32Array(weights.length);
  blocks.forEach((b, n) => b.members.forEach((g) => (renumber[g] = n)));
  return Int32Array.from(group, (g) => renumber[g] ?? 0);
}

const FLAT = 1e-3;
/**
 * Penalties tried, strong to weak (each fit warm-starts the next). Bins of 2%+ of the leads
 * never need the strongest penalty calibrate tries (1000), which would flatten most columns.
 */
const SCORECARD_LAMBDAS: readonly number[] = [300, 100, 30, 10, 3, 1];
const TINY_SHARE = 0.005;
const MAX_PASSES = 6;

/**
 * Fits the bins' weights on the training rows: the penalty by cross-validation, then fit,
 * merge the bins whose weights break the conversion order, and refit, until the weights rise
 * with conversion in every column (a constrained fit, not a projection of an unconstrained
 * one). Returns per column (same order as `columns`) the weights, or null for a column that
 * came out flat.
 */
export function fitBinWeights(columns: readonly BinnedColumn[], labels: Uint8Array, train: Uint32Array, settings: FitSettings): BinWeights & { readonly kept: readonly (Float64Array | null)[] } {
  const strata = stratifiedGroups(Int8Array.from(train, (i) => labels[i] ?? 0), settings.folds, settings.seed);
  const keep = Math.min(1, settings.crossValidationRows / Math.max(1, train.length));
  const folds = new Int8Array(train.length).fill(-1);
  train.forEach((_, t) => {
    if (keep >= 1 || ((t * 7919) % 10_000) / 10_000 < keep) folds[t] = strata[t] ?? -1;
  });
  // Groups start as the bins in conversion order (worst first). A tiny bin (a handful of
  // unreadable cells, say) joins its neighbour in that order: alone it would anchor the column
  // and give every other lead points for not being in it.
  const tiny = Math.max(30, TINY_SHARE * train.length);
  const groups: Int32Array[] = columns.map((c) => {
    const group = new Int32Array(c.bins.length);
    let next = -1;
    byRate(c.bins).forEach((k, position) => {
      if (position === 0 || (c.bins[k] as Bin).leads >= tiny || next < 0) next++;
      group[k] = next;
    });
    // A tiny worst bin shares the group of the bin above it.
    const order = byRate(c.bins);
    const first = order[0];
    if (first !== undefined && order.length > 1 && (c.bins[first] as Bin).leads < tiny) {
      for (const k of order) group[k] = Math.max(0, (group[k] ?? 0) - 1);
    }
    return group;
  });
  let active = columns.map((_, j) => j);
  let lambda = SCORECARD_LAMBDAS[0] ?? 1;
  let losses: { lambda: number; loss: number }[] = [];
  const result: (Float64Array | null)[] = columns.map(() => null);
  // Warm start of each pass: the previous fit's standardised weight of each bin's group.
  let start: Float64Array | undefined;
  const binBeta = columns.map((c) => new Float64Array(c.bins.length));
  let intercept = 0;
  for (let pass = 0; pass < MAX_PASSES && active.length > 0; pass++) {
    const used = active.map((j) => columns[j] as BinnedColumn);
    const usedGroups = active.map((j) => groups[j] as Int32Array);
    const { d, slots } = design(used, usedGroups, labels, train);
    if (pass === 0) {
      const cv = crossValidateLambda(d, folds, settings.folds, SCORECARD_LAMBDAS);
      lambda = cv.lambda;
      losses = cv.losses.map((l) => ({ lambda: l.lambda, loss: l.loss }));
      start = cv.start;
    } else {
      start = new Float64Array(d.features + 1);
      start[0] = intercept;
      active.forEach((j, u) => (slots[u] as Int32Array).forEach((s, k) => {
        if (s >= 0) (start as Float64Array)[s + 1] = binBeta[j]?.[k] ?? 0;
      }));
    }
    const fit = fitLogistic(compressRows(d, Uint32Array.from({ length: d.rows }, (_, r) => r)), start === undefined ? { lambda, tolerance: 1e-4 } : { lambda, start, tolerance: 1e-4 });
    intercept = fit.standardised[0] ?? 0;
    const next: number[] = [];
    let changed = false;
    active.forEach((j, u) => {
      const c = columns[j] as BinnedColumn;
      const slot = slots[u] as Int32Array;
      const group = groups[j] as Int32Array;
      const count = Math.max(0, ...group) + 1;
      const weights = new Array<number>(count).fill(0);
      const leads = new Array<number>(count).fill(0);
      c.bins.forEach((b, k) => {
        const g = group[k] ?? 0;
        const s = slot[k] ?? -1;
        weights[g] = s < 0 ? 0 : (fit.weights[s] ?? 0);
        leads[g] = (leads[g] ?? 0) + b.leads;
        (binBeta[j] as Float64Array)[k] = s < 0 ? 0 : (fit.standardised[s + 1] ?? 0);
      });
      const merged = mergedGroups(group, weights, leads);
      if (merged !== null) {
        changed = true;
        groups[j] = merged;
      }
      const lowest = Math.min(...weights);
      const w = Float64Array.from(c.bins, (_, k) => (weights[group[k] ?? 0] ?? 0) - lowest);
      if (merged !== null && Math.max(0, ...merged) === 0) result[j] = null;
      else {
        result[j] = w;
        next.push(j);
      }
    });
    active = next;
    if (!changed) break;
    if (pass === MAX_PASSES - 1) {
      // Out of passes: the last merges are applied by pooling the weights (a projection).
      active.forEach((j) => {
        const group = groups[j] as Int32Array;
        const w = result[j] as Float64Array;
        const sums = new Map<number, { s: number; n: number }>();
        (columns[j] as BinnedColumn).bins.forEach((b, k) => {
          const e = sums.get(group[k] ?? 0) ?? { s: 0, n: 0 };
          e.s += (w[k] ?? 0) * b.leads;
          e.n += b.leads;
          sums.set(group[k] ?? 0, e);
        });
        const pooled = Float64Array.from(w, (_, k) => {
          const e = sums.get(group[k] ?? 0);
          return e === undefined || e.n === 0 ? 0 : e.s / e.n;
        });
        const lowest = Math.min(...pooled);
        result[j] = pooled.map((x) => x - lowest);
      });
    }
  }
  for (let j = 0; j < result.length; j++) if (result[j] !== null && Math.max(...(result[j] as Float64Array)) <= FLAT) result[j] = null;
  return { weights: result.filter((w): w is Float64Array => w !== null), kept: result, lambda, crossValidation: losses };
}
