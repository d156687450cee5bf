/**
 * Cumulative gain and lift: working the top X% of leads by score captures Y% of the
 * conversions. A group of equal scores that straddles the cut counts in proportion (what
 * working a random part of it would give on average), so the figures never depend on row order.
 */
import type { TieGroup } from './tieGroups';

export interface GainPoint {
  /** Share of leads worked, 0..1. */
  readonly leadShare: number;
  /** Leads worked (rounded to whole leads). */
  readonly leads: number;
  /** Expected conversions among them. */
  readonly conversions: number;
  /** Share of all conversions captured, 0..1. */
  readonly gain: number;
  /** gain / leadShare: how many times better than working leads at random. */
  readonly lift: number;
}

export const GAIN_SHARES: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Expected conversions among the first `leads` leads by score (fractional across a tie). */
export function conversionsInTop(groups: readonly TieGroup[], leads: number): number {
  let conversions = 0;
  for (const g of groups) {
    if (g.above >= leads) break;
    const taken = Math.min(g.count, leads - g.above);
    conversions += (g.converted * taken) / g.count;
  }
  return conversions;
}

export function cumulativeGain(groups: readonly TieGroup[], shares: readonly number[] = GAIN_SHARES): GainPoint[] {
  let total = 0;
  let converted = 0;
  for (const g of groups) {
    total += g.count;
    converted += g.converted;
  }
  return shares.map((leadShare) => {
    const leads = Math.round(leadShare * total);
    const conversions = conversionsInTop(groups, leads);
    const gain = converted === 0 ? 0 : conversions / converted;
    const workedShare = total === 0 ? 0 : leads / total;
    return { leadShare, leads, conversions, gain, lift: workedShare === 0 ? Number.NaN : gain / workedShare };
  });
}
