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

export function error(where: string, message: string, hint?: string): Problem {
  return { severity: 'error', where, message, path: [where], ...(hint === undefined ? {} : { hint }) };
}

export function warning(where: string, message: string, hint?: string): Problem {
  return { severity: 'warning', where, message, path: [where], ...(hint === undefined ? {} : { hint }) };
}
