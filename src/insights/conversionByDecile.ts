/**
 * Conversion rate per score decile, decile 1 the top tenth. A group of equal scores goes whole
 * into the decile its middle rank falls in, so deciles can differ in size and some can be
 * empty (when many leads share one score), but equal scores never land in different deciles.
 */
import type { TieGroup } from './tieGroups';

export interface DecileRow {
  /** 1 = the highest-scoring tenth. */
  readonly decile: number;
  readonly leads: number;
  readonly converted: number;
  /** NaN for an empty decile. */
  readonly rate: number;
  readonly minScore: number;
  readonly maxScore: number;
}

export function conversionByDecile(groups: readonly TieGroup[]): DecileRow[] {
  let total = 0;
  for (const g of groups) total += g.count;
  const rows = Array.from({ length: 10 }, (_, i) => ({ decile: i + 1, leads: 0, converted: 0, minScore: Number.NaN, maxScore: Number.NaN }));
  for (const g of groups) {
    // Middle rank of the group, counting from 0: above + (count - 1) / 2.
    const middle = g.above + (g.count - 1) / 2;
    const index = Math.min(9, Math.floor((middle * 10) / total));
    const row = rows[index];
    if (row === undefined) continue;
    row.leads += g.count;
    row.converted += g.converted;
    row.minScore = Number.isNaN(row.minScore) ? g.score : Math.min(row.minScore, g.score);
    row.maxScore = Number.isNaN(row.maxScore) ? g.score : Math.max(row.maxScore, g.score);
  }
  return rows.map((r) => ({ ...r, rate: r.leads === 0 ? Number.NaN : r.converted / r.leads }));
}
