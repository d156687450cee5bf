// What a recalculation of 10,000 leads costs, counted: cells passed into the functions and
// model compilations, for both shapes. Excel passes ranges by value, so the model's tables
// must reach MODEL only, never a score formula.
import { describe, expect, it } from 'vitest';
import { criterion, type Model } from '../../src/engine';
import { functions, leads, Marshal, tablesOf, weightedB2B } from './excel';

const ROWS = 10_000;
const { headers, rows } = leads(ROWS);
const width = headers.length;

function modelCells(m: Model): number {
  const t = tablesOf(m);
  return [t.criteria, t.bands, t.settings].reduce((n, table) => n + table.reduce((k, row) => k + row.length, 0), 0);
}

function recalculate(excel: Marshal, f: ReturnType<typeof functions>, m: Model, shape: 'per row' | 'spilled'): { handle: string; scores: unknown[] } {
  const t = tablesOf(m);
  const handle = excel.call(f.model, t.criteria, t.bands, t.settings, [headers]) as string;
  const scores: unknown[] = [];
  if (shape === 'per row') for (const row of rows) scores.push(excel.call(f.score, handle, [row])[0]?.[0]);
  else for (const r of excel.call(f.score, handle, rows)) scores.push(r[0]);
  return { handle, scores };
}

describe(`recalculating ${ROWS.toLocaleString('en-US')} leads`, () => {
  for (const shape of ['per row', 'spilled'] as const) {
    it(`${shape}: compiles once, and each score call gets the handle and its lead's cells only`, () => {
      const f = functions();
      const excel = new Marshal();
      const m = weightedB2B();
      const first = recalculate(excel, f, m, shape);
      expect(first.scores.every((s) => typeof s === 'number')).toBe(true);
      expect(f.registry.compilations).toBe(1);
      const scoreCalls = shape === 'per row' ? ROWS : 1;
      expect(excel.calls).toBe(1 + scoreCalls);
      expect(excel.values).toBe(modelCells(m) + width + scoreCalls + ROWS * width);

      // A weight changes: MODEL runs again (one compilation), its handle changes, and Excel
      // recalculates every dependent score.
      excel.values = 0;
      const heavier: Model = { ...m, criteria: m.criteria.map((c, i) => (i === 0 ? { ...c, points: c.points + 50 } : c)) };
      const second = recalculate(excel, f, heavier, shape);
      expect(second.handle).not.toBe(first.handle);
      expect(f.registry.compilations).toBe(2);
      expect(excel.values).toBe(modelCells(heavier) + width + scoreCalls + ROWS * width);
      expect(second.scores).not.toEqual(first.scores);
    });
  }

  it('a model 15 times bigger costs a score call nothing more', () => {
    const m = weightedB2B();
    const big: Model = {
      ...m,
      criteria: [...m.criteria, ...Array.from({ length: 200 }, (_, i) => criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: [`Nowhere ${i}`] }, points: 1 }))],
    };
    for (const each of [m, big]) {
      const f = functions();
      const t = tablesOf(each);
      const handle = f.model(t.criteria, t.bands, t.settings, [headers]) as string;
      const excel = new Marshal();
      for (const row of rows.slice(0, 100)) excel.call(f.score, handle, [row]);
      expect(excel.values).toBe(100 * (1 + width));
      expect(f.registry.compilations).toBe(1);
    }
  });
});
