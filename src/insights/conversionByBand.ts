/** Conversion rate per band of a model, from the lowest band to the highest. */
import type { Band } from '../engine';

export interface BandRow {
  readonly band: string;
  readonly from: number;
  readonly leads: number;
  readonly converted: number;
  /** NaN for a band with no leads. */
  readonly rate: number;
  /** rate / the overall rate. */
  readonly lift: number;
}

export function conversionByBand(bands: readonly Band[], bandIndex: ArrayLike<number>, labels: ArrayLike<number>): BandRow[] {
  const leads = bands.map(() => 0);
  const converted = bands.map(() => 0);
  let total = 0;
  let positives = 0;
  for (let i = 0; i < bandIndex.length; i++) {
    const b = bandIndex[i] ?? 0;
    leads[b] = (leads[b] ?? 0) + 1;
    total++;
    if (labels[i] === 1) {
      converted[b] = (converted[b] ?? 0) + 1;
      positives++;
    }
  }
  const overall = total === 0 ? Number.NaN : positives / total;
  return bands.map((band, b) => {
    const n = leads[b] ?? 0;
    const rate = n === 0 ? Number.NaN : (converted[b] ?? 0) / n;
    return { band: band.name, from: band.from, leads: n, converted: converted[b] ?? 0, rate, lift: rate / overall };
  });
}
