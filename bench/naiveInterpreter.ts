import { excelErrorOf, isBlank, type Condition, type Criterion, type Model } from '../src/engine';
import { readDate, readMatchText, readNumber, readYes } from '../src/engine/cells/readCell';
import { excelSerialFromIsoDate } from '../src/engine/cells/excelDate';
import { isPersonalEmail } from '../src/engine/conditions/personalEmail';
import { spamSignal } from '../src/engine/conditions/spam';
import { compileWildcard } from '../src/engine/conditions/wildcard';

/**
 * The baseline: what scoring looks like without compiling. For every row and criterion it
 * finds the column by name, re-reads the condition, normalises the cell, builds an
 * explanation entry, and sums. Same semantics as the engine (the benchmark checks that
 * both give the same scores), none of its preparation.
 */
export function naiveScore(m: Model, headers: readonly string[], row: readonly unknown[]): { score: number; parts: { label: string; points: number }[] } {
  const asOfDay = excelSerialFromIsoDate(m.asOf ?? '2026-11-01');
  const column = (name: string): unknown => row[headers.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase())];
  const parts: { label: string; points: number }[] = [];
  const sums = { fit: 0, engagement: 0 };
  for (const c of m.criteria) {
    if (!c.enabled) continue;
    if (holds(c.condition, column(c.field), asOfDay, m) !== true) continue;
    let raw = c.points;
    if (c.perOccurrenceOf !== null) {
      const countCell = column(c.perOccurrenceOf);
      const count = isBlank(countCell) ? 0 : readNumber(countCell);
      if (!(count > 0)) continue;
      raw *= count;
    }
    raw = decayed(c, raw, asOfDay, m, column);
    raw = Math.min(Math.max(raw, c.cap.min ?? -1e9), c.cap.max ?? 1e9);
    const cents = Math.round(raw * 100);
    sums[c.group] += cents;
    parts.push({ label: `${c.field} ${c.condition.op}`, points: cents / 100 });
  }
  const clamp = (x: number, min: number | null, max: number | null): number => Math.min(Math.max(x, min === null ? -Infinity : min * 100), max === null ? Infinity : max * 100);
  const fit = clamp(sums.fit, m.groupCaps.fit.min, m.groupCaps.fit.max);
  const engagement = clamp(sums.engagement, m.groupCaps.engagement.min, m.groupCaps.engagement.max);
  return { score: clamp(fit + engagement, m.totalCap.min, m.totalCap.max) / 100, parts };
}

function decayed(c: Criterion, raw: number, asOfDay: number, m: Model, column: (name: string) => unknown): number {
  const d = c.decay;
  if (d === null || raw === 0) return raw;
  const serial = readDate(column(d.dateField), m.dateOrder);
  if (Number.isNaN(serial)) return raw;
  const age = asOfDay - Math.floor(serial);
  if (d.kind === 'factor') return age > d.afterDays ? raw * (1 - d.percent / 100) : raw;
  if (d.kind === 'deduct') return age > d.afterDays ? (raw > 0 ? Math.max(0, raw - d.points) : Math.min(0, raw + d.points)) : raw;
  return age > 0 ? raw * 0.5 ** (age / d.halfLifeDays) : raw;
}

function holds(cond: Condition, value: unknown, asOfDay: number, m: Model): boolean {
  if (excelErrorOf(value) !== null) return false;
  switch (cond.op) {
    case 'equals':
    case 'notEquals': {
      if (isBlank(value)) return false;
      const text = readMatchText(value);
      const n = readNumber(value);
      const any = cond.values.some((v) => v.trim().toLowerCase() === text || (!Number.isNaN(n) && readNumber(v) === n));
      return cond.op === 'equals' ? any : !any;
    }
    case 'contains':
    case 'notContains': {
      if (isBlank(value)) return false;
      const any = cond.values.some((v) => readMatchText(value).includes(v.trim().toLowerCase()));
      return cond.op === 'contains' ? any : !any;
    }
    case 'startsWith':
      return !isBlank(value) && cond.values.some((v) => readMatchText(value).startsWith(v.trim().toLowerCase()));
    case 'endsWith':
      return !isBlank(value) && cond.values.some((v) => readMatchText(value).endsWith(v.trim().toLowerCase()));
    case 'matches':
      return !isBlank(value) && cond.values.some((v) => compileWildcard(v.trim().toLowerCase())(readMatchText(value)));
    case 'lt':
      return readNumber(value) < cond.value;
    case 'lte':
      return readNumber(value) <= cond.value;
    case 'gt':
      return readNumber(value) > cond.value;
    case 'gte':
      return readNumber(value) >= cond.value;
    case 'between': {
      const n = readNumber(value);
      return n >= cond.min && n <= cond.max;
    }
    case 'blank':
      return isBlank(value);
    case 'notBlank':
      return !isBlank(value);
    case 'isTrue':
      return readYes(value) === 1;
    case 'withinDays':
    case 'olderThanDays': {
      const serial = isBlank(value) ? Number.NaN : readDate(value, m.dateOrder);
      if (Number.isNaN(serial)) return false;
      const age = asOfDay - Math.floor(serial);
      return cond.op === 'withinDays' ? age >= 0 && age <= cond.days : age > cond.days;
    }
    case 'personalEmail':
      return typeof value === 'string' && isPersonalEmail(value);
    case 'spamLike':
      return typeof value === 'string' && spamSignal(value) !== null;
  }
}
