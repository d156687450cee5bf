/**
 * Points from data at credit-scorecard quality: a model whose points are as readable as a
 * points table and nearly as accurate as a logistic regression.
 *
 * 1. Read every column once (placeholders such as "Select" count as blank) and leave out those
 *    that cannot be criteria whatever the outcomes: constant, identifiers, sequential numbers.
 * 2. Set aside a stratified quarter of the leads. On the rest: bin each column (see
 *    scorecardBinning), leave out columns that predict the outcome almost perfectly on their own
 *    (leaks) or barely at all (information value below 0.02), and of two columns that say the
 *    same thing (correlation of their bins' weights of evidence above 0.8) keep the stronger.
 * 3. Fit points per bin (scorecardFit: penalty by cross-validation, monotone within a column),
 *    scale them to whole points with each column's worst bin at 0, and write the model.
 * 4. Score the set-aside leads with that model through the engine, and with an unconstrained
 *    logistic regression fitted on the same rows: the two hold-out AUCs.
 * 5. Place round-number bands on the training leads' scores.
 * The model returned is the one measured (fitted on the training three quarters), as a credit
 * scorecard is built on a development sample and checked on a hold-out.
 */
import { compile, excelSerialFromIsoDate, model as newModel, validateModel, type Band, type CompileOptions, type DateOrder, type Criterion, type Model, type Problem, type Result, type Scale } from '../engine';
import { baselineAuc } from './baselineRegression';
import { readHistory } from './history';
import type { OutcomeValues } from './outcomes';
import { error, fail, succeed, warning } from './problems';
import { rocAuc } from './rocAuc';
import { binColumn, woe, type Bin, type Binning } from './scorecardBinning';
import { scorecardBands } from './scorecardBands';
import { readScorecardColumn, structuralReason, type ScorecardColumn, type ScorecardColumnKind } from './scorecardColumns';
import { fitBinWeights } from './scorecardFit';
import { binLabel, columnCriteria } from './scorecardModel';
import { stratifiedGroups } from './seededSplit';
import type { Capacity } from './suggestThreshold';

export interface ScorecardOptions extends CompileOptions {
  readonly outcomeValues?: OutcomeValues;
  /** How text dates such as 03/04/2026 are read (and the model reads them). Default month first. */
  readonly dateOrder?: DateOrder;
  /** 'points' (default): the best possible lead has about 100 points; '0-100': exactly 100 (or just below, as whole points allow). */
  readonly scale?: Scale;
  /** Points that double the odds of converting; when absent, chosen so the best lead has about 100 points. */
  readonly pointsToDoubleOdds?: number;
  /** Place the Hot band at the share of leads sales can work. */
  readonly capacity?: Capacity;
  /** At most this many columns in the scorecard (the strongest by information value). Default 30. */
  readonly maxColumns?: number;
  readonly folds?: number;
  readonly seed?: number;
  /** Cross-validate on at most this many training rows. Default 8,000. */
  readonly crossValidationRows?: number;
}

export interface ScorecardBin {
  readonly label: string;
  readonly leads: number;
  readonly share: number;
  readonly converted: number;
  readonly rate: number;
  readonly woe: number;
  readonly points: number;
  readonly missing: boolean;
}

export interface ScorecardColumnReport {
  readonly column: string;
  readonly kind: ScorecardColumnKind;
  readonly iv: number;
  readonly bins: readonly ScorecardBin[];
  /** Cells holding a placeholder such as "Select", counted as blank. */
  readonly notAnswered: number;
}

export type LeftOutReason = 'constant' | 'identifier' | 'sequential' | 'leak' | 'weak' | 'correlated' | 'flat' | 'limit';

export interface LeftOutColumn {
  readonly column: string;
  readonly reason: LeftOutReason;
  readonly note: string;
}

export interface BandShare {
  readonly name: string;
  readonly from: number;
  readonly leads: number;
  readonly share: number;
  readonly rate: number;
}

export interface Scorecard {
  readonly model: Model;
  readonly columns: readonly ScorecardColumnReport[];
  readonly leftOut: readonly LeftOutColumn[];
  readonly holdout: { readonly leads: number; readonly converted: number; readonly aucScorecard: number; readonly aucRegression: number };
  readonly lambda: number;
  readonly crossValidation: readonly { readonly lambda: number; readonly loss: number }[];
  readonly pointsToDoubleOdds: number;
  readonly maximumPoints: number;
  readonly bands: readonly BandShare[];
  readonly bandNote: string;
  readonly leads: number;
  readonly converted: number;
  readonly trainingLeads: number;
}

const HOLDOUT_GROUPS = 4;
export const MIN_IV = 0.02;
export const LEAK_AUC = 0.95;
export const CORRELATED = 0.9;
const TARGET_MAXIMUM = 100;
const SAMPLE_ROWS = 20_000;
const CV_ROWS = 8_000;

interface Card {
  readonly kept: readonly { readonly c: ScorecardColumn; readonly binning: Binning; readonly points: readonly number[] }[];
  readonly leftOut: readonly LeftOutColumn[];
  readonly lambda: number;
  readonly crossValidation: readonly { readonly lambda: number; readonly loss: number }[];
  readonly factor: number;
}

function everyKth(rows: Uint32Array, limit: number): Uint32Array {
  if (rows.length <= limit) return rows;
  const step = rows.length / limit;
  return Uint32Array.from({ length: limit }, (_, k) => rows[Math.floor(k * step)] ?? 0);
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] ?? 0;
    mb += b[i] ?? 0;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] ?? 0) - ma;
    const y = (b[i] ?? 0) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/**
 * The AUC of scoring each lead by its bin's conversion rate, from the bins' counts: a
 * converter in a better-converting bin than a non-converter counts 1, in the same bin 1/2.
 */
function binnedAuc(bins: readonly Bin[]): number {
  const ordered = [...bins].sort((a, b) => a.converted / Math.max(1, a.leads) - b.converted / Math.max(1, b.leads));
  let positives = 0;
  let negatives = 0;
  for (const b of ordered) {
    positives += b.converted;
    negatives += b.leads - b.converted;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  let below = 0;
  let wins = 0;
  for (const b of ordered) {
    const bad = b.leads - b.converted;
    wins += b.converted * (below + bad / 2);
    below += bad;
  }
  const auc = wins / (positives * negatives);
  return Math.max(auc, 1 - auc);
}

function buildCard(candidates: readonly ScorecardColumn[], labels: Uint8Array, train: Uint32Array, options: ScorecardOptions): Card {
  let converted = 0;
  for (const i of train) converted += labels[i] ?? 0;
  const totals = { converted, notConverted: train.length - converted };
  const sample = everyKth(train, SAMPLE_ROWS);
  const leftOut: LeftOutColumn[] = [];
  const strong: { c: ScorecardColumn; binning: Binning; woeOfRow: Float64Array }[] = [];
  for (const c of candidates) {
    const binning = binColumn(c, labels, train);
    const woes = binning.bins.map((b) => woe(b.leads, b.converted, totals));
    const woeOfRow = Float64Array.from(sample, (i) => woes[binning.binOfRow[i] ?? -1] ?? 0);
    const auc = binnedAuc(binning.bins);
    if (auc >= LEAK_AUC) {
      leftOut.push({ column: c.header, reason: 'leak', note: `predicts the outcome almost perfectly on its own (AUC ${auc.toFixed(2)}): most likely filled in after the outcome was known` });
    } else if (binning.iv < MIN_IV) {
      leftOut.push({ column: c.header, reason: 'weak', note: `information value ${binning.iv.toFixed(3)}, below ${MIN_IV}: it barely tells converters apart` });
    } else strong.push({ c, binning, woeOfRow });
  }
  strong.sort((a, b) => b.binning.iv - a.binning.iv);
  const chosen: typeof strong = [];
  const maxColumns = options.maxColumns ?? 30;
  for (const s of strong) {
    let twin: { header: string; r: number } | null = null;
    for (const k of chosen) {
      const r = pearson(s.woeOfRow, k.woeOfRow);
      if (Math.abs(r) > CORRELATED) {
        twin = { header: k.c.header, r };
        break;
      }
    }
    if (twin !== null) leftOut.push({ column: s.c.header, reason: 'correlated', note: `says the same as '${twin.header}' (correlation ${twin.r.toFixed(2)} of their bins), which tells converters apart better (IV ${s.binning.iv.toFixed(2)} here)` });
    else if (chosen.length >= maxColumns) leftOut.push({ column: s.c.header, reason: 'limit', note: `information value ${s.binning.iv.toFixed(2)}: the ${maxColumns} stronger columns are in the scorecard` });
    else chosen.push(s);
  }
  const fit = fitBinWeights(chosen.map((s) => s.binning), labels, train, { folds: options.folds ?? 5, seed: (options.seed ?? 1) + 1, crossValidationRows: options.crossValidationRows ?? CV_ROWS });
  // Each column's best bin over its worst, in log-odds: their sum is the spread of the scores.
  const tops = fit.kept.filter((w): w is Float64Array => w !== null).map((w) => Math.max(...w));
  const spread = tops.reduce((a, t) => a + t, 0);
  const factor =
    options.pointsToDoubleOdds !== undefined && options.pointsToDoubleOdds > 0 ? options.pointsToDoubleOdds / Math.LN2
    : spread <= 0 ? 1
    : options.scale === '0-100' ? exactHundred(tops, TARGET_MAXIMUM / spread)
    : TARGET_MAXIMUM / spread;
  const kept: { c: ScorecardColumn; binning: Binning; points: number[] }[] = [];
  chosen.forEach((s, j) => {
    const w = fit.kept[j];
    if (w === null || w === undefined) {
      leftOut.push({ column: s.c.header, reason: 'flat', note: `adds nothing once the stronger columns are known (IV ${s.binning.iv.toFixed(2)} on its own)` });
      return;
    }
    const points = Array.from(w, (x) => Math.round(x * factor));
    if (Math.max(...points) <= 0) leftOut.push({ column: s.c.header, reason: 'flat', note: 'its points round to 0 at this scale' });
    else kept.push({ c: s.c, binning: s.binning, points });
  });
  return { kept, leftOut, lambda: fit.lambda, crossValidation: fit.crossValidation, factor };
}

/**
 * The scale factor at which the best possible lead has 100 points after rounding, or as close
 * below as whole points allow: the sum of rounded maxima only grows with the factor.
 */
function exactHundred(tops: readonly number[], guess: number): number {
  const total = (f: number): number => tops.reduce((s, t) => s + Math.round(t * f), 0);
  let lo = guess * 0.5;
  let hi = guess * 1.5;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (total(mid) <= TARGET_MAXIMUM) lo = mid;
    else hi = mid;
  }
  return lo;
}

function modelOf(card: Card, base: Model, scale: Scale, bands: readonly Band[]): Model {
  const criteria: Criterion[] = [];
  for (const { c, binning, points } of card.kept) {
    const total = binning.bins.reduce((s, b) => s + b.leads, 0);
    criteria.push(...columnCriteria(c, binning.bins, points, (b: Bin) => `scorecard bin '${binLabel(c, b)}': ${b.leads} leads (${Math.round((b.leads / Math.max(1, total)) * 100)}%), ${((b.converted / Math.max(1, b.leads)) * 100).toFixed(1)}% converted`));
  }
  return { ...base, criteria, scale, bands };
}

export function buildScorecard(headers: readonly unknown[], rows: readonly (readonly unknown[])[], outcomeColumn: string, options: ScorecardOptions = {}): Result<Scorecard> {
  const historyResult = readHistory(headers, rows, outcomeColumn, { minimumRows: 50, minimumPerClass: 10, ...(options.outcomeValues === undefined ? {} : { outcomeValues: options.outcomeValues }) });
  if (!historyResult.ok) return historyResult;
  const history = historyResult.value;
  const warnings: Problem[] = [...historyResult.warnings];
  const base = newModel({ name: 'Scorecard', description: 'Points per bin learned from history (scorecard method).', ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }) });
  const anchor = compile(base, headers, options);
  if (!anchor.ok) return fail(anchor.problems);
  const asOfSerial = excelSerialFromIsoDate(anchor.value.asOf);
  const n = history.rows.length;
  if (n < 500) warnings.push(warning(`outcome column '${history.outcomeHeader}'`, `only ${n} leads have a known outcome: bins of 5% hold ${Math.round(n * 0.05)} leads, so the points are rough`, 'a few thousand leads give a scorecard worth adopting'));

  const leftOut: LeftOutColumn[] = [];
  const candidates: ScorecardColumn[] = [];
  history.headers.forEach((header, column) => {
    if (column === history.outcomeColumn || header.trim() === '') return;
    const c = readScorecardColumn(header.trim(), column, history.rows, asOfSerial, base.dateOrder);
    const reason = structuralReason(c);
    if (reason === null) candidates.push(c);
    else leftOut.push({ column: c.header, reason: reason.startsWith('constant') ? 'constant' : reason.startsWith('a sequential') ? 'sequential' : 'identifier', note: reason });
  });

  const groups = stratifiedGroups(Int8Array.from(history.labels), HOLDOUT_GROUPS, options.seed ?? 1);
  const trainList: number[] = [];
  const holdoutList: number[] = [];
  groups.forEach((g, i) => (g === 0 ? holdoutList : trainList).push(i));
  const train = Uint32Array.from(trainList);
  const holdout = Uint32Array.from(holdoutList);
  const holdoutLabels = Uint8Array.from(holdout, (i) => history.labels[i] ?? 0);
  // On the 0-100 scale the points themselves add up to at most 100 (see exactHundred): the
  // engine's own 0-100 scale divides by the sum of every criterion's points, and a lead can
  // match only one bin per column, so it would never reach 100.
  const scale: Scale = 'points';

  const card = buildCard(candidates, history.labels, train, options);
  if (card.kept.length === 0) {
    return fail([...warnings, ...[...leftOut, ...card.leftOut].map((l) => warning(`column '${l.column}'`, `left out: ${l.note}`)), error('scorecard', 'no column tells converters apart well enough to earn points', 'add columns recorded before the outcome was known, or more history')]);
  }
  const unbanded = modelOf(card, base, scale, base.bands);
  const compiled = compile(unbanded, headers, options);
  if (!compiled.ok) return fail([...warnings, ...compiled.problems]);
  const rowsOf = (set: Uint32Array): (readonly unknown[])[] => Array.from(set, (i) => history.rows[i] ?? []);
  const trainScores = compiled.value.scoreRows(rowsOf(train)).scores;
  const plan = scorecardBands(trainScores, options.capacity);
  const finalModel: Model = { ...unbanded, bands: plan.bands };
  const valid = validateModel(finalModel);
  if (!valid.ok) return fail([...warnings, ...valid.problems]);
  // The hold-out AUC is of this very model: scored through the engine, as users will score.
  const aucScorecard = rocAuc(compiled.value.scoreRows(rowsOf(holdout)).scores, holdoutLabels);
  const leaks = new Set(card.leftOut.filter((l) => l.reason === 'leak').map((l) => l.column));
  const aucRegression = baselineAuc(candidates.filter((c) => !leaks.has(c.header)), history.labels, train, holdout);
  const trainLabels = Uint8Array.from(train, (i) => history.labels[i] ?? 0);
  const trainConverted = trainLabels.reduce((a, y) => a + y, 0);

  const columns: ScorecardColumnReport[] = card.kept.map(({ c, binning, points }) => ({
    column: c.header,
    kind: c.kind,
    iv: binning.iv,
    notAnswered: c.notAnswered,
    bins: binning.bins.map((b, k) => ({
      label: binLabel(c, b),
      leads: b.leads,
      share: b.leads / train.length,
      converted: b.converted,
      rate: b.leads === 0 ? 0 : b.converted / b.leads,
      woe: woe(b.leads, b.converted, { converted: trainConverted, notConverted: train.length - trainConverted }),
      points: points[k] ?? 0,
      missing: b.missing,
    })),
  }));
  const maximumPoints = card.kept.reduce((s, k) => s + Math.max(...k.points), 0);
  return succeed(
    {
      model: finalModel,
      columns,
      leftOut: [...leftOut, ...card.leftOut],
      holdout: { leads: holdout.length, converted: holdoutLabels.reduce((a, y) => a + y, 0), aucScorecard, aucRegression },
      lambda: card.lambda,
      crossValidation: card.crossValidation,
      pointsToDoubleOdds: card.factor * Math.LN2,
      maximumPoints,
      bands: bandShares(plan.bands, trainScores, trainLabels),
      bandNote: plan.note,
      leads: n,
      converted: history.converted,
      trainingLeads: train.length,
    },
    warnings,
  );
}

function bandShares(bands: readonly Band[], scores: Float64Array, labels: Uint8Array): BandShare[] {
  return bands.map((b, k) => {
    const next = bands[k + 1]?.from ?? Number.POSITIVE_INFINITY;
    let leads = 0;
    let converted = 0;
    scores.forEach((s, i) => {
      if ((k === 0 || s >= b.from) && s < next) {
        leads++;
        converted += labels[i] ?? 0;
      }
    });
    return { name: b.name, from: b.from, leads, share: leads / Math.max(1, scores.length), rate: leads === 0 ? 0 : converted / leads };
  });
}
