import type { ExcelSerial } from './cellValue';

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the 29 February 1900
 * that never was (kept for Lotus 1-2-3 compatibility). From serial 61 (1900-03-01) on,
 * serial = days since 1899-12-30. Serial 60 is read as 1900-02-28 so that it stays a date.
 */
const UNIX_EPOCH_SERIAL = 25569; // 1970-01-01
const MS_PER_DAY = 86_400_000;

export function excelSerialFromYMD(year: number, month: number, day: number): ExcelSerial {
  const unixDays = Date.UTC(year, month - 1, day) / MS_PER_DAY;
  const serial = unixDays + UNIX_EPOCH_SERIAL;
  // Before 1900-03-01 Excel counts one day less (there is no phantom leap day yet).
  return (serial < 61 ? serial - 1 : serial) as ExcelSerial;
}

export interface YMD {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function ymdFromExcelSerial(serial: number): YMD {
  const whole = Math.floor(serial);
  const adjusted = whole < 61 ? (whole === 60 ? 60 : whole + 1) : whole;
  const d = new Date((adjusted - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** True for a number Excel can display as a date (1900-01-01 to 9999-12-31). */
export function isExcelDateSerial(value: number): boolean {
  return value >= 1 && value < 2_958_466;
}

/** 'YYYY-MM-DD' of a serial, for messages and the model's as-of setting. */
export function isoDateFromExcelSerial(serial: number): string {
  const { year, month, day } = ymdFromExcelSerial(serial);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The serial of a local calendar day, e.g. today on the user's machine. */
export function excelSerialFromLocalDate(date: Date): ExcelSerial {
  return excelSerialFromYMD(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** Parses a strict ISO calendar date 'YYYY-MM-DD'; NaN when it is not one. */
export function excelSerialFromIsoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidYMD(year, month, day)) return Number.NaN;
  return excelSerialFromYMD(year, month, day);
}

export function isValidYMD(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}
