/**
 * Insights report what they cannot do as located problems, the engine's way: results, not
 * exceptions.
 */
import type { Problem, Result } from '../engine';

export function succeed<T>(value: T, warnings: readonly Problem[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(problems: readonly Problem[]): Result<T> {
  return { ok: false, problems };
}

/** A problem with an input of the analysis (named, e.g. "outcome column 'Won'"), not with the model. */
export function error(input: string, message: string, hint?: string): Problem {
  return { severity: 'error', at: { input }, message, ...(hint === undefined ? {} : { hint }) };
}

export function warning(input: string, message: string, hint?: string): Problem {
  return { severity: 'warning', at: { input }, message, ...(hint === undefined ? {} : { hint }) };
}
