/**
 * What kind of data a column holds, judged from its cells: numbers, yes/no, dates, a few
 * categories, or an identifier (a different value in nearly every row); and how much of it
 * is empty or unreadable.
 */
import { excelErrorOf, isBlank, readDate, readNumber, type DateOrder } from '../engine';

export type ProfileKind = 'numeric' | 'yesNo' | 'date' | 'category' | 'identifier' | 'empty';

export interface ColumnProfile {
  readonly column: number;
  readonly header: string;
  readonly kind: ProfileKind;
  readonly blank: number;
  readonly blankShare: number;
  /** Non-blank cells that do not read as the column's kind (numeric and date columns). */
  readonly junk: number;
  readonly junkExamples: readonly { readonly row: number; readonly value: string }[];
  /** numeric: the number; date: the age in days to the as-of day; yesNo: 1/0; NaN when blank or junk. */
  readonly values: Float64Array;
  /** category: the trimmed, lower-cased text of each cell ('' when blank). */
  readonly keys: readonly string[];
  /** category: the first spelling seen of each key. */
  readonly spelling: ReadonlyMap<string, string>;
  readonly distinct: number;
}

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);
const DATE_HEADER = /\bdate\b|\bday\b|\bwhen\b|\bcreated\b|\bupdated\b|\blast\b.*\b(activity|seen|contact)/i;

/** A column is read as numbers or dates when this share of its non-blank cells reads so. */
const READABLE = 0.9;
export const MOSTLY_EMPTY = 0.7;
export const IDENTIFIER_DISTINCT = 0.9;

export function profileColumn(header: string, column: number, rows: readonly (readonly unknown[])[], rowNumbers: ArrayLike<number>, asOfSerial: number, dateOrder: DateOrder): ColumnProfile {
  const n = rows.length;
  const numbers = new Float64Array(n);
  const dates = new Float64Array(n);
  const yesNo = new Float64Array(n);
  const keys: string[] = new Array<string>(n);
  const spelling = new Map<string, string>();
  let blank = 0;
  let numeric = 0;
  let dated = 0;
  let yesOrNo = 0;
  const dateByHeader = DATE_HEADER.test(header);
  for (let i = 0; i < n; i++) {
    const value = rows[i]?.[column];
    numbers[i] = Number.NaN;
    dates[i] = Number.NaN;
    yesNo[i] = Number.NaN;
    if (isBlank(value)) {
      blank++;
      keys[i] = '';
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(excelErrorOf(value) ?? value);
    const key = text.toLowerCase();
    keys[i] = key;
    if (!spelling.has(key)) spelling.set(key, text);
    const number = readNumber(value);
    if (!Number.isNaN(number)) {
      numbers[i] = number;
      numeric++;
    }
    if (typeof value === 'boolean' || YES.has(key) || NO.has(key)) {
      yesNo[i] = value === true || YES.has(key) ? 1 : 0;
      yesOrNo++;
    }
    // Text dates start with a digit (2026-03-04, 03/04/2026); skip the parse for other text.
    if (dateByHeader || (typeof value === 'string' && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57 && Number.isNaN(number))) {
      const serial = readDate(value, dateOrder);
      if (!Number.isNaN(serial)) {
        dates[i] = asOfSerial - Math.floor(serial);
        dated++;
      }
    }
  }
  const filled = n - blank;
  const distinct = spelling.size;
  let kind: ProfileKind;
  let values = numbers;
  let readable = numeric;
  if (filled === 0 || blank / Math.max(1, n) >= MOSTLY_EMPTY) kind = 'empty';
  else if (yesOrNo === filled) {
    kind = 'yesNo';
    values = yesNo;
    readable = yesOrNo;
  } else if (dated >= READABLE * filled && (dateByHeader || dated > numeric)) {
    kind = 'date';
    values = dates;
    readable = dated;
  } else if (numeric >= READABLE * filled) kind = 'numeric';
  else if (filled >= 20 && distinct >= IDENTIFIER_DISTINCT * filled) kind = 'identifier';
  else kind = 'category';
  const junkExamples: { row: number; value: string }[] = [];
  const junk = kind === 'numeric' || kind === 'date' ? filled - readable : 0;
  if (junk > 0) {
    for (let i = 0; i < n && junkExamples.length < 3; i++) {
      if (Number.isNaN(values[i] ?? 0) && keys[i] !== '') junkExamples.push({ row: rowNumbers[i] ?? i + 1, value: spelling.get(keys[i] ?? '') ?? '' });
    }
  }
  return { column, header, kind, blank, blankShare: n === 0 ? 0 : blank / n, junk, junkExamples, values, keys, spelling, distinct };
}
