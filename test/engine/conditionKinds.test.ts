import { describe, expect, it } from 'vitest';
import { CONDITION_KINDS, CONDITION_OPS, conditionLabel, conditionOpFromLabel, criterion, model, modelFromCells, modelToCells, parseModel, type Condition, type ConditionShape } from '../../src/engine';

/** A condition of each shape, as a person would give it. */
const EXAMPLE: Record<ConditionShape, Record<string, unknown>> = {
  values: { values: ['Technology', 'Health; care'] },
  value: { value: 1200.5 },
  range: { min: 10, max: 50 },
  days: { days: 30 },
  none: {},
};

describe('the one table of condition kinds', () => {
  it.each(CONDITION_OPS)('%s: its first label reads back, and its shape survives JSON and cells', (op) => {
    const shape = CONDITION_KINDS[op].shape;
    expect(conditionOpFromLabel(conditionLabel(op))).toBe(op);
    for (const label of CONDITION_KINDS[op].labels) expect(conditionOpFromLabel(label.toUpperCase())).toBe(op);
    const condition = { op, ...EXAMPLE[shape] } as Condition;
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Industry', condition, points: 5 })] });
    const fromJson = parseModel(JSON.parse(JSON.stringify(m)));
    expect(fromJson.ok && fromJson.value.criteria[0]?.condition).toEqual(condition);
    const fromCells = modelFromCells(modelToCells(m));
    expect(fromCells.ok && fromCells.value.criteria[0]?.condition).toEqual(condition);
  });

  it('refuses in JSON what an operator of another shape would take', () => {
    const m = JSON.parse(JSON.stringify(model({ criteria: [criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 5 }, points: 5 })] })));
    m.criteria[0].condition = { op: 'gte', values: ['5'] };
    expect(parseModel(m).ok).toBe(false);
  });

  it('gives every label to one operator only', () => {
    const labels = CONDITION_OPS.flatMap((op) => CONDITION_KINDS[op].labels);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
