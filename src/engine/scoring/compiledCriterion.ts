import { isBlank } from '../cells/cellValue';
import { readNumber } from '../cells/readCell';
import type { ColumnIndex } from '../columns';
import { MATCH, NO_MATCH, testRows, type CompiledCondition } from '../conditions/compileCondition';
import { decayPoints, type CompiledDecay } from '../decay';
import type { Criterion } from '../model';
import { unitsOf } from '../scoreRange';

/** A criterion resolved against a table's columns, with the buffers for scoring it a block at a time. */
export interface CompiledCriterion {
  readonly index: number;
  readonly source: Criterion;
  readonly label: string;
  readonly isFit: boolean;
  readonly column: ColumnIndex;
  readonly condition: CompiledCondition;
  readonly points: number;
  /** -1 when points are given once. */
  readonly countColumn: number;
  readonly decay: CompiledDecay | null;
  readonly dateColumn: number;
  readonly capMin: number;
  readonly capMax: number;
  /** The units (see ScoreArithmetic) of a criterion that gives the same points whenever it matches; null otherwise. */
  fixedUnits: number | null;
  /** This criterion's verdicts for the block being scored. */
  readonly verdicts: Uint8Array;
  /** 'verdicts' when a TextColumn fills in the verdicts, 'scored' when it also adds the units. */
  grouped: 'no' | 'verdicts' | 'scored';
  /** Per-occurrence counts written as text, read so far. */
  readonly textCounts: Map<string, number>;
}

/** How many distinct cells a column remembers what it made of, so memory stays bounded. */
export const REMEMBERED_CELLS = 65_536;

/** The steps from points to a criterion's contribution, for its explanation. */
export interface Trace {
  count: number;
  undecayed: number;
  uncapped: number;
  capped: number;
}

/**
 * The units a matched criterion gives for a row: per occurrence, decayed, capped. NaN when its
 * count cell cannot be read; 0 (with trace.count <= 0) when there is nothing to count.
 */
export function criterionUnits(c: CompiledCriterion, row: readonly unknown[], unitsPerPoint: number, trace: Trace | null): number {
  let raw = c.points;
  let count = 1;
  if (c.countColumn >= 0) {
    const countValue = row[c.countColumn];
    if (typeof countValue === 'number') count = countValue;
    else if (typeof countValue === 'string') {
      // Counts written as text (" 42 ", "1,200") repeat down a column: read each once.
      const known = c.textCounts.get(countValue);
      count = known ?? (isBlank(countValue) ? 0 : readNumber(countValue));
      if (known === undefined && c.textCounts.size < REMEMBERED_CELLS) c.textCounts.set(countValue, count);
    } else count = isBlank(countValue) ? 0 : readNumber(countValue);
    if (Number.isNaN(count)) return Number.NaN;
    if (count <= 0) {
      if (trace !== null) trace.count = count;
      return 0;
    }
    // A huge count times huge points is Infinity, and Infinity times a 100% decay is NaN: keep
    // the product finite; the cap below brings it within a billion points anyway.
    raw = Math.max(-MAX_FINITE_POINTS, Math.min(MAX_FINITE_POINTS, raw * count));
  }
  const undecayed = raw;
  if (c.decay !== null) raw = decayPoints(c.decay, raw, row[c.dateColumn]);
  const uncapped = raw;
  if (raw < c.capMin) raw = c.capMin;
  else if (raw > c.capMax) raw = c.capMax;
  if (trace !== null) {
    trace.count = count;
    trace.undecayed = undecayed;
    trace.uncapped = uncapped;
    trace.capped = raw;
  }
  return unitsOf(raw, unitsPerPoint);
}

const MAX_FINITE_POINTS = 1e300;

export const EMPTY_ROW: readonly unknown[] = [];
export const BLOCK = 512;

/**
 * Adds one criterion's units to a block of rows. Scoring a block criterion by criterion keeps
 * each loop tight and its branches predictable (the same condition for every row), and lets
 * the processor fetch many rows' cells at once.
 */
export function accumulate(
  c: CompiledCriterion,
  rows: readonly (readonly unknown[])[],
  start: number,
  end: number,
  units: Float64Array,
  unusable: Uint16Array,
  unitsPerPoint: number,
): void {
  const verdicts = c.verdicts;
  if (c.grouped === 'no') testRows(c.condition, rows, c.column, start, end, verdicts);
  const fixed = c.fixedUnits;
  const n = end - start;
  if (fixed !== null) {
    // Without branches: whether a lead matches is a coin toss the processor cannot predict.
    // MATCH is 1 and UNUSABLE is 2, so (verdict & 1) counts a match and (verdict >> 1) a bad cell.
    for (let j = 0; j < n; j++) {
      const verdict = verdicts[j] ?? NO_MATCH;
      units[j] = (units[j] ?? 0) + fixed * (verdict & 1);
      unusable[j] = (unusable[j] ?? 0) + (verdict >> 1);
    }
    return;
  }
  for (let j = 0; j < n; j++) {
    const verdict = verdicts[j];
    if (verdict === NO_MATCH) continue;
    if (verdict === MATCH) {
      const given = criterionUnits(c, rows[start + j] ?? EMPTY_ROW, unitsPerPoint, null);
      if (Number.isNaN(given)) unusable[j] = (unusable[j] ?? 0) + 1;
      else units[j] = (units[j] ?? 0) + given;
    } else {
      unusable[j] = (unusable[j] ?? 0) + 1;
    }
  }
}

export { MAX_CONTRIBUTION } from '../scoreRange';
