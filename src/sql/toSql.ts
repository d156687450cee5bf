/**
 * The scoring model as one SQL SELECT, for data warehouses: every row of a lead table gets the
 * score, fit, engagement, band and stage the engine gives it, to the cent.
 *
 * Each cell is scored as the engine scores its text form (NULL as a blank cell): trimmed as
 * JavaScript trims, numbers such as "1,200" or "$3.5e2", dates written as ISO, US/EU numbers
 * or with month names (with a time of day), yes/no words, error literals (#N/A). Columns whose
 * SQL types are given are read directly where that gives the same (see columnTypes.ts).
 * Points are worked out in whole units and rounded half up, and the 0-100 scale scales the
 * total once and splits it into Fit and Engagement, as the engine does (scoreArithmetic).
 *
 * Pure: imports only the engine; see docs/sql-export.md for what it cannot express.
 */
import { compile, excelSerialFromIsoDate, scoreArithmetic, type Criterion, type Model, type Result } from '../engine';
import { columnKind, describeColumnsSql, typeOf, type ColumnTypes } from './columnTypes';
import { conditionNeeds, criterionUnits, roundHalfUp, type Columns } from './conditions';
import { dialectByName, type Dialect, type DialectName } from './dialects';
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

/** The prefix of every name the query gives its own columns, so that none meets a column of the lead table. */
const NS = '__leadscore_';

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
  const built = (query: string): Result<string> => ({ ok: true, value: query, warnings: checked.warnings });

  const needs = needsOf(enabled);
  const readings = new Map<string, FieldReadings>();
  const levelColumns: LevelColumn[] = [];
  fields.forEach((f, i) => {
    const type = options.columnTypes === undefined ? undefined : typeOf(options.columnTypes, f);
    const read = readField(d, f, `${NS}c${i}`, type === undefined ? 'text' : columnKind(d, type), needs.get(f) ?? noNeeds(), m.dateOrder);
    readings.set(f, read.readings);
    levelColumns.push(...read.columns);
  });
  const asOfDay = `${NS}as_of_day`;
  const columns: Columns = {
    readings: (f) => readings.get(f) as FieldReadings,
    age: (f) => `(${asOfDay} - ${readings.get(f)?.day ?? 'NULL'})`,
  };

  // Each criterion's units, after every reading; then the groups, the total, the score.
  const { unitsPerPoint, maximumUnits } = scoreArithmetic(m);
  const criteriaLevel = LAST_READING_LEVEL + 1;
  enabled.forEach((c, i) => levelColumns.push({ level: criteriaLevel, sql: criterionUnits(d, c, unitsPerPoint, columns), alias: `${NS}k${i}` }));
  const sum = (group: 'fit' | 'engagement'): string => {
    const parts = enabled.map((c, i) => (c.group === group ? `${NS}k${i}` : null)).filter((x): x is string => x !== null);
    return parts.length === 0 ? num(d, 0) : parts.join(' + ');
  };
  const toUnits = (x: number | null): number | null => (x === null ? null : Math.round(x * unitsPerPoint));
  const clamp = (e: string, min: number | null, max: number | null): string => {
    let out = e;
    if (min !== null) out = `greatest(${out}, ${num(d, min)})`;
    if (max !== null) out = `least(${out}, ${num(d, max)})`;
    return out;
  };
  const [fitU, engagementU, totalU] = [`${NS}fit_u`, `${NS}engagement_u`, `${NS}total_u`];
  levelColumns.push(
    { level: criteriaLevel + 1, sql: clamp(`(${sum('fit')})`, toUnits(m.groupCaps.fit.min), toUnits(m.groupCaps.fit.max)), alias: fitU },
    { level: criteriaLevel + 1, sql: clamp(`(${sum('engagement')})`, toUnits(m.groupCaps.engagement.min), toUnits(m.groupCaps.engagement.max)), alias: engagementU },
  );
  let total = clamp(`(${fitU} + ${engagementU})`, toUnits(m.totalCap.min), toUnits(m.totalCap.max));
  if (maximumUnits !== null) total = clamp(total, 0, maximumUnits);
  levelColumns.push({ level: criteriaLevel + 2, sql: total, alias: totalU });
  const hundred = num(d, 100);
  const scored = maximumUnits === null ? pointsScale(d, totalU, fitU, engagementU) : percentScale(d, criteriaLevel + 3, maximumUnits, totalU, fitU, engagementU, levelColumns);
  const score = `${NS}score`;
  const lastLevel = Math.max(...levelColumns.map((c) => c.level)) + 1;
  levelColumns.push({ level: lastLevel, sql: scored.score, alias: score });
  // The engine takes the last band whose lower bound the score reaches; the first takes the rest.
  const firstBand = d.str(m.bands[0]?.name ?? '');
  const bandWhens = m.bands
    .slice(1)
    .reverse()
    .map((b) => `WHEN ${score} >= ${num(d, b.from)} THEN ${d.str(b.name)}`);
  const { mql, sql } = m.stages;
  const stageWhens = [sql !== null ? `WHEN ${score} >= ${num(d, sql)} THEN 'SQL'` : '', mql !== null ? `WHEN ${score} >= ${num(d, mql)} THEN 'MQL'` : ''].filter((x) => x !== '');
  const outputs: [string, string][] = [
    ['score', score],
    ['fit', `${scored.fitCents} / ${hundred}`],
    ['engagement', `${scored.engagementCents} / ${hundred}`],
    ['band', bandWhens.length === 0 ? firstBand : `(CASE ${bandWhens.join(' ')} ELSE ${firstBand} END)`],
    ['stage', stageWhens.length === 0 ? `CAST(NULL AS ${d.text})` : `(CASE ${stageWhens.join(' ')} END)`],
  ];

  const asOfDoc = d.name === 'spark' ? 'named parameter :as_of (a DATE or a YYYY-MM-DD string)' : 'parameter $1 (a DATE or a YYYY-MM-DD string)';
  const asOfHint = m.asOf === null ? 'the model measures ages to today: pass CURRENT_DATE' : `the model's as-of date is ${commentText(m.asOf)}`;
  const header = `-- Lead scoring model '${commentText(m.name)}' for ${d.name}; generated by leadscore sql.
-- The as-of date is ${asOfDoc}; ${asOfHint}.
-- Yields every column of ${commentText(table)} plus score, fit, engagement, band and stage, as the engine scores them.
`;
  const asOfSource = `(SELECT ${d.serialOfDate(d.asOfParameter)} AS ${asOfDay}) AS p`;
  /** The levels, innermost first: level 1 reads the table row t (from the FROM given, or the LATERAL's outer query). */
  const levels = (first: string, from: string, fence: string): string => {
    const at = (level: number): string[] => levelColumns.filter((c) => c.level === level).map((c) => `${c.sql} AS ${c.alias}`);
    let query = `SELECT ${[first, ...at(1)].join(',\n    ')}${from}`;
    for (let level = 2; level <= lastLevel; level++) {
      const here = at(level);
      if (here.length > 0) query = `SELECT l${level}.*,\n    ${here.join(',\n    ')}\nFROM (\n${query}${fence}\n) AS l${level}`;
    }
    return query;
  };
  if (d.name === 'duckdb') {
    // One chain of projections over the table, without a LATERAL join: DuckDB decorrelates one
    // by grouping the table on every column the model reads and joining back, a third of the
    // query's time. The readings' names start with __leadscore_, so they do not meet the
    // table's columns, and are left out of the result.
    const internal = [asOfDay, ...levelColumns.map((c) => c.alias)];
    return built(`${header}SELECT * EXCLUDE (${internal.join(', ')}),
  ${outputs.map(([name, e]) => `${e} AS ${name}`).join(',\n  ')}
FROM (
${levels(`t.*, p.${asOfDay}`, `\nFROM ${table} AS t\nCROSS JOIN ${asOfSource}`, '')}
) AS scored`);
  }
  // PostgreSQL pulls subqueries up into the one above, which would copy each reading's
  // expression into every place that reads it; OFFSET 0 keeps each level computed once per row.
  const fence = d.name === 'postgres' ? ' OFFSET 0' : '';
  return built(`${header}SELECT t.*, ${outputs.map(([name]) => `r.${name}`).join(', ')}
FROM ${table} AS t
CROSS JOIN ${asOfSource}
CROSS JOIN LATERAL (
SELECT ${outputs.map(([name, e]) => `${e} AS ${name}`).join(', ')}
FROM (
${levels(`p.${asOfDay}`, '', fence)}${fence}
) AS scored
) AS r`);
}

interface ScoredSql {
  /** The score in the score's scale. */
  readonly score: string;
  readonly fitCents: string;
  readonly engagementCents: string;
}

/** On the points scale a unit is a hundredth: the sums are the figures. */
function pointsScale(d: Dialect, totalU: string, fitU: string, engagementU: string): ScoredSql {
  return { score: `${totalU} / ${num(d, 100)}`, fitCents: fitU, engagementCents: engagementU };
}

/**
 * The engine's 0-100 arithmetic (scaledScore.ts), one IEEE operation for one: the total scaled
 * once, rounded half up; Fit, Engagement and the total's caps get their exact shares rounded
 * down, and the hundredths left go to the largest remainders, the earlier first at a tie.
 */
function percentScale(d: Dialect, level: number, maximumUnits: number, totalU: string, fitU: string, engagementU: string, levelColumns: LevelColumn[]): ScoredSql {
  const name = (x: string): string => `${NS}${x}`;
  const max = num(d, maximumUnits);
  const share = (units: string): string => `((${units}) * ${num(d, 10_000)}) / ${max}`;
  const parts = ['f', 'e', 'a'] as const;
  const units = { f: fitU, e: engagementU, a: `${totalU} - ${fitU} - ${engagementU}` };
  levelColumns.push({ level, sql: roundHalfUp(d, `(${share(totalU)})`), alias: name('score_c') });
  for (const p of parts) levelColumns.push({ level, sql: share(units[p]), alias: name(`q_${p}`) });
  for (const p of parts) levelColumns.push({ level: level + 1, sql: `floor(${name(`q_${p}`)})`, alias: name(`fl_${p}`) });
  for (const p of parts) levelColumns.push({ level: level + 2, sql: `${name(`q_${p}`)} - ${name(`fl_${p}`)}`, alias: name(`r_${p}`) });
  levelColumns.push({ level: level + 2, sql: `${name('score_c')} - (${parts.map((p) => name(`fl_${p}`)).join(' + ')})`, alias: name('rest') });
  levelColumns.push({ level: level + 3, sql: `floor(${name('rest')} / ${num(d, 3)})`, alias: name('base') });
  const extra = `(${name('rest')} - ${name('base')} * ${num(d, 3)})`;
  const r = (p: string): string => name(`r_${p}`);
  const one = (condition: string): string => `(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  // A part's place among the remainders: the larger first, the earlier first at a tie.
  const rank = { f: `${one(`${r('e')} > ${r('f')}`)} + ${one(`${r('a')} > ${r('f')}`)}`, e: `${one(`${r('f')} >= ${r('e')}`)} + ${one(`${r('a')} > ${r('e')}`)}` };
  const cents = (p: 'f' | 'e'): string => `(${name(`fl_${p}`)} + ${name('base')} + ${one(`${rank[p]} < ${extra}`)})`;
  return { score: `${name('score_c')} / ${num(d, 100)}`, fitCents: cents('f'), engagementCents: cents('e') };
}

/** The as-of date to bind: the model's own, else the given day (YYYY-MM-DD). */
export function asOfFor(m: Model, today: string): string {
  return m.asOf !== null && !Number.isNaN(excelSerialFromIsoDate(m.asOf)) ? m.asOf : today;
}
