/**
 * A table of past leads with known outcomes, checked once: the outcome column found (or a
 * did-you-mean), outcomes read, and the rows that can teach something kept.
 */
import { headerLookup, type Problem, type Result } from '../engine';
import { DEFAULT_OUTCOME_VALUES, readOutcomes, type OutcomeValues } from './outcomes';
import { error, fail, succeed, warning } from './problems';

export interface History {
  readonly headers: readonly string[];
  readonly outcomeColumn: number;
  readonly outcomeHeader: string;
  /** Only the rows with a known outcome. */
  readonly rows: readonly (readonly unknown[])[];
  /** 1 converted, 0 not, for each kept row. */
  readonly labels: Uint8Array;
  /** Row number in the original table (1 = first row below the header) of each kept row. */
  readonly rowNumbers: Uint32Array;
  readonly converted: number;
  readonly notConverted: number;
  /** Rows left out because their outcome could not be read. */
  readonly unknown: number;
}

export interface HistoryOptions {
  readonly outcomeValues?: OutcomeValues;
  /** Fewer labelled rows than this is an error. Default 2. */
  readonly minimumRows?: number;
  /** Fewer converters (or non-converters) than this is an error. Default 1. */
  readonly minimumPerClass?: number;
}

export function readHistory(headers: readonly unknown[], rows: readonly (readonly unknown[])[], outcome: string, options: HistoryOptions = {}): Result<History> {
  const lookup = headerLookup(headers);
  const column = lookup.find(outcome);
  if (column === undefined) {
    const suggestion = lookup.suggest(outcome);
    const named = lookup.headers.filter((h) => h.trim() !== '').map((h) => `'${h.trim()}'`);
    return fail([
      error(
        'outcome column',
        outcome.trim() === '' ? 'no outcome column given' : `there is no column '${outcome}'`,
        suggestion !== undefined ? `did you mean '${suggestion}'?` : `the columns are ${named.slice(0, 15).join(', ')}${named.length > 15 ? ' ...' : ''}`,
      ),
    ]);
  }
  const outcomeHeader = lookup.headers[column]?.trim() ?? outcome;
  const outcomes = readOutcomes(rows, column, options.outcomeValues ?? DEFAULT_OUTCOME_VALUES);
  const warnings: Problem[] = [];
  const where = `outcome column '${outcomeHeader}'`;
  if (outcomes.unknown > 0) {
    const examples = outcomes.unknownExamples.map((e) => `row ${e.row}: '${e.value}'`).join(', ');
    const blanks = outcomes.blank > 0 ? `${outcomes.blank} blank` : '';
    const other = outcomes.unknown - outcomes.blank;
    const parts = [blanks, other > 0 ? `${other} unreadable (${examples})` : ''].filter((p) => p !== '').join(', ');
    warnings.push(
      warning(where, `${outcomes.unknown} of ${rows.length} rows left out: their outcome is not known (${parts})`, other > 0 ? 'write converted/won as yes, true, 1, won or converted, and the others as no, false, 0, lost or not converted' : undefined),
    );
  }
  const kept = outcomes.converted + outcomes.notConverted;
  const minimumRows = options.minimumRows ?? 2;
  const minimumPerClass = options.minimumPerClass ?? 1;
  if (kept === 0) {
    return fail([...warnings.map((w) => ({ ...w, severity: 'error' as const })), error(where, 'no row has a known outcome', 'write converted/won as yes, true, 1, won or converted, and the others as no, false, 0, lost or not converted')]);
  }
  if (outcomes.converted === 0 || outcomes.notConverted === 0) {
    const only = outcomes.converted === 0 ? 'not converted' : 'converted';
    return fail([
      ...warnings,
      error(where, `all ${kept} leads with a known outcome ${only === 'converted' ? 'converted' : 'did not convert'}: there is nothing to tell apart`, 'include both leads that converted and leads that did not'),
    ]);
  }
  if (kept < minimumRows) {
    return fail([...warnings, error(where, `only ${kept} leads have a known outcome; at least ${minimumRows} are needed`, 'add more history')]);
  }
  const fewest = Math.min(outcomes.converted, outcomes.notConverted);
  if (fewest < minimumPerClass) {
    const which = outcomes.converted < outcomes.notConverted ? 'converted' : 'did not convert';
    return fail([...warnings, error(where, `only ${fewest} of ${kept} leads ${which}; at least ${minimumPerClass} are needed`, 'add more history')]);
  }
  const keptRows: (readonly unknown[])[] = [];
  const labels = new Uint8Array(kept);
  const rowNumbers = new Uint32Array(kept);
  outcomes.labels.forEach((label, i) => {
    if (label < 0) return;
    labels[keptRows.length] = label;
    rowNumbers[keptRows.length] = i + 1;
    keptRows.push(rows[i] ?? []);
  });
  return succeed(
    { headers: lookup.headers, outcomeColumn: column, outcomeHeader, rows: keptRows, labels, rowNumbers, converted: outcomes.converted, notConverted: outcomes.notConverted, unknown: outcomes.unknown },
    warnings,
  );
}
