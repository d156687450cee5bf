/**
 * The scoring model as one SQL SELECT, for data warehouses: every row of a lead table gets the
 * score, fit, engagement, band and stage the engine gives it, to the cent.
 *
 * Faithful to the engine on text: each column the model reads is taken as text (typed columns
 * by their text form, e.g. a DATE as 2026-11-05), then read as the engine reads a CSV cell:
 * trimmed as JavaScript trims, numbers such as "1,200" or "$3.5e2", dates written as ISO, US/EU
 * numbers or with month names (with a time of day), yes/no words, error literals (#N/A).
 * Points are worked out in integer hundredths and rounded half up, as the engine does.
 *
 * Pure: imports only the engine; see docs/sql-export.md for what it cannot express.
 */
import {
  compile,
  formatProblems,
  excelSerialFromIsoDate,
  maximumScore,
  PERSONAL_EMAIL_DOMAINS,
  type Condition,
  type Criterion,
  type Decay,
  type Model,
} from '../engine';
import { dialectByName, type Dialect, type DialectName } from './dialects';
import { commentText, parseTableName, tableSql } from './sqlText';

export interface SqlOptions {
  readonly dialect: DialectName;
  /** The lead table's name as written in SQL (crm.leads, "My Leads"); every part is quoted in the query. Default leads. */
  readonly table?: string;
}

const ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!'];
const YES = ['yes', 'y', 'true', '1', 'x', '✓', '✔', 'ja', 'oui', 'si', 'sí'];
const JS_WHITESPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].flatMap((d) => [d, d.slice(0, 3)]).concat(['tues', 'thur', 'thurs']);
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const MAX_CONTRIBUTION = 1e9;

/** Keyboard runs the engine flags: every 4-key run but three that occur in names, and the 5-key run made of two of those. */
function keyboardRuns(): string[] {
  const runs = new Set<string>();
  for (const row of KEY_ROWS) {
    for (const line of [row, [...row].reverse().join('')]) for (let i = 0; i + 4 <= line.length; i++) runs.add(line.slice(i, i + 4));
  }
  for (const allowed of ['erty', 'wert', 'trew']) runs.delete(allowed);
  runs.add('werty');
  return [...runs];
}

/** A double literal that reads back as exactly the same number. */
function num(d: Dialect, x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return `CAST(${x} AS ${d.double})`;
  return `CAST(${d.str(String(x))} AS ${d.double})`;
}

/** Builds the SELECT; throws with the engine's problems when the model is not valid. */
export function modelToSql(m: Model, options: SqlOptions): string {
  const d = dialectByName(options.dialect);
  const table = tableSql(d, parseTableName(d, options.table ?? 'leads'));
  const enabled = m.criteria.filter((c) => c.enabled);
  // The engine's own checks (columns are taken to be the model's own fields).
  const fields = [...new Set(enabled.flatMap((c) => [c.field, c.perOccurrenceOf, c.decay?.dateField].filter((f): f is string => f !== null && f !== undefined)))];
  const checked = compile(m, fields, { asOf: '2000-01-01' });
  if (!checked.ok) throw new Error(formatProblems(checked.problems));

  const ws = d.whitespaceClass;
  const trimChars = JS_WHITESPACE.map((c) => d.chr(c)).join(' || ');
  const col = (f: string): string => `c${fields.indexOf(f)}`;
  const blankOf = (f: string): string => `(${col(f)}_s IS NULL OR ${col(f)}_s = '')`;
  const errOf = (f: string): string => `(${col(f)}_r LIKE '#%' AND upper(${col(f)}_s) IN (${ERRORS.map(d.str).join(', ')}))`;
  const numFields = new Set<string>();
  const dateFields = new Set<string>();
  for (const c of enabled) {
    if (['lt', 'lte', 'gt', 'gte', 'between', 'equals', 'notEquals'].includes(c.condition.op)) numFields.add(c.field);
    if (c.perOccurrenceOf !== null) numFields.add(c.perOccurrenceOf);
    if (c.condition.op === 'withinDays' || c.condition.op === 'olderThanDays') dateFields.add(c.field);
    if (c.decay !== null) dateFields.add(c.decay.dateField);
  }

  // Level 1: each column as text, trimmed as JavaScript trims.
  const level1 = fields.map((f) => `CAST(t.${d.ident(f)} AS ${d.text}) AS ${col(f)}_r`);
  const level2 = fields.map((f) => `${d.trim(`${col(f)}_r`, `(${trimChars})`)} AS ${col(f)}_s`);
  // Level 3: lower-cased text, numbers, and the parts of dates.
  const NUMBER = `^([+-]?)[$€£]?${ws}?((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE]([+-]?[0-9]+))?(%?)$`;
  const TIME = `^(.*?)(?:[Tt]|${ws}+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\\.[0-9]+)?)?(?:${ws}*([aApP])\\.?[mM]\\.?)?${ws}*(?:[zZ]|[+-][0-9]{2}(?::?[0-9]{2})?)?$`;
  const g = (s: string, re: string, k: number): string => `nullif(${d.group(s, re, k)}, '')`;
  const level3: string[] = fields.map((f) => `lower(${col(f)}_s) AS ${col(f)}_l`);
  for (const f of numFields) {
    const s = `${col(f)}_s`;
    const digits = `replace(${d.group(s, NUMBER, 2)}, ',', '')`;
    const exp = g(s, NUMBER, 3);
    const value = `(CASE WHEN ${exp} IS NULL THEN CAST(${digits} AS ${d.double}) ELSE CAST(${digits} AS ${d.double}) * power(${num(d, 10)}, CAST(${exp} AS ${d.double})) END)`;
    const pct = `(CASE WHEN ${d.group(s, NUMBER, 4)} = '%' THEN ${value} / ${num(d, 100)} ELSE ${value} END)`;
    level3.push(
      `(CASE WHEN ${s} IS NOT NULL AND ${d.matches(s, NUMBER)} AND length(${digits}) <= 300 AND abs(CAST(coalesce(${exp}, '0') AS ${d.double})) <= 300 ` +
        `THEN (CASE WHEN ${d.group(s, NUMBER, 1)} = '-' THEN -${pct} ELSE ${pct} END) END) AS ${col(f)}_n`,
    );
  }
  for (const f of dateFields) {
    const s = `${col(f)}_s`;
    // A time of day has a colon: text without one skips the time pattern.
    const timed = d.matches(s, TIME);
    const h = `CAST(${g(s, TIME, 2)} AS INTEGER)`;
    const mi = `CAST(${g(s, TIME, 3)} AS INTEGER)`;
    const sec = `CAST(coalesce(${g(s, TIME, 4)}, '0') AS INTEGER)`;
    const ampm = g(s, TIME, 5);
    const timeOk = `(CASE WHEN ${ampm} IS NOT NULL THEN ${h} BETWEEN 1 AND 12 ELSE ${h} <= 23 END AND ${mi} <= 59 AND ${sec} <= 59)`;
    level3.push(`(CASE WHEN ${s} IS NULL OR length(${s}) > 64 THEN NULL WHEN ${d.position(s, "':'")} = 0 THEN ${s} WHEN ${timed} THEN (CASE WHEN ${timeOk} THEN ${d.group(s, TIME, 1)} END) ELSE ${s} END) AS ${col(f)}_dt`);
  }
  // Level 4: year, month and day of each date column.
  const level4: string[] = [];
  const NUMERIC = '^([0-9]{1,4})([/.-])([0-9]{1,2})([/.-])([0-9]{1,4})$';
  const SEP0 = '[ \\t]*(?:[,.-][ \\t]*)?';
  const SEP1 = '(?:[ \\t]+(?:[,.-][ \\t]*)?|[,.-][ \\t]*)';
  const W = `(?:(?:${WEEKDAYS.join('|')})`;
  const ORD = '(?:st|nd|rd|th)';
  // Named-month forms after the engine's tokens: [weekday] day [ord] month year [ord] and month day [ord] year [ord].
  const named: { re: string; day: number; month: number; year: number }[] = [
    { re: `^${W}${SEP0})?([0-9]+)${SEP0}([a-z]+)${SEP0}([0-9]+)${SEP0}$`, day: 1, month: 2, year: 3 },
    { re: `^${W}${SEP0})?([0-9]+)${SEP0}${ORD}${SEP1}([a-z]+)${SEP0}([0-9]+)${SEP0}$`, day: 1, month: 2, year: 3 },
    { re: `^${W}${SEP0})?([0-9]+)${SEP0}([a-z]+)${SEP0}([0-9]+)${SEP0}${ORD}${SEP0}$`, day: 1, month: 2, year: 3 },
    { re: `^${W}${SEP1})?([a-z]+)${SEP0}([0-9]+)${SEP0}([0-9]+)${SEP0}$`.replace(`([0-9]+)${SEP0}([0-9]+)`, `([0-9]+)${SEP1}([0-9]+)`), month: 1, day: 2, year: 3 },
    { re: `^${W}${SEP1})?([a-z]+)${SEP0}([0-9]+)${SEP0}${ORD}${SEP0}([0-9]+)${SEP0}$`, month: 1, day: 2, year: 3 },
    { re: `^${W}${SEP1})?([a-z]+)${SEP0}([0-9]+)${SEP1}([0-9]+)${SEP0}${ORD}${SEP0}$`, month: 1, day: 2, year: 3 },
  ];
  const monthNumber = (e: string): string =>
    `(CASE ${e} ${MONTHS.map((name, i) => `WHEN ${d.str(name)} THEN ${i + 1} WHEN ${d.str(name.slice(0, 3))} THEN ${i + 1}`).join(' ')} WHEN 'sept' THEN 9 END)`;
  const fullYear = (e: string): string => `(CASE WHEN length(${e}) = 4 THEN CAST(${e} AS INTEGER) WHEN length(${e}) = 2 THEN (CASE WHEN CAST(${e} AS INTEGER) < 30 THEN 2000 ELSE 1900 END) + CAST(${e} AS INTEGER) END)`;
  const dayOf = (e: string): string => `(CASE WHEN length(${e}) <= 2 THEN CAST(${e} AS INTEGER) END)`;
  for (const f of dateFields) {
    const dt = `${col(f)}_dt`;
    const l = `lower(${dt})`;
    const p = (k: number): string => d.group(dt, NUMERIC, k);
    const a = `CAST(${p(1)} AS INTEGER)`;
    const b = `CAST(${p(3)} AS INTEGER)`;
    const isNumeric = `(${d.matches(dt, NUMERIC)} AND ${p(2)} = ${p(4)})`;
    const dmy = m.dateOrder === 'DMY';
    const yearN = `(CASE WHEN length(${p(1)}) = 4 THEN (CASE WHEN length(${p(5)}) <= 2 THEN ${a} END) WHEN length(${p(1)}) <= 2 THEN ${fullYear(p(5))} END)`;
    const monthN = `(CASE WHEN length(${p(1)}) = 4 THEN ${b} WHEN ${b} > 12 THEN ${a} WHEN ${a} > 12 THEN ${b} ELSE ${dmy ? b : a} END)`;
    const dayN = `(CASE WHEN length(${p(1)}) = 4 THEN CAST(${p(5)} AS INTEGER) WHEN ${b} > 12 THEN ${b} WHEN ${a} > 12 THEN ${a} ELSE ${dmy ? a : b} END)`;
    const pick = (part: 'day' | 'month' | 'year'): string =>
      `(CASE WHEN ${dt} IS NULL OR ${dt} = '' THEN NULL WHEN ${isNumeric} THEN ${part === 'day' ? dayN : part === 'month' ? monthN : yearN} ` +
      named
        .map((n) => {
          const e = d.group(l, n.re, n[part]);
          const v = part === 'day' ? dayOf(e) : part === 'month' ? monthNumber(e) : fullYear(e);
          return `WHEN ${d.matches(l, n.re)} THEN ${v}`;
        })
        .join(' ') +
      ' END)';
    level4.push(`${pick('year')} AS ${col(f)}_y`, `${pick('month')} AS ${col(f)}_m`, `${pick('day')} AS ${col(f)}_d`);
  }
  // Level 5: the Excel serial of each date (whole days), from a Julian day number.
  const level5: string[] = [];
  for (const f of dateFields) {
    const [y, mo, dd] = [`${col(f)}_y`, `${col(f)}_m`, `${col(f)}_d`];
    const div = (x: string, k: number): string => `floor(CAST(${x} AS ${d.double}) / ${k})`;
    const a = `(CASE WHEN ${mo} <= 2 THEN 1 ELSE 0 END)`;
    const yy = `(${y} + 4800 - ${a})`;
    const mm = `(${mo} + 12 * ${a} - 3)`;
    const jdn = `(${dd} + ${div(`153 * ${mm} + 2`, 5)} + 365 * ${yy} + ${div(yy, 4)} - ${div(yy, 100)} + ${div(yy, 400)} - 32045)`;
    const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
    const dim = `(CASE WHEN ${mo} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN ${mo} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
    const valid = `(${y} BETWEEN 1900 AND 9999 AND ${mo} BETWEEN 1 AND 12 AND ${dd} >= 1 AND ${dd} <= ${dim})`;
    const serial = `(${jdn} - 2415019)`;
    level5.push(`(CASE WHEN ${valid} THEN (CASE WHEN ${serial} < 61 THEN ${serial} - 1 ELSE ${serial} END) END) AS ${col(f)}_day`);
  }

  // Level 6: each criterion's hundredths.
  const pointsPerScorePoint = m.scale === '0-100' ? maximumScore(m) / 100 : 1;
  const centsPerPoint = 100 / pointsPerScorePoint;
  const age = (f: string): string => `(as_of_day - ${col(f)}_day)`;
  const conditionSql = (c: Criterion): string => conditionExpr(d, c.condition, c.field, { col, blankOf, errOf, age, ws });
  const level6 = enabled.map((c, i) => `${criterionCents(d, c, conditionSql(c), centsPerPoint, { col, blankOf, age })} AS k${i}`);

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

  // PostgreSQL pulls subqueries up into the one above, which would copy each parsed cell's
  // expression into every place that reads it; OFFSET 0 keeps each level computed once per row.
  const fence = d.name === 'postgres' ? ' OFFSET 0' : '';
  const levels = [level1, level2, level3, level4, level5, level6];
  let inner = `SELECT ${['p.as_of_day', ...level1].join(',\n      ')}`;
  levels.slice(1).forEach((level, i) => {
    if (level.length === 0) return;
    inner = `SELECT l${i}.*,\n      ${level.join(',\n      ')}\n    FROM (\n    ${inner}${fence}\n    ) AS l${i}`;
  });
  const asOfDoc =
    d.name === 'spark' ? 'named parameter :as_of (a DATE or a YYYY-MM-DD string)' : 'parameter $1 (a DATE or a YYYY-MM-DD string)';
  const asOfHint = m.asOf === null ? 'the model measures ages to today: pass CURRENT_DATE' : `the model's as-of date is ${commentText(m.asOf)}`;
  return `-- Lead scoring model '${commentText(m.name)}' for ${d.name}; generated by leadscore sql.
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
}

interface Columns {
  col(f: string): string;
  blankOf(f: string): string;
  age(f: string): string;
}

/** Math.round: the nearest integer, halves up. SQL round() differs (halves away from zero, or to even). */
function roundHalfUp(d: Dialect, x: string): string {
  return `(CASE WHEN ${x} - floor(${x}) >= ${num(d, 0.5)} THEN floor(${x}) + 1 ELSE floor(${x}) END)`;
}

function criterionCents(d: Dialect, c: Criterion, matched: string, centsPerPoint: number, k: Columns): string {
  const capMin = Math.max(c.cap.min ?? -MAX_CONTRIBUTION, -MAX_CONTRIBUTION);
  const capMax = Math.min(c.cap.max ?? MAX_CONTRIBUTION, MAX_CONTRIBUTION);
  let raw = num(d, c.points);
  let guard = '';
  if (c.perOccurrenceOf !== null) {
    const n = `${k.col(c.perOccurrenceOf)}_n`;
    // A blank count is 0 (nothing to count); an unreadable one makes the criterion unusable: 0 too.
    guard = ` AND NOT ${k.blankOf(c.perOccurrenceOf)} AND ${n} IS NOT NULL AND ${n} > 0`;
    raw = `(${num(d, c.points)} * ${n})`;
  }
  if (c.decay !== null) raw = decayed(d, c.decay, raw, k);
  const capped = `least(greatest(${raw}, ${num(d, capMin)}), ${num(d, capMax)})`;
  const cents = roundHalfUp(d, `(${capped} * ${num(d, centsPerPoint)})`);
  return `(CASE WHEN ${matched}${guard} THEN ${cents} ELSE ${num(d, 0)} END)`;
}

function decayed(d: Dialect, decay: Decay, raw: string, k: Columns): string {
  const age = k.age(decay.dateField);
  const dated = `${k.col(decay.dateField)}_day IS NOT NULL`;
  let applied: string;
  switch (decay.kind) {
    case 'factor':
      applied = `(CASE WHEN ${age} > ${num(d, decay.afterDays)} THEN ${raw} * ${num(d, 1 - decay.percent / 100)} ELSE ${raw} END)`;
      break;
    case 'deduct': {
      const amount = num(d, decay.points);
      applied = `(CASE WHEN ${age} <= ${num(d, decay.afterDays)} THEN ${raw} WHEN ${raw} > 0 THEN greatest(${num(d, 0)}, ${raw} - ${amount}) ELSE least(${num(d, 0)}, ${raw} + ${amount}) END)`;
      break;
    }
    case 'halfLife':
      applied = `(CASE WHEN ${age} <= 0 THEN ${raw} ELSE ${raw} * power(${num(d, 0.5)}, CAST(${age} AS ${d.double}) / ${num(d, decay.halfLifeDays)}) END)`;
      break;
  }
  return `(CASE WHEN ${raw} = 0 OR NOT (${dated}) THEN ${raw} ELSE ${applied} END)`;
}

interface ConditionColumns {
  col(f: string): string;
  blankOf(f: string): string;
  errOf(f: string): string;
  age(f: string): string;
  ws: string;
}

function conditionExpr(d: Dialect, cond: Condition, field: string, k: ConditionColumns): string {
  const s = `${k.col(field)}_s`;
  const l = `${k.col(field)}_l`;
  const n = `${k.col(field)}_n`;
  const blank = k.blankOf(field);
  const err = k.errOf(field);
  const known = `NOT ${blank} AND NOT ${err}`;
  switch (cond.op) {
    case 'equals':
    case 'notEquals':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
    case 'matches': {
      const wanted = cond.values.map((v) => v.trim().toLowerCase());
      let holds: string;
      if (cond.op === 'equals' || cond.op === 'notEquals') {
        holds = `${l} IN (${wanted.map(d.str).join(', ')})`;
        const numbers = cond.values.map((v) => numberFromTextLikeEngine(v)).filter((x) => !Number.isNaN(x));
        if (numbers.length > 0) holds = `(${holds} OR (${n} IS NOT NULL AND ${n} IN (${numbers.map((x) => num(d, x)).join(', ')})))`;
      } else if (cond.op === 'contains' || cond.op === 'notContains') {
        holds = wanted.map((w) => `${d.position(l, d.str(w))} > 0`).join(' OR ');
      } else if (cond.op === 'startsWith') {
        holds = wanted.map((w) => `left(${l}, length(${d.str(w)})) = ${d.str(w)}`).join(' OR ');
      } else if (cond.op === 'endsWith') {
        holds = wanted.map((w) => `right(${l}, length(${d.str(w)})) = ${d.str(w)}`).join(' OR ');
      } else {
        holds = cond.values.map((v) => d.wildcard(l, v)).join(' OR ');
      }
      if (wanted.length === 0) holds = 'FALSE';
      const negated = cond.op === 'notEquals' || cond.op === 'notContains';
      return `(${known} AND ${negated ? 'NOT ' : ''}(${holds}))`;
    }
    case 'lt':
      return `(NOT ${blank} AND ${n} < ${num(d, cond.value)})`;
    case 'lte':
      return `(NOT ${blank} AND ${n} <= ${num(d, cond.value)})`;
    case 'gt':
      return `(NOT ${blank} AND ${n} > ${num(d, cond.value)})`;
    case 'gte':
      return `(NOT ${blank} AND ${n} >= ${num(d, cond.value)})`;
    case 'between':
      return `(NOT ${blank} AND ${n} >= ${num(d, cond.min)} AND ${n} <= ${num(d, cond.max)})`;
    case 'blank':
      return `(NOT ${err} AND ${blank})`;
    case 'notBlank':
      return `(NOT ${err} AND NOT ${blank})`;
    case 'isTrue':
      return `(NOT ${blank} AND ${l} IN (${YES.map(d.str).join(', ')}))`;
    case 'withinDays':
      return `(NOT ${blank} AND ${k.age(field)} >= 0 AND ${k.age(field)} <= ${num(d, cond.days)})`;
    case 'olderThanDays':
      return `(NOT ${blank} AND ${k.age(field)} >= ${num(d, Math.floor(cond.days) + 1)})`;
    case 'personalEmail': {
      // The address: inside "Name <...>" when the text ends with '>'; no white space; something before the last '@'.
      const inner = `(CASE WHEN right(${s}, 1) = '>' THEN ${d.group(s, '<([^<]*)>$', 1)} ELSE ${s} END)`;
      const trimmedInner = `(CASE WHEN right(${s}, 1) = '>' THEN ${d.trim(inner, `(${JS_WHITESPACE.map((c) => d.chr(c)).join(' || ')})`)} ELSE ${s} END)`;
      const domains = [...PERSONAL_EMAIL_DOMAINS].map(d.str).join(', ');
      return `(NOT ${err} AND ${s} IS NOT NULL AND (right(${s}, 1) <> '>' OR ${d.position(s, "'<'")} > 0) AND NOT ${d.matches(trimmedInner, k.ws)} AND ${d.matches(trimmedInner, '^.+@[^@]*$')} AND lower(${d.group(trimmedInner, '@([^@]*)$', 1)}) IN (${domains}))`;
    }
    case 'spamLike': {
      const squeezed = d.replaceAll(l, `[\\x01-\\x20${k.ws.slice(1, -1)}]`, '');
      const repeated = `(length(${squeezed}) >= 3 AND ${squeezed} = repeat(substr(${squeezed}, 1, 1), length(${squeezed})))`;
      const run = `${d.matches(l, keyboardRuns().join('|'))}`;
      const lowercase = `(${d.position(s, "'@'")} = 0 AND NOT ${d.matches(s, '[0-9]')} AND ${s} = lower(${s}) AND ${d.matches(s, `${d.lowerLetter}.*${d.lowerLetter}`)})`;
      return `(${known} AND (${repeated} OR ${run} OR ${lowercase}))`;
    }
  }
}

/** The engine's reading of a number written as text (readNumber), for the values of an equals condition. */
function numberFromTextLikeEngine(text: string): number {
  const m = /^([+-]?)[$€£]?\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?(%?)$/i.exec(text.trim());
  if (m === null) return Number.NaN;
  let x = Number((m[2] ?? '').replace(/,/g, '')) * (m[3] === undefined ? 1 : 10 ** Number(m[3]));
  if (m[4] === '%') x /= 100;
  if (m[1] === '-') x = -x;
  return Number.isFinite(x) ? x : Number.NaN;
}

/** The as-of date to bind: the model's own, else the given day (YYYY-MM-DD). */
export function asOfFor(m: Model, today: string): string {
  return m.asOf !== null && !Number.isNaN(excelSerialFromIsoDate(m.asOf)) ? m.asOf : today;
}
