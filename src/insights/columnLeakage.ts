/**
 * How well one column alone tells converters apart (its own AUC, direction ignored). A column
 * that does it almost perfectly was most likely filled in after the outcome was known, such as
 * a deal stage set by sales: scoring on it would look brilliant on history and fail on new leads.
 */
import type { ColumnProfile } from './columnProfile';
import { rocAuc } from './rocAuc';

export const LEAKAGE_AUC = 0.95;

export function singleColumnAuc(p: ColumnProfile, labels: Uint8Array): number {
  const scores: number[] = [];
  const ys: number[] = [];
  if (p.kind === 'category') {
    const byKey = new Map<string, { leads: number; converted: number }>();
    p.keys.forEach((k, i) => {
      const c = byKey.get(k) ?? { leads: 0, converted: 0 };
      c.leads++;
      c.converted += labels[i] ?? 0;
      byKey.set(k, c);
    });
    p.keys.forEach((k, i) => {
      const c = byKey.get(k);
      // Values seen fewer than 5 times are not trusted to predict anything.
      if (c === undefined || c.leads < 5) return;
      scores.push(c.converted / c.leads);
      ys.push(labels[i] ?? 0);
    });
  } else if (p.kind === 'numeric' || p.kind === 'date' || p.kind === 'yesNo') {
    p.values.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      scores.push(v);
      ys.push(labels[i] ?? 0);
    });
  }
  if (scores.length < 10) return Number.NaN;
  const auc = rocAuc(scores, ys);
  return Number.isNaN(auc) ? auc : Math.max(auc, 1 - auc);
}
