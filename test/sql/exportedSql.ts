import { formatProblems, type Model } from '../../src/engine';
import { modelToSql, type SqlOptions } from '../../src/sql';

/** The exported query of a model the test knows to be valid; a refusal fails the test with its problems. */
export function exportedSql(m: Model, options: SqlOptions): string {
  const result = modelToSql(m, options);
  if (!result.ok) throw new Error(`modelToSql refused the model:\n${formatProblems(result.problems)}`);
  return result.value;
}
