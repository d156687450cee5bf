import { CONDITION_KINDS, CONDITION_OPS, type Condition, type ConditionOp, type ConditionShape, type OpsOfShape } from '../engine';
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

/** What the editor asks for under a condition, from the engine's table of condition kinds. */
export function shapeOf(op: ConditionOp): ConditionShape {
  return CONDITION_KINDS[op].shape;
}

/** Switches a condition to another op, keeping what carries over (the values, the number). */
export function withOp(previous: Condition, op: ConditionOp): Condition {
  const prevValues = 'values' in previous ? previous.values : [];
  const prevNumber = 'value' in previous ? previous.value : 'min' in previous ? previous.min : 'days' in previous ? previous.days : undefined;
  // The casts hold because the table gives op that shape.
  switch (shapeOf(op)) {
    case 'values':
      return { op: op as OpsOfShape<'values'>, values: prevValues };
    case 'value':
      return { op: op as OpsOfShape<'value'>, value: prevNumber ?? 1 };
    case 'range':
      return { op: op as OpsOfShape<'range'>, min: prevNumber ?? 0, max: 'max' in previous ? previous.max : (prevNumber ?? 0) + 10 };
    case 'days':
      return { op: op as OpsOfShape<'days'>, days: prevNumber !== undefined && prevNumber > 0 ? prevNumber : 30 };
    case 'none':
      return { op: op as OpsOfShape<'none'> };
  }
}

/** A sensible first condition for a column of this kind. */
export function defaultCondition(kind: ColumnKind | undefined): Condition {
  const op = opsForKind(kind)[0] ?? 'notBlank';
  return withOp({ op: 'notBlank' }, op);
}
