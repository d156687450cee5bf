import { isBlank } from './cells/cellValue';
import { isExcelDateSerial } from './cells/excelDate';
import { readDate, whyNotDate } from './cells/readCell';
import type { DateOrder, Decay } from './model';

/**
 * A decay rule ready to apply: plain data with one shape for every kind, so that the scoring
 * loop calls one function (decayPoints) rather than a closure per rule.
 */
export interface CompiledDecay {
  readonly rule: Decay;
  readonly kind: Decay['kind'];
  readonly afterDays: number;
  /** factor: the share kept; deduct: the points lost; halfLife: the half-life in days. */
  readonly amount: number;
  readonly asOfDay: number;
  readonly dateOrder: DateOrder;
  /** Half-life factors by whole days of age, filled as ages are met (Math.pow is slow). */
  readonly factorByAge: Float64Array;
  /** Serials of dates written as text, as they are met: the same text repeats down a column. */
  readonly textDates: Map<string, number>;
}

const AGES_REMEMBERED = 4096;

export function compileDecay(rule: Decay, asOfDay: number, dateOrder: DateOrder): CompiledDecay {
  const amount = rule.kind === 'factor' ? 1 - rule.percent / 100 : rule.kind === 'deduct' ? rule.points : rule.halfLifeDays;
  const factorByAge = new Float64Array(rule.kind === 'halfLife' ? AGES_REMEMBERED : 0);
  return { rule, kind: rule.kind, afterDays: rule.kind === 'halfLife' ? 0 : rule.afterDays, amount, asOfDay, dateOrder, factorByAge, textDates: new Map() };
}

/** Whole days from the date in the cell to the as-of day; NaN when there is no readable date. */
function ageInDays(d: CompiledDecay, dateValue: unknown): number {
  let serial: number;
  if (typeof dateValue === 'number' && isExcelDateSerial(dateValue)) serial = dateValue;
  else if (typeof dateValue === 'string') {
    const known = d.textDates.get(dateValue);
    serial = known ?? readDate(dateValue, d.dateOrder);
    if (known === undefined && d.textDates.size < 65_536) d.textDates.set(dateValue, serial);
  } else serial = readDate(dateValue, d.dateOrder);
  return Number.isNaN(serial) ? Number.NaN : d.asOfDay - Math.floor(serial);
}

/** Points after decay. A missing or unreadable date leaves the points as they are. */
export function decayPoints(d: CompiledDecay, points: number, dateValue: unknown): number {
  if (points === 0) return 0;
  const age = ageInDays(d, dateValue);
  if (Number.isNaN(age)) return points;
  return decayedByAge(d, points, age);
}

function decayedByAge(d: CompiledDecay, points: number, age: number): number {
  switch (d.kind) {
    case 'factor':
      return age > d.afterDays ? points * d.amount : points;
    case 'deduct':
      // Toward zero and never past it, so a deduction cannot turn points into their opposite.
      if (age <= d.afterDays) return points;
      return points > 0 ? Math.max(0, points - d.amount) : Math.min(0, points + d.amount);
    case 'halfLife': {
      if (age <= 0) return points;
      if (age >= AGES_REMEMBERED) return points * 0.5 ** (age / d.amount);
      let factor = d.factorByAge[age] ?? 0;
      if (factor === 0) {
        factor = 0.5 ** (age / d.amount);
        d.factorByAge[age] = factor;
      }
      return points * factor;
    }
  }
}

/** What decay did, for explanations ("-50% after 30 days: 'Last Email Date' is 42 days old"), or null for nothing. */
export function describeDecayEffect(d: CompiledDecay, points: number, dateValue: unknown): string | null {
  if (points === 0) return null;
  const age = ageInDays(d, dateValue);
  const field = `'${d.rule.dateField}'`;
  if (Number.isNaN(age)) {
    const why = isBlank(dateValue) ? 'is blank' : `cannot be read: ${whyNotDate(dateValue)}`;
    return `not decayed: ${field} ${why}`;
  }
  if (decayedByAge(d, points, age) === points) return null;
  return `${describeDecay(d.rule)}: ${field} is ${age} days old`;
}

export function describeDecay(decay: Decay): string {
  switch (decay.kind) {
    case 'factor':
      return `-${decay.percent}% after ${decay.afterDays} days`;
    case 'deduct':
      return `-${decay.points} points after ${decay.afterDays} days`;
    case 'halfLife':
      return `half-life ${decay.halfLifeDays} days`;
  }
}
