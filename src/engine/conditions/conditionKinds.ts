/**
 * The one table of condition kinds: each operator, the shape of what it takes, and the words
 * a person writes for it in the model sheet's Condition cell (the first is the one written
 * out; the others are accepted when read back). The Condition type, the JSON schema, the
 * cell reader and writer, and the labels all derive from it, so a new condition is one row
 * here plus its meaning (compileCondition.ts, and src/sql).
 */
export const CONDITION_KINDS = {
  equals: { shape: 'values', labels: ['equals', 'is', '=', 'one of', 'in'] },
  notEquals: { shape: 'values', labels: ['not equals', 'is not', '<>', '!=', 'not one of', 'none of'] },
  contains: { shape: 'values', labels: ['contains', 'contains any of'] },
  notContains: { shape: 'values', labels: ['does not contain', 'not contains'] },
  startsWith: { shape: 'values', labels: ['starts with', 'begins with'] },
  endsWith: { shape: 'values', labels: ['ends with'] },
  matches: { shape: 'values', labels: ['matches', 'like', 'wildcard'] },
  lt: { shape: 'value', labels: ['<', 'less than'] },
  lte: { shape: 'value', labels: ['<=', 'at most'] },
  gt: { shape: 'value', labels: ['>', 'more than', 'greater than'] },
  gte: { shape: 'value', labels: ['>=', 'at least'] },
  between: { shape: 'range', labels: ['between'] },
  blank: { shape: 'none', labels: ['is blank', 'blank', 'empty'] },
  notBlank: { shape: 'none', labels: ['is not blank', 'not blank', 'not empty', 'any value'] },
  isTrue: { shape: 'none', labels: ['is yes', 'yes', 'is true', 'true'] },
  withinDays: { shape: 'days', labels: ['within last days', 'within the last', 'within last', 'in last days'] },
  olderThanDays: { shape: 'days', labels: ['older than days', 'older than'] },
  personalEmail: { shape: 'none', labels: ['is personal email', 'personal email'] },
  spamLike: { shape: 'none', labels: ['looks like spam', 'spam-like', 'spam'] },
} as const satisfies Record<string, { readonly shape: ConditionShape; readonly labels: readonly string[] }>;

/**
 * What a condition takes besides its operator: a list of texts (`values`), one number
 * (`value`), a range (`min`, `max`), a number of days (`days`), or nothing.
 */
export type ConditionShape = 'values' | 'value' | 'range' | 'days' | 'none';

type Kinds = typeof CONDITION_KINDS;
/** The operators whose shape is S. */
export type OpsOfShape<S extends ConditionShape> = { [Op in keyof Kinds]: Kinds[Op]['shape'] extends S ? Op : never }[keyof Kinds];

/** The operators, in the table's order (the order the pane and the messages list them). */
export const CONDITION_OPS = Object.keys(CONDITION_KINDS) as (keyof Kinds)[];

export function opsOfShape<S extends ConditionShape>(shape: S): OpsOfShape<S>[] {
  return CONDITION_OPS.filter((op) => CONDITION_KINDS[op].shape === shape) as OpsOfShape<S>[];
}
