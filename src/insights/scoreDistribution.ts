/**
 * How scores spread: one bin per score when there are few distinct scores (rule scores often
 * take a handful of values), otherwise equal-width bins from the lowest score to the highest.
 */
import type { TieGroup } from './tieGroups';

export interface ScoreBin {
  /** Inclusive lower bound. */
  readonly from: number;
  /** Exclusive upper bound, except for the last bin, which includes it. */
  readonly to: number;
  readonly leads: number;
  readonly converted: number;
}

export function scoreDistribution(groups: readonly TieGroup[], maxBins = 10): ScoreBin[] {
  if (groups.length === 0) return [];
  const ascending = [...groups].reverse();
  if (ascending.length <= maxBins) {
    return ascending.map((g) => ({ from: g.score, to: g.score, leads: g.count, converted: g.converted }));
  }
  const low = ascending[0]?.score ?? 0;
  const high = ascending[ascending.length - 1]?.score ?? 0;
  const width = (high - low) / maxBins;
  const bins = Array.from({ length: maxBins }, (_, i) => ({ from: low + i * width, to: i === maxBins - 1 ? high : low + (i + 1) * width, leads: 0, converted: 0 }));
  for (const g of ascending) {
    const index = Math.min(maxBins - 1, Math.floor((g.score - low) / width));
    const bin = bins[index];
    if (bin === undefined) continue;
    bin.leads += g.count;
    bin.converted += g.converted;
  }
  return bins;
}
