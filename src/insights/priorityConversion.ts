/**
 * The Priority matrix against history: every lead of the table counted in its fit grade x
 * engagement level cell, and, where the outcome column says, whether it converted.
 */
import { compile, headerLookup, priorityMatrix, type CompileOptions, type Model, type PriorityMatrix, type Result } from '../engine';
import { DEFAULT_OUTCOME_VALUES, readOutcomes, type OutcomeValues } from './outcomes';

export interface PriorityConversionOptions extends CompileOptions {
  /** The outcome column's header; none gives the leads per cell only. */
  readonly outcome?: string | null;
  readonly outcomeValues?: OutcomeValues;
}

/**
 * Rows whose outcome cannot be told still count as leads of their cell, as they are leads to
 * call; they are left out of the conversion figures. An outcome column that is not in the
 * table gives no conversion figures rather than an error: the matrix is worth seeing without.
 */
export function priorityConversion(m: Model, headers: readonly unknown[], rows: readonly (readonly unknown[])[], options: PriorityConversionOptions = {}): Result<PriorityMatrix> {
  const compiled = compile(m, headers, options);
  if (!compiled.ok) return compiled;
  const column = options.outcome === undefined || options.outcome === null ? undefined : headerLookup(headers).find(options.outcome);
  const labels = column === undefined ? undefined : readOutcomes(rows, column, options.outcomeValues ?? DEFAULT_OUTCOME_VALUES).labels;
  return priorityMatrix(m, compiled.value.scoreRows(rows), labels);
}
