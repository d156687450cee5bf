/** The conditional formats that colour the Score and Band columns by the model's bands. */
import type { Band } from '../engine';
import type { ConditionalRule } from '../excel/gateway';

/** One rule per band on the Band column: the cell's text is the band's name. */
export function bandTextRules(bands: readonly Band[]): ConditionalRule[] {
  return bands.filter((b) => b.color !== '').map((b) => ({ kind: 'textEquals', text: b.name, fill: b.color }));
}

/**
 * Bounds of every Score rule: Excel's largest number. A formula returning "" (a blank lead row,
 * a row the table just grew by) is text, and Excel compares any text as greater than any number,
 * so an open-ended ">=" rule would colour those rows; a bounded "between" never matches text.
 */
export const LARGEST_EXCEL_NUMBER = 9.99e307;

/** The Score column coloured by the same thresholds: [from, next band's from), the lowest band taking everything below. */
export function scoreRules(bands: readonly Band[]): ConditionalRule[] {
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  return sorted.flatMap((b, i): ConditionalRule[] => {
    if (b.color === '') return [];
    const next = sorted[i + 1];
    const from = i === 0 ? -LARGEST_EXCEL_NUMBER : b.from;
    const to = next === undefined ? LARGEST_EXCEL_NUMBER : next.from - 1e-9;
    return [{ kind: 'cellValue', operator: 'between', value: from, value2: to, fill: b.color }];
  });
}
