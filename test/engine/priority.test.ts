import { describe, expect, it } from 'vitest';
import { PRIORITY_HEADERS as HEADERS, PRIORITY_MODEL as base } from './builders';
import { compile, criterion, formatProblems, model, modelFromCells, modelToCells, parseModel, priorityOf, priorityThresholds, validateModel, type Model } from '../../src/engine';


function priorities(m: Model, rows: unknown[][]): string[] {
  const compiled = compile(m, HEADERS, { asOf: '2026-11-26' });
  const thresholds = priorityThresholds(m);
  if (!compiled.ok || !thresholds.ok) throw new Error('model should compile');
  return rows.map((row) => {
    const s = compiled.value.scoreRow(row);
    return priorityOf(thresholds.value, s.fit, s.engagement);
  });
}

describe('priority: fit grade x engagement level', () => {
  it('grades at 75%, 50% and 25% of the most each group can give when no thresholds are set', () => {
    const t = priorityThresholds(base);
    expect(t.ok && t.value).toEqual({ grades: [45, 30, 15], levels: [30, 20, 10] });
    expect(
      priorities(base, [
        ['Technology', 500, 'yes', 'yes'], // fit 60, engagement 40
        ['Technology', 5, 'no', 'yes'], // fit 40, engagement 10
        ['Retail', 100, 'no', 'no'], // fit 20, engagement 0
        ['Retail', 5, 'yes', 'no'], // fit 0, engagement 30
      ]),
    ).toEqual(['A1', 'B3', 'C4', 'D1']);
  });

  it('puts a lead exactly on a threshold in the higher grade or level', () => {
    const t = { grades: [45, 30, 15], levels: [30, 20, 10] } as const;
    expect(priorityOf(t, 45, 30)).toBe('A1');
    expect(priorityOf(t, 44.99, 29.99)).toBe('B2');
    expect(priorityOf(t, 15, 10)).toBe('C3');
    expect(priorityOf(t, 14.99, -5)).toBe('D4');
  });

  it('uses the thresholds the model sets, automatic ones for the rest', () => {
    const m = { ...base, priority: { ...base.priority, gradeA: 50, level3: 5 } };
    const t = priorityThresholds(m);
    expect(t.ok && t.value).toEqual({ grades: [50, 30, 15], levels: [30, 20, 5] });
    // fit 40 is below A at 50 now; engagement 10 still level 3.
    expect(priorities(m, [['Technology', 5, 'no', 'yes'], ['Technology', 500, 'no', 'no']])).toEqual(['B3', 'A4']);
  });

  it('measures thresholds in the unit of the Fit column: on the 0-100 scale, percent of the model maximum', () => {
    // A 100-point engagement criterion makes the maximum 200, so Fit's 60 raw points are 30 on the scale.
    const m = model({ ...base, scale: '0-100', criteria: [...base.criteria, criterion({ group: 'engagement', field: 'Bought', condition: { op: 'isTrue' }, points: 100 })] });
    const t = priorityThresholds(m);
    expect(t.ok && t.value.grades).toEqual([22.5, 15, 7.5]);
    // Technology alone: 40 raw Fit points are 20 on the scale, grade B; Engagement can give 140 raw = 70 on the scale, so level 3 starts at 0.25 x 70 = 17.5 and Webinar's 10 raw = 5 is level 4.
    const compiled = compile(m, [...HEADERS, 'Bought'], { asOf: '2026-11-26' });
    if (!compiled.ok || !t.ok) throw new Error('model should compile');
    const s = compiled.value.scoreRow(['Technology', 5, 'no', 'yes', 'no']);
    expect([s.fit, s.engagement]).toEqual([20, 5]);
    expect(t.value.levels).toEqual([52.5, 35, 17.5]);
    expect(priorityOf(t.value, s.fit, s.engagement)).toBe('B4');
  });

  it('refuses thresholds out of order, located at the setting the user wrote', () => {
    const json = { ...base, priority: { gradeB: 50 } };
    const read = parseModel(json);
    expect(read.ok).toBe(false);
    expect(!read.ok && formatProblems(read.problems)).toContain("priority.gradeB: 'Grade B from' (50) is not below 'Grade A from' (45, automatic)");

    const cells = modelToCells(base);
    const settings = cells.settings.map((row) => (row[0] === 'Level 2 from' ? ['Level 2 from', 12] : row[0] === 'Level 3 from' ? ['Level 3 from', 12] : row));
    const fromCells = modelFromCells({ ...cells, settings });
    expect(fromCells.ok).toBe(false);
    const row = settings.findIndex((r) => r[0] === 'Level 3 from');
    expect(!fromCells.ok && formatProblems(fromCells.problems)).toContain(`settings table, row ${row}, 'Level 3 from': 'Level 3 from' (12) is not below 'Level 2 from' (12)`);
  });

  it('refuses a threshold that is not a number, at its cell', () => {
    const cells = modelToCells(base);
    const settings = cells.settings.map((row) => (row[0] === 'Grade C from' ? ['Grade C from', 'ten'] : row));
    const read = modelFromCells({ ...cells, settings });
    const row = settings.findIndex((r) => r[0] === 'Grade C from');
    expect(!read.ok && formatProblems(read.problems)).toContain(`settings table, row ${row}, 'Grade C from': 'ten' is not a number`);
  });

  it('keeps a model without Fit criteria valid, and says what to set when a priority is asked of it', () => {
    const m = model({ criteria: base.criteria.filter((c) => c.group === 'engagement') });
    expect(validateModel(m).ok).toBe(true);
    const t = priorityThresholds(m);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.problems.map((p) => p.message)).toEqual([
      "the Fit criteria can give no points, or points without limit, so 'Grade A from' cannot be worked out",
      "the Fit criteria can give no points, or points without limit, so 'Grade B from' cannot be worked out",
      "the Fit criteria can give no points, or points without limit, so 'Grade C from' cannot be worked out",
    ]);
    const told = priorityThresholds({ ...m, priority: { ...m.priority, gradeA: 3, gradeB: 2, gradeC: 1 } });
    expect(told.ok && told.value.grades).toEqual([3, 2, 1]);
  });

  it('keeps the thresholds through the model sheet and JSON', () => {
    const m = { ...base, priority: { gradeA: 50, gradeB: null, gradeC: 0.5, level1: null, level2: 20, level3: -1 } };
    const viaCells = modelFromCells(modelToCells(m));
    expect(viaCells.ok && viaCells.value.priority).toEqual(m.priority);
    const viaJson = parseModel(JSON.parse(JSON.stringify(m)));
    expect(viaJson.ok && viaJson.value.priority).toEqual(m.priority);
  });
});

describe('priority of a model with a tiny maximum', () => {
  it('accepts automatic thresholds that meet after rounding to cents', () => {
    // Fit at most 0.004: A at 0.003 -> 0, B at 0.002 -> 0, C at 0.001 -> 0.
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Industry', condition: { op: 'notBlank' }, points: 0.004 }), base.criteria[2]!] });
    expect(validateModel(m).ok).toBe(true);
    const t = priorityThresholds(m);
    expect(t.ok && t.value.grades).toEqual([0, 0, 0]);
  });
});
