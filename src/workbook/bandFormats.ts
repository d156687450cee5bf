/** The conditional formats that colour the Score and Band columns by the model's bands. */
import type { Band } from '../engine';
import type { ConditionalRule } from '../excel/gateway';

/** One rule per band on the Band column: the cell's text is the band's name. */
export function bandTextRules(bands: readonly Band[]): ConditionalRule[] {
  return bands.filter((b) => b.color !== '').map((b) => ({ kind: 'textEquals', text: b.name, fill: b.color }));
}

/** The Score column coloured by the same thresholds: [from, next band's from), the lowest band taking everything below. */
export function scoreRules(bands: readonly Band[]): ConditionalRule[] {
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  return sorted.flatMap((b, i): ConditionalRule[] => {
    if (b.color === '') return [];
    const next = sorted[i + 1];
    if (i === 0) return [next === undefined ? { kind: 'cellValue', operator: 'greaterThanOrEqual', value: -1e300, fill: b.color } : { kind: 'cellValue', operator: 'lessThan', value: next.from, fill: b.color }];
    return [next === undefined ? { kind: 'cellValue', operator: 'greaterThanOrEqual', value: b.from, fill: b.color } : { kind: 'cellValue', operator: 'between', value: b.from, value2: next.from - 1e-9, fill: b.color }];
  });
}
