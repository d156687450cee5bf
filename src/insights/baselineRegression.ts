/**
 * The yardstick for a scorecard: a plain logistic regression on the same columns and the same
 * training rows, with none of the scorecard's constraints (no bins, no monotone or whole
 * points, no column selection). Categories one-hot (the 12 commonest values, the rest and the
 * missing as their own indicators), numbers and ages as the value (winsorised), its signed
 * log, and a missing indicator. A light fixed penalty only keeps rare indicators finite.
 */
import { fitLogistic, type Design } from './logisticRegression';
import { rocAuc } from './rocAuc';
import type { ScorecardColumn } from './scorecardColumns';

const TOP_VALUES = 12;
const LAMBDA = 1;

type Encoder = (row: number, out: Float32Array, at: number) => void;

function encoderOf(c: ScorecardColumn, train: Uint32Array): { width: number; encode: Encoder } {
  if (c.kind === 'category') {
    const counts = new Float64Array(c.categories.length);
    for (const i of train) {
      const code = c.codes[i] ?? -1;
      if (code >= 0) counts[code] = (counts[code] ?? 0) + 1;
    }
    const top = Array.from(counts.keys()).filter((k) => (counts[k] ?? 0) >= 10).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0)).slice(0, TOP_VALUES);
    const slot = new Int32Array(c.categories.length).fill(top.length);
    top.forEach((code, k) => (slot[code] = k));
    // Slots: top values, then "any other value", then missing.
    return {
      width: top.length + 2,
      encode: (row, out, at) => {
        const code = c.codes[row] ?? -1;
        out[at + (code < 0 ? top.length + 1 : (slot[code] ?? top.length))] = 1;
      },
    };
  }
  const signedLog = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));
  const present: number[] = [];
  // Percentiles and means from every k-th training row: 20,000 rows place them well enough.
  const step = Math.max(1, Math.floor(train.length / 20_000));
  for (let t = 0; t < train.length; t += step) {
    const i = train[t] ?? 0;
    const v = c.numbers[i] ?? Number.NaN;
    if (!Number.isNaN(v)) present.push(v);
  }
  const sorted = Float64Array.from(present).sort();
  // The raw value clipped to its 1st-99th percentiles (winsorised): a few huge values would
  // otherwise decide the fit; the log term keeps the shape of the tail.
  const low = sorted[Math.floor(0.01 * sorted.length)] ?? 0;
  const high = sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? 0;
  const clip = (v: number): number => Math.min(high, Math.max(low, v));
  let sum = 0;
  let logSum = 0;
  for (const v of sorted) {
    sum += clip(v);
    logSum += signedLog(v);
  }
  // Centred, so the fit's scaling (which does not centre) stays well conditioned.
  const mean = sorted.length === 0 ? 0 : sum / sorted.length;
  const logMean = sorted.length === 0 ? 0 : logSum / sorted.length;
  return {
    width: 3,
    encode: (row, out, at) => {
      const v = c.numbers[row] ?? Number.NaN;
      const missing = Number.isNaN(v);
      out[at] = missing ? 0 : clip(v) - mean;
      out[at + 1] = missing ? 0 : signedLog(v) - logMean;
      out[at + 2] = missing ? 1 : 0;
    },
  };
}

/** The hold-out AUC of an unconstrained logistic regression fitted on `train`. */
export function baselineAuc(columns: readonly ScorecardColumn[], labels: Uint8Array, train: Uint32Array, holdout: Uint32Array): number {
  const encoders = columns.map((c) => encoderOf(c, train));
  const p = encoders.reduce((s, e) => s + e.width, 0);
  // Single precision: centred values and indicators need no more, and the design is half the size.
  const encode = (rows: Uint32Array): Float32Array => {
    const x = new Float32Array(rows.length * p);
    rows.forEach((i, r) => {
      let at = r * p;
      for (const e of encoders) {
        e.encode(i, x, at);
        at += e.width;
      }
    });
    return x;
  };
  const d: Design = { x: encode(train), rows: train.length, features: p, y: Uint8Array.from(train, (i) => labels[i] ?? 0) };
  // Six Newton steps reach the optimum to well within what moves an AUC; later ones only polish rare indicators.
  const fit = fitLogistic(d, { lambda: LAMBDA, tolerance: 1e-4, maxIterations: 6, hessianRows: 10_000 });
  const xh = encode(holdout);
  const eta = new Float64Array(holdout.length);
  for (let r = 0; r < holdout.length; r++) {
    let s = fit.intercept;
    for (let j = 0; j < p; j++) s += (fit.weights[j] ?? 0) * (xh[r * p + j] ?? 0);
    eta[r] = s;
  }
  return rocAuc(eta, Uint8Array.from(holdout, (i) => labels[i] ?? 0));
}
