import { wildcardsToRegex, wildcardToLike, wildcardToRegex } from './wildcards';

/** What differs between the SQL dialects the model is exported to. Everything else is shared SQL. */
export type DialectName = 'duckdb' | 'postgres' | 'spark';
export const DIALECTS: readonly DialectName[] = ['duckdb', 'postgres', 'spark'];

export interface Dialect {
  readonly name: DialectName;
  readonly text: string;
  readonly double: string;
  /** The as-of date parameter, as a DATE expression. */
  readonly asOfParameter: string;
  /** Whole days from 1899-12-30 to a DATE expression: the Excel serial of that day. */
  serialOfDate(date: string): string;
  ident(name: string): string;
  /** A string literal that reads back as exactly the text, whatever the session's settings. */
  str(text: string): string;
  /** True when the whole of s matches the wildcard pattern (see wildcards.ts). */
  wildcard(s: string, pattern: string): string;
  /** True when s matches any of the patterns (at least one). */
  anyWildcard(s: string, patterns: readonly string[]): string;
  /** True when s matches the (anchored) regular expression. */
  matches(s: string, regex: string): string;
  /** Group g of the regular expression's match in s; '' or NULL when the group took no part. */
  group(s: string, regex: string, g: number): string;
  replaceAll(s: string, regex: string, by: string): string;
  position(s: string, sub: string): string;
  /** The text after the last occurrence of the character (all of s when it has none). */
  afterLast(s: string, character: string): string;
  trim(s: string, chars: string): string;
  chr(code: number): string;
  /** The regex class of one lowercase letter, any script. */
  readonly lowerLetter: string;
  /** The regex class of the characters JavaScript's trim() and \s take as white space. */
  readonly whitespaceClass: string;
}

const quoteSql = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * PostgreSQL reads a backslash in '...' as an escape when standard_conforming_strings is off
 * (a server or session setting), which would let `\'` end the literal: text with a backslash is
 * written as E'...', which means the same under either setting.
 */
const postgresStr = (text: string): string => (text.includes('\\') ? `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : quoteSql(text));

/** LIKE when the pattern needs no ESCAPE clause; otherwise the dialect's own choice. */
function likeOr(s: string, pattern: string, str: (t: string) => string, escapedForm: (like: string) => string): string {
  const { like, escaped } = wildcardToLike(pattern);
  return escaped ? escapedForm(like) : `${s} LIKE ${str(like)}`;
}

const RE2_WS = '[\\t\\n\\x0B\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

export const DUCKDB: Dialect = {
  name: 'duckdb',
  text: 'VARCHAR',
  double: 'DOUBLE',
  asOfParameter: 'CAST($1 AS DATE)',
  serialOfDate: (d) => `(${d} - DATE '1899-12-30')`,
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  str: quoteSql,
  // LIKE with ESCAPE backtracks exponentially in DuckDB: such patterns go to RE2 instead.
  wildcard: (s, p) => likeOr(s, p, quoteSql, () => `regexp_full_match(${s}, ${quoteSql(wildcardToRegex(p))})`),
  // One RE2 pass over an alternation costs about what three LIKEs do: the Weighted B2B title rule has 86 patterns.
  anyWildcard: (s, ps) => (ps.length === 1 ? DUCKDB.wildcard(s, ps[0] as string) : `regexp_full_match(${s}, ${quoteSql(wildcardsToRegex(ps))})`),
  matches: (s, r) => `regexp_matches(${s}, ${quoteSql(r)})`,
  group: (s, r, g) => `regexp_extract(${s}, ${quoteSql(r)}, ${g})`,
  replaceAll: (s, r, by) => `regexp_replace(${s}, ${quoteSql(r)}, ${quoteSql(by)}, 'g')`,
  position: (s, sub) => `strpos(${s}, ${sub})`,
  afterLast: (s, c) => `split_part(${s}, ${quoteSql(c)}, -1)`,
  trim: (s, chars) => `trim(${s}, ${chars})`,
  chr: (c) => `chr(${c})`,
  lowerLetter: '\\p{Ll}',
  whitespaceClass: RE2_WS,
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  text: 'text',
  double: 'double precision',
  asOfParameter: 'CAST($1 AS date)',
  serialOfDate: (d) => `(${d} - DATE '1899-12-30')`,
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  str: postgresStr,
  wildcard: (s, p) => likeOr(s, p, postgresStr, (like) => `${s} LIKE ${postgresStr(like)} ESCAPE ${postgresStr('\\')}`),
  anyWildcard: (s, ps) => ps.map((p) => POSTGRES.wildcard(s, p)).join(' OR '),
  matches: (s, r) => `(${s} ~ ${postgresStr(r)})`,
  group: (s, r, g) => `(regexp_match(${s}, ${postgresStr(r)}))[${g}]`,
  replaceAll: (s, r, by) => `regexp_replace(${s}, ${postgresStr(r)}, ${postgresStr(by)}, 'g')`,
  position: (s, sub) => `strpos(${s}, ${sub})`,
  // split_part counts from the end for a negative part since PostgreSQL 14; a pattern works on every version.
  afterLast: (s, c) => `substring(${s} from ${postgresStr(`[^${c}]*$`)})`,
  trim: (s, chars) => `btrim(${s}, ${chars})`,
  chr: (c) => `chr(${c})`,
  lowerLetter: '[[:lower:]]',
  whitespaceClass: '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]',
};

/** Spark SQL string literals treat a backslash as an escape: each one is doubled. */
const sparkStr = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const SPARK: Dialect = {
  name: 'spark',
  text: 'STRING',
  double: 'DOUBLE',
  asOfParameter: 'CAST(:as_of AS DATE)',
  serialOfDate: (d) => `datediff(${d}, DATE '1899-12-30')`,
  ident: (n) => `\`${n.replace(/`/g, '``')}\``,
  str: sparkStr,
  wildcard: (s, p) => likeOr(s, p, sparkStr, (like) => `${s} LIKE ${sparkStr(like)} ESCAPE ${sparkStr('\\')}`),
  anyWildcard: (s, ps) => ps.map((p) => SPARK.wildcard(s, p)).join(' OR '),
  matches: (s, r) => `(${s} RLIKE ${sparkStr(r)})`,
  group: (s, r, g) => `regexp_extract(${s}, ${sparkStr(r)}, ${g})`,
  replaceAll: (s, r, by) => `regexp_replace(${s}, ${sparkStr(r)}, ${sparkStr(by)})`,
  position: (s, sub) => `instr(${s}, ${sub})`,
  afterLast: (s, c) => `regexp_extract(${s}, ${sparkStr(`([^${c}]*)$`)}, 1)`,
  trim: (s, chars) => `trim(BOTH ${chars} FROM ${s})`,
  chr: (c) => `chr(${c})`,
  lowerLetter: '\\p{Ll}',
  whitespaceClass: RE2_WS,
};

export function dialectByName(name: DialectName): Dialect {
  return name === 'duckdb' ? DUCKDB : name === 'postgres' ? POSTGRES : SPARK;
}
