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

/** The sheet cell right of the first cell holding `label` (a setting's value), or under a header. */
function cellOf(grid: unknown[][], label: string): [number, number] {
  for (let r = 0; r < grid.length; r++) {
    const c = grid[r]!.indexOf(label);
    if (c >= 0) return [r, c];
  }
  throw new Error(`no cell '${label}'`);
}

describe('a sheet that does not read keeps what could be read (issue 10 item 9)', () => {
  /** The criteria table's row n (1-based under its header) on the written sheet. */
  const criteriaRow = (n: number): number => 2 + n;

  it('a typo in one criterion leaves out that row only: every other criterion, band and setting is read', () => {
    const m = weighted();
    const grid = sheetOf(m);
    grid[criteriaRow(4)]![5] = 'ten'; // Points of the fourth criterion
    const read = readModelSheet(grid);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.partial?.partial).toBe(true);
    expect(read.partial?.model).toEqual({ ...m, criteria: m.criteria.filter((_, i) => i !== 3) });
    expect(read.partial?.rowsLeftOut).toEqual({ criteria: [4], bands: [], settings: [] });
    expect(read.partial?.tablesLeftOut).toEqual([]);
    // The problem is still located by its sheet cell.
    expect(read.problems.map(formatProblem)).toEqual([`'Lead Scoring'!F7 (criteria table, row 4, 'Points'): 'ten' is not a number`]);
  });

  it('leaves out a row whose group is mistyped rather than guessing the group', () => {
    const m = weighted();
    const grid = sheetOf(m);
    grid[criteriaRow(2)]![0] = 'Fitt';
    grid[criteriaRow(6)]![3] = 'is roughly';
    const read = readModelSheet(grid);
    if (read.ok) throw new Error('expected problems');
    expect(read.partial?.model.criteria).toEqual(m.criteria.filter((_, i) => i !== 1 && i !== 5));
    expect(read.partial?.rowsLeftOut.criteria).toEqual([2, 6]);
  });

  it('a wrong band or setting leaves out that band, and the setting at its default', () => {
    const m = { ...weighted(), stages: { mql: 50, sql: 100 } };
    const grid = sheetOf(m);
    const [br, bc] = cellOf(grid, m.bands[1]!.name);
    grid[br]![bc + 1] = 'twenty';
    const [sr, sc] = cellOf(grid, 'MQL at');
    grid[sr]![sc + 1] = 'fifty';
    const read = readModelSheet(grid);
    if (read.ok) throw new Error('expected problems');
    expect(read.partial?.model).toEqual({ ...m, bands: m.bands.filter((_, i) => i !== 1), stages: { mql: null, sql: 100 } });
    expect(read.partial?.rowsLeftOut.bands).toEqual([2]);
    expect(read.partial?.rowsLeftOut.settings).toEqual([sr - 2]);
  });

  it('without its criteria table the sheet still gives its bands and settings', () => {
    const m = weighted();
    const grid = sheetOf(m);
    grid[2]![0] = 'Gruop'; // the criteria table's first header
    const read = readModelSheet(grid);
    if (read.ok) throw new Error('expected problems');
    expect(read.problems[0]?.message).toBe('no criteria table was found');
    expect(read.partial?.model).toEqual({ ...m, criteria: [] });
    expect(read.partial?.tablesLeftOut).toEqual(['criteria']);
  });

  it('a sheet written in a newer format gives nothing: its cells cannot be interpreted', () => {
    const grid = sheetOf(weighted());
    const [r, c] = cellOf(grid, 'Format version');
    grid[r]![c + 1] = 99;
    const read = readModelSheet(grid);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.partial).toBeUndefined();
  });

  it('a sheet that reads has no partial model', () => {
    const read = readModelSheet(sheetOf(weighted()));
    expect(read.ok && 'partial' in read).toBe(false);
  });
});
