/**
 * ROC AUC: the chance that a random converter scores above a random non-converter, ties
 * counting one half (the Mann-Whitney U statistic with average ranks). NaN when either class
 * is missing.
 */
import { tieGroupsDescending, type TieGroup } from './tieGroups';

export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return aucOfGroups(tieGroupsDescending(scores, labels));
}

export function aucOfGroups(groups: readonly TieGroup[]): number {
  let positives = 0;
  let negatives = 0;
  for (const g of groups) {
    positives += g.converted;
    negatives += g.count - g.converted;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  // Walking down: each converter beats every non-converter below its group, and half-beats
  // those in its own group.
  let wins = 0;
  let negativesAbove = 0;
  for (const g of groups) {
    const groupNegatives = g.count - g.converted;
    const negativesBelow = negatives - negativesAbove - groupNegatives;
    wins += g.converted * (negativesBelow + groupNegatives / 2);
    negativesAbove += groupNegatives;
  }
  return wins / (positives * negatives);
}
