/**
 * Reading the cells of one column in SQL, once per row, as the engine reads them: blank,
 * error, trimmed and lower-cased text, number, day, yes. Each reading is a column of a
 * subquery level, so later levels and every criterion refer to it by name instead of
 * repeating the expression; rare forms (numbers like "$1,200", dates like "Nov 5th, 2026")
 * are only worked out for the rows that need them, after a fast path for plain numbers and
 * ISO dates.
 *
 * Every flag is TRUE or FALSE, never NULL, so that NOT and AND over them follow two-valued
 * logic: a NULL cell is a blank cell. Number and day are NULL when the cell cannot be read,
 * and a condition on them is then NULL, which CASE WHEN takes as not holding (the engine's
 * "unusable": no points).
 */
import { ERROR_LITERALS, MAX_DATE_TEXT_LENGTH, MONTH_NAMES, NUMBER_TEXT, TIME_OF_DAY, WEEKDAY_NAMES, YES_WORDS, type DateOrder } from '../engine';
import type { ColumnKind } from './columnTypes';
import type { Dialect } from './dialects';

/** What the criteria read of a column. */
export interface FieldNeeds {
  /** Trimmed text (personal e-mail, spam-like). */
  text: boolean;
  /** Lower-cased text (text conditions, yes for text). */
  lower: boolean;
  number: boolean;
  day: boolean;
  yes: boolean;
}

export const noNeeds = (): FieldNeeds => ({ text: false, lower: false, number: false, day: false, yes: false });

/** The names of a column's readings, for conditions; each exists from the level after LAST_READING_LEVEL on. */
export interface FieldReadings {
  /** TRUE for NULL or text that trims to nothing. */
  readonly blank: string;
  /** TRUE for an error literal (#N/A); FALSE for typed columns. */
  readonly error: string;
  readonly text: string;
  readonly lower: string;
  readonly number: string;
  /** The Excel serial of the day (whole days). */
  readonly day: string;
  /** TRUE when the cell reads as yes. */
  readonly yes: string;
}

/** A named expression placed at a level (1 reads the table row t). */
export interface LevelColumn {
  readonly level: number;
  readonly sql: string;
  readonly alias: string;
}

export const LAST_READING_LEVEL = 6;

/** The code points JavaScript's trim() removes (WhiteSpace and LineTerminator of ECMA-262). */
const JS_WHITESPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

export function jsTrim(d: Dialect, s: string): string {
  return d.trim(s, `(${JS_WHITESPACE.map((c) => d.chr(c)).join(' || ')})`);
}

/**
 * jsTrim, skipping the trim for text that starts and ends with a visible character (nearly
 * every cell): in DuckDB trim() with a set of characters costs about a microsecond a cell,
 * several times a whole-text regular expression match.
 */
function trimmed(d: Dialect, s: string): string {
  if (d.name !== 'duckdb') return jsTrim(d, s);
  const visible = `[^${d.whitespaceClass.slice(1, -1)}]`;
  return `(CASE WHEN regexp_full_match(${s}, ${d.str(`${visible}(?s:.*${visible})?`)}) THEN ${s} ELSE ${jsTrim(d, s)} END)`;
}

/**
 * An engine regular expression in the databases' syntax (RE2, PostgreSQL ARE, Java): \d as
 * [0-9], \s as the dialect's class of JavaScript white space, the i flag as (?i).
 */
export function engineRegex(d: Dialect, re: RegExp, prefix = ''): string {
  if (/\[[^\]]*\\[ds]/.test(re.source)) throw new Error(`cannot translate ${re.source}: \\d or \\s inside a class`);
  const body = re.source.replace(/^\^/, '').replace(/\\d/g, '[0-9]').replace(/\\s/g, d.whitespaceClass);
  return `${re.flags.includes('i') ? '(?i)' : ''}^${prefix}${body}`;
}

/** A double literal that reads back as exactly the same number. */
export function num(d: Dialect, x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return `CAST(${x} AS ${d.double})`;
  return `CAST(${d.str(String(x))} AS ${d.double})`;
}

/** A DOUBLE between these has a text form without an exponent in DuckDB and PostgreSQL, which reads back as itself. */
const PLAIN_DOUBLE = { min: 1e-4, max: 1e15 };
/** NaN and infinities fail both comparisons (NaN sorts above every number in these databases). */
function plainDouble(d: Dialect, x: string): string {
  return `(${x} = 0 OR (abs(${x}) >= ${num(d, PLAIN_DOUBLE.min)} AND abs(${x}) < ${num(d, PLAIN_DOUBLE.max)}))`;
}

/** Longer numbers, or exponents beyond this, are taken as unreadable (documented). */
const MAX_NUMBER_DIGITS = 300;

/** The readings of one column, and the expressions that make them. */
export function readField(d: Dialect, column: string, prefix: string, kind: ColumnKind, needs: FieldNeeds, dateOrder: DateOrder): { readings: FieldReadings; columns: LevelColumn[] } {
  const p = prefix;
  const cell = `t.${d.ident(column)}`;
  const columns: LevelColumn[] = [];
  const at = (level: number, sql: string, alias: string): string => {
    columns.push({ level, sql, alias });
    return alias;
  };
  const typed = kind !== 'text';
  const directNumber = kind === 'integer' || kind === 'decimal';
  const directDay = kind === 'date' || kind === 'timestamp';
  const textNumber = needs.number && !directNumber;
  const textDay = needs.day && !directDay;
  const textYes = needs.yes && kind !== 'boolean';
  const wantsText = !typed || needs.text || needs.lower || textNumber || textDay || textYes;

  // Level 1: the cell as text (all of it, or for a DOUBLE only where its value is not read directly), and direct readings.
  const onlyForText = kind === 'double' && !(needs.text || needs.lower || textDay || textYes);
  if (wantsText) at(1, onlyForText ? `(CASE WHEN NOT ${plainDouble(d, cell)} THEN CAST(${cell} AS ${d.text}) END)` : `CAST(${cell} AS ${d.text})`, `${p}_r`);
  let blank = `${p}_b`;
  let error = 'FALSE';
  if (typed) at(1, `(${cell} IS NULL)`, blank);
  let number = `${p}_n`;
  if (needs.number && directNumber) at(1, `CAST(${cell} AS ${d.double})`, number);
  let day = `${p}_day`;
  if (needs.day && directDay) at(1, serialOfDay(d, kind === 'timestamp' ? `CAST(${cell} AS DATE)` : cell), day);
  let yes = `${p}_y`;
  if (needs.yes && kind === 'boolean') at(1, `coalesce(${cell}, FALSE)`, yes);

  // Level 2: trimmed as JavaScript trims (a typed column's text form has nothing to trim).
  const s = wantsText ? at(2, typed ? `${p}_r` : trimmed(d, `${p}_r`), `${p}_s`) : 'NULL';

  // Level 3: blank, error, lower case; the first step of numbers and dates.
  if (!typed) {
    blank = at(3, `(${s} IS NULL OR ${s} = '')`, blank);
    // The engine takes text as an error only when its very first character is '#', before trimming.
    // Looked up in one string rather than an IN list, which DuckDB turns into a join over every row.
    const literals = `|${[...ERROR_LITERALS].join('|')}|`;
    error = at(3, `(CASE WHEN ${p}_r LIKE '#%' THEN ${d.position(d.str(literals), `'|' || upper(${s}) || '|'`)} > 0 ELSE FALSE END)`, `${p}_e`);
  }
  const lower = needs.lower || textYes ? at(3, `lower(${s})`, `${p}_l`) : 'NULL';
  if (textNumber) number = readNumberText(d, s, p, kind === 'double' ? cell : null, at);
  if (textDay) day = readDayText(d, s, p, dateOrder, at);
  if (textYes) yes = at(4, `(NOT ${blank} AND ${lower} IN (${[...YES_WORDS].map(d.str).join(', ')}))`, yes);
  return { readings: { blank, error, text: s, lower, number, day, yes }, columns };
}

/** Whole days from 1899-12-30 to a DATE, as Excel counts them (one less before 1900-03-01); NULL outside 1900-9999. */
function serialOfDay(d: Dialect, date: string): string {
  const days = d.serialOfDate(date);
  return `(CASE WHEN ${date} >= DATE '1900-03-01' AND ${date} <= DATE '9999-12-31' THEN ${days} WHEN ${date} >= DATE '1900-01-01' AND ${date} < DATE '1900-03-01' THEN ${days} - 1 END)`;
}

type At = (level: number, sql: string, alias: string) => string;

/**
 * The engine's readNumber on trimmed text: a plain number ("42", "-3.5") is cast directly;
 * anything else ("1,200", "$3.5e2", "12%") goes through the engine's pattern, group by group,
 * for the rows that need it. For a DOUBLE column, `direct` is the value, taken where its text
 * form is plain.
 */
function readNumberText(d: Dialect, s: string, p: string, direct: string | null, at: At): string {
  const NUMBER = engineRegex(d, NUMBER_TEXT);
  const plain = `(length(${s}) <= ${MAX_NUMBER_DIGITS} AND ${d.matches(s, '^-?[0-9]+(\\.[0-9]*)?$')})`;
  const form = at(3, `(CASE WHEN ${s} IS NULL THEN 0 WHEN ${plain} THEN 1 WHEN ${d.matches(s, NUMBER)} THEN 2 ELSE 0 END)`, `${p}_nf`);
  const group = (k: number): string => at(4, `(CASE WHEN ${form} = 2 THEN nullif(${d.group(s, NUMBER, k)}, '') END)`, `${p}_n${k}`);
  const [sign, digitsWithCommas, exponent, percent] = [group(1), group(2), group(3), group(4)];
  const digits = `replace(${digitsWithCommas}, ',', '')`;
  const scaled = `(CASE WHEN ${exponent} IS NULL THEN CAST(${digits} AS ${d.double}) ELSE CAST(${digits} AS ${d.double}) * power(${num(d, 10)}, CAST(${exponent} AS ${d.double})) END)`;
  const percented = `(CASE WHEN ${percent} = '%' THEN ${scaled} / ${num(d, 100)} ELSE ${scaled} END)`;
  const signed = `(CASE WHEN ${sign} = '-' THEN -${percented} ELSE ${percented} END)`;
  const usable = `length(${digits}) <= ${MAX_NUMBER_DIGITS} AND abs(CAST(coalesce(${exponent}, '0') AS ${d.double})) <= ${MAX_NUMBER_DIGITS}`;
  const general = at(5, `(CASE WHEN ${form} = 2 AND ${usable} THEN ${signed} END)`, `${p}_ng`);
  const fromText = `(CASE ${form} WHEN 1 THEN CAST(${s} AS ${d.double}) WHEN 2 THEN (CASE WHEN abs(${general}) < CAST('Infinity' AS ${d.double}) THEN ${general} END) END)`;
  if (direct === null) return at(6, fromText, `${p}_n`);
  // A DOUBLE's value where its text form is plain; its text form (inf, 1e-05...) elsewhere.
  const v = at(1, direct, `${p}_v`);
  return at(6, `(CASE WHEN ${plainDouble(d, v)} THEN CAST(${v} AS ${d.double}) ELSE ${fromText} END)`, `${p}_n`);
}

const SEP0 = '[ \\t]*(?:[,.-][ \\t]*)?';
const SEP1 = '(?:[ \\t]+(?:[,.-][ \\t]*)?|[,.-][ \\t]*)';
const ORD = '(?:st|nd|rd|th)';
const NUMERIC = '^([0-9]{1,4})([/.-])([0-9]{1,2})([/.-])([0-9]{1,4})$';
const ISO = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/**
 * The engine's named-month forms as whole-text patterns over lower-cased text, in its token
 * order: [weekday] day [ordinal] month year [ordinal], and [weekday] month day [ordinal] year [ordinal].
 */
function namedForms(): { re: string; day: number; month: number; year: number }[] {
  const W = `(?:(?:${[...WEEKDAY_NAMES].join('|')})`;
  return [
    { re: `^${W}${SEP0})?([0-9]+)${SEP0}([a-z]+)${SEP0}([0-9]+)${SEP0}$`, day: 1, month: 2, year: 3 },
    { re: `^${W}${SEP0})?([0-9]+)${SEP0}${ORD}${SEP1}([a-z]+)${SEP0}([0-9]+)${SEP0}$`, day: 1, month: 2, year: 3 },
    { re: `^${W}${SEP0})?([0-9]+)${SEP0}([a-z]+)${SEP0}([0-9]+)${SEP0}${ORD}${SEP0}$`, day: 1, month: 2, year: 3 },
    { re: `^${W}${SEP1})?([a-z]+)${SEP0}([0-9]+)${SEP1}([0-9]+)${SEP0}$`, month: 1, day: 2, year: 3 },
    { re: `^${W}${SEP1})?([a-z]+)${SEP0}([0-9]+)${SEP0}${ORD}${SEP0}([0-9]+)${SEP0}$`, month: 1, day: 2, year: 3 },
    { re: `^${W}${SEP1})?([a-z]+)${SEP0}([0-9]+)${SEP1}([0-9]+)${SEP0}${ORD}${SEP0}$`, month: 1, day: 2, year: 3 },
  ];
}

/**
 * The engine's parseTextDate on trimmed text, to an Excel serial: a time of day is checked and
 * cut off, then the date is read by its form (ISO first, then numeric, then named months), each
 * pattern tried at most once per row.
 */
function readDayText(d: Dialect, s: string, p: string, dateOrder: DateOrder, at: At): string {
  const TIME = engineRegex(d, TIME_OF_DAY, '(.*?)');
  const g = (x: string, re: string, k: number): string => `nullif(${d.group(x, re, k)}, '')`;
  const h = `CAST(${g(s, TIME, 2)} AS INTEGER)`;
  const mi = `CAST(${g(s, TIME, 3)} AS INTEGER)`;
  const sec = `CAST(coalesce(${g(s, TIME, 4)}, '0') AS INTEGER)`;
  const ampm = g(s, TIME, 5);
  const timeOk = `(CASE WHEN ${ampm} IS NOT NULL THEN ${h} BETWEEN 1 AND 12 ELSE ${h} <= 23 END AND ${mi} <= 59 AND ${sec} <= 59)`;
  // A time of day has a colon: text without one skips the time pattern.
  const dt = at(
    3,
    `(CASE WHEN ${s} IS NULL OR length(${s}) > ${MAX_DATE_TEXT_LENGTH} THEN NULL WHEN ${d.position(s, "':'")} = 0 THEN ${s} WHEN ${d.matches(s, TIME)} THEN (CASE WHEN ${timeOk} THEN ${d.group(s, TIME, 1)} END) ELSE ${s} END)`,
    `${p}_dt`,
  );
  const named = namedForms();
  const lowerDt = `lower(${dt})`;
  const numericOk = `(${d.matches(dt, NUMERIC)} AND ${d.group(dt, NUMERIC, 2)} = ${d.group(dt, NUMERIC, 4)})`;
  const form = at(
    4,
    `(CASE WHEN ${dt} IS NULL OR ${dt} = '' THEN 0 WHEN ${d.matches(dt, ISO)} THEN 1 WHEN ${numericOk} THEN 2 ${named.map((n, i) => `WHEN ${d.matches(lowerDt, n.re)} THEN ${i + 3}`).join(' ')} ELSE 0 END)`,
    `${p}_df`,
  );

  const part = (k: number): string => d.group(dt, NUMERIC, k);
  const a = `CAST(${part(1)} AS INTEGER)`;
  const b = `CAST(${part(3)} AS INTEGER)`;
  const dmy = dateOrder === 'DMY';
  const fullYear = (e: string): string => `(CASE WHEN length(${e}) = 4 THEN CAST(${e} AS INTEGER) WHEN length(${e}) = 2 THEN (CASE WHEN CAST(${e} AS INTEGER) < 30 THEN 2000 ELSE 1900 END) + CAST(${e} AS INTEGER) END)`;
  const numeric = {
    year: `(CASE WHEN length(${part(1)}) = 4 THEN (CASE WHEN length(${part(5)}) <= 2 THEN ${a} END) WHEN length(${part(1)}) <= 2 THEN ${fullYear(part(5))} END)`,
    month: `(CASE WHEN length(${part(1)}) = 4 THEN ${b} WHEN ${b} > 12 THEN ${a} WHEN ${a} > 12 THEN ${b} ELSE ${dmy ? b : a} END)`,
    day: `(CASE WHEN length(${part(1)}) = 4 THEN CAST(${part(5)} AS INTEGER) WHEN ${b} > 12 THEN ${b} WHEN ${a} > 12 THEN ${a} ELSE ${dmy ? a : b} END)`,
  };
  const iso = { year: `CAST(substr(${dt}, 1, 4) AS INTEGER)`, month: `CAST(substr(${dt}, 6, 2) AS INTEGER)`, day: `CAST(substr(${dt}, 9, 2) AS INTEGER)` };
  const monthNumber = (e: string): string => `(CASE ${e} ${[...MONTH_NAMES].map(([name, n]) => `WHEN ${d.str(name)} THEN ${n}`).join(' ')} END)`;
  const namedPart = (which: 'day' | 'month' | 'year', n: (typeof named)[number]): string => {
    const e = d.group(lowerDt, n.re, n[which]);
    return which === 'day' ? `(CASE WHEN length(${e}) <= 2 THEN CAST(${e} AS INTEGER) END)` : which === 'month' ? monthNumber(e) : fullYear(e);
  };
  const pick = (which: 'day' | 'month' | 'year'): string =>
    `(CASE ${form} WHEN 1 THEN ${iso[which]} WHEN 2 THEN ${numeric[which]} ${named.map((n, i) => `WHEN ${i + 3} THEN ${namedPart(which, n)}`).join(' ')} END)`;
  const [y, mo, dd] = [at(5, pick('year'), `${p}_y4`), at(5, pick('month'), `${p}_mo`), at(5, pick('day'), `${p}_dd`)];

  // Level 6: the Excel serial (whole days), from a Julian day number, for a real date in 1900-9999.
  const div = (x: string, k: number): string => `floor(CAST(${x} AS ${d.double}) / ${k})`;
  const early = `(CASE WHEN ${mo} <= 2 THEN 1 ELSE 0 END)`;
  const yy = `(${y} + 4800 - ${early})`;
  const mm = `(${mo} + 12 * ${early} - 3)`;
  const jdn = `(${dd} + ${div(`153 * ${mm} + 2`, 5)} + 365 * ${yy} + ${div(yy, 4)} - ${div(yy, 100)} + ${div(yy, 400)} - 32045)`;
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  const dim = `(CASE WHEN ${mo} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN ${mo} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
  const valid = `(${y} BETWEEN 1900 AND 9999 AND ${mo} BETWEEN 1 AND 12 AND ${dd} >= 1 AND ${dd} <= ${dim})`;
  const serial = `(${jdn} - 2415019)`;
  return at(6, `(CASE WHEN ${valid} THEN (CASE WHEN ${serial} < 61 THEN ${serial} - 1 ELSE ${serial} END) END)`, `${p}_day`);
}
