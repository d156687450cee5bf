import { isBlank, readDate, readNumber, type CellValue } from '../engine';
import type { ColumnKind, LeadColumn } from './session';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SAMPLE_ROWS = 2000;

const show = (v: CellValue): string => (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : typeof v === 'object' && v !== null ? '#VALUE!' : String(v ?? '').trim());

/**
 * What a column holds, judged from (at most the first 2,000 of) its non-blank cells: most of them
 * emails, numbers or dates, or few distinct values (a category), or else free text. Most, not all,
 * because real sheets carry a few stray cells.
 */
export function describeColumn(name: string, values: readonly CellValue[]): LeadColumn {
  const filled: CellValue[] = [];
  let blanks = 0;
  for (const v of values) {
    if (isBlank(v)) blanks++;
    else if (filled.length < SAMPLE_ROWS) filled.push(v);
  }
  const counts = new Map<string, number>();
  for (const v of filled) {
    const s = show(v);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const distinct = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 50).map(([s]) => s);
  const samples = [...counts.keys()].slice(0, 5);
  return { name, kind: kindOf(name, filled, counts.size), samples, distinct, blankShare: values.length === 0 ? 0 : blanks / values.length };
}

function kindOf(name: string, filled: readonly CellValue[], distinctCount: number): ColumnKind {
  if (filled.length === 0) return 'text';
  const share = (test: (v: CellValue) => boolean): number => filled.filter(test).length / filled.length;
  if (share((v) => typeof v === 'string' && EMAIL.test(v.trim())) >= 0.8) return 'email';
  const dateNamed = /date|day|time|\bon\b|\bat\b/i.test(name);
  if (dateNamed && share((v) => !Number.isNaN(readDate(v, 'MDY')) || !Number.isNaN(readDate(v, 'DMY'))) >= 0.8) return 'date';
  if (share((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.trim())) >= 0.8) return 'date';
  if (share((v) => typeof v === 'boolean' || !Number.isNaN(readNumber(v))) >= 0.8) {
    // Yes/no and flag columns are numbers or booleans with two values: offer them as categories.
    return distinctCount <= 2 && filled.some((v) => typeof v === 'boolean') ? 'category' : 'number';
  }
  if (distinctCount <= Math.max(12, Math.min(50, filled.length * 0.05))) return 'category';
  return 'text';
}
