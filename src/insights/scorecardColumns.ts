/**
 * The columns of a history table as a scorecard reads them: each column once, as numbers, ages
 * in days, or category codes, with blank cells, "not answered" placeholders, error cells and
 * unreadable numbers all counted as missing. Also the checks that leave a column out before any
 * outcome is looked at: constant, identifier, sequential number.
 */
import { excelErrorOf, isBlank, readDate, readNumber, type DateOrder } from '../engine';
import { isNotAnsweredText } from './notAnswered';

export type ScorecardColumnKind = 'numeric' | 'date' | 'category';

export interface ScorecardColumn {
  readonly column: number;
  readonly header: string;
  readonly kind: ScorecardColumnKind;
  /** numeric: the number; date: age in whole days to the as-of day; NaN when missing. */
  readonly numbers: Float64Array;
  /** category: index into `categories`, -1 when missing. */
  readonly codes: Int32Array;
  /** category: lower-cased trimmed text of each code. */
  readonly categories: readonly string[];
  /** category: the first spelling seen of each code. */
  readonly spellings: readonly string[];
  /** Decimal places the numbers are written with (at most 4), so ranges can end just below the next bin. */
  readonly decimals: number;
  readonly blank: number;
  /** Placeholders such as "Select" or "N/A", counted as blank. */
  readonly notAnswered: number;
  /** Cells that are neither the column's kind nor a placeholder (errors, text in a number column). */
  readonly unreadable: number;
  readonly answered: number;
  readonly distinct: number;
}

const DATE_HEADER = /\bdate\b|\bday\b|\bwhen\b|\bcreated\b|\bupdated\b|\blast\b.*\b(activity|seen|contact)/i;
/** A column is read as numbers or dates when this share of its answered cells reads so. */
const READABLE = 0.9;
const KIND_SAMPLE = 4000;

function cellKey(value: unknown): string {
  if (typeof value === 'string') return value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function spellingOf(value: unknown): string {
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function kindOf(header: string, column: number, rows: readonly (readonly unknown[])[], dateOrder: DateOrder): ScorecardColumnKind {
  const step = Math.max(1, Math.floor(rows.length / KIND_SAMPLE));
  let answered = 0;
  let numeric = 0;
  let dated = 0;
  const byHeader = DATE_HEADER.test(header);
  for (let i = 0; i < rows.length; i += step) {
    const value = rows[i]?.[column];
    if (isBlank(value) || excelErrorOf(value) !== null || typeof value === 'boolean') {
      if (typeof value === 'boolean') answered++;
      continue;
    }
    if (typeof value === 'string' && isNotAnsweredText(cellKey(value))) continue;
    answered++;
    const number = readNumber(value);
    if (!Number.isNaN(number)) numeric++;
    // Text dates start with a digit (2026-03-04, 03/04/2026); numbers are dates only by header.
    if ((byHeader || (typeof value === 'string' && Number.isNaN(number) && /^\d/.test(value.trim()))) && !Number.isNaN(readDate(value, dateOrder))) dated++;
  }
  if (answered === 0) return 'category';
  if (dated >= READABLE * answered && (byHeader || dated > numeric)) return 'date';
  if (numeric >= READABLE * answered) return 'numeric';
  return 'category';
}

function decimalsOf(x: number): number {
  for (let d = 0; d < 4; d++) {
    const scaled = x * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-7 * Math.max(1, Math.abs(scaled))) return d;
  }
  return 4;
}

export function readScorecardColumn(header: string, column: number, rows: readonly (readonly unknown[])[], asOfSerial: number, dateOrder: DateOrder): ScorecardColumn {
  const kind = kindOf(header, column, rows, dateOrder);
  const n = rows.length;
  const numbers = new Float64Array(kind === 'category' ? 0 : n);
  const codes = new Int32Array(kind === 'category' ? n : 0);
  const index = new Map<string, number>();
  const categories: string[] = [];
  const spellings: string[] = [];
  const distinctNumbers = new Set<number>();
  let blank = 0;
  let notAnswered = 0;
  let unreadable = 0;
  let decimals = 0;
  // Lead tables repeat their texts: each distinct text is judged once.
  const placeholder = new Map<string, boolean>();
  const codeOfText = new Map<string, number>();
  const numberOfText = new Map<string, number>();
  const codeOf = (value: unknown): number => {
    const key = cellKey(value);
    let code = index.get(key);
    if (code === undefined) {
      code = categories.length;
      index.set(key, code);
      categories.push(key);
      spellings.push(spellingOf(value));
    }
    return code;
  };
  for (let i = 0; i < n; i++) {
    const value = rows[i]?.[column];
    let missing = false;
    if (isBlank(value)) {
      blank++;
      missing = true;
    } else if (excelErrorOf(value) !== null) {
      unreadable++;
      missing = true;
    } else if (typeof value === 'string') {
      let isPlaceholder = placeholder.get(value);
      if (isPlaceholder === undefined) {
        // A number column may hold "-" for none: only text that does not read as a number is a placeholder.
        isPlaceholder = isNotAnsweredText(cellKey(value)) && (kind === 'category' || Number.isNaN(readNumber(value)));
        placeholder.set(value, isPlaceholder);
      }
      if (isPlaceholder) {
        notAnswered++;
        missing = true;
      }
    }
    if (kind === 'category') {
      if (missing) codes[i] = -1;
      else if (typeof value === 'string') {
        let code = codeOfText.get(value);
        if (code === undefined) {
          code = codeOf(value);
          codeOfText.set(value, code);
        }
        codes[i] = code;
      } else codes[i] = codeOf(value);
      continue;
    }
    if (missing) {
      numbers[i] = Number.NaN;
      continue;
    }
    let x: number;
    if (typeof value === 'string' && numberOfText.has(value)) x = numberOfText.get(value) ?? Number.NaN;
    else {
      if (kind === 'date') {
        const serial = readDate(value, dateOrder);
        x = Number.isNaN(serial) ? Number.NaN : asOfSerial - Math.floor(serial);
      } else x = readNumber(value);
      if (typeof value === 'string') numberOfText.set(value, x);
    }
    if (kind === 'numeric' && !Number.isNaN(x) && decimals < 4 && (i & 7) === 0) decimals = Math.max(decimals, decimalsOf(x));
    if (Number.isNaN(x)) unreadable++;
    else distinctNumbers.add(x);
    numbers[i] = x;
  }
  const answered = n - blank - notAnswered - unreadable;
  return {
    column, header, kind, numbers, codes, categories, spellings, decimals,
    blank, notAnswered, unreadable, answered,
    distinct: kind === 'category' ? categories.length : distinctNumbers.size,
  };
}

/** Why a column cannot be a scorecard column whatever the outcomes say, or null. */
export function structuralReason(c: ScorecardColumn): string | null {
  if (c.answered === 0) return `constant: every cell is blank or a placeholder such as 'Select'`;
  if (c.distinct <= 1) return `constant: every answered cell holds the same value`;
  const nearlyUnique = c.answered >= 20 && c.distinct >= 0.9 * c.answered;
  if (c.kind === 'category' && nearlyUnique) return `an identifier: ${c.distinct} different values in ${c.answered} answered cells`;
  if (c.kind === 'numeric') {
    if (nearlyUnique && allWhole(c.numbers)) return `an identifier: ${c.distinct} different whole numbers in ${c.answered} answered cells`;
    const order = rowOrder(c.numbers);
    if (c.distinct >= 0.2 * c.answered && order !== null) return `a sequential number: it ${order} with the row order in ${Math.round(orderShare(c.numbers) * 100)}% of steps`;
  }
  return null;
}

function allWhole(values: Float64Array): boolean {
  for (const v of values) if (!Number.isNaN(v) && v !== Math.floor(v)) return false;
  return true;
}

function steps(values: Float64Array): { up: number; down: number } {
  let previous = Number.NaN;
  let up = 0;
  let down = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(previous)) {
      if (v > previous) up++;
      else if (v < previous) down++;
    }
    previous = v;
  }
  return { up, down };
}

const SEQUENTIAL = 0.95;

function orderShare(values: Float64Array): number {
  const { up, down } = steps(values);
  return Math.max(up, down) / Math.max(1, up + down);
}

/** 'grows' or 'falls' when the values move one way with the row order (ignoring repeats), else null. */
function rowOrder(values: Float64Array): string | null {
  const { up, down } = steps(values);
  if (up + down < 20) return null;
  if (up >= SEQUENTIAL * (up + down)) return 'grows';
  if (down >= SEQUENTIAL * (up + down)) return 'falls';
  return null;
}
