import { excelErrorOf, isBlank } from '../cells/cellValue';
import { foldText, isComposedAlready, readDate, readMatchText, readNumber, readYes, whyNotDate, whyNotNumber, whyNotYes } from '../cells/readCell';
import type { Condition, DateOrder, TextOp } from '../model';
import { CaseFoldSet, dottedIMatters, foldedScan, mayBeSpace, type TextScan } from './caseFoldSet';
import { isPersonalEmail } from './personalEmail';
import { spamSignal } from './spam';
import { compileWildcard, foldedWildcardTokens, matchFoldedWildcard } from './wildcard';

/** A condition's verdict on one cell (see docs/glossary.md). Small integers keep the scoring loop allocation-free. */
export const NO_MATCH = 0;
export const MATCH = 1;
/** The cell cannot be read as the condition needs (an error value, "abc" for a number...). */
export const UNUSABLE = 2;
export type Verdict = typeof NO_MATCH | typeof MATCH | typeof UNUSABLE;

export interface ConditionContext {
  /** The as-of day as a whole Excel serial, for date conditions. */
  readonly asOfDay: number;
  readonly dateOrder: DateOrder;
}

/** How testCell takes its shortcut for the common cell type of a condition. */
const enum Shortcut {
  /** Look the cell up among the verdicts already seen. */
  Memo,
  /** A string cell compared in place with the wanted values (equals / not equals). */
  EqualsText,
  /** A string cell searched in place for the wanted values (contains, starts or ends with). */
  ScanText,
  /** A string cell matched in place against wildcard patterns. */
  Wildcard,
  /** A number cell compared with [lo, hi]. */
  Range,
  /** A number cell read as a date serial, its age compared with [lo, hi]. */
  Age,
  /** A boolean cell. */
  Yes,
  /** A string cell checked for a free-mail domain. */
  Email,
  /** None: always the full test. */
  None,
}

/**
 * A condition ready to test cells. Every compiled condition has the same shape, and the hot
 * path is one function (testCell) that switches on the shortcut: V8 keeps such code
 * monomorphic and inlined, where a closure per condition would make every call site
 * megamorphic and cost several times more per cell.
 */
export interface CompiledCondition {
  readonly shortcut: Shortcut;
  /** Inclusive bounds, for Range (the number) and Age (days old). */
  readonly lo: number;
  readonly hi: number;
  readonly asOfDay: number;
  /** Verdicts on cells seen before, for conditions on categorical text. */
  readonly memo: Map<unknown, Verdict>;
  /** The wanted values of equals / not equals, and which of the two. */
  readonly wanted: CaseFoldSet | null;
  readonly negated: boolean;
  /** The lower-cased values of a contains / starts with / ends with condition, and which. */
  readonly needles: readonly string[];
  readonly scan: TextScan;
  /** dottedIMatters(needles): whether a cell with İ needs the full test even when no needle is found. */
  readonly needlesTakeDottedI: boolean;
  /** The patterns of a matches condition, as codes for matching ASCII text in place. */
  readonly patterns: readonly Int32Array[];
  /** The complete test, right for every cell; shortcuts must agree with it. */
  readonly test: (value: unknown) => Verdict;
  /** Why a cell was UNUSABLE, for explanations; only called off the hot path. */
  readonly whyUnusable: (value: unknown) => string;
}

// Categorical columns repeat a few values across many rows, so each distinct cell's verdict is
// remembered. Bounded so that a column of unique values (emails) costs a little memory only.
const MEMO_LIMIT = 65_536;

/**
 * The full test's verdict, remembered for strings and numbers: a column's text repeats
 * (categories, "Yes", numbers or dates written as text), and parsing it again costs more
 * than looking it up.
 */
function remembered(c: CompiledCondition, value: unknown): Verdict {
  const known = c.memo.get(value);
  if (known !== undefined) return known;
  const verdict = c.test(value);
  if (c.memo.size < MEMO_LIMIT && (typeof value === 'string' || typeof value === 'number')) c.memo.set(value, verdict);
  return verdict;
}

/**
 * Text the in-place comparisons may decide: a non-empty string that is not an error literal
 * ("#N/A"), neither starts nor ends with a space (so trimming would not change it) and is
 * already in composed form (so normalising would not).
 */
function isPlainText(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  const first = value.charCodeAt(0);
  // Text that NFC would change (e + a combining accent) may compare equal to text of another
  // length, which the in-place comparisons cannot see: the full test normalises it.
  return first !== 35 /* # */ && !mayBeSpace(first) && !mayBeSpace(value.charCodeAt(value.length - 1)) && isComposedAlready(value);
}

/** The verdict of a condition on a cell: a shortcut for common cells, else the full test. */
export function testCell(c: CompiledCondition, value: unknown): Verdict {
  switch (c.shortcut) {
    case Shortcut.Memo:
      return remembered(c, value);
    case Shortcut.EqualsText:
      if (isPlainText(value)) {
        const equal = (c.wanted as CaseFoldSet).has(value, 0, value.length);
        if (equal !== undefined) return equal !== c.negated ? MATCH : NO_MATCH;
      }
      return c.test(value);
    case Shortcut.ScanText:
      if (isPlainText(value)) {
        const found = foldedScan(value, c.needles, c.scan, c.needlesTakeDottedI);
        if (found !== undefined) return found !== c.negated ? MATCH : NO_MATCH;
      }
      return c.test(value);
    case Shortcut.Wildcard:
      if (isPlainText(value)) {
        let sure = true;
        for (let k = 0; k < c.patterns.length; k++) {
          const matched = matchFoldedWildcard(c.patterns[k] as Int32Array, value);
          if (matched === true) return MATCH;
          if (matched === undefined) sure = false;
        }
        if (sure) return NO_MATCH;
      }
      return c.test(value);
    case Shortcut.Range:
      if (typeof value === 'number' && value - value === 0) return value >= c.lo && value <= c.hi ? MATCH : NO_MATCH;
      return remembered(c, value);
    case Shortcut.Age:
      if (typeof value === 'number' && value >= 1 && value < 2_958_466) {
        const age = c.asOfDay - Math.floor(value);
        return age >= c.lo && age <= c.hi ? MATCH : NO_MATCH;
      }
      return remembered(c, value);
    case Shortcut.Yes:
      if (typeof value === 'boolean') return value ? MATCH : NO_MATCH;
      return remembered(c, value);
    case Shortcut.Email:
      if (typeof value === 'string' && value.charCodeAt(0) !== 35 /* # */) return isPersonalEmail(value) ? MATCH : NO_MATCH;
      return c.test(value);
    default:
      return c.test(value);
  }
}

/** True for conditions on text whose verdict depends on the cell alone: worth remembering per distinct cell. */
export function readsText(c: CompiledCondition): boolean {
  return c.shortcut === Shortcut.Memo || c.shortcut === Shortcut.EqualsText || c.shortcut === Shortcut.ScanText || c.shortcut === Shortcut.Wildcard;
}

const NO_CELLS: readonly unknown[] = [];

/**
 * Verdicts for one column of a block of rows: out[i - start] for rows[i][column], the same
 * as testCell gives cell by cell. Choosing the shortcut once per block keeps the loops for
 * numbers, dates and yes/no free of calls, which is most of their cost.
 */
export function testRows(c: CompiledCondition, rows: readonly (readonly unknown[])[], column: number, start: number, end: number, out: Uint8Array): void {
  const { lo, hi, asOfDay } = c;
  // Whether a number is in range is a coin toss the processor cannot predict: the verdict is
  // worked out from the comparisons as bits (MATCH is 1, NO_MATCH 0) rather than branched on.
  switch (c.shortcut) {
    case Shortcut.Range:
      for (let i = start; i < end; i++) {
        const value = (rows[i] ?? NO_CELLS)[column];
        if (typeof value === 'number' && value - value === 0) out[i - start] = Number(value >= lo) & Number(value <= hi);
        else out[i - start] = remembered(c, value);
      }
      return;
    case Shortcut.Age:
      for (let i = start; i < end; i++) {
        const value = (rows[i] ?? NO_CELLS)[column];
        if (typeof value === 'number' && value >= 1 && value < 2_958_466) {
          const age = asOfDay - Math.floor(value);
          out[i - start] = Number(age >= lo) & Number(age <= hi);
        } else {
          out[i - start] = remembered(c, value);
        }
      }
      return;
    case Shortcut.Yes:
      for (let i = start; i < end; i++) {
        const value = (rows[i] ?? NO_CELLS)[column];
        out[i - start] = typeof value === 'boolean' ? Number(value) : remembered(c, value);
      }
      return;
    default:
      for (let i = start; i < end; i++) out[i - start] = testCell(c, (rows[i] ?? NO_CELLS)[column]);
  }
}

const errorReason = (value: unknown): string => `the cell holds the error ${excelErrorOf(value) ?? '#VALUE!'}`;

function compiled(
  shortcut: Shortcut,
  test: (value: unknown) => Verdict,
  whyUnusable: (value: unknown) => string,
  bounds: { lo: number; hi: number } = { lo: 0, hi: 0 },
  asOfDay = 0,
  text: { wanted?: CaseFoldSet; needles?: readonly string[]; scan?: TextScan; negated?: boolean; patterns?: readonly Int32Array[] } = {},
): CompiledCondition {
  return {
    shortcut,
    lo: bounds.lo,
    hi: bounds.hi,
    asOfDay,
    memo: new Map(),
    wanted: text.wanted ?? null,
    negated: text.negated ?? false,
    needles: text.needles ?? [],
    scan: text.scan ?? 'contains',
    needlesTakeDottedI: dottedIMatters(text.needles ?? []),
    patterns: text.patterns ?? [],
    test,
    whyUnusable,
  };
}

export function compileCondition(condition: Condition, ctx: ConditionContext): CompiledCondition {
  switch (condition.op) {
    case 'equals':
    case 'notEquals': {
      const test = textTest(condition.op, condition.values);
      // Values that read as numbers also match numbers written otherwise ("1,200"): only
      // the full test knows that, so such conditions remember verdicts instead.
      if (condition.values.some((v) => !Number.isNaN(readNumber(v)))) return compiled(Shortcut.Memo, test, errorReason);
      const wanted = new CaseFoldSet(condition.values.map((v) => foldText(v)));
      return compiled(Shortcut.EqualsText, test, errorReason, undefined, 0, { wanted, negated: condition.op === 'notEquals' });
    }
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith': {
      const scan: TextScan = condition.op === 'startsWith' ? 'startsWith' : condition.op === 'endsWith' ? 'endsWith' : 'contains';
      const needles = condition.values.map((v) => foldText(v));
      return compiled(Shortcut.ScanText, textTest(condition.op, condition.values), errorReason, undefined, 0, { needles, scan, negated: condition.op === 'notContains' });
    }
    case 'matches': {
      const patterns = condition.values.map((v) => foldedWildcardTokens(v.normalize('NFC').trim()));
      const test = textTest(condition.op, condition.values);
      if (patterns.some((p) => p === null)) return compiled(Shortcut.Memo, test, errorReason);
      return compiled(Shortcut.Wildcard, test, errorReason, undefined, 0, { patterns: patterns as Int32Array[] });
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'between': {
      const bounds = numericBounds(condition);
      const test = (value: unknown): Verdict => {
        if (isBlank(value)) return NO_MATCH;
        const n = readNumber(value);
        if (Number.isNaN(n)) return UNUSABLE;
        return n >= bounds.lo && n <= bounds.hi ? MATCH : NO_MATCH;
      };
      return compiled(Shortcut.Range, test, whyNotNumber, bounds);
    }
    case 'blank':
    case 'notBlank': {
      const wanted = condition.op === 'blank';
      return compiled(Shortcut.None, (value) => (excelErrorOf(value) !== null ? UNUSABLE : isBlank(value) === wanted ? MATCH : NO_MATCH), errorReason);
    }
    case 'isTrue':
      return compiled(
        Shortcut.Yes,
        (value) => {
          const yes = readYes(value);
          return Number.isNaN(yes) ? UNUSABLE : yes === 1 ? MATCH : NO_MATCH;
        },
        whyNotYes,
      );
    case 'withinDays':
    case 'olderThanDays': {
      // A date after the as-of day (a negative age) is neither "in the last N days" nor "older".
      const ages = condition.op === 'withinDays' ? { lo: 0, hi: condition.days } : { lo: Math.floor(condition.days) + 1, hi: Number.POSITIVE_INFINITY };
      const test = (value: unknown): Verdict => {
        if (isBlank(value)) return NO_MATCH;
        const serial = readDate(value, ctx.dateOrder);
        if (Number.isNaN(serial)) return UNUSABLE;
        const age = ctx.asOfDay - Math.floor(serial);
        return age >= ages.lo && age <= ages.hi ? MATCH : NO_MATCH;
      };
      return compiled(Shortcut.Age, test, whyNotDate, ages, ctx.asOfDay);
    }
    case 'personalEmail':
      return compiled(
        Shortcut.Email,
        (value) => (excelErrorOf(value) !== null ? UNUSABLE : typeof value === 'string' && isPersonalEmail(value) ? MATCH : NO_MATCH),
        errorReason,
      );
    case 'spamLike':
      return compiled(
        Shortcut.Memo,
        (value) => (excelErrorOf(value) !== null ? UNUSABLE : typeof value === 'string' && spamSignal(value) !== null ? MATCH : NO_MATCH),
        errorReason,
      );
  }
}

/** Comparisons as an inclusive range; strict ones step to the next representable number. */
export function numericBounds(condition: Condition): { lo: number; hi: number } {
  const inf = Number.POSITIVE_INFINITY;
  switch (condition.op) {
    case 'lt':
      return { lo: -inf, hi: nextDown(condition.value) };
    case 'lte':
      return { lo: -inf, hi: condition.value };
    case 'gt':
      return { lo: nextUp(condition.value), hi: inf };
    case 'gte':
      return { lo: condition.value, hi: inf };
    case 'between':
      return { lo: condition.min, hi: condition.max };
    default:
      return { lo: inf, hi: -inf };
  }
}

const scratch = new Float64Array(1);
const scratchBits = new BigInt64Array(scratch.buffer);

/** The smallest double above x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  scratchBits[0] = (scratchBits[0] ?? 0n) + (x > 0 ? 1n : -1n);
  return scratch[0] ?? x;
}

export function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * Text conditions compare trimmed, lower-cased text and hold when any listed value does
 * (the "not" forms: when none does). A blank cell matches none of them: nothing is known.
 * "equals" also compares numbers by value, so "1,200" equals 1200.
 */
function textTest(op: TextOp, values: readonly string[]): (value: unknown) => Verdict {
  const wanted = values.map((v) => foldText(v));
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
