import type { Condition, ConditionOp } from '../model';

/**
 * The words a person writes in the Condition cell of the model sheet. The first label of
 * each operator is the one written out; the others are accepted when read back.
 */
export const CONDITION_LABELS: Readonly<Record<ConditionOp, readonly string[]>> = {
  equals: ['equals', 'is', '=', 'one of', 'in'],
  notEquals: ['not equals', 'is not', '<>', '!=', 'not one of', 'none of'],
  contains: ['contains', 'contains any of'],
  notContains: ['does not contain', 'not contains'],
  startsWith: ['starts with', 'begins with'],
  endsWith: ['ends with'],
  matches: ['matches', 'like', 'wildcard'],
  lt: ['<', 'less than'],
  lte: ['<=', 'at most'],
  gt: ['>', 'more than', 'greater than'],
  gte: ['>=', 'at least'],
  between: ['between'],
  blank: ['is blank', 'blank', 'empty'],
  notBlank: ['is not blank', 'not blank', 'not empty', 'any value'],
  isTrue: ['is yes', 'yes', 'is true', 'true'],
  withinDays: ['within last days', 'within the last', 'within last', 'in last days'],
  olderThanDays: ['older than days', 'older than'],
  personalEmail: ['is personal email', 'personal email'],
  spamLike: ['looks like spam', 'spam-like', 'spam'],
};

export const CONDITION_OPS = Object.keys(CONDITION_LABELS) as ConditionOp[];

const BY_LABEL = new Map<string, ConditionOp>(
  CONDITION_OPS.flatMap((op) => CONDITION_LABELS[op].map((label) => [label, op] as const)),
);

export function conditionOpFromLabel(label: string): ConditionOp | undefined {
  return BY_LABEL.get(label.trim().toLowerCase().replace(/\s+/g, ' '));
}

export function conditionLabel(op: ConditionOp): string {
  return CONDITION_LABELS[op][0] ?? op;
}

/** Readable text such as "Industry equals Technology or Healthcare", used as a default name. */
export function describeCondition(field: string, condition: Condition): string {
  switch (condition.op) {
    case 'equals':
    case 'notEquals':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
    case 'matches': {
      const join = condition.op === 'notEquals' || condition.op === 'notContains' ? ' nor ' : ' or ';
      return `${field} ${conditionLabel(condition.op)} ${condition.values.join(join)}`;
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return `${field} ${conditionLabel(condition.op)} ${condition.value}`;
    case 'between':
      return `${field} between ${condition.min} and ${condition.max}`;
    case 'withinDays':
      return `${field} within the last ${condition.days} days`;
    case 'olderThanDays':
      return `${field} older than ${condition.days} days`;
    case 'blank':
    case 'notBlank':
    case 'isTrue':
    case 'personalEmail':
    case 'spamLike':
      return `${field} ${conditionLabel(condition.op)}`;
  }
}
