/**
 * The "Lead Scoring" sheet: the layout the pane and the command line write, read back from a
 * sheet's values with problems located by cell address, even after a person moved a table.
 */
import { describe, expect, it } from 'vitest';
import { a1, formatProblem, layoutModelSheet, readModelSheet, templateById, type Model } from '../../src/engine';

/** The sheet's values as Excel's usedRange from A1 would return them. */
function sheetOf(m: Model, move: { criteria?: [number, number] } = {}): unknown[][] {
  const grid: unknown[][] = [];
  const put = (r: number, c: number, v: unknown): void => {
    while (grid.length <= r) grid.push([]);
    const row = grid[r] ?? [];
    while (row.length <= c) row.push('');
    row[c] = v;
  };
  put(0, 0, 'Lead scoring model');
  for (const t of layoutModelSheet(m)) {
    const [r0, c0] = t.table === 'criteria' && move.criteria ? move.criteria : [t.row, t.column];
    t.cells.forEach((cells, r) => cells.forEach((v, c) => put(r0 + r, c0 + c, v)));
  }
  const width = Math.max(...grid.map((r) => r.length));
  return grid.map((r) => [...r, ...Array<unknown>(width - r.length).fill('')]);
}

const weighted = (): Model => {
  const t = templateById('weighted-b2b');
  if (t === undefined) throw new Error('template missing');
  return t.model;
};

describe('the Lead Scoring sheet', () => {
  it('reads back the model it laid out', () => {
    const read = readModelSheet(sheetOf(weighted()));
    expect(read.ok && read.value).toEqual(weighted());
  });

  it('finds a table a person moved elsewhere on the sheet', () => {
    const read = readModelSheet(sheetOf(weighted(), { criteria: [30, 2] }));
    expect(read.ok && read.value).toEqual(weighted());
  });

  it('points a wrong cell out by its sheet address', () => {
    const grid = sheetOf(weighted());
    const pointsColumn = 5; // F
    grid[2 + 4]![pointsColumn] = 'ten';
    const read = readModelSheet(grid);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map(formatProblem)).toEqual([
      `'Lead Scoring'!F7 (criteria table, row 4, 'Points'): 'ten' is not a number`,
    ]);
  });

  it('says what is missing when the sheet has no criteria table', () => {
    const read = readModelSheet([['Lead scoring model'], ['']]);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]?.message).toBe('no criteria table was found');
  });

  it('names columns as Excel does', () => {
    expect([a1(0, 0), a1(2, 16), a1(9, 25), a1(0, 26), a1(0, 701), a1(0, 702)]).toEqual(['A1', 'Q3', 'Z10', 'AA1', 'ZZ1', 'AAA1']);
  });
});
