import { excelErrorOf, isBlank } from '../cells/cellValue';
import { readDate, readMatchText, readNumber, readYes, whyNotDate, whyNotNumber, whyNotYes } from '../cells/readCell';
import type { Condition, DateOrder, TextOp } from '../model';
import { isPersonalEmail } from './personalEmail';
import { spamSignal } from './spam';
import { compileWildcard } from './wildcard';

/** The outcome of testing one cell. Small integers keep the scoring loop allocation-free. */
export const NO_MATCH = 0;
export const MATCH = 1;
/** The cell cannot be read as the condition needs (an error value, "abc" for a number...). */
export const UNUSABLE = 2;
export type Outcome = typeof NO_MATCH | typeof MATCH | typeof UNUSABLE;

export interface CellTest {
  readonly test: (value: unknown) => Outcome;
  /** Why a cell was UNUSABLE, for explanations; only called off the hot path. */
  readonly whyUnusable: (value: unknown) => string;
}

export interface ConditionContext {
  /** The as-of day as a whole Excel serial, for date conditions. */
  readonly asOfDay: number;
  readonly dateOrder: DateOrder;
}

// Categorical columns repeat a few values across thousands of rows, so remembering each
// distinct cell's outcome saves the trimming and lower-casing. Bounded so that columns of
// unique values (emails) cost a little memory, not a lot.
const MEMO_LIMIT = 4096;

function memoised(test: (value: unknown) => Outcome): (value: unknown) => Outcome {
  const memo = new Map<unknown, Outcome>();
  return (value) => {
    const known = memo.get(value);
    if (known !== undefined) return known;
    const outcome = test(value);
    if (memo.size < MEMO_LIMIT && (typeof value === 'string' || typeof value === 'number')) memo.set(value, outcome);
    return outcome;
  };
}

const errorReason = (value: unknown): string => `the cell holds the error ${excelErrorOf(value) ?? '#VALUE!'}`;

export function compileCondition(condition: Condition, ctx: ConditionContext): CellTest {
  switch (condition.op) {
    case 'equals':
    case 'notEquals':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
    case 'matches':
      return { test: memoised(textTest(condition.op, condition.values)), whyUnusable: errorReason };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'between': {
      const inRange = numericRange(condition);
      return {
        test: (value) => {
          if (typeof value === 'number') return inRange(value) ? MATCH : NO_MATCH;
          if (isBlank(value)) return NO_MATCH;
          const n = readNumber(value);
          if (Number.isNaN(n)) return UNUSABLE;
          return inRange(n) ? MATCH : NO_MATCH;
        },
        whyUnusable: whyNotNumber,
      };
    }
    case 'blank':
    case 'notBlank': {
      const wanted = condition.op === 'blank';
      return {
        test: (value) => (excelErrorOf(value) !== null ? UNUSABLE : isBlank(value) === wanted ? MATCH : NO_MATCH),
        whyUnusable: errorReason,
      };
    }
    case 'isTrue':
      return {
        test: (value) => {
          const yes = readYes(value);
          return Number.isNaN(yes) ? UNUSABLE : yes === 1 ? MATCH : NO_MATCH;
        },
        whyUnusable: whyNotYes,
      };
    case 'withinDays':
    case 'olderThanDays': {
      const { days } = condition;
      const within = condition.op === 'withinDays';
      return {
        test: (value) => {
          if (isBlank(value)) return NO_MATCH;
          const serial = readDate(value, ctx.dateOrder);
          if (Number.isNaN(serial)) return UNUSABLE;
          const age = ctx.asOfDay - Math.floor(serial);
          // A date after the as-of day is not "in the last N days" nor "older".
          if (within) return age >= 0 && age <= days ? MATCH : NO_MATCH;
          return age > days ? MATCH : NO_MATCH;
        },
        whyUnusable: (value) => whyNotDate(value),
      };
    }
    case 'personalEmail':
      return {
        test: (value) => {
          if (typeof value !== 'string') return excelErrorOf(value) !== null ? UNUSABLE : NO_MATCH;
          if (excelErrorOf(value) !== null) return UNUSABLE;
          return isPersonalEmail(value) ? MATCH : NO_MATCH;
        },
        whyUnusable: errorReason,
      };
    case 'spamLike':
      return {
        test: memoised((value) => {
          if (typeof value !== 'string') return excelErrorOf(value) !== null ? UNUSABLE : NO_MATCH;
          if (excelErrorOf(value) !== null) return UNUSABLE;
          return spamSignal(value) === null ? NO_MATCH : MATCH;
        }),
        whyUnusable: errorReason,
      };
  }
}

function numericRange(condition: Condition): (n: number) => boolean {
  switch (condition.op) {
    case 'lt':
      return (n) => n < condition.value;
    case 'lte':
      return (n) => n <= condition.value;
    case 'gt':
      return (n) => n > condition.value;
    case 'gte':
      return (n) => n >= condition.value;
    case 'between': {
      const { min, max } = condition;
      return (n) => n >= min && n <= max;
    }
    default:
      return () => false;
  }
}

/**
 * Text conditions compare trimmed, lower-cased text and hold when any listed value does
 * (the "not" forms: when none does). A blank cell matches none of them: nothing is known.
 * "equals" also compares numbers by value, so "1,200" equals 1200.
 */
function textTest(op: TextOp, values: readonly string[]): (value: unknown) => Outcome {
  const wanted = values.map((v) => v.trim().toLowerCase());
  const wantedNumbers = values.map(readNumber).filter((n) => !Number.isNaN(n));
  const negated = op === 'notEquals' || op === 'notContains';
  const anyHolds = anyTextHolds(op, wanted);
  return (value) => {
    if (isBlank(value)) return NO_MATCH;
    if (excelErrorOf(value) !== null) return UNUSABLE;
    let holds = anyHolds(readMatchText(value));
    if (!holds && (op === 'equals' || op === 'notEquals') && wantedNumbers.length > 0) {
      const n = readNumber(value);
      holds = !Number.isNaN(n) && wantedNumbers.includes(n);
    }
    return holds !== negated ? MATCH : NO_MATCH;
  };
}

function anyTextHolds(op: TextOp, wanted: readonly string[]): (text: string) => boolean {
  switch (op) {
    case 'equals':
    case 'notEquals': {
      const set = new Set(wanted);
      return (text) => set.has(text);
    }
    case 'contains':
    case 'notContains':
      return (text) => wanted.some((w) => text.includes(w));
    case 'startsWith':
      return (text) => wanted.some((w) => text.startsWith(w));
    case 'endsWith':
      return (text) => wanted.some((w) => text.endsWith(w));
    case 'matches': {
      const patterns = wanted.map(compileWildcard);
      return (text) => patterns.some((p) => p(text));
    }
  }
}
