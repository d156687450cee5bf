import { excelSerialFromYMD, isValidYMD } from './excelDate';

/** How to read an ambiguous numeric date such as 11/05/2026: month first or day first. */
export type DateOrder = 'MDY' | 'DMY';

export const MONTHS: ReadonlyMap<string, number> = new Map<string, number>([
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
    'october', 'november', 'december'].flatMap((name, i): [string, number][] => [[name, i + 1], [name.slice(0, 3), i + 1]]),
  ['sept', 9],
]);
export const WEEKDAYS: ReadonlySet<string> = new Set(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
    .flatMap((name) => [name, name.slice(0, 3)])
    .concat(['tues', 'thur', 'thurs']),
);

// A trailing time of day: "T14:30", " 14:30:00.000Z", " 2:30 pm", " 14:30+01:00".
// The zone is ignored on purpose: the calendar day and clock time written are what the user means.
export const TIME = /(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([ap])\.?m\.?)?\s*(?:z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
/** Longer text is no date; the cap also keeps the unanchored TIME scan cheap on huge cells. */
export const MAX_LENGTH = 64;

/**
 * The Excel serial (1900 system, time of day as a fraction) of a date written as text, or NaN
 * when it is not a real date between 1900 and 9999. See describeDateFormats for the forms.
 */
export function parseTextDate(text: string, order: DateOrder): number {
  let rest = text.trim();
  if (rest.length > MAX_LENGTH) return Number.NaN;
  let fraction = 0;
  const time = TIME.exec(rest);
  if (time !== null) {
    fraction = timeFraction(time);
    rest = rest.slice(0, time.index);
  }
  if (Number.isNaN(fraction) || rest.length === 0) return Number.NaN;
  const ymd = NUMERIC.test(rest) ? numericDate(rest, order) : namedMonthDate(rest);
  if (ymd === null) return Number.NaN;
  const [year, month, day] = ymd;
  if (!isValidYMD(year, month, day)) return Number.NaN;
  return excelSerialFromYMD(year, month, day) + fraction;
}

function timeFraction(m: RegExpExecArray): number {
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = m[3] === undefined ? 0 : Number(m[3]);
  const meridiem = m[4]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return Number.NaN;
    hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
  return (hours * 3600 + minutes * 60 + seconds) / 86_400;
}

type Triple = [year: number, month: number, day: number];

/** 2026-11-05, 2026/11/05, 2026.11.05, or a/b/y with the same separator twice. */
function numericDate(text: string, order: DateOrder): Triple | null {
  const m = NUMERIC.exec(text)!;
  const [first, , second, third] = [m[1]!, m[2]!, m[3]!, m[4]!];
  if (first.length === 4) return third.length <= 2 ? [Number(first), Number(second), Number(third)] : null;
  if (first.length > 2) return null;
  const year = fullYear(third);
  const a = Number(first);
  const b = Number(second);
  // A number over 12 cannot be a month, which settles the order whatever the setting.
  if (b > 12) return [year, a, b];
  if (a > 12) return [year, b, a];
  return order === 'MDY' ? [year, a, b] : [year, b, a];
}

/** 2-digit years pivot as in Excel: 00-29 are 2000-2029, 30-99 are 1930-1999. */
function fullYear(digits: string): number {
  if (digits.length === 4) return Number(digits);
  if (digits.length !== 2) return Number.NaN;
  const y = Number(digits);
  return y < 30 ? 2000 + y : 1900 + y;
}

/**
 * "5 Nov 2026", "5-Nov-26", "Nov 5, 2026", "November 5th 2026", with an optional leading
 * weekday ("Thu, 5 Nov 2026"). Tokens are runs of letters or digits; between them only one
 * separator of space, comma, dot or hyphen (plus spaces) is allowed.
 */
function namedMonthDate(text: string): Triple | null {
  const tokens = tokenise(text.toLowerCase());
  if (tokens === null) return null;
  if (tokens.length > 0 && WEEKDAYS.has(tokens[0]!)) tokens.shift();
  // An ordinal suffix belongs to the day number just before it.
  const ordinal = tokens.findIndex((t, i) => i > 0 && ['st', 'nd', 'rd', 'th'].includes(t) && isDigits(tokens[i - 1]!));
  if (ordinal > 0) tokens.splice(ordinal, 1);
  if (tokens.length !== 3) return null;
  const [x, y, z] = tokens as [string, string, string];
  const [dayText, monthText] = isDigits(x) ? [x, y] : [y, x]; // "5 Nov" or "Nov 5"
  const month = MONTHS.get(monthText);
  if (month === undefined || !isDigits(dayText) || dayText.length > 2 || !isDigits(z)) return null;
  return [fullYear(z), month, Number(dayText)];
}

function tokenise(text: string): string[] | null {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const kind = charKind(text[i]!);
    if (kind === 'other') return null;
    if (kind === 'sep') {
      // Spaces around at most one punctuation mark: "5 Nov", "Nov. 5", "5, 2026", "5 - Nov".
      let marks = 0;
      for (; i < text.length && charKind(text[i]!) === 'sep'; i++) if (text[i] !== ' ' && text[i] !== '\t') marks++;
      if (marks > 1 || tokens.length === 0) return null;
      continue;
    }
    while (i < text.length && charKind(text[i]!) === kind) i++;
    tokens.push(text.slice(start, i));
  }
  return tokens;
}

function charKind(c: string): 'digit' | 'letter' | 'sep' | 'other' {
  if (c >= '0' && c <= '9') return 'digit';
  if (c >= 'a' && c <= 'z') return 'letter';
  if (c === ' ' || c === ',' || c === '.' || c === '-' || c === '\t') return 'sep';
  return 'other';
}

/** Tokens are runs of one kind, so the first character tells. */
function isDigits(token: string): boolean {
  return token.length > 0 && charKind(token[0]!) === 'digit';
}

/** A one-line hint of the accepted forms, for error messages. */
export function describeDateFormats(): string {
  return 'Use a date such as 2026-11-05 (optionally with a time, 2026-11-05 14:30), 2026/11/05, ' +
    '11/05/2026 (month or day first per the date-order setting; - or . also work), ' +
    '5 Nov 2026, 5-Nov-26, Nov 5, 2026 or November 5 2026.';
}
