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
  return printable(p.hint === undefined ? text : `${text} (${p.hint})`);
}

/**
 * Problems quote what a file holds, and end up in a terminal, a cell or a dialog. Control
 * characters (escape sequences recolour a terminal or move its cursor), line breaks (a forged
 * second line), line separators and bidirectional overrides (text shown in another order than
 * it is read) are written out as \u{...}; a message stays at most MAX_SHOWN characters.
 */
export function printable(text: string): string {
  const safe = text.replace(UNPRINTABLE, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
  return safe.length <= MAX_SHOWN ? safe : `${safe.slice(0, MAX_SHOWN)}… (${(safe.length - MAX_SHOWN).toLocaleString('en-US')} more characters)`;
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const MAX_SHOWN = 2_000;

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
