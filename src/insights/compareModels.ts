/**
 * Champion and challenger: two models scored on the same history, side by side: the AUC and
 * lift of each, and where leads move between bands ("42 leads move from Warm to Hot").
 * Bands are matched by position when the models' bands differ in name.
 */
import { compile, type CompileOptions, type Model, type Problem, type Result } from '../engine';
import { backtestScores, type Backtest } from './backtest';
import { readHistory } from './history';
import type { OutcomeValues } from './outcomes';
import { fail, succeed } from './problems';

export interface BandMove {
  readonly from: string;
  readonly to: string;
  readonly leads: number;
  readonly converted: number;
}

export interface ModelComparison {
  readonly champion: Backtest;
  readonly challenger: Backtest;
  /** migration[i][j]: leads in the champion's band i and the challenger's band j. */
  readonly migration: readonly (readonly number[])[];
  /** Non-empty moves between different bands, the largest first. */
  readonly moves: readonly BandMove[];
}

export interface CompareOptions extends CompileOptions {
  readonly outcomeValues?: OutcomeValues;
}

export function compareModels(champion: Model, challenger: Model, headers: readonly unknown[], rows: readonly (readonly unknown[])[], outcomeColumn: string, options: CompareOptions = {}): Result<ModelComparison> {
  const history = readHistory(headers, rows, outcomeColumn, options.outcomeValues === undefined ? {} : { outcomeValues: options.outcomeValues });
  if (!history.ok) return history;
  const a = compile(champion, headers, options);
  const b = compile(challenger, headers, options);
  const problems: Problem[] = [
    ...(a.ok ? [] : a.problems.map((p) => ({ ...p, at: { within: 'champion', at: p.at } }))),
    ...(b.ok ? [] : b.problems.map((p) => ({ ...p, at: { within: 'challenger', at: p.at } }))),
  ];
  if (!a.ok || !b.ok) return fail(problems);
  const h = history.value;
  const sa = a.value.scoreRows(h.rows);
  const sb = b.value.scoreRows(h.rows);
  const migration = champion.bands.map(() => challenger.bands.map(() => 0));
  const convertedIn = champion.bands.map(() => challenger.bands.map(() => 0));
  for (let i = 0; i < h.rows.length; i++) {
    const from = sa.bandIndex[i] ?? 0;
    const to = sb.bandIndex[i] ?? 0;
    const row = migration[from];
    if (row !== undefined) row[to] = (row[to] ?? 0) + 1;
    const crow = convertedIn[from];
    if (crow !== undefined) crow[to] = (crow[to] ?? 0) + (h.labels[i] ?? 0);
  }
  const moves: BandMove[] = [];
  migration.forEach((row, i) =>
    row.forEach((leads, j) => {
      const from = champion.bands[i]?.name ?? '';
      const to = challenger.bands[j]?.name ?? '';
      if (leads > 0 && (from.toLowerCase() !== to.toLowerCase() || i !== j)) moves.push({ from, to, leads, converted: convertedIn[i]?.[j] ?? 0 });
    }),
  );
  moves.sort((x, y) => y.leads - x.leads);
  return succeed(
    { champion: backtestScores(champion, h, sa, options), challenger: backtestScores(challenger, h, sb, options), migration, moves },
    [...history.warnings, ...a.warnings, ...b.warnings],
  );
}

export function describeMove(m: BandMove): string {
  return `${m.leads} lead${m.leads === 1 ? '' : 's'} move from ${m.from} to ${m.to} (${m.converted} of them converted)`;
}
