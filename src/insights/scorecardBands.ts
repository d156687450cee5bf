/**
 * Bands for a scorecard at round-number thresholds: Hot near the top fifth of the leads (or at
 * the sales capacity given), Warm near the top half, each band holding at least 10% of the
 * leads. Scores are whole numbers, so a threshold is a multiple of a round step (1, 2, 5, 10,
 * ...) chosen from the spread of the scores.
 */
import { DEFAULT_BANDS, type Band } from '../engine';
import { capacityShare, type Capacity } from './suggestThreshold';

export const MIN_BAND_SHARE = 0.1;
const HOT_SHARE = 0.2;
const WARM_AND_HOT_SHARE = 0.5;

export interface BandPlan {
  readonly bands: readonly Band[];
  /** Why the bands are where they are (capacity met, or fewer bands than three). */
  readonly note: string;
}

function roundStep(spread: number): number {
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) if (spread / step <= 25) return step;
  return 10 ** Math.ceil(Math.log10(spread / 10));
}

export function scorecardBands(scores: Float64Array, capacity?: Capacity): BandPlan {
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  const [cold, warm, hot] = DEFAULT_BANDS as [Band, Band, Band];
  const low = Math.min(0, Math.floor(sorted[0] ?? 0));
  if (n === 0) return { bands: DEFAULT_BANDS, note: 'no scores to place bands on' };
  const high = sorted[n - 1] ?? 0;
  const step = roundStep(Math.max(1, high - low));
  // Share of leads scoring at or above t.
  const atOrAbove = (t: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return (n - lo) / n;
  };
  const candidates: number[] = [];
  for (let t = Math.ceil((low + 1e-9) / step) * step; t <= high; t += step) if (t > low) candidates.push(t);
  const closest = (target: number, ok: (t: number) => boolean): number | undefined => {
    let best: number | undefined;
    for (const t of candidates) if (ok(t) && (best === undefined || Math.abs(atOrAbove(t) - target) < Math.abs(atOrAbove(best) - target))) best = t;
    return best;
  };
  const capacityOf = capacity === undefined ? undefined : capacityShare(capacity, n);
  const hotFrom =
    capacityOf === undefined
      ? closest(HOT_SHARE, (t) => atOrAbove(t) >= MIN_BAND_SHARE && 1 - atOrAbove(t) >= 2 * MIN_BAND_SHARE)
      : // The lowest round threshold whose leads still fit the capacity.
        candidates.find((t) => atOrAbove(t) <= capacityOf + 1e-9 && atOrAbove(t) > 0);
  if (hotFrom === undefined) {
    const note = capacityOf === undefined ? 'the scores take too few values for three bands of at least 10% each' : `no round score leaves at most ${(capacityOf * 100).toFixed(0)}% of the leads above it`;
    return { bands: [{ ...cold, from: low }], note };
  }
  const hotShare = atOrAbove(hotFrom);
  const warmFrom = closest(Math.max(WARM_AND_HOT_SHARE, hotShare + MIN_BAND_SHARE), (t) => t < hotFrom && atOrAbove(t) - hotShare >= MIN_BAND_SHARE && 1 - atOrAbove(t) >= MIN_BAND_SHARE);
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  if (warmFrom === undefined) {
    return { bands: [{ ...cold, from: low }, { ...hot, from: hotFrom }], note: `Hot from ${hotFrom} (${pct(hotShare)} of leads); no round threshold below it leaves a Warm band of at least 10%` };
  }
  const warmShare = atOrAbove(warmFrom) - hotShare;
  return {
    bands: [{ ...cold, from: low }, { ...warm, from: warmFrom }, { ...hot, from: hotFrom }],
    note: `Cold ${pct(1 - hotShare - warmShare)}, Warm ${pct(warmShare)}, Hot ${pct(hotShare)} of the leads${capacityOf === undefined ? '' : ` (Hot sized to a capacity of ${pct(capacityOf)})`}`,
  };
}
