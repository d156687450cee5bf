/**
 * One copy of each repeated text (a band name, a Band since day) instead of one string per
 * lead: a million leads hold a handful of strings. At most `limit` distinct texts are kept, so
 * a column of unique values cannot grow the pool without bound.
 */
export function stringPool(limit = 10_000): (text: string) => string {
  const kept = new Map<string, string>();
  return (text) => {
    const known = kept.get(text);
    if (known !== undefined) return known;
    if (kept.size < limit) kept.set(text, text);
    return text;
  };
}
