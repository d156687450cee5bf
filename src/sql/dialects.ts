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
  /** A string literal. */
  str(text: string): string;
  /** True when s matches the (anchored) regular expression. */
  matches(s: string, regex: string): string;
  /** Group g of the regular expression's match in s; '' or NULL when the group took no part. */
  group(s: string, regex: string, g: number): string;
  replaceAll(s: string, regex: string, by: string): string;
  position(s: string, sub: string): string;
  trim(s: string, chars: string): string;
  chr(code: number): string;
  /** The regex class of one lowercase letter, any script. */
  readonly lowerLetter: string;
  /** The regex class of the characters JavaScript's trim() and \s take as white space. */
  readonly whitespaceClass: string;
}

const quoteSql = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const RE2_WS = '[\\t\\n\\x0B\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

export const DUCKDB: Dialect = {
  name: 'duckdb',
  text: 'VARCHAR',
  double: 'DOUBLE',
  asOfParameter: 'CAST($1 AS DATE)',
  serialOfDate: (d) => `(${d} - DATE '1899-12-30')`,
  ident: (n) => `"${n.replace(/"/g, '""')}"`,
  str: quoteSql,
  matches: (s, r) => `regexp_matches(${s}, ${quoteSql(r)})`,
  group: (s, r, g) => `regexp_extract(${s}, ${quoteSql(r)}, ${g})`,
  replaceAll: (s, r, by) => `regexp_replace(${s}, ${quoteSql(r)}, ${quoteSql(by)}, 'g')`,
  position: (s, sub) => `strpos(${s}, ${sub})`,
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
  str: quoteSql,
  matches: (s, r) => `(${s} ~ ${quoteSql(r)})`,
  group: (s, r, g) => `(regexp_match(${s}, ${quoteSql(r)}))[${g}]`,
  replaceAll: (s, r, by) => `regexp_replace(${s}, ${quoteSql(r)}, ${quoteSql(by)}, 'g')`,
  position: (s, sub) => `strpos(${s}, ${sub})`,
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
  matches: (s, r) => `(${s} RLIKE ${sparkStr(r)})`,
  group: (s, r, g) => `regexp_extract(${s}, ${sparkStr(r)}, ${g})`,
  replaceAll: (s, r, by) => `regexp_replace(${s}, ${sparkStr(r)}, ${sparkStr(by)})`,
  position: (s, sub) => `instr(${s}, ${sub})`,
  trim: (s, chars) => `trim(BOTH ${chars} FROM ${s})`,
  chr: (c) => `chr(${c})`,
  lowerLetter: '\\p{Ll}',
  whitespaceClass: RE2_WS,
};

export function dialectByName(name: DialectName): Dialect {
  return name === 'duckdb' ? DUCKDB : name === 'postgres' ? POSTGRES : SPARK;
}
