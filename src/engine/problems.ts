/**
 * What is wrong with a model, where, and what to do about it. Parsing and validation collect
 * every problem and return them together; nothing here is thrown at the user.
 */
import { describeLocation, type ProblemAt } from './location';

export interface Problem {
  readonly severity: 'error' | 'warning';
  /** Where it is, as data (a model path, a table cell, a sheet cell); describeLocation words it. */
  readonly at: ProblemAt;
  readonly message: string;
  /** What to do about it, when there is something useful to say. */
  readonly hint?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T; readonly warnings: readonly Problem[] } | {
  readonly ok: false;
  readonly problems: readonly Problem[];
};

export function ok<T>(value: T, warnings: readonly Problem[] = []): Result<T> {
  return { ok: true, value, warnings };
}

/** Fails with every error and warning, or succeeds carrying the warnings. */
export function resultOf<T>(value: T, problems: readonly Problem[]): Result<T> {
  return problems.some((p) => p.severity === 'error') ? { ok: false, problems } : ok(value, problems);
}

/** One line per problem: "criterion 4: unknown column 'Industy' (did you mean 'Industry'?)". */
export function formatProblem(p: Problem): string {
  const text = `${describeLocation(p.at)}: ${p.message}`;
  return p.hint === undefined ? text : `${text} (${p.hint})`;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
