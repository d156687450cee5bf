/**
 * Leads ordered from the highest score down, with leads of equal score kept together: rule
 * scores tie a lot (every lead that matched nothing scores 0), so every figure here treats a
 * group of equal scores as one, never splitting it by row order.
 */
export interface TieGroup {
  readonly score: number;
  /** Leads ranked above this group. */
  readonly above: number;
  readonly count: number;
  readonly converted: number;
}

export function tieGroupsDescending(scores: ArrayLike<number>, labels: ArrayLike<number>): TieGroup[] {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const s = Float64Array.from({ length: n }, (_, i) => scores[i] ?? 0);
  order.sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0));
  const groups: TieGroup[] = [];
  let i = 0;
  while (i < n) {
    const score = s[order[i] ?? 0] ?? 0;
    let converted = 0;
    let j = i;
    while (j < n && s[order[j] ?? 0] === score) {
      converted += labels[order[j] ?? 0] === 1 ? 1 : 0;
      j++;
    }
    groups.push({ score, above: i, count: j - i, converted });
    i = j;
  }
  return groups;
}
