/**
 * From fitted weights (log-odds per unit) to points a person can read: one scale factor for
 * all criteria, so their ratios are the fitted ones, then rounded to whole points (half
 * points per occurrence, where whole points would be too coarse). A criterion's sign is kept:
 * one that helps never rounds to 0 or below.
 */
export function pointsFromWeight(weight: number, scale: number, perOccurrence: boolean): number {
  const raw = weight * scale;
  const step = perOccurrence ? 0.5 : 1;
  const rounded = Math.round(Math.abs(raw) / step) * step;
  return Math.sign(raw) * Math.max(step, rounded);
}

export function standardDeviation(values: ArrayLike<number>): number {
  let sum = 0;
  let sq = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    sum += v;
    sq += v * v;
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sq / n - mean * mean));
}

export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))] ?? Number.NaN;
}
