/**
 * Conditions, per-occurrence counts, decay and caps as SQL over a column's readings
 * (readFields.ts), each as the engine's compileCondition and criterionUnits work them out.
 *
 * A condition is TRUE when it holds, and FALSE or NULL when it does not or the cell cannot be
 * read (the engine's "unusable", which gives no points either): it is only ever used as a
 * CASE WHEN, never under NOT, so NULL and FALSE mean the same there.
 */
import { KEYBOARD_ROWS, KEYBOARD_RUNS_IN_WORDS, MIN_KEYBOARD_RUN, PERSONAL_EMAIL_DOMAINS, readNumber, type Condition, type Criterion, type Decay } from '../engine';
import type { Dialect } from './dialects';
import { jsTrim, num, type FieldReadings } from './readFields';

/** No criterion gives more than a billion points either way, nor more than 1e11 units (the engine's bounds). */
const MAX_CONTRIBUTION = 1e9;
const MAX_CONTRIBUTION_UNITS = 1e11;
const MAX_FINITE_POINTS = 1e300;
/** Half-lives after which decayed points are taken as 0 (documented; the engine keeps a subnormal remainder). */
const MAX_HALVINGS = 1000;

export interface Columns {
  readings(field: string): FieldReadings;
  /** Whole days from the field's date to the as-of day. */
  age(field: string): string;
}

/** What a condition reads of its column. */
export function conditionNeeds(cond: Condition): { lower?: true; text?: true; number?: true; day?: true; yes?: true } {
  switch (cond.op) {
    case 'equals':
    case 'notEquals':
      return cond.values.some((v) => !Number.isNaN(readNumber(v))) ? { lower: true, number: true } : { lower: true };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'between':
      return { number: true };
    case 'withinDays':
    case 'olderThanDays':
      return { day: true };
    case 'isTrue':
      return { yes: true };
    case 'personalEmail':
      return { text: true };
    case 'spamLike':
      return { text: true, lower: true };
    case 'blank':
    case 'notBlank':
      return {};
    default:
      return { lower: true };
  }
}

/**
 * Keyboard runs the engine flags, as substrings: every run of MIN_KEYBOARD_RUN keys (either
 * direction) that is not one of the runs found in names, and every longer run made only of
 * such name runs (werty), which the engine flags because it is longer.
 */
function keyboardRuns(): string[] {
  const runs = new Set<string>();
  for (const row of KEYBOARD_ROWS) {
    for (const line of [row, [...row].reverse().join('')]) {
      for (let i = 0; i + MIN_KEYBOARD_RUN <= line.length; i++) {
        for (let end = i + MIN_KEYBOARD_RUN; end <= line.length; end++) {
          const run = line.slice(i, end);
          const parts = Array.from({ length: run.length - MIN_KEYBOARD_RUN + 1 }, (_, k) => run.slice(k, k + MIN_KEYBOARD_RUN));
          if (run.length === MIN_KEYBOARD_RUN ? !KEYBOARD_RUNS_IN_WORDS.has(run) : parts.every((r) => KEYBOARD_RUNS_IN_WORDS.has(r))) runs.add(run);
        }
      }
    }
  }
  return [...runs];
}

export function conditionSql(d: Dialect, cond: Condition, field: string, k: Columns): string {
  const { blank, error, text: s, lower: l, number: n, yes } = k.readings(field);
  const known = `NOT ${blank} AND NOT ${error}`;
  if ('values' in cond) {
    const wanted = cond.values.map((v) => v.trim().toLowerCase());
    let holds: string;
    if (cond.op === 'equals' || cond.op === 'notEquals') {
      holds = `${l} IN (${wanted.map(d.str).join(', ')})`;
      const numbers = cond.values.map((v) => readNumber(v)).filter((x) => !Number.isNaN(x));
      if (numbers.length > 0) holds = `(${holds} OR coalesce(${n} IN (${numbers.map((x) => num(d, x)).join(', ')}), FALSE))`;
    } else if (cond.op === 'contains' || cond.op === 'notContains') {
      holds = wanted.map((w) => `${d.position(l, d.str(w))} > 0`).join(' OR ');
    } else if (cond.op === 'startsWith') {
      holds = wanted.map((w) => `left(${l}, length(${d.str(w)})) = ${d.str(w)}`).join(' OR ');
    } else if (cond.op === 'endsWith') {
      holds = wanted.map((w) => `right(${l}, length(${d.str(w)})) = ${d.str(w)}`).join(' OR ');
    } else {
      holds = d.anyWildcard(l, cond.values);
    }
    if (wanted.length === 0) holds = 'FALSE';
    // Under NOT, holds must not be NULL: a known cell has text, so it is TRUE or FALSE.
    const negated = cond.op === 'notEquals' || cond.op === 'notContains';
    return `(${known} AND ${negated ? 'NOT ' : ''}(${holds}))`;
  }
  switch (cond.op) {
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
      return `(NOT ${error} AND ${blank})`;
    case 'notBlank':
      return `(NOT ${error} AND NOT ${blank})`;
    case 'isTrue':
      return yes;
    case 'withinDays':
      return `(NOT ${blank} AND ${k.age(field)} >= 0 AND ${k.age(field)} <= ${num(d, cond.days)})`;
    case 'olderThanDays':
      return `(NOT ${blank} AND ${k.age(field)} >= ${num(d, Math.floor(cond.days) + 1)})`;
    case 'personalEmail': {
      // The address: inside "Name <...>" when the text ends with '>'; something before its last
      // '@', whose domain is listed; no white space. Cheapest tests first: most cells fail the list.
      const angled = `${s} LIKE '%>'`;
      const inner = d.group(s, '<([^<]*)>$', 1);
      const address = `(CASE WHEN ${angled} THEN ${jsTrim(d, inner)} ELSE ${s} END)`;
      const domain = `lower(${d.afterLast(address, '@')})`;
      const domains = [...PERSONAL_EMAIL_DOMAINS].map(d.str).join(', ');
      return (
        `(NOT ${error} AND NOT ${blank} AND ${address} LIKE '%@%' AND ${domain} IN (${domains}) AND (NOT ${angled} OR ${d.position(s, "'<'")} > 0) ` +
        `AND length(${address}) > length(${domain}) + 1 AND NOT ${d.matches(address, d.whitespaceClass)})`
      );
    }
    case 'spamLike': {
      const squeezed = d.replaceAll(l, `[\\x01-\\x20${d.whitespaceClass.slice(1, -1)}]`, '');
      // One character repeated (controls and spaces aside) starts and ends with it, or with a
      // control character: only such text pays for squeezing them out.
      const ends = `(left(${l}, 1) = right(${l}, 1) OR ascii(${l}) <= 32 OR ascii(right(${l}, 1)) <= 32)`;
      const repeated = `(${ends} AND length(${squeezed}) >= 3 AND ${squeezed} = repeat(substr(${squeezed}, 1, 1), length(${squeezed})))`;
      const run = d.matches(l, keyboardRuns().join('|'));
      const lowercase = `(${d.position(s, "'@'")} = 0 AND NOT ${d.matches(s, '[0-9]')} AND ${s} = lower(${s}) AND ${d.matches(s, `${d.lowerLetter}.*${d.lowerLetter}`)})`;
      return `(${known} AND (${repeated} OR ${run} OR ${lowercase}))`;
    }
  }
}

/** Math.round: the nearest integer, halves up. SQL round() differs (halves away from zero, or to even). */
export function roundHalfUp(d: Dialect, x: string): string {
  return `(CASE WHEN ${x} - floor(${x}) >= ${num(d, 0.5)} THEN floor(${x}) + 1 ELSE floor(${x}) END)`;
}

/** A criterion's units (the engine's ScoreArithmetic) for the row: per occurrence, decayed, capped, rounded half up. */
export function criterionUnits(d: Dialect, c: Criterion, unitsPerPoint: number, k: Columns): string {
  const matched = conditionSql(d, c.condition, c.field, k);
  const capMin = Math.max(c.cap.min ?? -MAX_CONTRIBUTION, -MAX_CONTRIBUTION);
  const capMax = Math.min(c.cap.max ?? MAX_CONTRIBUTION, MAX_CONTRIBUTION);
  let raw = num(d, c.points);
  let guard = '';
  if (c.perOccurrenceOf !== null) {
    const count = k.readings(c.perOccurrenceOf);
    // A blank count is 0 (nothing to count); an unreadable one makes the criterion unusable: 0 too.
    guard = ` AND NOT ${count.blank} AND ${count.number} > 0`;
    // Kept finite as the engine keeps it (a huge count times huge points); the cap follows.
    raw = `greatest(${num(d, -MAX_FINITE_POINTS)}, least(${num(d, MAX_FINITE_POINTS)}, ${num(d, c.points)} * ${count.number}))`;
  }
  if (c.decay !== null) raw = decayed(d, c.decay, raw, k);
  const capped = `least(greatest(${raw}, ${num(d, capMin)}), ${num(d, capMax)})`;
  const units = `least(greatest(${roundHalfUp(d, `(${capped} * ${num(d, unitsPerPoint)})`)}, ${num(d, -MAX_CONTRIBUTION_UNITS)}), ${num(d, MAX_CONTRIBUTION_UNITS)})`;
  return `(CASE WHEN ${matched}${guard} THEN ${units} ELSE ${num(d, 0)} END)`;
}

/** Points after decay; a missing or unreadable date (NULL day) leaves them as they are. */
function decayed(d: Dialect, decay: Decay, raw: string, k: Columns): string {
  const age = k.age(decay.dateField);
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
    case 'halfLife': {
      // Past a thousand half-lives the factor is below 1e-301: no points are left to the cent, and
      // PostgreSQL raises an underflow error instead of returning 0.
      const halvings = `(CAST(${age} AS ${d.double}) / ${num(d, decay.halfLifeDays)})`;
      applied = `(CASE WHEN ${age} <= 0 THEN ${raw} WHEN ${halvings} > ${num(d, MAX_HALVINGS)} THEN ${num(d, 0)} ELSE ${raw} * power(${num(d, 0.5)}, ${halvings}) END)`;
      break;
    }
  }
  return `(CASE WHEN ${raw} = 0 OR ${k.readings(decay.dateField).day} IS NULL THEN ${raw} ELSE ${applied} END)`;
}

