/**
 * The scoring model as one SQL SELECT, for data warehouses: every row of a lead table gets the
 * score, fit, engagement, band and stage the engine gives it, to the cent.
 *
 * Each cell is scored as the engine scores its text form (NULL as a blank cell): trimmed as
 * JavaScript trims, numbers such as "1,200" or "$3.5e2", dates written as ISO, US/EU numbers
 * or with month names (with a time of day), yes/no words, error literals (#N/A). Columns whose
 * SQL types are given are read directly where that gives the same (see columnTypes.ts).
 * Points are worked out in integer hundredths and rounded half up, as the engine does.
 *
 * Pure: imports only the engine; see docs/sql-export.md for what it cannot express.
 */
import { compile, excelSerialFromIsoDate, maximumScore, type Criterion, type Model, type Result } from '../engine';
import { columnKind, describeColumnsSql, typeOf, type ColumnTypes } from './columnTypes';
import { conditionNeeds, criterionCents, type Columns } from './conditions';
import { dialectByName, type DialectName } from './dialects';
import { LAST_READING_LEVEL, noNeeds, num, readField, type FieldNeeds, type FieldReadings, type LevelColumn } from './readFields';
import { commentText, parseTableName, tableSql } from './sqlText';

export interface SqlOptions {
  readonly dialect: DialectName;
  /** The lead table's name as written in SQL (crm.leads, "My Leads"); every part is quoted in the query. Default leads. */
  readonly table?: string;
  /** SQL types of the columns, by name (from describeColumns' query); columns not named are read as text. */
  readonly columnTypes?: ColumnTypes;
}

/** The columns a model reads, in the order the criteria name them. */
export function fieldsOf(m: Model): string[] {
  const enabled = m.criteria.filter((c) => c.enabled);
  return [...new Set(enabled.flatMap((c) => [c.field, c.perOccurrenceOf, c.decay?.dateField].filter((f): f is string => f !== null && f !== undefined)))];
}

/** The query that returns the SQL types of the columns the model reads, as the JSON to pass back as columnTypes. */
export function describeColumns(m: Model, options: Omit<SqlOptions, 'columnTypes'>): string {
  const d = dialectByName(options.dialect);
  return describeColumnsSql(d, parseTableName(d, options.table ?? 'leads'), fieldsOf(m));
}

/** What each column must be read as, from the criteria that read it. */
function needsOf(enabled: readonly Criterion[]): Map<string, FieldNeeds> {
  const needs = new Map<string, FieldNeeds>();
  const of = (f: string): FieldNeeds => needs.get(f) ?? (needs.set(f, noNeeds()).get(f) as FieldNeeds);
  for (const c of enabled) {
    Object.assign(of(c.field), conditionNeeds(c.condition));
    if (c.perOccurrenceOf !== null) of(c.perOccurrenceOf).number = true;
    if (c.decay !== null) of(c.decay.dateField).day = true;
  }
  return needs;
}

/** Builds the SELECT, or says why it cannot: the engine's problems with the model, or a table option that is not a table name. */
export function modelToSql(m: Model, options: SqlOptions): Result<string> {
  const d = dialectByName(options.dialect);
  let table: string;
  try {
    table = tableSql(d, parseTableName(d, options.table ?? 'leads'));
  } catch (error) {
    return { ok: false, problems: [{ severity: 'error', at: { input: 'table option' }, message: (error as Error).message }] };
  }
  const enabled = m.criteria.filter((c) => c.enabled);
  // The engine's own checks (columns are taken to be the model's own fields).
  const fields = fieldsOf(m);
  const checked = compile(m, fields, { asOf: '2000-01-01' });
  if (!checked.ok) return checked;

  const needs = needsOf(enabled);
  const readings = new Map<string, FieldReadings>();
  const levelColumns: LevelColumn[] = [];
  fields.forEach((f, i) => {
    const type = options.columnTypes === undefined ? undefined : typeOf(options.columnTypes, f);
    const read = readField(d, f, `c${i}`, type === undefined ? 'text' : columnKind(d, type), needs.get(f) ?? noNeeds(), m.dateOrder);
    readings.set(f, read.readings);
    levelColumns.push(...read.columns);
  });
  const columns: Columns = {
    readings: (f) => readings.get(f) as FieldReadings,
    age: (f) => `(as_of_day - ${readings.get(f)?.day ?? 'NULL'})`,
  };

  // Each criterion's hundredths, after every reading.
  const pointsPerScorePoint = m.scale === '0-100' ? maximumScore(m) / 100 : 1;
  const centsPerPoint = 100 / pointsPerScorePoint;
  enabled.forEach((c, i) => levelColumns.push({ level: LAST_READING_LEVEL + 1, sql: criterionCents(d, c, centsPerPoint, columns), alias: `k${i}` }));

  const sum = (group: 'fit' | 'engagement'): string => {
    const parts = enabled.map((c, i) => (c.group === group ? `k${i}` : null)).filter((x): x is string => x !== null);
    return parts.length === 0 ? num(d, 0) : parts.join(' + ');
  };
  const toCents = (x: number | null): number | null => (x === null ? null : Math.round(x * centsPerPoint));
  const clamp = (e: string, min: number | null, max: number | null): string => {
    let out = e;
    if (min !== null) out = `greatest(${out}, ${num(d, min)})`;
    if (max !== null) out = `least(${out}, ${num(d, max)})`;
    return out;
  };
  const fit = clamp(`(${sum('fit')})`, toCents(m.groupCaps.fit.min), toCents(m.groupCaps.fit.max));
  const engagement = clamp(`(${sum('engagement')})`, toCents(m.groupCaps.engagement.min), toCents(m.groupCaps.engagement.max));
  let total = clamp('(fit_c + engagement_c)', toCents(m.totalCap.min), toCents(m.totalCap.max));
  if (m.scale === '0-100') total = clamp(total, 0, 10_000);
  // The engine takes the last band whose lower bound the score reaches; the first takes the rest.
  const firstBand = d.str(m.bands[0]?.name ?? '');
  const bandWhens = m.bands
    .slice(1)
    .reverse()
    .map((b) => `WHEN score >= ${num(d, b.from)} THEN ${d.str(b.name)}`);
  const bandCase = bandWhens.length === 0 ? firstBand : `(CASE ${bandWhens.join(' ')} ELSE ${firstBand} END)`;
  const { mql, sql } = m.stages;
  const stageWhens = [sql !== null ? `WHEN score >= ${num(d, sql)} THEN 'SQL'` : '', mql !== null ? `WHEN score >= ${num(d, mql)} THEN 'MQL'` : ''].filter((x) => x !== '');
  const stageCase = stageWhens.length === 0 ? `CAST(NULL AS ${d.text})` : `(CASE ${stageWhens.join(' ')} END)`;

  // PostgreSQL pulls subqueries up into the one above, which would copy each reading's
  // expression into every place that reads it; OFFSET 0 keeps each level computed once per row.
  const fence = d.name === 'postgres' ? ' OFFSET 0' : '';
  const maxLevel = LAST_READING_LEVEL + 1;
  const at = (level: number): string[] => levelColumns.filter((c) => c.level === level).map((c) => `${c.sql} AS ${c.alias}`);
  let inner = `SELECT ${['p.as_of_day', ...at(1)].join(',\n      ')}`;
  for (let level = 2; level <= maxLevel; level++) {
    const here = at(level);
    if (here.length === 0) continue;
    inner = `SELECT l${level}.*,\n      ${here.join(',\n      ')}\n    FROM (\n    ${inner}${fence}\n    ) AS l${level}`;
  }
  const asOfDoc = d.name === 'spark' ? 'named parameter :as_of (a DATE or a YYYY-MM-DD string)' : 'parameter $1 (a DATE or a YYYY-MM-DD string)';
  const asOfHint = m.asOf === null ? 'the model measures ages to today: pass CURRENT_DATE' : `the model's as-of date is ${commentText(m.asOf)}`;
  const query = `-- Lead scoring model '${commentText(m.name)}' for ${d.name}; generated by leadscore sql.
-- The as-of date is ${asOfDoc}; ${asOfHint}.
-- Yields every column of ${commentText(table)} plus score, fit, engagement, band and stage, as the engine scores them.
SELECT t.*, r.score, r.fit, r.engagement, r.band, r.stage
FROM ${table} AS t
CROSS JOIN (SELECT ${d.serialOfDate(d.asOfParameter)} AS as_of_day) AS p
CROSS JOIN LATERAL (
  SELECT score, fit, engagement, ${bandCase} AS band, ${stageCase} AS stage
  FROM (
    SELECT total_c / ${num(d, 100)} AS score, fit_c / ${num(d, 100)} AS fit, engagement_c / ${num(d, 100)} AS engagement
    FROM (
      SELECT fit_c, engagement_c, ${total} AS total_c
      FROM (
        SELECT ${fit} AS fit_c, ${engagement} AS engagement_c
        FROM (
    ${inner}
        ${fence}) AS cents
      ) AS groups
    ) AS totals
  ) AS scores
) AS r`;
  return { ok: true, value: query, warnings: checked.warnings };
}

/** The as-of date to bind: the model's own, else the given day (YYYY-MM-DD). */
export function asOfFor(m: Model, today: string): string {
  return m.asOf !== null && !Number.isNaN(excelSerialFromIsoDate(m.asOf)) ? m.asOf : today;
}
