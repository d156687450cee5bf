/**
 * Points per bin: a logistic regression on one indicator per bin (each column's least
 * converting bin is the reference), its L2 penalty chosen by k-fold cross-validation; then, per
 * column, the fitted weights are made to rise with the bins' conversion rates (weighted pool
 * adjacent violators), so a bin that converts better never gets fewer points. Columns whose
 * weights come out flat add nothing once the others are known and are dropped, and the rest
 * refitted.
 */
import { compressRows, crossValidateLambda, fitLogistic, LAMBDAS, type Design } from './logisticRegression';
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

function design(columns: readonly BinnedColumn[], labels: Uint8Array, rows: Uint32Array): { d: Design; slots: Int32Array[] } {
  // slots[c][k]: the feature index of bin k of column c, -1 for the reference bin.
  let p = 0;
  const slots = columns.map((c) => {
    const order = byRate(c.bins);
    const slot = new Int32Array(c.bins.length).fill(-1);
    order.slice(1).forEach((k) => (slot[k] = p++));
    return slot;
  });
  const x = new Float64Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  rows.forEach((i, r) => {
    y[r] = labels[i] ?? 0;
    columns.forEach((c, j) => {
      const k = c.binOfRow[i] ?? -1;
      const s = k < 0 ? -1 : (slots[j]?.[k] ?? -1);
      if (s >= 0) x[r * p + s] = 1;
    });
  });
  return { d: { x, rows: rows.length, features: p, y }, slots };
}

/** Weighted isotonic regression (non-decreasing) of values in the given order. */
function isotonic(values: readonly number[], weights: readonly number[]): number[] {
  const blocks: { sum: number; weight: number; size: number }[] = [];
  values.forEach((v, i) => {
    const w = Math.max(weights[i] ?? 1, 1e-9);
    blocks.push({ sum: v * w, weight: w, size: 1 });
    while (blocks.length >= 2) {
      const b = blocks[blocks.length - 1] as (typeof blocks)[number];
      const a = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (a.sum / a.weight <= b.sum / b.weight) break;
      blocks.splice(blocks.length - 2, 2, { sum: a.sum + b.sum, weight: a.weight + b.weight, size: a.size + b.size });
    }
  });
  return blocks.flatMap((b) => Array.from({ length: b.size }, () => b.sum / b.weight));
}

function monotoneWeights(c: BinnedColumn, fitted: (k: number) => number): Float64Array {
  const order = byRate(c.bins);
  const projected = isotonic(order.map(fitted), order.map((k) => (c.bins[k] as Bin).leads));
  const lowest = Math.min(...projected);
  const out = new Float64Array(c.bins.length);
  order.forEach((k, position) => (out[k] = (projected[position] ?? 0) - lowest));
  return out;
}

const FLAT = 1e-3;

/**
 * Fits the bins' weights on the training rows. Returns the weights of the columns kept (same
 * order as `columns`, null for a column dropped as flat).
 */
export function fitBinWeights(columns: readonly BinnedColumn[], labels: Uint8Array, train: Uint32Array, settings: FitSettings): BinWeights & { readonly kept: readonly (Float64Array | null)[] } {
  const groups = stratifiedGroups(Int8Array.from(train, (i) => labels[i] ?? 0), settings.folds, settings.seed);
  const keep = Math.min(1, settings.crossValidationRows / Math.max(1, train.length));
  const folds = new Int8Array(train.length).fill(-1);
  train.forEach((_, t) => {
    if (keep >= 1 || ((t * 7919) % 10_000) / 10_000 < keep) folds[t] = groups[t] ?? -1;
  });

  let active = columns.map((_, j) => j);
  let lambda = LAMBDAS[0] ?? 1;
  let losses: { lambda: number; loss: number }[] = [];
  const result: (Float64Array | null)[] = columns.map(() => null);
  // Warm starts: the cross-validation's last fit, then each pass's fit without the dropped columns.
  let start: Float64Array | undefined;
  const previous = new Map<string, number>();
  let previousIntercept = 0;
  for (let pass = 0; pass < 3 && active.length > 0; pass++) {
    const used = active.map((j) => columns[j] as BinnedColumn);
    const { d, slots } = design(used, labels, train);
    if (pass === 0) {
      const cv = crossValidateLambda(d, folds, settings.folds, LAMBDAS);
      lambda = cv.lambda;
      losses = cv.losses.map((l) => ({ lambda: l.lambda, loss: l.loss }));
      start = cv.start;
    } else {
      start = new Float64Array(d.features + 1);
      start[0] = previousIntercept;
      used.forEach((_, u) => (slots[u] as Int32Array).forEach((s, k) => {
        if (s >= 0) (start as Float64Array)[s + 1] = previous.get(`${active[u]}:${k}`) ?? 0;
      }));
    }
    const fit = fitLogistic(compressRows(d, Uint32Array.from({ length: d.rows }, (_, r) => r)), start === undefined ? { lambda, tolerance: 1e-4 } : { lambda, start, tolerance: 1e-4 });
    previousIntercept = fit.standardised[0] ?? 0;
    used.forEach((_, u) => (slots[u] as Int32Array).forEach((s, k) => {
      if (s >= 0) previous.set(`${active[u]}:${k}`, fit.standardised[s + 1] ?? 0);
    }));
    const next: number[] = [];
    used.forEach((c, u) => {
      const slot = slots[u] as Int32Array;
      const w = monotoneWeights(c, (k) => ((slot[k] ?? -1) < 0 ? 0 : (fit.weights[slot[k] ?? 0] ?? 0)));
      const j = active[u] as number;
      if (Math.max(...w) > FLAT) {
        result[j] = w;
        next.push(j);
      } else result[j] = null;
    });
    if (next.length === active.length) break;
    active = next;
  }
  return { weights: result.filter((w): w is Float64Array => w !== null), kept: result, lambda, crossValidation: losses };
}
