/**
 * Turns a path into the model into the words a person uses: ['criteria', 3, 'points'] is
 * "criterion 4, points"; ['bands', 0] is "band 1". Numbers count from 1, as people do.
 */
const SECTION_ITEM: Readonly<Record<string, string>> = { criteria: 'criterion', bands: 'band' };

export function whereOf(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'model';
  const [section, index, ...rest] = path;
  const item = typeof section === 'string' ? SECTION_ITEM[section] : undefined;
  if (item !== undefined && typeof index === 'number') {
    const head = `${item} ${index + 1}`;
    return rest.length === 0 ? head : `${head}, ${rest.join('.')}`;
  }
  return path.join('.');
}
