import { CONDITION_OPS, type Condition, type ConditionOp } from '../engine';
import type { ColumnKind } from '../workbook/session';

/** The conditions that make sense for a column of each kind, most useful first. */
const OPS_BY_KIND: Readonly<Record<ColumnKind, readonly ConditionOp[]>> = {
  category: ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches', 'isTrue', 'blank', 'notBlank'],
  text: ['contains', 'notContains', 'equals', 'notEquals', 'startsWith', 'endsWith', 'matches', 'spamLike', 'blank', 'notBlank'],
  email: ['endsWith', 'contains', 'equals', 'matches', 'personalEmail', 'spamLike', 'blank', 'notBlank'],
  number: ['gte', 'gt', 'lte', 'lt', 'between', 'isTrue', 'blank', 'notBlank'],
  date: ['withinDays', 'olderThanDays', 'blank', 'notBlank'],
};

/** Ops offered for a column; a condition already in the model stays offered even if unusual. */
export function opsForKind(kind: ColumnKind | undefined, current?: ConditionOp): readonly ConditionOp[] {
  const ops = kind === undefined ? CONDITION_OPS : OPS_BY_KIND[kind];
  return current !== undefined && !ops.includes(current) ? [...ops, current] : ops;
}

export type ConditionShape = 'values' | 'number' | 'range' | 'days' | 'none';

export function shapeOf(op: ConditionOp): ConditionShape {
  switch (op) {
    case 'equals': case 'notEquals': case 'contains': case 'notContains': case 'startsWith': case 'endsWith': case 'matches':
      return 'values';
    case 'lt': case 'lte': case 'gt': case 'gte':
      return 'number';
    case 'between':
      return 'range';
    case 'withinDays': case 'olderThanDays':
      return 'days';
    case 'blank': case 'notBlank': case 'isTrue': case 'personalEmail': case 'spamLike':
      return 'none';
  }
}

/** Switches a condition to another op, keeping what carries over (the values, the number). */
export function withOp(previous: Condition, op: ConditionOp): Condition {
  const prevValues = 'values' in previous ? previous.values : [];
  const prevNumber = 'value' in previous ? previous.value : 'min' in previous ? previous.min : 'days' in previous ? previous.days : undefined;
  switch (op) {
    case 'equals': case 'notEquals': case 'contains': case 'notContains': case 'startsWith': case 'endsWith': case 'matches':
      return { op, values: prevValues };
    case 'lt': case 'lte': case 'gt': case 'gte':
      return { op, value: prevNumber ?? 1 };
    case 'between':
      return { op, min: prevNumber ?? 0, max: 'max' in previous ? previous.max : (prevNumber ?? 0) + 10 };
    case 'withinDays': case 'olderThanDays':
      return { op, days: prevNumber !== undefined && prevNumber > 0 ? prevNumber : 30 };
    case 'blank': case 'notBlank': case 'isTrue': case 'personalEmail': case 'spamLike':
      return { op };
  }
}

/** A sensible first condition for a column of this kind. */
export function defaultCondition(kind: ColumnKind | undefined): Condition {
  const op = opsForKind(kind)[0] ?? 'notBlank';
  return withOp({ op: 'notBlank' }, op);
}
