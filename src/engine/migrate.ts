import { MODEL_VERSION } from './model';
import type { ProblemAt } from './location';
import { ok, type Problem, type Result } from './problems';

/**
 * Stored models carry a format version; older ones are brought up to date on load by a chain
 * of steps, each from one version to the next (the chains themselves are in migrations.ts).
 * A chain is checked by a test, not on every load.
 */
export interface MigrationStep<T> {
  /** Stable name, e.g. "2-split-decay-columns". */
  readonly id: string;
  /** The version this step reads; it writes fromVersion + 1. */
  readonly fromVersion: number;
  up(stored: T): T;
}

/** The steps for one stored form, and the version they bring it to. */
export interface MigrationChain<T> {
  readonly steps: readonly MigrationStep<T>[];
  readonly current: number;
}

/** A stored value brought up to date: from which version, by which steps (none when it was current). */
export interface Migrated<T> {
  readonly stored: T;
  readonly from: number;
  readonly applied: readonly string[];
}

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

/** The one message for a model from a newer version, wherever it is read (pane, command line, functions). */
export function newerVersionProblem(version: number, current: number, at: ProblemAt): Problem {
  return {
    severity: 'error',
    at,
    message: `made by a newer version of Lead Scoring (format version ${version}; this one reads up to ${current})`,
    hint: 'update the add-in or the command line to open this model',
  };
}

/**
 * Brings a stored value from `version` to the chain's current version. The steps run in order;
 * one that throws becomes a located problem. The chain is trusted here: its shape is the
 * test's job (checkChain), so a load does not pay for it.
 */
export function migrate<T>(stored: T, version: number, chain: MigrationChain<T>, at: ProblemAt): Result<Migrated<T>> {
  const fail = (message: string, hint?: string): Result<Migrated<T>> => ({
    ok: false,
    problems: [{ severity: 'error', at, message, ...(hint === undefined ? {} : { hint }) }],
  });
  if (!Number.isInteger(version) || version < 1) return fail(`'${version}' is not a format version`, `write ${chain.current}`);
  if (version > chain.current) return { ok: false, problems: [newerVersionProblem(version, chain.current, at)] };
  let value = stored;
  const applied: string[] = [];
  for (const step of chain.steps.slice(version - 1)) {
    try {
      value = step.up(value);
    } catch (e) {
      return fail(`migration '${step.id}' from format version ${step.fromVersion} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    applied.push(step.id);
  }
  return ok({ stored: value, from: version, applied });
}
