/**
 * Reproducible random splits of labelled rows: the same seed gives the same holdout and the
 * same folds, so "before" and "after" are always measured on the same leads.
 */

/** mulberry32: small, fast, good enough to shuffle rows. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Assigns each labelled row to one of k groups, converters and non-converters shuffled apart
 * and dealt round-robin, so every group has its share of both (stratified). Rows whose
 * label is not 0 or 1 get -1.
 */
export function stratifiedGroups(labels: Int8Array, k: number, seed: number): Int8Array {
  const random = seededRandom(seed);
  const groups = new Int8Array(labels.length).fill(-1);
  for (const wanted of [1, 0]) {
    const members: number[] = [];
    labels.forEach((label, i) => {
      if (label === wanted) members.push(i);
    });
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = members[i] as number;
      members[i] = members[j] as number;
      members[j] = swap;
    }
    members.forEach((row, position) => (groups[row] = position % k));
  }
  return groups;
}
