/**
 * Attacks on the model sheet and the model's cell tables (issue 17 item 2, and careless edits):
 * what the sheet shows is what is read. The pane and the command line read the sheet through
 * readModelSheet, =LEADSCORE.MODEL passes the three tables to modelFromCells: both are attacked.
 */
import { describe, expect, it } from 'vitest';
import { criterion, formatProblems, layoutModelSheet, model, modelFromCells, modelToCells, readModelSheet, type Model } from '../../src/engine';
import { scoreLead } from '../engine/builders';

/** Two criteria (10 + 5 points) and an as-of date, so a dropped row or setting shows in the score. */
const TWO_CRITERIA: Model = model({
  name: 'Attack',
  asOf: '2026-01-31',
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Tech'] }, points: 10 }),
    criterion({ group: 'engagement', field: 'Last Visit', condition: { op: 'withinDays', days: 30 }, points: 5 }),
  ],
});
const LEAD = { Industry: 'Tech', 'Last Visit': '2026-01-20' };

/** The sheet as the pane writes it, as a grid of values from A1. */
function sheetGrid(m: Model): unknown[][] {
  const grid: unknown[][] = [['Lead scoring model']];
  for (const t of layoutModelSheet(m)) t.cells.forEach((row, r) => row.forEach((v, c) => ((grid[t.row + r] ??= [])[t.column + c] = v)));
  const rows = Array.from(grid, (row) => row ?? []);
  const width = Math.max(...rows.map((row) => row.length));
  return rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

/** Inserts a blank sheet row before zero-based sheet row r, across every table (what "Insert row" in Excel does). */
const withBlankRowAt = (grid: unknown[][], r: number): unknown[][] => [...grid.slice(0, r), grid[0]!.map(() => ''), ...grid.slice(r)];
/** Clears the cells of one table row (what selecting a criterion's cells and pressing Delete does). */
const clearing = (grid: unknown[][], r: number, from: number, to: number): unknown[][] => grid.map((row, i) => (i === r ? row.map((v, c) => (c >= from && c < to ? '' : v)) : row));

const read = (grid: unknown[][]): Model => {
  const result = readModelSheet(grid);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.value;
};

describe('blank rows inside the model sheet are skipped, not an end', () => {
  it('a cleared criterion row keeps the criteria below it (the lead scores 15, not 10)', () => {
    const m = { ...TWO_CRITERIA, criteria: [criterion({ group: 'fit', field: 'Title', condition: { op: 'equals', values: ['CEO'] }, points: 1 }), ...TWO_CRITERIA.criteria] };
    const grid = clearing(sheetGrid(m), 3, 0, 15); // the first criterion, A4:O4
    const back = read(grid);
    expect(back.criteria).toEqual(TWO_CRITERIA.criteria);
    expect(scoreLead(back, LEAD, {}).score).toBe(15);
  });

  it('a blank sheet row inside the settings keeps the As-of date below it', () => {
    const grid = withBlankRowAt(sheetGrid(TWO_CRITERIA), 5);
    expect(read(grid).asOf).toBe('2026-01-31');
    expect(scoreLead(read(grid), LEAD, {}).score).toBe(15);
  });

  it('a blank sheet row across all tables drops nothing from any table', () => {
    expect(read(withBlankRowAt(sheetGrid(TWO_CRITERIA), 4))).toEqual(TWO_CRITERIA);
  });

  it('several blank rows, and a thousand trailing blank rows, add no criterion and lose none', () => {
    const grid = withBlankRowAt(withBlankRowAt(sheetGrid(TWO_CRITERIA), 4), 4);
    const trailing = Array.from({ length: 1000 }, () => grid[0]!.map(() => ''));
    expect(read([...grid, ...trailing])).toEqual(TWO_CRITERIA);
  });

  it('a criteria table moved below the bands, in the same columns, is read as two tables', () => {
    const grid = sheetGrid(TWO_CRITERIA);
    const moved = grid.map((row) => [...row]);
    const criteriaRows = moved.slice(2, 5).map((row) => row.slice(0, 15));
    for (let r = 2; r < 5; r++) for (let c = 0; c < 15; c++) moved[r]![c] = '';
    // Put the criteria table under the bands table, starting in its column (Q), below the settings table beside it (U).
    const below = moved.length + 1;
    criteriaRows.forEach((cells, i) => {
      const row = (moved[below + i] ??= []);
      cells.forEach((v, c) => (row[16 + c] = v));
    });
    const rows = Array.from(moved, (row) => row ?? []);
    const width = Math.max(...rows.map((row) => row.length));
    expect(read(rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? '')))).toEqual(TWO_CRITERIA);
  });

  it('a cleared header cell does not cut off the columns after it; its values are reported, not ignored', () => {
    const grid = sheetGrid(TWO_CRITERIA);
    grid[2]![7] = ''; // the 'Cap min' header, H3
    grid[3]![7] = 5;
    const result = readModelSheet(grid);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblems(result.problems)).toMatch(/^'Lead Scoring'!H3 .*no header/m);
  });

  it('=LEADSCORE.MODEL: a blank row inside the criteria table passed as a range keeps the rows below', () => {
    const cells = modelToCells(TWO_CRITERIA);
    const criteria = [cells.criteria[0]!, cells.criteria[1]!, cells.criteria[0]!.map(() => ''), cells.criteria[2]!];
    const result = modelFromCells({ ...cells, criteria });
    expect(result.ok && result.value.criteria).toEqual(TWO_CRITERIA.criteria);
  });
});

describe('hostile cells in the model tables', () => {
  const cells = modelToCells(TWO_CRITERIA);
  const withPoints = (points: unknown): ReturnType<typeof modelFromCells> =>
    modelFromCells({ ...cells, criteria: cells.criteria.map((row, r) => (r === 1 ? row.map((v, c) => (c === 5 ? points : v)) : row)) });

  it.each([
    ['NaN written as text', 'NaN'],
    ['Infinity written as text', 'Infinity'],
    ['a number beyond a double', '1e999'],
    ['a formula typed as text', '=1+1'],
    ['an Excel error', '#N/A'],
    ['a boolean', true],
    ['an object from a host', { type: 'Error' }],
  ])('points given as %s are refused at their cell, never read as 0', (_name, points) => {
    const result = withPoints(points);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblems(result.problems)).toContain("criteria table, row 1, 'Points'");
  });

  it('points beyond a billion are refused at their cell (sums would stop being exact)', () => {
    const result = withPoints(1e12);
    expect(!result.ok && formatProblems(result.problems)).toContain("criteria table, row 1, 'Points': points of 1000000000000 is beyond 1,000,000,000 points either way");
  });

  it('a setting named __proto__ is an unknown setting and pollutes nothing', () => {
    const result = modelFromCells({ ...cells, settings: [...cells.settings, ['__proto__', 'x'], ['constructor', 'y']] });
    expect(!result.ok && formatProblems(result.problems)).toContain("'__proto__' is not a setting");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a criteria header row with __proto__ and constructor columns still reads the known columns', () => {
    const criteria = cells.criteria.map((row, r) => [...row, r === 0 ? '__proto__' : 'x', r === 0 ? 'constructor' : 'y']);
    const result = modelFromCells({ ...cells, criteria });
    expect(result.ok && result.value.criteria).toEqual(TWO_CRITERIA.criteria);
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('a format version from the future gets the one newer-version message, at its cell', () => {
    const settings = cells.settings.map((row) => (row[0] === 'Format version' ? ['Format version', '2'] : row));
    const result = modelFromCells({ ...cells, settings });
    expect(!result.ok && formatProblems(result.problems)).toMatch(/^settings table, row \d+, 'Format version': made by a newer version of Lead Scoring \(format version 2; this one reads up to 1\)/);
  });

  it('a criterion name longer than an Excel cell holds is refused, at its cell', () => {
    const criteria = cells.criteria.map((row, r) => (r === 1 ? row.map((v, c) => (c === 1 ? 'n'.repeat(40_000) : v)) : row));
    const result = modelFromCells({ ...cells, criteria });
    expect(!result.ok && formatProblems(result.problems)).toContain("criteria table, row 1, 'Criterion': 40,000 characters; Excel takes at most 32,767 here");
  });

  it('a band name over 255 characters is refused, at its cell', () => {
    const bands = cells.bands.map((row, r) => (r === 1 ? ['B'.repeat(256), row[1]!, row[2]!] : row));
    const result = modelFromCells({ ...cells, bands });
    expect(!result.ok && formatProblems(result.problems)).toContain("bands table, row 1, 'Band': 256 characters; Excel takes at most 255 here");
  });

  it('a header typed in another Unicode form (decomposed é, full-width letters) still names its column', () => {
    const criteria = cells.criteria.map((row, r) => (r === 0 ? row.map((h) => (h === 'Points' ? 'Ｐｏｉｎｔｓ' : h === 'Criterion' ? 'Criterion' : h)) : row));
    const result = modelFromCells({ ...cells, criteria });
    expect(result.ok && result.value.criteria).toEqual(TWO_CRITERIA.criteria);
  });
});
