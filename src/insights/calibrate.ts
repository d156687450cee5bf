/**
 * Points from data: fits the points of a model's criteria (and of criteria suggested from the
 * table's other columns) to past outcomes, and returns a new model the user can adopt, edit or
 * discard. Without a model, every criterion is suggested from the table.
 *
 * Steps: read the outcomes; profile the columns (guardrails: mostly empty, identifiers, junk,
 * leakage); set aside a stratified holdout (25%); on the rest, pick suggested criteria,
 * choose the penalty by 5-fold cross-validation and fit; score the holdout with the old model
 * and the calibrated one (integer points, through the engine) for the AUC before and after.
 * The returned model is then refitted on all rows with the same criteria and penalty.
 */
import {
  compile, criterionLabel, DEFAULT_BANDS, excelSerialFromIsoDate, headerLookup, model as newModel, validateModel,
  type Band, type CompileOptions, type Criterion, type Model, type Problem, type Result,
} from '../engine';
import { criterionFeatures, withPoints } from './criterionFeatures';
import { criterionGuardrails } from './criterionGuardrails';
import { LEAKAGE_AUC, singleColumnAuc } from './columnLeakage';
import { profileColumn, type ColumnProfile } from './columnProfile';
import { readHistory } from './history';
import { pointsFromWeight, quantile, standardDeviation } from './integerPoints';
import { compressRows, crossValidateLambda, fitLogistic, LAMBDAS, type Design, type LogisticFit } from './logisticRegression';
import type { OutcomeValues } from './outcomes';
import { error, fail, succeed, warning } from './problems';
import { rocAuc } from './rocAuc';
import { stratifiedGroups } from './seededSplit';
import { suggestForColumn, type SuggestedCriterion } from './suggestCriteria';

export interface CalibrateOptions extends CompileOptions {
  readonly outcomeValues?: OutcomeValues;
  /** At most this many suggested criteria; 0 for none. Default 8 with a model, 12 without. */
  readonly suggestions?: number;
  /** Suggested criteria need at least this |z| (two-proportion test). Default 3. */
  readonly minimumZ?: number;
  readonly folds?: number;
  readonly seed?: number;
  /**
   * Cross-validate on at most this many rows (a random part of the training rows). Default
   * 5,000. The penalty is absolute, so on more rows the same penalty weighs less, as it should.
   */
  readonly crossValidationRows?: number;
}

export interface CalibratedCriterion {
  readonly label: string;
  readonly field: string;
  /** null for a suggested criterion. */
  readonly oldPoints: number | null;
  readonly newPoints: number;
  /** Fitted log-odds per point-unit of the criterion (per match, or per occurrence). */
  readonly weight: number;
  readonly matches: number;
  readonly suggested: boolean;
  readonly note: string;
}

export interface ColumnNote {
  readonly column: string;
  readonly kind: ColumnProfile['kind'];
  readonly note: string;
}

export interface Calibration {
  readonly model: Model;
  readonly criteria: readonly CalibratedCriterion[];
  readonly holdout: { readonly leads: number; readonly converted: number; readonly aucBefore: number | null; readonly aucAfter: number };
  readonly trainingLeads: number;
  readonly lambda: number;
  readonly crossValidation: readonly { readonly lambda: number; readonly loss: number }[];
  /** Log-odds per score point of the new model: how much one point is worth. */
  readonly logOddsPerPoint: number;
  readonly columns: readonly ColumnNote[];
  readonly converted: number;
  readonly leads: number;
}

const HOLDOUT_GROUPS = 4;
const PROFILE_ROWS = 20_000;

export function calibrate(current: Model | null, headers: readonly unknown[], rows: readonly (readonly unknown[])[], outcomeColumn: string, options: CalibrateOptions = {}): Result<Calibration> {
  const historyResult = readHistory(headers, rows, outcomeColumn, {
    minimumRows: 20,
    minimumPerClass: 5,
    ...(options.outcomeValues === undefined ? {} : { outcomeValues: options.outcomeValues }),
  });
  if (!historyResult.ok) return historyResult;
  const history = historyResult.value;
  const warnings: Problem[] = [...historyResult.warnings];
  const base = current ?? newModel({ name: 'Calibrated model', description: 'Criteria and points learned from history.' });
  const anchor = compile(newModel({ asOf: base.asOf, dateOrder: base.dateOrder }), headers, options);
  if (!anchor.ok) return fail(anchor.problems);
  const asOfSerial = excelSerialFromIsoDate(anchor.value.asOf);
  const n = history.rows.length;
  if (n < 100) warnings.push(warning(`outcome column '${history.outcomeHeader}'`, `only ${n} leads have a known outcome: the fitted points are rough and the holdout AUC is noisy`, 'a few hundred leads give points worth adopting'));

  // The current criteria, as features.
  const enabled = base.criteria.filter((c) => c.enabled);
  const featuresResult = criterionFeatures(base, headers, history.rows, options);
  if (!featuresResult.ok) return fail(featuresResult.problems);
  const baseFeatures = featuresResult.value;
  warnings.push(...criterionGuardrails(baseFeatures, n));

  // Columns: profiles, guardrails, leakage.
  const lookup = headerLookup(headers);
  const used = new Set<number>();
  for (const c of base.criteria) {
    for (const field of [c.field, c.perOccurrenceOf, c.decay?.dateField]) {
      const i = field === null || field === undefined ? undefined : lookup.find(field);
      if (i !== undefined) used.add(i);
    }
  }
  const columns: ColumnNote[] = [];
  const usable: ColumnProfile[] = [];
  // Columns are profiled and suggestions chosen on every k-th row of a large table: 20,000
  // rows judge a column's kind, leakage and best range as well as 100,000 do, in a fifth of
  // the time. The chosen criteria are then scored by the engine on every row.
  const profileStep = Math.max(1, Math.ceil(n / PROFILE_ROWS));
  const sample = Uint32Array.from({ length: Math.ceil(n / profileStep) }, (_, k) => k * profileStep);
  const sampleRows = profileStep === 1 ? history.rows : Array.from(sample, (i) => history.rows[i] ?? []);
  const sampleNumbers = profileStep === 1 ? history.rowNumbers : Uint32Array.from(sample, (i) => history.rowNumbers[i] ?? 0);
  const sampleLabels = profileStep === 1 ? history.labels : Uint8Array.from(sample, (i) => history.labels[i] ?? 0);
  const sampled = profileStep === 1 ? '' : ` in a sample of ${sample.length} rows`;
  lookup.headers.forEach((header, column) => {
    if (column === history.outcomeColumn || header.trim() === '') return;
    const p = profileColumn(header.trim(), column, sampleRows, sampleNumbers, asOfSerial, base.dateOrder);
    const where = `column '${p.header}'`;
    if (p.kind === 'empty') {
      columns.push({ column: p.header, kind: p.kind, note: `${Math.round(p.blankShare * 100)}% empty: left out of suggestions` });
      warnings.push(warning(where, `${Math.round(p.blankShare * 100)}% of its cells are empty`, used.has(column) ? 'criteria on it rarely match' : 'left out of suggestions'));
      return;
    }
    if (p.kind === 'identifier') {
      columns.push({ column: p.header, kind: p.kind, note: 'a different value in nearly every row (an identifier): left out of suggestions' });
      return;
    }
    if (p.junk > 0) {
      const examples = p.junkExamples.map((e) => `row ${e.row}: '${e.value}'`).join(', ');
      warnings.push(warning(where, `${p.junk === 1 ? '1 cell is' : `${p.junk} cells are`} not ${p.kind === 'date' ? 'a date' : 'a number'}${sampled} (${examples}); ${p.junk === 1 ? 'it never matches' : 'they never match'}`, 'clean those cells to use them'));
    }
    const auc = singleColumnAuc(p, sampleLabels);
    if (auc >= LEAKAGE_AUC) {
      columns.push({ column: p.header, kind: p.kind, note: `predicts the outcome almost perfectly on its own (AUC ${auc.toFixed(2)}): likely leakage, left out` });
      warnings.push(
        warning(where, `on its own it predicts '${history.outcomeHeader}' almost perfectly (AUC ${auc.toFixed(2)}): it was most likely filled in after the outcome was known`, used.has(column) ? 'a criterion on it will look perfect on history and fail on new leads; remove it' : 'left out of suggestions; do not score on it'),
      );
      return;
    }
    if (!used.has(column)) usable.push(p);
  });

  // Holdout: group 0 of 4 (25%), stratified.
  const groups = stratifiedGroups(Int8Array.from(history.labels), HOLDOUT_GROUPS, options.seed ?? 1);
  const train: number[] = [];
  const holdout: number[] = [];
  groups.forEach((g, i) => (g === 0 ? holdout : train).push(i));
  const trainLabels = Uint8Array.from(train, (i) => history.labels[i] ?? 0);

  // Suggestions, chosen on the training rows only.
  const wanted = options.suggestions ?? (current === null ? 12 : 8);
  const minimumZ = options.minimumZ ?? 3;
  const trainSample: number[] = [];
  sample.forEach((row, k) => {
    if (groups[row] !== 0) trainSample.push(k);
  });
  const suggestLabels = Uint8Array.from(trainSample, (k) => sampleLabels[k] ?? 0);
  const minimumSupport = Math.max(5, Math.ceil(0.02 * trainSample.length));
  const candidates: SuggestedCriterion[] = [];
  if (wanted > 0) {
    for (const p of usable) {
      for (const s of suggestForColumn(subsetProfile(p, trainSample), suggestLabels, minimumSupport)) if (Math.abs(s.z) >= minimumZ) candidates.push(s);
    }
  }
  candidates.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  const chosen = candidates.slice(0, wanted);
  const suggestedFeatures = chosen.length === 0 ? [] : criterionFeatures(newModel({ criteria: chosen.map((s) => s.criterion), asOf: base.asOf, dateOrder: base.dateOrder }), headers, history.rows, options);
  if (!Array.isArray(suggestedFeatures) && !suggestedFeatures.ok) return fail(suggestedFeatures.problems);
  const suggested = Array.isArray(suggestedFeatures) ? [] : suggestedFeatures.value;

  const all = [...baseFeatures, ...suggested];
  if (all.length === 0) {
    return fail([...warnings, error('calibration', 'there is nothing to fit: the model has no criteria and no column tells converters apart', 'add criteria, or more history')]);
  }
  const p = all.length;
  const x = new Float64Array(n * p);
  all.forEach((f, j) => f.values.forEach((v, i) => (x[i * p + j] = v)));
  const design: Design = { x, rows: n, features: p, y: history.labels };

  // Penalty by k-fold cross-validation on (at most crossValidationRows of) the training rows.
  const folds = options.folds ?? 5;
  const cvFolds = new Int8Array(n).fill(-1);
  const trainGroups = stratifiedGroups(Int8Array.from(trainLabels), folds, (options.seed ?? 1) + 1);
  const cvLimit = options.crossValidationRows ?? 5_000;
  const keep = Math.min(1, cvLimit / Math.max(1, train.length));
  train.forEach((row, t) => {
    // Dealt round-robin within each class, so the first `keep` share of each fold is a random part.
    if (keep >= 1 || ((t * 7919) % 10_000) / 10_000 < keep) cvFolds[row] = trainGroups[t] ?? -1;
  });
  const cv = crossValidateLambda(design, cvFolds, folds, LAMBDAS);

  const trainFit = fitLogistic(compressRows(design, Uint32Array.from(train)), cv.start === undefined ? { lambda: cv.lambda } : { lambda: cv.lambda, start: cv.start });
  const oldPoints = (j: number): number | null => (j < baseFeatures.length ? (enabled[j]?.points ?? 0) : null);
  const criteriaOf = (fit: LogisticFit, scale: number): Criterion[] =>
    all.map((f, j) => {
      const source = j < baseFeatures.length ? (base.criteria[f.index] as Criterion) : (chosen[j - baseFeatures.length]?.criterion as Criterion);
      return withPoints(source, pointsFromWeight(fit.weights[j] ?? 0, scale, source.perOccurrenceOf !== null));
    });
  const scaleOf = (fit: LogisticFit, rowsUsed: readonly number[]): number => {
    const eta = Float64Array.from(rowsUsed, (i) => {
      let s = 0;
      for (let j = 0; j < p; j++) s += (fit.weights[j] ?? 0) * (x[i * p + j] ?? 0);
      return s;
    });
    const etaSpread = standardDeviation(eta);
    if (etaSpread === 0) return 10;
    if (current !== null && baseFeatures.length > 0) {
      const old = Float64Array.from(rowsUsed, (i) => {
        let s = 0;
        for (let j = 0; j < baseFeatures.length; j++) s += (oldPoints(j) ?? 0) * (x[i * p + j] ?? 0);
        return s;
      });
      const oldSpread = standardDeviation(old);
      if (oldSpread > 0) return oldSpread / etaSpread;
    }
    // A new model: scores spread over about 0-100 (two standard deviations are ~40 points).
    return 20 / etaSpread;
  };
  const assemble = (fit: LogisticFit, rowsUsed: readonly number[]): { m: Model; scale: number } => {
    const scale = scaleOf(fit, rowsUsed);
    const criteria = criteriaOf(fit, scale);
    const untouched = base.criteria.filter((c) => !c.enabled);
    const draft = newModel({ ...base, criteria: [...criteria, ...untouched], name: current === null ? base.name : `${base.name} (calibrated)` });
    return { m: current === null ? { ...draft, bands: bandsFromScores(draft, headers, rowsUsed.map((i) => history.rows[i] ?? []), options), scale: 'points' } : draft, scale };
  };

  const scoreWith = (m: Model, rowsUsed: readonly number[]): Float64Array | null => {
    const compiled = compile(m, headers, options);
    if (!compiled.ok) return null;
    return compiled.value.scoreRows(rowsUsed.map((i) => history.rows[i] ?? [])).scores;
  };
  const holdoutLabels = Uint8Array.from(holdout, (i) => history.labels[i] ?? 0);
  const { m: trainModel } = assemble(trainFit, train);
  const afterScores = scoreWith(trainModel, holdout);
  const beforeScores = current === null || enabled.length === 0 ? null : scoreWith(current, holdout);
  const aucAfter = afterScores === null ? Number.NaN : rocAuc(afterScores, holdoutLabels);
  const aucBefore = beforeScores === null ? null : rocAuc(beforeScores, holdoutLabels);

  const everyRow = train.concat(holdout);
  const finalFit = fitLogistic(compressRows(design, Uint32Array.from(everyRow)), { lambda: cv.lambda, start: trainFit.standardised });
  const { m: finalModel, scale } = assemble(finalFit, everyRow);
  const valid = validateModel(finalModel);
  if (!valid.ok) return fail([...warnings, ...valid.problems]);

  const report: CalibratedCriterion[] = all.map((f, j) => {
    const c = finalModel.criteria[j] as Criterion;
    const s = j >= baseFeatures.length ? chosen[j - baseFeatures.length] : undefined;
    return {
      label: criterionLabel(c),
      field: c.field,
      oldPoints: oldPoints(j),
      newPoints: c.points,
      weight: finalFit.weights[j] ?? 0,
      matches: f.matches,
      suggested: s !== undefined,
      note: s === undefined ? '' : `${s.leads} leads, lift ${s.lift.toFixed(2)}x`,
    };
  });
  const holdoutConverted = holdoutLabels.reduce((a, y) => a + y, 0);
  return succeed(
    {
      model: finalModel,
      criteria: report,
      holdout: { leads: holdout.length, converted: holdoutConverted, aucBefore: aucBefore !== null && Number.isNaN(aucBefore) ? null : aucBefore, aucAfter },
      trainingLeads: train.length,
      lambda: cv.lambda,
      crossValidation: cv.losses,
      logOddsPerPoint: 1 / scale,
      columns,
      converted: history.converted,
      leads: n,
    },
    warnings,
  );
}

/** The profile of some rows only, to choose suggestions without looking at the holdout. */
function subsetProfile(p: ColumnProfile, rows: readonly number[]): ColumnProfile {
  return { ...p, values: Float64Array.from(rows, (i) => p.values[i] ?? Number.NaN), keys: rows.map((i) => p.keys[i] ?? '') };
}

/** Bands for a model learned from scratch: Hot is the top fifth of leads by score, Warm the next three tenths. */
function bandsFromScores(m: Model, headers: readonly unknown[], rows: readonly (readonly unknown[])[], options: CompileOptions): readonly Band[] {
  const compiled = compile({ ...m, scale: 'points' }, headers, options);
  if (!compiled.ok) return DEFAULT_BANDS;
  const scores = compiled.value.scoreRows(rows).scores;
  const warm = Math.round(quantile(scores, 0.5));
  const hot = Math.max(warm + 1, Math.round(quantile(scores, 0.8)));
  const cold = Math.min(0, warm - 1);
  const [c, w, h] = DEFAULT_BANDS as [Band, Band, Band];
  return [{ ...c, from: cold }, { ...w, from: warm }, { ...h, from: hot }];
}
