import { isBlank } from './cells/cellValue';
import { readDate, whyNotDate } from './cells/readCell';
import type { DateOrder, Decay } from './model';

export interface CompiledDecay {
  /** Points after decay. A missing or unreadable date leaves the points as they are. */
  readonly apply: (points: number, dateValue: unknown) => number;
  /** What decay did, for explanations ("-50% after 30 days: 42 days old"), or null for nothing. */
  readonly describe: (points: number, dateValue: unknown) => string | null;
}

/** Whole days from the date in the cell to the as-of day; NaN when there is no readable date. */
function ageInDays(dateValue: unknown, asOfDay: number, order: DateOrder): number {
  const serial = readDate(dateValue, order);
  return Number.isNaN(serial) ? Number.NaN : asOfDay - Math.floor(serial);
}

/** Moves points toward zero by `by`, never past it, so a deduction cannot flip a sign. */
function towardZero(points: number, by: number): number {
  return points > 0 ? Math.max(0, points - by) : Math.min(0, points + by);
}

export function compileDecay(decay: Decay, asOfDay: number, order: DateOrder): CompiledDecay {
  const decayed = decayByAge(decay);
  const apply = (points: number, dateValue: unknown): number => {
    if (points === 0) return 0;
    const age = ageInDays(dateValue, asOfDay, order);
    return Number.isNaN(age) ? points : decayed(points, age);
  };
  const describe = (points: number, dateValue: unknown): string | null => {
    if (points === 0) return null;
    const age = ageInDays(dateValue, asOfDay, order);
    const field = `'${decay.dateField}'`;
    if (Number.isNaN(age)) {
      const why = isBlank(dateValue) ? 'is blank' : `cannot be read: ${whyNotDate(dateValue)}`;
      return `not decayed: ${field} ${why}`;
    }
    const after = decayed(points, age);
    if (after === points) return null;
    return `${describeDecay(decay)}: ${field} is ${age} days old`;
  };
  return { apply, describe };
}

function decayByAge(decay: Decay): (points: number, age: number) => number {
  switch (decay.kind) {
    case 'factor': {
      const keep = 1 - decay.percent / 100;
      return (points, age) => (age > decay.afterDays ? points * keep : points);
    }
    case 'deduct':
      return (points, age) => (age > decay.afterDays ? towardZero(points, decay.points) : points);
    case 'halfLife':
      return (points, age) => (age > 0 ? points * 0.5 ** (age / decay.halfLifeDays) : points);
  }
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
