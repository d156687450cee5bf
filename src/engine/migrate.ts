import { MODEL_VERSION } from './model';
import type { Problem } from './problems';

/**
 * Stored models carry a format version; older ones are brought up to date on load by a chain
 * of steps, each from one version to the next. Version 1 is the first format, so the shipped
 * chains are empty: the machinery is here, and tested, for the day version 2 exists.
 */
export interface MigrationStep<T> {
  /** Stable name, e.g. "2-split-decay-columns". */
  readonly id: string;
  /** The version this step reads; it writes fromVersion + 1. */
  readonly fromVersion: number;
  up(stored: T): T;
}

export type MigrationResult<T> =
  | { readonly ok: true; readonly value: T; readonly from: number; readonly applied: readonly string[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Problems with a chain itself: unique ids, and steps from 1 up to the current version, one each, in order. */
export function checkChain<T>(steps: readonly MigrationStep<T>[], current: number = MODEL_VERSION): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    if (ids.has(s.id)) errors.push(`migration id '${s.id}' is used twice`);
    ids.add(s.id);
    if (s.fromVersion !== i + 1) errors.push(`migration '${s.id}' reads version ${s.fromVersion}, expected ${i + 1}`);
  });
  if (steps.length !== current - 1) errors.push(`${steps.length} migration steps for version ${current}; expected ${current - 1}`);
  return errors;
}

/** Brings a stored value from `version` to `current`. */
export function migrate<T>(stored: T, version: number, steps: readonly MigrationStep<T>[], where: string, current: number = MODEL_VERSION): MigrationResult<T> {
  const fail = (message: string, hint?: string): MigrationResult<T> => ({
    ok: false,
    problems: [{ severity: 'error', where, message, path: ['version'], ...(hint === undefined ? {} : { hint }) }],
  });
  if (!Number.isInteger(version) || version < 1) return fail(`'${version}' is not a format version`, `write ${current}`);
  if (version > current) {
    return fail(`made by a newer version of Lead Scoring (format version ${version}; this one reads up to ${current})`, 'update the add-in to open this model');
  }
  const chainErrors = checkChain(steps, current);
  if (chainErrors.length > 0) return fail(`the migrations are broken: ${chainErrors.join('; ')}`);
  let value = stored;
  const applied: string[] = [];
  for (const step of steps.slice(version - 1)) {
    try {
      value = step.up(value);
    } catch (e) {
      return fail(`migration '${step.id}' from format version ${step.fromVersion} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    applied.push(step.id);
  }
  return { ok: true, value, from: version, applied };
}
