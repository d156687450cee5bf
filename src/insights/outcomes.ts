/**
 * Reading an outcome column: which leads converted (or were won), which did not, and which
 * cannot be told. Rows whose outcome cannot be told are left out of every figure and counted.
 */
import { excelErrorOf, isBlank } from '../engine';

export interface OutcomeValues {
  /** Texts that mean converted or won, compared trimmed and case-insensitively. */
  readonly positive: readonly string[];
  /** Texts that mean not converted or lost. */
  readonly negative: readonly string[];
}

export const DEFAULT_OUTCOME_VALUES: OutcomeValues = {
  positive: ['1', 'true', 'yes', 'y', 'won', 'win', 'closed won', 'converted', 'customer'],
  negative: ['0', 'false', 'no', 'n', 'lost', 'lose', 'closed lost', 'not converted', 'unconverted', 'disqualified'],
};

export const CONVERTED = 1;
export const NOT_CONVERTED = 0;
export const UNKNOWN_OUTCOME = -1;
export type Outcome = typeof CONVERTED | typeof NOT_CONVERTED | typeof UNKNOWN_OUTCOME;

const norm = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

export interface OutcomeReader {
  (value: unknown): Outcome;
}

/** A reader for one vocabulary: TRUE/FALSE cells, the numbers 1 and 0, and the listed texts. */
export function outcomeReader(values: OutcomeValues = DEFAULT_OUTCOME_VALUES): OutcomeReader {
  const positive = new Set(values.positive.map(norm));
  const negative = new Set(values.negative.map(norm));
  return (value) => {
    if (typeof value === 'boolean') return value ? CONVERTED : NOT_CONVERTED;
    if (typeof value === 'number') return value === 1 ? CONVERTED : value === 0 ? NOT_CONVERTED : UNKNOWN_OUTCOME;
    if (typeof value !== 'string' || isBlank(value) || excelErrorOf(value) !== null) return UNKNOWN_OUTCOME;
    const key = norm(value);
    if (positive.has(key)) return CONVERTED;
    if (negative.has(key)) return NOT_CONVERTED;
    return UNKNOWN_OUTCOME;
  };
}

export interface Outcomes {
  /** Per row: 1 converted, 0 not, -1 unknown. */
  readonly labels: Int8Array;
  readonly converted: number;
  readonly notConverted: number;
  readonly unknown: number;
  /** Up to five distinct unreadable values with the first row (1-based, below the header) holding each. */
  readonly unknownExamples: readonly { readonly row: number; readonly value: string }[];
  /** How many unknown outcomes were blank cells (outcome not yet known, usually). */
  readonly blank: number;
}

export function readOutcomes(rows: readonly (readonly unknown[])[], column: number, values: OutcomeValues = DEFAULT_OUTCOME_VALUES): Outcomes {
  const read = outcomeReader(values);
  const labels = new Int8Array(rows.length);
  let converted = 0;
  let notConverted = 0;
  let blank = 0;
  const examples = new Map<string, number>();
  rows.forEach((row, i) => {
    const value = row[column];
    const label = read(value);
    labels[i] = label;
    if (label === CONVERTED) converted++;
    else if (label === NOT_CONVERTED) notConverted++;
    else if (isBlank(value)) blank++;
    else if (examples.size < 5) {
      const text = typeof value === 'string' ? value.trim() : String(excelErrorOf(value) ?? value);
      if (!examples.has(text)) examples.set(text, i + 1);
    }
  });
  return {
    labels,
    converted,
    notConverted,
    unknown: rows.length - converted - notConverted,
    unknownExamples: [...examples].map(([value, row]) => ({ row, value })),
    blank,
  };
}
