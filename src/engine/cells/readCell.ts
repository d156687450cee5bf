import { excelErrorOf, isBlank, showCell } from './cellValue';
import { isExcelDateSerial } from './excelDate';
import { parseTextDate, describeDateFormats, type DateOrder } from './textDate';

/**
 * Reading one cell as a number, a date, text or yes/no, the way a person reading the sheet
 * would. Each reader returns NaN (or null) instead of throwing, so a bad cell only makes its
 * criterion not match; the matching `why...` function says why, for explanations.
 */

// "1,200", "-3.5", "$1,200.50", "12%", "1e3": digits with correct thousands grouping only,
// so "1,5" (a European decimal) is refused rather than misread as 15.
export const NUMBER_TEXT = /^([+-]?)[$€£]?\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?(%?)$/i;

export function readNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string') return numberFromText(value);
  return Number.NaN;
}

function numberFromText(text: string): number {
  const t = text.trim();
  if (t.length === 0) return Number.NaN;
  const m = NUMBER_TEXT.exec(t);
  if (m === null) return Number.NaN;
  const digits = (m[2] ?? '').replace(/,/g, '');
  // One decimal conversion with the exponent: multiplying by 10 ** e rounds twice (1.1e-5
  // came out as 0.000011000000000000001) and underflows where the number itself does not (5e-324).
  let n = Number(m[3] === undefined ? digits : `${digits}e${m[3]}`);
  if (m[4] === '%') n /= 100;
  if (m[1] === '-') n = -n;
  return Number.isFinite(n) ? n : Number.NaN;
}

export function whyNotNumber(value: unknown): string {
  const error = excelErrorOf(value);
  if (error !== null) return `the cell holds the error ${error}`;
  if (isBlank(value)) return 'the cell is blank';
  return `${showCell(value)} is not a number`;
}

/** An Excel serial date (possibly with a time fraction), or NaN. */
export function readDate(value: unknown, order: DateOrder): number {
  if (typeof value === 'number') return isExcelDateSerial(value) ? value : Number.NaN;
  if (typeof value === 'string') {
    if (value.length === 0) return Number.NaN;
    return parseTextDate(value, order);
  }
  return Number.NaN;
}

export function whyNotDate(value: unknown): string {
  const error = excelErrorOf(value);
  if (error !== null) return `the cell holds the error ${error}`;
  if (isBlank(value)) return 'the cell is blank';
  if (typeof value === 'number') return `${value} is not a date serial number`;
  return `${showCell(value)} is not a date (${describeDateFormats()})`;
}

/** Text for matching: trimmed and lower-cased; numbers and booleans as Excel shows them. */
export function readMatchText(value: unknown): string {
  if (typeof value === 'string') return foldText(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

/**
 * Text as conditions compare it: in Unicode's composed form (NFC), trimmed, lower-cased, so
 * that 'Titlé' typed with a precomposed é and with e + a combining accent are the same text.
 * NFC, not NFKC: values keep distinctions such as '½' and '1/2' (column names, where no such
 * distinction is meant, are compared in NFKC: columns.ts).
 */
export function foldText(text: string): string {
  return (isComposedAlready(text) ? text : text.normalize('NFC')).trim().toLowerCase();
}

/**
 * Text whose characters are all below U+0300 is unchanged by NFC (every character that
 * composition changes or combines with is at or above it), so most cells skip normalize().
 */
export function isComposedAlready(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return false;
  return true;
}

export const YES: ReadonlySet<string> = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔', 'ja', 'oui', 'si', 'sí']);
export const NO: ReadonlySet<string> = new Set(['no', 'n', 'false', '0', '', 'nein', 'non', '-']);

/** 1 for yes, 0 for no, NaN for a cell that is neither (e.g. "maybe" or an error). */
export function readYes(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value === 0 ? 0 : Number.isFinite(value) ? 1 : Number.NaN;
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (YES.has(t)) return 1;
    if (NO.has(t)) return 0;
  }
  return Number.NaN;
}

export function whyNotYes(value: unknown): string {
  const error = excelErrorOf(value);
  if (error !== null) return `the cell holds the error ${error}`;
  return `${showCell(value)} is neither yes nor no`;
}
