import type { Condition, ConditionOp } from '../model';
import { CONDITION_KINDS, CONDITION_OPS } from './conditionKinds';

export { CONDITION_OPS };

/** The words a person writes in the Condition cell, from the condition-kind table. */
const BY_LABEL = new Map<string, ConditionOp>(
  CONDITION_OPS.flatMap((op) => CONDITION_KINDS[op].labels.map((label) => [label, op] as const)),
);

export function conditionOpFromLabel(label: string): ConditionOp | undefined {
  return BY_LABEL.get(label.trim().toLowerCase().replace(/\s+/g, ' '));
}

export function conditionLabel(op: ConditionOp): string {
  return CONDITION_KINDS[op].labels[0];
}

/** Readable text such as "Industry equals Technology or Healthcare", used as a default name. */
export function describeCondition(field: string, condition: Condition): string {
  if ('values' in condition) {
    const join = condition.op === 'notEquals' || condition.op === 'notContains' ? ' nor ' : ' or ';
    return `${field} ${conditionLabel(condition.op)} ${condition.values.join(join)}`;
  }
  if ('value' in condition) return `${field} ${conditionLabel(condition.op)} ${condition.value}`;
  if ('min' in condition) return `${field} between ${condition.min} and ${condition.max}`;
  if ('days' in condition) return condition.op === 'withinDays' ? `${field} within the last ${condition.days} days` : `${field} older than ${condition.days} days`;
  return `${field} ${conditionLabel(condition.op)}`;
}
