import { criterion, type Criterion, type Group, type Model } from '../engine';

/** Pure edits of a model; the pane keeps the model immutable so each edit is one new value to score. */

export function updateCriterion(m: Model, index: number, change: Partial<Criterion>): Model {
  return { ...m, criteria: m.criteria.map((c, i) => (i === index ? { ...c, ...change } : c)) };
}

export function removeCriterion(m: Model, index: number): Model {
  return { ...m, criteria: m.criteria.filter((_, i) => i !== index) };
}

export function addCriterion(m: Model, group: Group, field: string, condition: Criterion['condition']): Model {
  return { ...m, criteria: [...m.criteria, criterion({ group, field, condition, points: 5 })] };
}

/**
 * Moves a criterion one place up or down among the criteria of its own group (the groups are
 * shown apart, so "up" means past the previous criterion of the same group).
 */
export function moveCriterion(m: Model, index: number, direction: -1 | 1): Model {
  const moving = m.criteria[index];
  if (moving === undefined) return m;
  let target = index + direction;
  while (target >= 0 && target < m.criteria.length && m.criteria[target]?.group !== moving.group) target += direction;
  const other = m.criteria[target];
  if (other === undefined) return m;
  const criteria = [...m.criteria];
  criteria[target] = moving;
  criteria[index] = other;
  return { ...m, criteria };
}

/** Indexes of a group's criteria in model order. */
export function indexesOfGroup(m: Model, group: Group): number[] {
  const out: number[] = [];
  m.criteria.forEach((c, i) => {
    if (c.group === group) out.push(i);
  });
  return out;
}
