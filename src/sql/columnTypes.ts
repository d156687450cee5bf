/**
 * What the generator knows of a column's SQL type, and the query that asks the database.
 *
 * A cell is scored as the engine scores its text form (what CAST(... AS text) gives, NULL as a
 * blank cell), whatever the type. Knowing the type lets the query skip the reading: an INTEGER
 * is already a number, a DATE already a day. Each kind below is read directly only where that
 * gives exactly what reading the text form would; anything else goes through the text.
 */
import type { Dialect } from './dialects';
import { tableSql, type NamePart } from './sqlText';

/**
 * - integer, decimal: numbers whose text form reads back as the same double;
 * - double: read directly between 1e-4 and 1e15, where the text form has no exponent;
 * - date, timestamp: the calendar day, directly;
 * - boolean: yes or no, directly;
 * - text: read from the text form (also every type not named here, e.g. REAL, whose text
 *   form reads as a different double than the value).
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'double' | 'date' | 'timestamp' | 'boolean';

/** Column name to SQL type name, as the database describes it ("INTEGER", "DECIMAL(10,2)", "timestamp without time zone"). */
export type ColumnTypes = Readonly<Record<string, string>>;

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'INT2', 'INT4', 'INT8', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'BYTE', 'SHORT', 'LONG']);
/** Decimals of at most 15 digits convert to the double nearest their text in every engine; wider ones may not. */
const MAX_DIRECT_DECIMAL_DIGITS = 15;

/** The kind of a type name in a dialect; 'text' for any type not read directly. */
export function columnKind(d: Dialect, typeName: string): ColumnKind {
  const t = typeName.trim().toUpperCase().replace(/\s+/g, ' ');
  if (INTEGER_TYPES.has(t)) return 'integer';
  // FLOAT is 4 bytes in DuckDB and Spark (text path); PostgreSQL's float8 spellings are doubles.
  if (t === 'DOUBLE' || t === 'DOUBLE PRECISION' || t === 'FLOAT8' || (t === 'FLOAT' && d.name === 'postgres')) return 'double';
  const decimal = /^(?:DECIMAL|NUMERIC|DEC)(?:\((\d+)(?:,\s*\d+)?\))?$/.exec(t);
  if (decimal !== null) {
    // Without a precision: PostgreSQL's numeric converts through its text (exact); DuckDB's and Spark's defaults are wider or unknown.
    if (decimal[1] === undefined) return d.name === 'postgres' ? 'decimal' : 'text';
    return Number(decimal[1]) <= MAX_DIRECT_DECIMAL_DIGITS ? 'decimal' : 'text';
  }
  if (t === 'DATE') return 'date';
  if (/^(?:TIMESTAMP|DATETIME|TIMESTAMPTZ|TIMESTAMP_(?:S|MS|NS|NTZ|LTZ))(?:\(\d\))?(?: WITH(?:OUT)? TIME ZONE)?$/.test(t)) return 'timestamp';
  if (t === 'BOOLEAN' || t === 'BOOL') return 'boolean';
  return 'text';
}

/** The type given for a column: its exact name first, then ignoring case (DuckDB and Spark match names that way). */
export function typeOf(types: ColumnTypes, column: string): string | undefined {
  if (Object.hasOwn(types, column)) return types[column];
  const lower = column.toLowerCase();
  const key = Object.keys(types).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : types[key];
}

/**
 * Parses column types given as a JSON object of names to type names (what describeColumnsSql
 * prints). Throws with what is wrong.
 */
export function parseColumnTypes(json: string): ColumnTypes {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`the column types are not JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the column types must be a JSON object such as {"Employees": "INTEGER"}');
  const types: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, type] of Object.entries(value)) {
    if (typeof type !== 'string') throw new Error(`the type of column '${name}' must be text such as "INTEGER", not ${JSON.stringify(type)}`);
    types[name] = type;
  }
  return types;
}

/**
 * A query that returns the types of the given columns of the table as one JSON object, for
 * the user to pass back as the column types. Spark has no information_schema: its DESCRIBE
 * lists the types, from which the user writes the same JSON.
 */
export function describeColumnsSql(d: Dialect, table: readonly NamePart[], columns: readonly string[]): string {
  if (d.name === 'spark') return `DESCRIBE TABLE ${tableSql(d, table)}`;
  const [name, schema, catalog] = [...table].reverse();
  // A bare name matches as the database would resolve it: PostgreSQL folds it to lower case,
  // DuckDB matches names ignoring case.
  const is = (column: string, part: NamePart): string =>
    part.quoted && d.name === 'postgres'
      ? `${column} = ${d.str(part.name)}`
      : d.name === 'postgres'
        ? `${column} = ${d.str(part.name.toLowerCase())}`
        : `lower(${column}) = ${d.str(part.name.toLowerCase())}`;
  const where = [
    name === undefined ? null : is('table_name', name),
    schema === undefined ? null : is('table_schema', schema),
    catalog === undefined ? null : is('table_catalog', catalog),
    columns.length === 0 ? null : `column_name IN (${columns.map((c) => d.str(c)).join(', ')})`,
  ].filter((w): w is string => w !== null);
  const aggregate = d.name === 'postgres' ? 'json_object_agg' : 'json_group_object';
  return `SELECT ${aggregate}(column_name, data_type) AS column_types FROM information_schema.columns WHERE ${where.join(' AND ')}`;
}
