import { MATCH, NO_MATCH, testCell, UNUSABLE } from '../conditions/compileCondition';
import { EMPTY_ROW, REMEMBERED_CELLS, type CompiledCriterion } from './compiledCriterion';

/**
 * Several text criteria on one column (Title equals CEO; Title contains Manager; Title
 * matches VP *): each distinct cell is tested by all of them once. What the criteria that
 * give fixed points come to for that cell is remembered with it, so that every other row with
 * the same text takes three additions, however many criteria there are; the verdicts of the
 * other criteria are remembered too, for accumulate.
 */
export interface TextColumn {
  readonly column: number;
  /** Criteria with fixedUnits: scored here, not by accumulate. */
  readonly tallied: readonly CompiledCriterion[];
  /** Criteria whose points depend on other cells: their verdicts are filled in here. */
  readonly others: readonly CompiledCriterion[];
  readonly seen: Map<unknown, CellTally>;
}

/**
 * What the criteria of a TextColumn make of one cell: [fit units, engagement units, unusable
 * cells] of the tallied criteria, then the verdict of each of the others.
 */
type CellTally = Float64Array;
const FIT = 0;
const ENGAGEMENT = 1;
const UNUSABLE_CELLS = 2;
const VERDICTS_FROM = 3;

/** Tests one cell with every criterion of a TextColumn, once per distinct cell. */
function tallyOf(g: TextColumn, value: unknown): CellTally {
  const tally = new Float64Array(VERDICTS_FROM + g.others.length);
  let fit = 0;
  let engagement = 0;
  let unusable = 0;
  for (const c of g.tallied) {
    const verdict = testCell(c.condition, value);
    if (verdict === UNUSABLE) unusable++;
    else if (verdict === MATCH && c.isFit) fit += c.fixedUnits ?? 0;
    else if (verdict === MATCH) engagement += c.fixedUnits ?? 0;
  }
  tally[FIT] = fit;
  tally[ENGAGEMENT] = engagement;
  tally[UNUSABLE_CELLS] = unusable;
  g.others.forEach((c, k) => (tally[VERDICTS_FROM + k] = testCell(c.condition, value)));
  return tally;
}

/** Scores a TextColumn's tallied criteria for a block of rows and fills in the others' verdicts. */
export function fillTextColumn(
  g: TextColumn,
  rows: readonly (readonly unknown[])[],
  start: number,
  end: number,
  fitUnits: Float64Array,
  engagementUnits: Float64Array,
  unusable: Uint16Array,
): void {
  const { others, seen, column } = g;
  for (let i = start; i < end; i++) {
    const value = (rows[i] ?? EMPTY_ROW)[column];
    let tally = seen.get(value);
    if (tally === undefined) {
      tally = tallyOf(g, value);
      if (seen.size < REMEMBERED_CELLS && (typeof value === 'string' || typeof value === 'number')) seen.set(value, tally);
    }
    // Sums of whole units are exact in any order, so adding a cell's criteria together here
    // gives the same totals as adding them one by one in accumulate.
    const j = i - start;
    fitUnits[j] = (fitUnits[j] ?? 0) + (tally[FIT] ?? 0);
    engagementUnits[j] = (engagementUnits[j] ?? 0) + (tally[ENGAGEMENT] ?? 0);
    unusable[j] = (unusable[j] ?? 0) + (tally[UNUSABLE_CELLS] ?? 0);
    for (let k = 0; k < others.length; k++) (others[k] as CompiledCriterion).verdicts[j] = tally[VERDICTS_FROM + k] ?? NO_MATCH;
  }
}
