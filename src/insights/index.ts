/**
 * Insights: proving a model against history, learning points from outcomes, comparing two
 * models. Pure like the engine (imports only the engine's index), so the pane, the command
 * line and a worker can all use it. Everything returns a Result, never throws at the user.
 */
export { DEFAULT_OUTCOME_VALUES, outcomeReader, readOutcomes, CONVERTED, NOT_CONVERTED, UNKNOWN_OUTCOME, type Outcome, type OutcomeValues, type Outcomes } from './outcomes';
export { readHistory, type History, type HistoryOptions } from './history';
export { backtest, backtestScores, type Backtest, type BacktestOptions } from './backtest';
export { rocAuc } from './rocAuc';
export { tieGroupsDescending, type TieGroup } from './tieGroups';
export { cumulativeGain, conversionsInTop, GAIN_SHARES, type GainPoint } from './cumulativeGain';
export { conversionByDecile, type DecileRow } from './conversionByDecile';
export { conversionByBand, type BandRow } from './conversionByBand';
export { scoreDistribution, type ScoreBin } from './scoreDistribution';
export { thresholdForCapacity, thresholdForRate, capacityShare, type Capacity, type ThresholdSuggestion } from './suggestThreshold';
export { calibrate, type Calibration, type CalibrateOptions, type CalibratedCriterion, type ColumnNote } from './calibrate';
export { fitLogistic, crossValidateLambda, LAMBDAS, type Design, type LogisticFit } from './logisticRegression';
export { criterionFeatures, perPointCriterion, withPoints, type CriterionFeature } from './criterionFeatures';
export { criterionGuardrails } from './criterionGuardrails';
export { profileColumn, type ColumnProfile, type ProfileKind } from './columnProfile';
export { singleColumnAuc, LEAKAGE_AUC } from './columnLeakage';
export { suggestForColumn, type SuggestedCriterion } from './suggestCriteria';
export { pointsFromWeight } from './integerPoints';
export { compareModels, describeMove, type ModelComparison, type BandMove, type CompareOptions } from './compareModels';
export { buildScorecard, type Scorecard, type ScorecardOptions, type ScorecardBin, type ScorecardColumnReport, type LeftOutColumn, type LeftOutReason, type BandShare } from './scorecard';
export { isNotAnsweredText } from './notAnswered';
export { priorityConversion, type PriorityConversionOptions } from './priorityConversion';
