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

/**
 * Moves a criterion to where another criterion of its group is (drag and drop): the others of
 * the group keep their order, criteria of the other group do not move.
 */
export function moveCriterionTo(m: Model, from: number, to: number): Model {
  const moving = m.criteria[from];
  const target = m.criteria[to];
  if (moving === undefined || target === undefined || from === to || target.group !== moving.group) return m;
  const group = indexesOfGroup(m, moving.group);
  const order = group.filter((i) => i !== from);
  order.splice(group.indexOf(to), 0, from);
  const criteria = [...m.criteria];
  group.forEach((slot, k) => {
    criteria[slot] = m.criteria[order[k] ?? slot] as Criterion;
  });
  return { ...m, criteria };
}

/** Replaces a criterion's column everywhere it names it (field, count column, decay date). */
export function renameColumnOf(c: Criterion, from: string, to: string): Partial<Criterion> {
  return {
    field: c.field === from ? to : c.field,
    perOccurrenceOf: c.perOccurrenceOf === from ? to : c.perOccurrenceOf,
    decay: c.decay !== null && c.decay.dateField === from ? { ...c.decay, dateField: to } : c.decay,
  };
}
