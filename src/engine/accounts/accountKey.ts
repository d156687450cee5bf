/**
 * Which account a lead belongs to: its company, normalised so that the ways people type one
 * company meet, or failing that the domain of its e-mail address. Every rule here is also
 * written as SQL (src/sql/accountsToSql.ts) from the same constants, so both give one key.
 *
 * Company: full-width Latin letters, digits and signs as their ASCII forms ('ＡＣＭＥ' typed with
 * a Japanese input method is 'ACME'); invisible characters (zero-width space, joiners, soft
 * hyphen) dropped; then trimmed, case-folded, composed (NFC) as the engine folds text
 * (foldText); runs of white space become one space; then legal-form suffixes at the end are
 * dropped, together with the separators before them ("Acme, Inc." and "ACME GmbH & Co. KG" are
 * both "acme"; Japanese and Chinese forms need no separator: "アクメ株式会社"), as are trailing
 * commas, dots, spaces and closing quotes; then a legal form or article in front ("The",
 * "PT", "OOO", "株式会社", "(株)") and opening quotes. A Latin suffix alone is kept ("Inc" stays
 * "inc"). What is left being a placeholder ("n/a", "none", "-", an Excel error), or only
 * punctuation ("!!!", "&", "“”"), is no company. Accents are kept: "Müller" and "Muller" can be
 * two firms, and only the same letters typed two ways (NFC) are one.
 *
 * E-mail domain: the part after the '@' of the address (inside "Name <...>" when the cell ends
 * with '>'), full-width forms as ASCII, lower-cased, exactly as written: eu.acme.com and
 * acme.com are two accounts, because without the public-suffix list a subdomain cannot be told
 * from acme.co.uk; a Company column merges them. An internationalised domain and its punycode
 * form (bücher.example, xn--bcher-kva.example) are two keys too, as written. A cell with two
 * addresses ("a@acme.com;b@beta.com"), or a domain with characters no host name has ('/', '?',
 * '"', '[', ...), is not an address. A free-mail or ISP domain (the engine's personal e-mail
 * list) never forms an account.
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
  // Latin America, Iberia, Central and Eastern Europe, Turkey, South and South-East Asia, Canada.
  'ltda', 'limitada', 'lda', 'de c\\.?v', 'c\\.?v', 'slu', 's\\.?l\\.?u', 'spol\\.? s r\\.?o', 'sro', 's\\.?r\\.?o', 'kft', 'zrt', 'nyrt', 'd\\.?o\\.?o',
  'bvba', 'a\\.?ş', 'pvt', 'private', 'sdn\\.? bhd', 'bhd', 'tbk', 'ltee', 'ltée', 'ohg', 'mbh', 'gbr', 'e\\.?k', 'eurl', 'snc', 'pllc',
  'limited liability company', '\\(publ\\)', 'publ', 'nv/sa', 'sa/nv',
];

/** Legal forms written without a separator before them (Japanese, Chinese, Korean), as regular-expression alternatives. */
export const COMPANY_SUFFIXES_UNSPACED: readonly string[] = [
  '株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '\\(株\\)', '\\(有\\)', '㈱', '㈲', '股份有限公司', '有限责任公司', '有限公司', '주식회사', '\\(주\\)', '㈜',
];

/**
 * The end of a company name that is dropped: legal forms, each after separators (space, comma,
 * dot, '&'; none needed before a Japanese, Chinese or Korean form), then trailing separators
 * and closing quotes. One pattern in the syntax JavaScript, RE2 (DuckDB) and PostgreSQL read
 * alike; the leftmost match is replaced.
 */
export const COMPANY_SUFFIX_PATTERN = `(?:(?:[ ,.&]+(?:${COMPANY_SUFFIXES.join('|')})|[ ,.&]*(?:${COMPANY_SUFFIXES_UNSPACED.join('|')}))\\.?)*[ ,."”“»]*$`;

/** The start of a company name that is dropped: an article or legal form written in front ("The ", "PT ", "OOO ", "株式会社"), then opening quotes. Applied after the suffixes. */
export const COMPANY_PREFIX_PATTERN = `^(?:(?:the|pt|ooo|ооо|зао|оао|пао)[ ]+|(?:${COMPANY_SUFFIXES_UNSPACED.join('|')})[ ]*)?["“„«]*`;

/**
 * Characters removed from a company or an address before anything else, as code point ranges
 * (written as a character class per regular-expression dialect): they show as nothing, and
 * come with text pasted from web pages.
 */
export const INVISIBLE_CHARACTERS: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x200b, 0x200d],
  [0x2060, 0x2060],
];

/** What a company made only of these (and spaces) is: punctuation, no name. Code point ranges, as INVISIBLE_CHARACTERS. */
export const PUNCTUATION_CHARACTERS: readonly (readonly [number, number])[] = [
  [0x20, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x60],
  [0x7b, 0x7e],
  [0xa1, 0xa1],
  [0xa7, 0xa7],
  [0xab, 0xab],
  [0xb6, 0xb7],
  [0xbb, 0xbb],
  [0xbf, 0xbf],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x3001, 0x3003],
  [0x3008, 0x3011],
  [0x3014, 0x301f],
];

/** A character class of code point ranges, each written by `escape` (\uXXXX for JavaScript and PostgreSQL, \x{XXXX} for RE2). */
export function characterClass(ranges: readonly (readonly [number, number])[], escape: (codePoint: number) => string): string {
  return `[${ranges.map(([from, to]) => (from === to ? escape(from) : `${escape(from)}-${escape(to)}`)).join('')}]`;
}

/** Full-width forms U+FF01-U+FF5E ('！' to '～') and the ASCII they stand for, one for one (SQL translate() takes the two strings). */
export const FULL_WIDTH_FORMS = Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
export const FULL_WIDTH_AS_ASCII = Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0x21 + i)).join('');

const jsEscape = (codePoint: number): string => `\\u${codePoint.toString(16).padStart(4, '0')}`;
const INVISIBLE = new RegExp(characterClass(INVISIBLE_CHARACTERS, jsEscape), 'g');
const PUNCTUATION_ONLY = new RegExp(`^${characterClass(PUNCTUATION_CHARACTERS, jsEscape)}*$`);
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** Full-width forms as ASCII and invisible characters removed: the first step of both keys. */
function plainText(text: string): string {
  // Both kinds of character are above U+007F: most cells are ASCII and skip the two passes.
  if (!NON_ASCII.test(text)) return text;
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(INVISIBLE, '');
}

/** What a company cell holds when the company is not known; compared with the normalised text. */
export const NOT_A_COMPANY: ReadonlySet<string> = new Set([
  'n/a', 'na', 'n.a', 'none', 'no', 'null', 'nil', '-', '--', '---', '?', 'unknown', 'not known', 'not applicable', 'tbd', 'x',
  'self', 'self-employed', 'self employed', 'freelance', 'freelancer', 'private', 'individual', 'personal', 'student', 'retired', 'home',
  ...[...ERROR_LITERALS].map((e) => e.toLowerCase()),
]);

const SUFFIX = new RegExp(COMPANY_SUFFIX_PATTERN);
const PREFIX = new RegExp(COMPANY_PREFIX_PATTERN);
const SPACES = /\s+/g;

/**
 * Suffixes are looked for in the last this many characters (code points) only: a real chain of
 * legal forms is short, and a bounded tail keeps a hostile cell (thousands of commas) from
 * costing JavaScript's backtracking matcher time quadratic in its length.
 */
export const SUFFIX_TAIL = 64;

/** The account key of a company cell's text, or null when it names no company. */
export function companyKey(text: string): string | null {
  const folded = foldText(plainText(text)).replace(SPACES, ' ');
  let head = '';
  let tail = folded;
  if (folded.length > SUFFIX_TAIL) {
    const points = Array.from(folded);
    if (points.length > SUFFIX_TAIL) {
      head = points.slice(0, -SUFFIX_TAIL).join('');
      tail = points.slice(-SUFFIX_TAIL).join('');
    }
  }
  const key = (head + tail.replace(SUFFIX, '')).replace(PREFIX, '');
  return key === '' || NOT_A_COMPANY.has(key) || PUNCTUATION_ONLY.test(key) ? null : key;
}

/** Characters no host name holds (RFC 1123 and IDNA allow letters, digits, '-' and '.'): a domain with one is no domain. */
export const NOT_IN_A_DOMAIN = '[\\x00-\\x20\\x7f/?#\\[\\]"<>()@,;:\\\\!$%&\'*+=`{|}~^]';
const BAD_DOMAIN = new RegExp(NOT_IN_A_DOMAIN);

/** The account key of an e-mail cell's text, or null when it is no address (or two of them) or a free-mail one. */
export function domainKey(text: string): string | null {
  const plain = plainText(text);
  const domain = emailDomain(plain);
  if (domain === null || PERSONAL_EMAIL_DOMAINS.has(domain) || BAD_DOMAIN.test(domain)) return null;
  // "a@acme.com;b@beta.com": which of the two is the lead's is not clear.
  return plain.indexOf('@') === plain.lastIndexOf('@') ? domain : null;
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
