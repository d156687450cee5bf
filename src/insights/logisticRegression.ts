/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least
 * squares) on a small dense design: a few dozen features, any number of rows. Features are
 * standardised inside, so one penalty treats 0/1 indicators and counts alike; the intercept
 * is not penalised. Coefficients come back in the features' own units.
 */

export interface Design {
  /** Row-major: x[i * features + j]. */
  readonly x: Float64Array;
  readonly rows: number;
  readonly features: number;
  readonly y: Uint8Array;
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
  for (const i of rowsUsed) {
    const base = i * p;
    for (let j = 0; j < p; j++) {
      const v = d.x[base + j] ?? 0;
      mean[j] = (mean[j] ?? 0) + v;
      sq[j] = (sq[j] ?? 0) + v * v;
    }
  }
  const n = Math.max(1, rowsUsed.length);
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
  const { mean, scale } = standardisation(d, rows);
  const beta = options.start !== undefined ? Float64Array.from(options.start) : new Float64Array(k);
  if (options.start === undefined) {
    let positives = 0;
    for (const i of rows) positives += d.y[i] ?? 0;
    const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, rows.length)));
    beta[0] = Math.log(rate / (1 - rate));
  }
  const z = new Float64Array(k);
  z[0] = 1;
  const hessian = new Float64Array(k * k);
  const gradient = new Float64Array(k);
  const maxIterations = options.maxIterations ?? 30;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    hessian.fill(0);
    gradient.fill(0);
    for (const i of rows) {
      const base = i * p;
      let eta = beta[0] ?? 0;
      for (let j = 0; j < p; j++) {
        const v = ((d.x[base + j] ?? 0) - (mean[j] ?? 0)) / (scale[j] ?? 1);
        z[j + 1] = v;
        eta += (beta[j + 1] ?? 0) * v;
      }
      const prob = 1 / (1 + Math.exp(-eta));
      const w = Math.max(prob * (1 - prob), 1e-10);
      const r = (d.y[i] ?? 0) - prob;
      for (let a = 0; a < k; a++) {
        const za = z[a] ?? 0;
        gradient[a] = (gradient[a] ?? 0) + r * za;
        if (za === 0) continue;
        const wa = w * za;
        const rowBase = a * k;
        for (let b = 0; b <= a; b++) hessian[rowBase + b] = (hessian[rowBase + b] ?? 0) + wa * (z[b] ?? 0);
      }
    }
    for (let a = 1; a < k; a++) {
      gradient[a] = (gradient[a] ?? 0) - options.lambda * (beta[a] ?? 0);
      hessian[a * k + a] = (hessian[a * k + a] ?? 0) + options.lambda;
    }
    hessian[0] = (hessian[0] ?? 0) + 1e-9;
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) hessian[a * k + b] = hessian[b * k + a] ?? 0;
    const step = solveSpd(hessian, gradient, k);
    let largest = 0;
    for (let a = 0; a < k; a++) {
      const s = step[a] ?? 0;
      beta[a] = (beta[a] ?? 0) + s;
      largest = Math.max(largest, Math.abs(s));
    }
    converged = largest < 1e-7;
  }
  const weights = new Float64Array(p);
  let intercept = beta[0] ?? 0;
  for (let j = 0; j < p; j++) {
    const w = (beta[j + 1] ?? 0) / (scale[j] ?? 1);
    weights[j] = w;
    intercept -= w * (mean[j] ?? 0);
  }
  return { intercept, weights, iterations, converged, standardised: beta };
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

export const LAMBDAS: readonly number[] = [1000, 300, 100, 30, 10, 3, 1, 0.3];

export interface CrossValidation {
  readonly lambda: number;
  /** Mean held-out log-loss per lambda tried. */
  readonly losses: readonly { readonly lambda: number; readonly loss: number }[];
}

/**
 * Picks the penalty with the lowest held-out log-loss over k folds (folds[i] in 0..k-1, -1 for
 * rows left out). Each fold walks the lambdas from strong to weak, warm-starting each fit.
 */
export function crossValidateLambda(d: Design, folds: Int8Array, k: number, lambdas: readonly number[] = LAMBDAS): CrossValidation {
  const totals = lambdas.map(() => 0);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    folds.forEach((fold, i) => {
      if (fold === f) test.push(i);
      else if (fold >= 0) train.push(i);
    });
    const trainRows = Uint32Array.from(train);
    const testRows = Uint32Array.from(test);
    let start: Float64Array | undefined;
    lambdas.forEach((lambda, li) => {
      const fit = fitLogistic(d, start === undefined ? { lambda, rows: trainRows } : { lambda, rows: trainRows, start });
      start = fit.standardised;
      totals[li] = (totals[li] ?? 0) + logLoss(d, fit, testRows) * testRows.length;
    });
  }
  let used = 0;
  folds.forEach((f) => (used += f >= 0 ? 1 : 0));
  const losses = lambdas.map((lambda, i) => ({ lambda, loss: (totals[i] ?? 0) / Math.max(1, used) }));
  let best = losses[0] ?? { lambda: 1, loss: 0 };
  for (const l of losses) if (l.loss < best.loss - 1e-12) best = l;
  return { lambda: best.lambda, losses };
}
