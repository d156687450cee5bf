/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least
 * squares) on a small design: a few dozen features, any number of rows. Features are divided
 * by their standard deviation inside, so one penalty treats 0/1 indicators and counts alike;
 * the intercept is not penalised. Coefficients come back in the features' own units.
 */

export interface Design {
  /** Row-major: x[i * features + j]. Single precision serves 0/1 indicators at half the memory. */
  readonly x: Float64Array | Float32Array;
  readonly rows: number;
  readonly features: number;
  readonly y: Uint8Array;
  /**
   * Sufficient statistics: when set, row i stands for count[i] leads with these features, of
   * which positives[i] converted (y is then ignored). See compressRows.
   */
  readonly count?: Float64Array;
  readonly positives?: Float64Array;
}

/**
 * The rows as distinct feature patterns with counts: leads with the same criteria matched add
 * the same terms to the likelihood, so a fit on the patterns equals a fit on the rows and
 * costs as many patterns as there are (rule features repeat a lot), not as many leads.
 */
export function compressRows(d: Design, rows: Uint32Array): Design {
  const p = d.features;
  // Worth it only when patterns repeat: judge from a sample first, and fit the rows otherwise.
  const sample = Math.min(rows.length, 2000);
  const seen = new Set<string>();
  for (let s = 0; s < sample; s++) {
    const i = rows[s] ?? 0;
    seen.add(d.x.subarray(i * p, i * p + p).join(','));
  }
  if (sample >= 500 && seen.size > 0.5 * sample) return isEveryRow(d, rows) ? d : subsetRows(d, rows);
  const index = new Map<string, number>();
  const x: number[] = [];
  const count: number[] = [];
  const positives: number[] = [];
  for (const i of rows) {
    const slice = d.x.subarray(i * p, i * p + p);
    const key = slice.join(',');
    let at = index.get(key);
    if (at === undefined) {
      at = count.length;
      index.set(key, at);
      for (let j = 0; j < p; j++) x.push(slice[j] ?? 0);
      count.push(0);
      positives.push(0);
    }
    count[at] = (count[at] ?? 0) + (d.count?.[i] ?? 1);
    positives[at] = (positives[at] ?? 0) + (d.positives?.[i] ?? d.y[i] ?? 0);
  }
  return { x: Float64Array.from(x), rows: count.length, features: p, y: new Uint8Array(count.length), count: Float64Array.from(count), positives: Float64Array.from(positives) };
}

export interface LogisticFit {
  readonly intercept: number;
  /** Per feature, in the feature's own units. */
  readonly weights: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

interface Standardised {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

function standardisation(d: Design, rowsUsed: Uint32Array): Standardised {
  const p = d.features;
  const mean = new Float64Array(p);
  const sq = new Float64Array(p);
  let n = 0;
  for (const i of rowsUsed) {
    const base = i * p;
    const c = d.count?.[i] ?? 1;
    n += c;
    for (let j = 0; j < p; j++) {
      const v = d.x[base + j] ?? 0;
      mean[j] = (mean[j] ?? 0) + c * v;
      sq[j] = (sq[j] ?? 0) + c * v * v;
    }
  }
  n = Math.max(1, n);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const m = (mean[j] ?? 0) / n;
    mean[j] = m;
    const variance = (sq[j] ?? 0) / n - m * m;
    // A constant feature gets scale 1: its weight is then held at 0 by the penalty.
    scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { mean, scale };
}

/** Solves A x = b for symmetric positive definite A (k x k, row-major) by Cholesky; A is overwritten. */
function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] ?? 0;
    for (let m = 0; m < j; m++) d -= (a[j * k + m] ?? 0) ** 2;
    d = Math.sqrt(Math.max(d, 1e-12));
    a[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] ?? 0;
      for (let m = 0; m < j; m++) s -= (a[i * k + m] ?? 0) * (a[j * k + m] ?? 0);
      a[i * k + j] = s / d;
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i] ?? 0;
    for (let m = 0; m < i; m++) s -= (a[i * k + m] ?? 0) * (z[m] ?? 0);
    z[i] = s / (a[i * k + i] ?? 1);
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i] ?? 0;
    for (let m = i + 1; m < k; m++) s -= (a[m * k + i] ?? 0) * (x[m] ?? 0);
    x[i] = s / (a[i * k + i] ?? 1);
  }
  return x;
}

export interface FitOptions {
  /** Penalty on the sum of squared standardised weights. */
  readonly lambda: number;
  /** The rows to fit on; all rows when absent. */
  readonly rows?: Uint32Array;
  /** Standardised coefficients to start from (intercept first), from a neighbouring fit. */
  readonly start?: Float64Array;
  readonly maxIterations?: number;
  /** Stop when no coefficient moves more than this (standardised scale). Default 1e-6. */
  readonly tolerance?: number;
  /**
   * Build the Hessian from about this many rows (every k-th, weighted k), the gradient from
   * all. The optimum is the same (it is where the exact gradient is zero); on a large table
   * each step costs a fraction, for a step or two more. Default 20,000.
   */
  readonly hessianRows?: number;
}

export interface StandardisedFit extends LogisticFit {
  /** Intercept then weights on the standardised scale, to warm-start a neighbouring fit. */
  readonly standardised: Float64Array;
}

export function allRows(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

export function fitLogistic(d: Design, options: FitOptions): StandardisedFit {
  const p = d.features;
  const k = p + 1;
  const rows = options.rows ?? allRows(d.rows);
  const { scale } = standardisation(d, rows);
  // Features are scaled but not centred: most criteria match few leads, so most cells stay 0
  // and each row adds only its non-zero features to the Hessian. The intercept takes the means.
  const beta = options.start !== undefined ? Float64Array.from(options.start) : new Float64Array(k);
  if (options.start === undefined) {
    let positives = 0;
    let leads = 0;
    for (const i of rows) {
      positives += d.positives?.[i] ?? d.y[i] ?? 0;
      leads += d.count?.[i] ?? 1;
    }
    const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, leads)));
    beta[0] = Math.log(rate / (1 - rate));
  }
  const nzIndex = new Int32Array(k);
  const nzValue = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  const gradient = new Float64Array(k);
  const maxIterations = options.maxIterations ?? 25;
  const stride = Math.max(1, Math.ceil(rows.length / (options.hessianRows ?? 20_000)));
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    hessian.fill(0);
    gradient.fill(0);
    for (let position = 0; position < rows.length; position++) {
      const i = rows[position] ?? 0;
      const base = i * p;
      let eta = beta[0] ?? 0;
      let nz = 1;
      nzIndex[0] = 0;
      nzValue[0] = 1;
      for (let j = 0; j < p; j++) {
        const raw = d.x[base + j] ?? 0;
        if (raw === 0) continue;
        const v = raw / (scale[j] ?? 1);
        nzIndex[nz] = j + 1;
        nzValue[nz] = v;
        nz++;
        eta += (beta[j + 1] ?? 0) * v;
      }
      const prob = 1 / (1 + Math.exp(-eta));
      const leads = d.count?.[i] ?? 1;
      const r = (d.positives?.[i] ?? d.y[i] ?? 0) - leads * prob;
      for (let a = 0; a < nz; a++) {
        const ia = nzIndex[a] ?? 0;
        gradient[ia] = (gradient[ia] ?? 0) + r * (nzValue[a] ?? 0);
      }
      if (position % stride !== 0) continue;
      const w = stride * leads * Math.max(prob * (1 - prob), 1e-10);
      for (let a = 0; a < nz; a++) {
        const ia = nzIndex[a] ?? 0;
        const va = nzValue[a] ?? 0;
        const wa = w * va;
        const rowBase = ia * k;
        for (let b = 0; b <= a; b++) {
          const at = rowBase + (nzIndex[b] ?? 0);
          hessian[at] = (hessian[at] ?? 0) + wa * (nzValue[b] ?? 0);
        }
      }
    }
    for (let a = 1; a < k; a++) {
      gradient[a] = (gradient[a] ?? 0) - options.lambda * (beta[a] ?? 0);
      hessian[a * k + a] = (hessian[a * k + a] ?? 0) + options.lambda;
    }
    hessian[0] = (hessian[0] ?? 0) + 1e-9;
    // Non-zero indexes ascend, so only the lower triangle was filled; mirror it.
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) hessian[a * k + b] = hessian[b * k + a] ?? 0;
    const step = solveSpd(hessian, gradient, k);
    let largest = 0;
    for (let a = 0; a < k; a++) {
      const s = step[a] ?? 0;
      beta[a] = (beta[a] ?? 0) + s;
      largest = Math.max(largest, Math.abs(s));
    }
    converged = largest < (options.tolerance ?? 1e-6);
  }
  const weights = new Float64Array(p);
  for (let j = 0; j < p; j++) weights[j] = (beta[j + 1] ?? 0) / (scale[j] ?? 1);
  return { intercept: beta[0] ?? 0, weights, iterations, converged, standardised: beta };
}

/** True when rows are 0..d.rows-1 in order: the design itself, no copy needed. */
function isEveryRow(d: Design, rows: Uint32Array): boolean {
  if (rows.length !== d.rows) return false;
  for (let i = 0; i < rows.length; i++) if (rows[i] !== i) return false;
  return true;
}

function subsetRows(d: Design, rows: Uint32Array): Design {
  const p = d.features;
  const x = new Float64Array(rows.length * p);
  const y = new Uint8Array(rows.length);
  rows.forEach((i, r) => {
    x.set(d.x.subarray(i * p, i * p + p), r * p);
    y[r] = d.y[i] ?? 0;
  });
  return { x, rows: rows.length, features: p, y };
}

/** intercept + x . weights for one row of a design. */
export function linearPredictor(d: Design, fit: LogisticFit, row: number): number {
  let eta = fit.intercept;
  const base = row * d.features;
  for (let j = 0; j < d.features; j++) eta += (fit.weights[j] ?? 0) * (d.x[base + j] ?? 0);
  return eta;
}

/** Mean log-loss of a fit on some rows. */
export function logLoss(d: Design, fit: LogisticFit, rows: Uint32Array): number {
  let loss = 0;
  for (const i of rows) {
    const eta = linearPredictor(d, fit, i);
    // log(1 + e^eta) - y * eta, computed without overflow.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    loss += softplus - (d.y[i] ?? 0) * eta;
  }
  return loss / Math.max(1, rows.length);
}

export const LAMBDAS: readonly number[] = [1000, 300, 100, 30, 10, 3, 1];

export interface CrossValidation {
  readonly lambda: number;
  /** Mean held-out log-loss per lambda tried. */
  readonly losses: readonly { readonly lambda: number; readonly loss: number }[];
  /** Standardised coefficients of the last fold's fit at the chosen lambda: a warm start for the full fit. */
  readonly start: Float64Array | undefined;
}

/**
 * Picks the penalty with the lowest held-out log-loss over k folds (folds[i] in 0..k-1, -1 for
 * rows left out). Each fold walks the lambdas from strong to weak, warm-starting each fit.
 */
export function crossValidateLambda(d: Design, folds: Int8Array, k: number, lambdas: readonly number[] = LAMBDAS): CrossValidation {
  const totals = lambdas.map(() => 0);
  const lastFits: Float64Array[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    folds.forEach((fold, i) => {
      if (fold === f) test.push(i);
      else if (fold >= 0) train.push(i);
    });
    const patterns = compressRows(d, Uint32Array.from(train));
    const testRows = Uint32Array.from(test);
    let start: Float64Array | undefined;
    lambdas.forEach((lambda, li) => {
      const fit = fitLogistic(patterns, start === undefined ? { lambda, tolerance: 1e-4 } : { lambda, start, tolerance: 1e-4 });
      start = fit.standardised;
      lastFits[li] = fit.standardised;
      totals[li] = (totals[li] ?? 0) + logLoss(d, fit, testRows) * testRows.length;
    });
  }
  let used = 0;
  folds.forEach((f) => (used += f >= 0 ? 1 : 0));
  const losses = lambdas.map((lambda, i) => ({ lambda, loss: (totals[i] ?? 0) / Math.max(1, used) }));
  let best = losses[0] ?? { lambda: 1, loss: 0 };
  for (const l of losses) if (l.loss < best.loss - 1e-12) best = l;
  return { lambda: best.lambda, losses, start: lastFits[lambdas.indexOf(best.lambda)] };
}
