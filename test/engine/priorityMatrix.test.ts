import { describe, expect, it } from 'vitest';
import { PRIORITY_HEADERS as HEADERS, PRIORITY_MODEL as base } from './builders';
import { compile, model, priorityMatrix, priorityOf, priorityThresholds, unreachedPriorities, withPriorityAction, type Model, type PriorityMatrix } from '../../src/engine';

// Fit: Technology +40, 100+ employees +20 (A from 45, B from 30, C from 15, automatic);
// Engagement: Demo +30, Webinar +10 (level 1 from 30, 2 from 20, 3 from 10).
const LEADS: unknown[][] = [
  ['Technology', 500, 'yes', 'yes'], // fit 60, engagement 40: A1, converted
  ['Technology', 200, 'yes', 'no'], // 60, 30: A1, not
  ['Technology', 5, 'no', 'yes'], // 40, 10: B3, converted
  ['Retail', 100, 'no', 'no'], // 20, 0: C4, not
  ['Retail', 5, 'yes', 'no'], // 0, 30: D1, outcome unknown
  ['Technology', 150, 'no', 'no'], // 60, 0: A4, not
  ['Technology', 500, 'yes', 'yes'], // A1, converted
  ['Retail', 5, 'no', 'no'], // 0, 0: D4, not
];
const OUTCOMES = [1, 0, 1, 0, -1, 0, 1, 0];

function matrixOf(m: Model, rows: unknown[][], outcomes?: number[]): PriorityMatrix {
  const compiled = compile(m, HEADERS, { asOf: '2026-11-26' });
  if (!compiled.ok) throw new Error('model should compile');
  const result = priorityMatrix(m, compiled.value.scoreRows(rows), outcomes);
  if (!result.ok) throw new Error('matrix should build');
  return result.value;
}

const cell = (x: PriorityMatrix, p: string) => x.cells.find((c) => c.priority === p);

describe('the priority matrix of scored leads', () => {
  it('counts the leads of each cell, counted by hand', () => {
    const x = matrixOf(base, LEADS);
    expect(x.leads).toBe(8);
    expect(x.cells.map((c) => c.priority).join(' ')).toBe('A1 A2 A3 A4 B1 B2 B3 B4 C1 C2 C3 C4 D1 D2 D3 D4');
    expect(Object.fromEntries(x.cells.filter((c) => c.leads > 0).map((c) => [c.priority, c.leads]))).toEqual({ A1: 3, A4: 1, B3: 1, C4: 1, D1: 1, D4: 1 });
    expect(x.hasOutcomes).toBe(false);
    expect(cell(x, 'A1')).toMatchObject({ grade: 'A', level: '1', withOutcome: 0, converted: 0, rate: null, action: 'Call now' });
  });

  it('puts each lead in the cell =LEADSCORE.PRIORITY gives it', () => {
    const compiled = compile(base, HEADERS, { asOf: '2026-11-26' });
    const t = priorityThresholds(base);
    if (!compiled.ok || !t.ok) throw new Error('model should compile');
    const expected = new Map<string, number>();
    for (const row of LEADS) {
      const s = compiled.value.scoreRow(row);
      const p = priorityOf(t.value, s.fit, s.engagement);
      expected.set(p, (expected.get(p) ?? 0) + 1);
    }
    const x = matrixOf(base, LEADS);
    expect(new Map(x.cells.filter((c) => c.leads > 0).map((c) => [c.priority, c.leads]))).toEqual(expected);
  });

  it('gives conversion per cell from outcomes, leaving unknown outcomes out of the rate but not the count', () => {
    const x = matrixOf(base, LEADS, OUTCOMES);
    expect(x.hasOutcomes).toBe(true);
    expect([x.withOutcome, x.converted]).toEqual([7, 3]);
    expect(cell(x, 'A1')).toMatchObject({ leads: 3, withOutcome: 3, converted: 2, fewOutcomes: true });
    expect(cell(x, 'A1')?.rate).toBeCloseTo(2 / 3, 12);
    expect(cell(x, 'B3')).toMatchObject({ leads: 1, withOutcome: 1, converted: 1, rate: 1 });
    expect(cell(x, 'D1')).toMatchObject({ leads: 1, withOutcome: 0, converted: 0, rate: null });
    expect(cell(x, 'A4')).toMatchObject({ leads: 1, withOutcome: 1, converted: 0, rate: 0 });
    expect(cell(x, 'A2')).toMatchObject({ leads: 0, withOutcome: 0, rate: null });
  });

  it('marks a rate from fewer than 10 known outcomes as too few to read, and 10 as enough', () => {
    const rows = Array.from({ length: 10 }, () => ['Technology', 500, 'yes', 'yes']);
    const nine = matrixOf(base, rows.slice(0, 9), Array.from({ length: 9 }, (_, i) => (i < 3 ? 1 : 0)));
    expect(cell(nine, 'A1')).toMatchObject({ withOutcome: 9, converted: 3, fewOutcomes: true });
    const ten = matrixOf(base, rows, Array.from({ length: 10 }, (_, i) => (i < 4 ? 1 : 0)));
    expect(cell(ten, 'A1')).toMatchObject({ withOutcome: 10, converted: 4, rate: 0.4, fewOutcomes: false });
  });

  it("carries the model's actions, edited ones included", () => {
    const m = withPriorityAction(base, 'D1', 'Pass to the partner team');
    const x = matrixOf(m, LEADS);
    expect(cell(x, 'D1')?.action).toBe('Pass to the partner team');
    expect(cell(x, 'D4')?.action).toBe('Disqualify');
  });

  it('says which setting to change when no lead reaches the top grade or level, and nothing when they hold leads', () => {
    expect(unreachedPriorities(matrixOf(base, LEADS))).toEqual([]);
    // Without the three A1 leads and the A4 one, the best Fit is 40 (B) and the best Engagement 30 (level 1).
    const noGradeA = LEADS.filter((row) => !(row[0] === 'Technology' && Number(row[1]) >= 100));
    expect(unreachedPriorities(matrixOf(base, noGradeA))).toEqual(["No lead reaches fit grade A (Fit 45): set 'Grade A from' in the model's settings."]);
    // Only the C4 and D4 leads (Fit 20 and 0, Engagement 0): grades A and B and levels 1 to 3 are empty.
    const quiet = LEADS.filter((row) => row[0] === 'Retail' && row[2] === 'no');
    expect(unreachedPriorities(matrixOf(base, quiet))).toEqual([
      "No lead reaches fit grade B (Fit 30): set 'Grade B from' in the model's settings.",
      "No lead reaches engagement level 3 (Engagement 10): set 'Level 3 from' in the model's settings.",
    ]);
    // No leads at all: nothing to say about thresholds.
    expect(unreachedPriorities(matrixOf(base, []))).toEqual([]);
  });

  it('says what to set when the model has nothing to grade by', () => {
    const m = model({ criteria: base.criteria.filter((c) => c.group === 'engagement') });
    const result = priorityMatrix(m, { count: 0, fit: [], engagement: [] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toContain("'Grade A from' cannot be worked out");
  });
});
