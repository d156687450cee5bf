/**
 * Which account a lead belongs to: its company, normalised so that the ways people type one
 * company meet, or failing that the domain of its e-mail address. Every rule here is also
 * written as SQL (src/sql/accountsToSql.ts) from the same constants, so both give one key.
 *
 * Company: trimmed, case-folded, composed (NFC) as the engine folds text (foldText); runs of
 * white space become one space; then legal-form suffixes at the end are dropped, together with
 * the separators before them ("Acme, Inc." and "ACME GmbH & Co. KG" are both "acme"), as are
 * trailing commas, dots and spaces. A suffix alone is kept ("Inc" stays "inc"). What is left
 * being a placeholder ("n/a", "none", "-", an Excel error) is no company.
 *
 * E-mail domain: the part after the last '@' of the address (inside "Name <...>" when the cell
 * ends with '>'), lower-cased, exactly as written: eu.acme.com and acme.com are two accounts,
 * because without the public-suffix list a subdomain cannot be told from acme.co.uk; a Company
 * column merges them. A free-mail or ISP domain (the engine's personal e-mail list) never
 * forms an account.
 *
 * Both kinds of key share one name space, so a company typed as "acme.com" meets the leads
 * that have only an @acme.com address.
 */
import { ERROR_LITERALS } from '../cells/cellValue';
import { foldText } from '../cells/readCell';
import { emailDomain, PERSONAL_EMAIL_DOMAINS } from '../conditions/personalEmail';

/** Legal forms dropped from the end of a company name, as regular-expression alternatives (lower case; dots optional inside). */
export const COMPANY_SUFFIXES: readonly string[] = [
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'l\\.?l\\.?c', 'llp', 'l\\.?l\\.?p', 'lp', 'l\\.?p',
  'plc', 'p\\.?l\\.?c', 'gmbh', 'ag', 'kg', 'kgaa', 'ug', 'e\\.?v', 'se', 'sa', 's\\.?a', 'sas', 's\\.?a\\.?s', 'sarl', 's\\.?a\\.?r\\.?l', 'sl', 's\\.?l',
  'srl', 's\\.?r\\.?l', 'spa', 's\\.?p\\.?a', 'bv', 'b\\.?v', 'nv', 'n\\.?v', 'oy', 'oyj', 'ab', 'as', 'a/s', 'aps', 'asa', 'pty', 'pte', 'kk', 'k\\.?k',
  'sp\\.? z o\\.?o', 'holdings?',
];

/**
 * The end of a company name that is dropped: legal forms, each after separators (space, comma,
 * dot, '&'), then trailing separators. One pattern in the syntax JavaScript, RE2 (DuckDB) and
 * PostgreSQL read alike; the leftmost match is replaced.
 */
export const COMPANY_SUFFIX_PATTERN = `(?:[ ,.&]+(?:${COMPANY_SUFFIXES.join('|')})\\.?)*[ ,.]*$`;

/** What a company cell holds when the company is not known; compared with the normalised text. */
export const NOT_A_COMPANY: ReadonlySet<string> = new Set([
  'n/a', 'na', 'n.a', 'none', 'no', 'null', 'nil', '-', '--', '---', '?', 'unknown', 'not known', 'not applicable', 'tbd', 'x',
  'self', 'self-employed', 'self employed', 'freelance', 'freelancer', 'private', 'individual', 'personal', 'student', 'retired', 'home',
  ...[...ERROR_LITERALS].map((e) => e.toLowerCase()),
]);

const SUFFIX = new RegExp(COMPANY_SUFFIX_PATTERN);
const SPACES = /\s+/g;

/**
 * Suffixes are looked for in the last this many characters (code points) only: a real chain of
 * legal forms is short, and a bounded tail keeps a hostile cell (thousands of commas) from
 * costing JavaScript's backtracking matcher time quadratic in its length.
 */
export const SUFFIX_TAIL = 64;

/** The account key of a company cell's text, or null when it names no company. */
export function companyKey(text: string): string | null {
  const folded = foldText(text).replace(SPACES, ' ');
  let head = '';
  let tail = folded;
  if (folded.length > SUFFIX_TAIL) {
    const points = Array.from(folded);
    if (points.length > SUFFIX_TAIL) {
      head = points.slice(0, -SUFFIX_TAIL).join('');
      tail = points.slice(-SUFFIX_TAIL).join('');
    }
  }
  const key = head + tail.replace(SUFFIX, '');
  return key === '' || NOT_A_COMPANY.has(key) ? null : key;
}

/** The account key of an e-mail cell's text, or null when it is no address or a free-mail one. */
export function domainKey(text: string): string | null {
  const domain = emailDomain(text);
  return domain === null || PERSONAL_EMAIL_DOMAINS.has(domain) ? null : domain;
}

/** A cell as the text an account is read from: text and numbers; blanks, yes/no and errors are nothing. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * Orders text by Unicode code point, as the databases' binary collations do (DuckDB's default,
 * PostgreSQL's "C"); JavaScript's < compares UTF-16 units, which puts U+10000 and above before
 * U+E000-U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (unit: number): number => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);
