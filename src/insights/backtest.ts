/**
 * Proving a model against history: does its score rank the leads that converted above those
 * that did not, and where should the line for sales be drawn?
 */
import { compile, type CompileOptions, type Model, type Problem, type Result } from '../engine';
import { conversionByBand, type BandRow } from './conversionByBand';
import { conversionByDecile, type DecileRow } from './conversionByDecile';
import { criterionFeatures } from './criterionFeatures';
import { criterionGuardrails } from './criterionGuardrails';
import { cumulativeGain, type GainPoint } from './cumulativeGain';
import { readHistory, type History } from './history';
import type { OutcomeValues } from './outcomes';
import { fail, succeed, warning } from './problems';
import { aucOfGroups } from './rocAuc';
import { scoreDistribution, type ScoreBin } from './scoreDistribution';
import { thresholdForCapacity, thresholdForRate, type Capacity, type ThresholdSuggestion } from './suggestThreshold';
import { tieGroupsDescending } from './tieGroups';

export interface BacktestOptions extends CompileOptions {
  readonly outcomeValues?: OutcomeValues;
  readonly capacity?: Capacity;
  /** A conversion rate (0..1) sales wants among the leads it works. */
  readonly targetRate?: number;
}

export interface Backtest {
  readonly model: string;
  readonly outcome: string;
  readonly leads: number;
  readonly converted: number;
  readonly unknownOutcomes: number;
  readonly conversionRate: number;
  readonly auc: number;
  readonly bands: readonly BandRow[];
  readonly deciles: readonly DecileRow[];
  readonly gain: readonly GainPoint[];
  readonly distribution: readonly ScoreBin[];
  readonly capacityThreshold: ThresholdSuggestion | null;
  readonly rateThreshold: ThresholdSuggestion | null;
}

/** The figures of one set of scores against outcomes; the engine's bands give the band rows. */
export interface ScoredHistory {
  readonly scores: ArrayLike<number>;
  readonly bandIndex: ArrayLike<number>;
}

export function backtestScores(m: Model, history: History, scored: ScoredHistory, options: BacktestOptions = {}): Backtest {
  const groups = tieGroupsDescending(scored.scores, history.labels);
  const leads = history.labels.length;
  return {
    model: m.name,
    outcome: history.outcomeHeader,
    leads,
    converted: history.converted,
    unknownOutcomes: history.unknown,
    conversionRate: history.converted / leads,
    auc: aucOfGroups(groups),
    bands: conversionByBand(m.bands, scored.bandIndex, history.labels),
    deciles: conversionByDecile(groups),
    gain: cumulativeGain(groups),
    distribution: scoreDistribution(groups),
    capacityThreshold: options.capacity === undefined ? null : thresholdForCapacity(groups, options.capacity),
    rateThreshold: options.targetRate === undefined ? null : thresholdForRate(groups, options.targetRate),
  };
}

export function backtest(m: Model, headers: readonly unknown[], rows: readonly (readonly unknown[])[], outcomeColumn: string, options: BacktestOptions = {}): Result<Backtest> {
  const history = readHistory(headers, rows, outcomeColumn, options.outcomeValues === undefined ? {} : { outcomeValues: options.outcomeValues });
  if (!history.ok) return history;
  const compiled = compile(m, headers, options);
  if (!compiled.ok) return fail(compiled.problems);
  const warnings: Problem[] = [...history.warnings, ...compiled.warnings];
  const h = history.value;
  if (h.rows.length < 30) warnings.push(warning(`outcome column '${h.outcomeHeader}'`, `only ${h.rows.length} leads have a known outcome: every figure here is rough`, 'a few hundred leads give figures worth acting on'));
  const features = criterionFeatures(m, headers, h.rows, options);
  if (features.ok) warnings.push(...criterionGuardrails(features.value, h.rows.length));
  const scored = compiled.value.scoreRows(h.rows);
  return succeed(backtestScores(m, h, scored, options), warnings);
}
