/**
 * Where to draw the line: the score from which sales should work leads, sized either to what
 * sales can handle or to the conversion rate they want among the leads they work.
 */
import type { TieGroup } from './tieGroups';

/**
 * Sales capacity, in one of three forms:
 * - share: the share of leads sales can work (0.2 = the top 20%);
 * - leads: a number of leads out of this table;
 * - perMonth: sales can work `leadsPerMonth` of the `arrivingPerMonth` new leads a month, i.e.
 *   the share leadsPerMonth / arrivingPerMonth.
 */
export type Capacity =
  | { readonly kind: 'share'; readonly share: number }
  | { readonly kind: 'leads'; readonly leads: number }
  | { readonly kind: 'perMonth'; readonly leadsPerMonth: number; readonly arrivingPerMonth: number };

export interface ThresholdSuggestion {
  /** Work leads scoring at or above this. NaN when no threshold meets the request. */
  readonly threshold: number;
  readonly leads: number;
  readonly share: number;
  readonly converted: number;
  readonly rate: number;
  /** Share of all conversions these leads hold. */
  readonly gain: number;
  readonly reason: string;
}

export function capacityShare(capacity: Capacity, total: number): number {
  const share = capacity.kind === 'share' ? capacity.share : capacity.kind === 'leads' ? capacity.leads / total : capacity.leadsPerMonth / capacity.arrivingPerMonth;
  return Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
}

function summary(groups: readonly TieGroup[], upTo: number, reason: string): ThresholdSuggestion {
  let leads = 0;
  let converted = 0;
  let total = 0;
  let positives = 0;
  groups.forEach((g, i) => {
    total += g.count;
    positives += g.converted;
    if (i <= upTo) {
      leads += g.count;
      converted += g.converted;
    }
  });
  const group = groups[upTo];
  return {
    threshold: group === undefined ? Number.NaN : group.score,
    leads,
    share: total === 0 ? 0 : leads / total,
    converted,
    rate: leads === 0 ? Number.NaN : converted / leads,
    gain: positives === 0 ? 0 : converted / positives,
    reason,
  };
}

/** The lowest threshold whose leads fit in the capacity (whole groups of equal scores only). */
export function thresholdForCapacity(groups: readonly TieGroup[], capacity: Capacity): ThresholdSuggestion {
  let total = 0;
  for (const g of groups) total += g.count;
  const allowed = Math.floor(capacityShare(capacity, total) * total + 1e-9);
  let upTo = -1;
  groups.forEach((g, i) => {
    if (g.above + g.count <= allowed) upTo = i;
  });
  const what = `sales can work ${allowed} of ${total} leads (${(allowed / Math.max(1, total) * 100).toFixed(0)}%)`;
  if (upTo < 0) return { ...summary(groups, -1, `${what}, but even the top score is shared by more leads than that`), threshold: Number.NaN };
  return summary(groups, upTo, what);
}

/**
 * The lowest threshold at which the leads at or above it still convert at `rate` or better,
 * so that sales works as many leads as the target allows. Needs at least `minimumLeads` leads.
 */
export function thresholdForRate(groups: readonly TieGroup[], rate: number, minimumLeads = 5): ThresholdSuggestion {
  let leads = 0;
  let converted = 0;
  let upTo = -1;
  groups.forEach((g, i) => {
    leads += g.count;
    converted += g.converted;
    if (leads >= minimumLeads && converted / leads >= rate) upTo = i;
  });
  const what = `leads at or above it convert at ${(rate * 100).toFixed(0)}% or better`;
  if (upTo < 0) return { ...summary(groups, -1, `no score gives ${what}`), threshold: Number.NaN };
  return summary(groups, upTo, what);
}
