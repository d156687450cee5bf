import { z } from 'zod';
import { CONDITION_OPS, opsOfShape, type ConditionShape, type OpsOfShape } from './conditions/conditionKinds';
import { AUTOMATIC_PRIORITY, DEFAULT_ACCOUNTS, MODEL_VERSION, NO_CAP, type Model } from './model';
import type { MigrationChain } from './migrate';
import { migrateModelJson, MODEL_JSON_MIGRATIONS, withMigratedFrom, type ModelJson, type ModelRead } from './migrations';
import { normaliseModel } from './normaliseModel';
import { PRIORITIES } from './priorityActions';
import type { Problem } from './problems';
import { validateModel } from './validate';

/**
 * The JSON form of a model, checked structurally. Optional fields get their defaults, so a
 * hand-written file only needs what matters; unknown keys are refused so a misspelt key
 * ("pionts") is reported rather than silently ignored.
 */
const finite = z.number();
const bound = finite.nullable().default(null);
const capSchema = z.strictObject({ min: bound, max: bound }).default(NO_CAP);
const textValues = z.array(z.string()).min(1, 'needs at least one value');

/** One branch per shape of the condition-kind table, each over the operators of that shape. */
const opsOf = <S extends ConditionShape>(shape: S) => z.enum(opsOfShape(shape) as [OpsOfShape<S>, ...OpsOfShape<S>[]]);
const conditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: opsOf('values'), values: textValues }),
  z.strictObject({ op: opsOf('value'), value: finite }),
  z.strictObject({ op: opsOf('range'), min: finite, max: finite }),
  z.strictObject({ op: opsOf('none') }),
  z.strictObject({ op: opsOf('days'), days: finite }),
]);

const decaySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('factor'), dateField: z.string(), afterDays: finite, percent: finite }),
  z.strictObject({ kind: z.literal('deduct'), dateField: z.string(), afterDays: finite, points: finite }),
  z.strictObject({ kind: z.literal('halfLife'), dateField: z.string(), halfLifeDays: finite }),
]);

const criterionSchema = z.strictObject({
  name: z.string().default(''),
  group: z.enum(['fit', 'engagement']),
  field: z.string(),
  condition: conditionSchema,
  points: finite,
  perOccurrenceOf: z.string().nullable().default(null),
  decay: decaySchema.nullable().default(null),
  cap: capSchema,
  enabled: z.boolean().default(true),
  note: z.string().default(''),
});

const bandSchema = z.strictObject({ name: z.string(), from: finite, color: z.string() });

export const modelSchema = z.strictObject({
  // Which versions are read is the migrations' business (migrations.ts): they ran before this.
  version: z.number(),
  name: z.string().default('Untitled model'),
  description: z.string().default(''),
  criteria: z.array(criterionSchema),
  groupCaps: z.strictObject({ fit: capSchema, engagement: capSchema }).default({ fit: NO_CAP, engagement: NO_CAP }),
  totalCap: capSchema,
  scale: z.enum(['points', '0-100']).default('points'),
  bands: z.array(bandSchema).min(1, 'needs at least one band'),
  stages: z.strictObject({ mql: bound, sql: bound }).default({ mql: null, sql: null }),
  asOf: z.string().nullable().default(null),
  dateOrder: z.enum(['MDY', 'DMY']).default('MDY'),
  priority: z
    .strictObject({ gradeA: bound, gradeB: bound, gradeC: bound, level1: bound, level2: bound, level3: bound })
    .default(AUTOMATIC_PRIORITY),
  accounts: z
    .strictObject({
      column: z.string().nullable().default(null),
      scoring: z.enum(['best', 'top', 'average']).default(DEFAULT_ACCOUNTS.scoring),
      top: finite.default(DEFAULT_ACCOUNTS.top),
      engagedFrom: bound,
    })
    .default(DEFAULT_ACCOUNTS),
  idColumn: z.string().nullable().default(null),
  // Strict, so a misspelt cell ('E1', 'a1') is reported rather than ignored.
  priorityActions: z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, z.string().optional()]))).default({}),
});

/**
 * Reads a model from parsed JSON: migration from an older format version first, then
 * structure, then meaning (validateModel). Returns every problem at once; never throws,
 * whatever the input.
 */
export function parseModel(json: unknown, chain: MigrationChain<ModelJson> = MODEL_JSON_MIGRATIONS): ModelRead {
  const migrated = migrateModelJson(json, chain);
  if (!migrated.ok) return { ok: false, problems: migrated.problems };
  const parsed = modelSchema.safeParse(migrated.value.stored);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => problemOfIssue(issue, migrated.value.stored)) };
  }
  return withMigratedFrom(validateModel(normaliseModel({ ...(parsed.data as Model), version: MODEL_VERSION })), migrated.value);
}

function valueAt(json: unknown, path: readonly (string | number)[]): unknown {
  let node = json;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * A value as JSON, for messages. Input need not be JSON (a BigInt, a cycle, Infinity), and
 * parseModel must not throw on it, so what JSON cannot show is shown as JavaScript would.
 */
function showValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'symbol') return String(value);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // a cycle, or a BigInt inside
  }
  return typeof value === 'function' ? 'a function' : 'a value that is not JSON';
}

function problemOfIssue(issue: z.core.$ZodIssue, json: unknown): Problem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue.message;
  let hint: string | undefined;
  const last = path[path.length - 1];
  if (issue.code === 'invalid_union' && (last === 'op' || last === 'kind')) {
    const given = valueAt(json, path);
    const what = last === 'op' ? 'condition' : 'kind of decay';
    message = given === undefined ? `no ${what} given` : `${showValue(given)} is not a ${what}`;
    hint = `use one of: ${(last === 'op' ? CONDITION_OPS : ['factor', 'deduct', 'halfLife']).join(', ')}`;
  } else if (issue.code === 'invalid_type' && path.length === 1 && last === 'version') {
    const given = valueAt(json, path);
    message = given === undefined ? `missing (expected format version ${MODEL_VERSION})` : `${showValue(given)} is not a format version`;
    hint = `write ${MODEL_VERSION}`;
  } else if (issue.code === 'invalid_type') {
    const given = valueAt(json, path);
    message = given === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${showValue(given)}`;
  } else if (issue.code === 'unrecognized_keys') {
    message = `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  }
  return { severity: 'error', at: { json: path }, message, ...(hint === undefined ? {} : { hint }) };
}
