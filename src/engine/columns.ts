/**
 * Finding a model's columns among a table's headers: exactly, then ignoring case and spacing;
 * and, when that fails, the header the user most likely meant.
 */
export type ColumnIndex = number & { readonly __brand: 'ColumnIndex' };

export interface HeaderLookup {
  find(field: string): ColumnIndex | undefined;
  suggest(field: string): string | undefined;
  readonly headers: readonly string[];
}

/** Headers compare in NFKC: 'Titlé' typed two ways, or 'Ｅｍａｉｌ' typed full-width, is one column. */
export const columnKey = (text: string): string => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function headerLookup(headers: readonly unknown[]): HeaderLookup {
  const names = headers.map((h) => (h === null || h === undefined ? '' : String(h)));
  const exact = new Map<string, ColumnIndex>();
  const loose = new Map<string, ColumnIndex>();
  names.forEach((name, i) => {
    // The first of two equal headers wins, as it does in Excel's structured references.
    if (!exact.has(name.trim())) exact.set(name.trim(), i as ColumnIndex);
    if (!loose.has(columnKey(name))) loose.set(columnKey(name), i as ColumnIndex);
  });
  return {
    headers: names,
    find: (field) => exact.get(field.trim()) ?? loose.get(columnKey(field)),
    suggest: (field) => closest(field, names),
  };
}

function closest(field: string, names: readonly string[]): string | undefined {
  const target = columnKey(field);
  if (target === '') return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const candidate = columnKey(name);
    if (candidate === '') continue;
    const distance = editDistance(target, candidate);
    if (distance < bestDistance) {
      best = name.trim();
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(target.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance, two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
