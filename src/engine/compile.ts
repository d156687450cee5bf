import { excelSerialFromIsoDate, excelSerialFromLocalDate, isExcelDateSerial, isoDateFromExcelSerial } from './cells/excelDate';
import { whyNotNumber } from './cells/readCell';
import { headerLookup, type ColumnIndex } from './columns';
import { compileCondition, MATCH, readsText, testCell, UNUSABLE } from './conditions/compileCondition';
import { compileDecay } from './decay';
import { GROUP_LABELS, type Band, type Cap, type Group, type Model, type Stage } from './model';
import { resultOf, type Problem, type Result } from './problems';
import { capInUnits, maximumScore, scoreArithmetic, unitsOf } from './scoreRange';
import { accumulate, BLOCK, criterionUnits, MAX_CONTRIBUTION, type CompiledCriterion, type Trace } from './scoring/compiledCriterion';
import { bounded, capPart, criterionDetail, criterionLabel, unusablePart, type ExplanationPart, type UnitBounds, type Units } from './scoring/explanation';
import { apportion, apportionThree, scaledCents } from './scoring/scaledScore';
import { fillTextColumn, type TextColumn } from './scoring/textColumn';
import { validateModel } from './validate';

export { criterionLabel, type ExplanationPart } from './scoring/explanation';

export interface CompileOptions {
  /** The day ages are measured to: 'YYYY-MM-DD', an Excel serial, or a Date (its local day). Overrides the model's as-of. */
  readonly asOf?: string | number | Date;
  /** Today, for a model without an as-of date; a parameter so that results are reproducible. */
  readonly today?: Date;
}

export interface LeadScore {
  readonly score: number;
  readonly fit: number;
  readonly engagement: number;
  readonly band: Band;
  readonly bandIndex: number;
  readonly stage: Stage | null;
  readonly explanation: readonly ExplanationPart[];
}

/** Scores of many rows, column by column; explain(i) gives the full LeadScore of row i. */
export interface ScoredRows {
  readonly count: number;
  readonly scores: Float64Array;
  readonly fit: Float64Array;
  readonly engagement: Float64Array;
  readonly bandIndex: Uint8Array;
  /** 0 none, 1 MQL, 2 SQL. */
  readonly stageIndex: Uint8Array;
  /** How many of the row's cells a criterion could not read. */
  readonly unusableCells: Uint16Array;
  explain(row: number): LeadScore;
}

export interface CompiledModel {
  readonly model: Model;
  readonly headers: readonly string[];
  /** 'YYYY-MM-DD' that ages were measured to. */
  readonly asOf: string;
  /** Raw points per score point: 1 for the points scale, max/100 for the 0-100 scale. */
  readonly pointsPerScorePoint: number;
  readonly bands: readonly Band[];
  scoreRow(row: readonly unknown[]): LeadScore;
  scoreRows(rows: readonly (readonly unknown[])[]): ScoredRows;
}

export const STAGES: readonly (Stage | null)[] = [null, 'MQL', 'SQL'];

/**
 * Resolves a model against a table's headers once, so that scoring a row is a loop over
 * prepared tests: no header lookups, no parsing of the model, no allocation per row.
 */
export function compile(m: Model, headers: readonly unknown[], options: CompileOptions = {}): Result<CompiledModel> {
  const validated = validateModel(m);
  const problems: Problem[] = validated.ok ? [...validated.warnings] : [...validated.problems];
  const asOfDay = resolveAsOf(m, options, problems);
  const lookup = headerLookup(headers);
  const criteria: CompiledCriterion[] = [];

  m.criteria.forEach((c, index) => {
    const column = (field: string, path: (string | number)[]): number => {
      const found = lookup.find(field);
      if (found !== undefined) return found;
      if (field !== '') {
        const suggestion = lookup.suggest(field);
        problems.push({
          severity: c.enabled ? 'error' : 'warning',
          at: { json: path },
          message: `unknown column '${field}'${c.enabled ? '' : ' (the criterion is disabled, so it is not scored)'}`,
          hint: suggestion !== undefined ? `did you mean '${suggestion}'?` : `the table's columns are ${listHeaders(lookup.headers)}`,
        });
      }
      return -1;
    };
    const path = ['criteria', index];
    const fieldColumn = column(c.field, [...path, 'field']);
    const countColumn = c.perOccurrenceOf === null ? -1 : column(c.perOccurrenceOf, [...path, 'perOccurrenceOf']);
    const dateColumn = c.decay === null ? -1 : column(c.decay.dateField, [...path, 'decay', 'dateField']);
    if (!c.enabled || fieldColumn < 0 || (c.perOccurrenceOf !== null && countColumn < 0) || (c.decay !== null && dateColumn < 0)) return;
    criteria.push({
      index,
      source: c,
      label: criterionLabel(c),
      isFit: c.group === 'fit',
      column: fieldColumn as ColumnIndex,
      condition: compileCondition(c.condition, { asOfDay, dateOrder: m.dateOrder }),
      points: c.points,
      countColumn,
      decay: c.decay === null ? null : compileDecay(c.decay, asOfDay, m.dateOrder),
      dateColumn,
      capMin: Math.max(c.cap.min ?? -MAX_CONTRIBUTION, -MAX_CONTRIBUTION),
      capMax: Math.min(c.cap.max ?? MAX_CONTRIBUTION, MAX_CONTRIBUTION),
      fixedUnits: null,
      verdicts: new Uint8Array(BLOCK),
      grouped: 'no',
      textCounts: new Map(),
    });
  });

  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };

  const { unitsPerPoint, maximumUnits } = scoreArithmetic(m);
  const percentScale = maximumUnits !== null;
  const pointsPerScorePoint = percentScale ? maximumScore(m) / 100 : 1;
  const toUnits = (cap: Cap): UnitBounds => {
    const inUnits = capInUnits(cap, unitsPerPoint);
    return { min: inUnits.min ?? Number.NEGATIVE_INFINITY, max: inUnits.max ?? Number.POSITIVE_INFINITY };
  };
  // Most criteria give the same points whenever they match: work those out once.
  for (const c of criteria) {
    if (c.countColumn < 0 && c.decay === null) c.fixedUnits = unitsOf(Math.min(Math.max(c.points, c.capMin), c.capMax), unitsPerPoint);
  }
  const textColumns: TextColumn[] = [];
  for (const c of criteria) {
    if (c.grouped !== 'no' || !readsText(c.condition)) continue;
    const members = criteria.filter((o) => o.column === c.column && readsText(o.condition));
    if (members.length < 2) continue;
    for (const o of members) o.grouped = o.fixedUnits === null ? 'verdicts' : 'scored';
    textColumns.push({ column: c.column, tallied: members.filter((o) => o.grouped === 'scored'), others: members.filter((o) => o.grouped === 'verdicts'), seen: new Map() });
  }
  const accumulated = criteria.filter((c) => c.grouped !== 'scored');
  const fitBounds = toUnits(m.groupCaps.fit);
  const engagementBounds = toUnits(m.groupCaps.engagement);
  const totalBounds = toUnits(m.totalCap);
  const scaleBounds: UnitBounds = maximumUnits !== null ? { min: 0, max: maximumUnits } : { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  const bandFrom = m.bands.map((b) => b.from);
  const { mql, sql } = m.stages;

  /**
   * A lead's hundredths from its Fit and Engagement units and its bounded total. On the points
   * scale a unit is a hundredth. On the 0-100 scale the total is scaled once, and its
   * hundredths are split among Fit, Engagement and what the total's bounds changed, so that
   * Fit + Engagement + those caps is the score exactly (shares[2] holds the caps' hundredths).
   */
  const shares = new Float64Array(3);
  const scoreCents = (fit: Units, engagement: Units, total: Units): number => {
    if (maximumUnits === null) {
      shares[0] = fit;
      shares[1] = engagement;
      shares[2] = total - fit - engagement;
      return total;
    }
    const cents = scaledCents(total, maximumUnits);
    apportionThree(cents, fit, engagement, total - fit - engagement, maximumUnits, shares);
    return cents;
  };
  /** Units in the score's scale, to the hundredth, for the labels of caps. */
  const show = (units: Units): number => (maximumUnits === null ? units : scaledCents(units, maximumUnits)) / 100;

  // Explaining a row takes the same steps as scoring a block (criterionUnits, bounded, in
  // integer units, then scoreCents), so an explanation always adds up to the score the block
  // gives. Each part's hundredths are its share of its level's (Fit, Engagement, the total's caps).
  const explainRow = (row: readonly unknown[]): { score: number; fit: number; engagement: number; parts: ExplanationPart[] } => {
    const pending: { part: Omit<ExplanationPart, 'points'>; units: Units; level: number }[] = [];
    const FIT = 0;
    const ENGAGEMENT = 1;
    const TOTAL = 2;
    const UNSCORED = -1;
    let fitUnits: Units = 0;
    let engagementUnits: Units = 0;
    for (const c of criteria) {
      const value = row[c.column];
      const verdict = testCell(c.condition, value);
      if (verdict === UNUSABLE) pending.push({ part: unusablePart(c, `'${c.source.field}': ${c.condition.whyUnusable(value)}`), units: 0, level: UNSCORED });
      if (verdict !== MATCH) continue;
      const trace: Trace = { count: 1, undecayed: c.points, uncapped: c.points, capped: Math.min(Math.max(c.points, c.capMin), c.capMax) };
      const units = c.fixedUnits ?? criterionUnits(c, row, unitsPerPoint, trace);
      if (Number.isNaN(units)) {
        pending.push({ part: unusablePart(c, `count '${c.source.perOccurrenceOf ?? ''}': ${whyNotNumber(row[c.countColumn])}`), units: 0, level: UNSCORED });
        continue;
      }
      if (trace.count <= 0) continue;
      if (c.isFit) fitUnits += units;
      else engagementUnits += units;
      pending.push({
        part: {
          kind: 'criterion',
          group: c.source.group,
          label: c.label,
          detail: criterionDetail(c, row, value, trace, percentScale ? pointsPerScorePoint : null),
          criterionIndex: c.index,
        },
        units,
        level: c.isFit ? FIT : ENGAGEMENT,
      });
    }
    const limit = (sum: Units, bounds: UnitBounds, level: number, group: Group | null, what: string): Units => {
      const limited = bounded(sum, bounds);
      if (limited !== sum) pending.push({ part: capPart(sum, limited, bounds, group, what, show), units: limited - sum, level });
      return limited;
    };
    const fit = limit(fitUnits, fitBounds, FIT, 'fit', `${GROUP_LABELS.fit} points`);
    const engagement = limit(engagementUnits, engagementBounds, ENGAGEMENT, 'engagement', `${GROUP_LABELS.engagement} points`);
    const total = limit(limit(fit + engagement, totalBounds, TOTAL, null, 'Total'), scaleBounds, TOTAL, null, 'The 0-100 scale');
    const score = scoreCents(fit, engagement, total);
    const cents = pending.map(() => 0);
    for (const level of [FIT, ENGAGEMENT, TOTAL]) {
      const members = pending.flatMap((p, i) => (p.level === level ? [i] : []));
      const split = maximumUnits === null ? members.map((i) => pending[i]?.units ?? 0) : apportion(shares[level] ?? 0, members.map((i) => pending[i]?.units ?? 0), maximumUnits);
      members.forEach((i, k) => (cents[i] = split[k] ?? 0));
    }
    const parts = pending.map((p, i): ExplanationPart => ({ ...p.part, points: (cents[i] ?? 0) / 100 }));
    return { score: score / 100, fit: (shares[0] ?? 0) / 100, engagement: (shares[1] ?? 0) / 100, parts };
  };

  const bandOf = (score: number): number => {
    let band = 0;
    for (let i = 1; i < bandFrom.length; i++) if (score >= (bandFrom[i] ?? Number.POSITIVE_INFINITY)) band = i;
    return band;
  };
  const stageOf = (score: number): number => (sql !== null && score >= sql ? 2 : mql !== null && score >= mql ? 1 : 0);

  const scoreRow = (row: readonly unknown[]): LeadScore => {
    const { score, fit, engagement, parts } = explainRow(row);
    const bandIndex = bandOf(score);
    return {
      score,
      fit,
      engagement,
      band: m.bands[bandIndex] as Band,
      bandIndex,
      stage: STAGES[stageOf(score)] ?? null,
      explanation: parts,
    };
  };

  const scoreRows = (rows: readonly (readonly unknown[])[]): ScoredRows => {
    const n = rows.length;
    const result: ScoredRows = {
      count: n,
      scores: new Float64Array(n),
      fit: new Float64Array(n),
      engagement: new Float64Array(n),
      bandIndex: new Uint8Array(n),
      stageIndex: new Uint8Array(n),
      unusableCells: new Uint16Array(n),
      explain: (i) => scoreRow(rows[i] ?? []),
    };
    const fitUnits = new Float64Array(BLOCK);
    const engagementUnits = new Float64Array(BLOCK);
    const unusable = new Uint16Array(BLOCK);
    for (let start = 0; start < n; start += BLOCK) {
      const end = Math.min(n, start + BLOCK);
      fitUnits.fill(0);
      engagementUnits.fill(0);
      unusable.fill(0);
      for (const g of textColumns) fillTextColumn(g, rows, start, end, fitUnits, engagementUnits, unusable);
      for (const c of accumulated) accumulate(c, rows, start, end, c.isFit ? fitUnits : engagementUnits, unusable, unitsPerPoint);
      for (let i = start; i < end; i++) {
        const j = i - start;
        const fit = bounded(fitUnits[j] ?? 0, fitBounds);
        const engagement = bounded(engagementUnits[j] ?? 0, engagementBounds);
        const total = bounded(bounded(fit + engagement, totalBounds), scaleBounds);
        const score = scoreCents(fit, engagement, total) / 100;
        result.scores[i] = score;
        result.fit[i] = (shares[0] ?? 0) / 100;
        result.engagement[i] = (shares[1] ?? 0) / 100;
        result.bandIndex[i] = bandOf(score);
        result.stageIndex[i] = stageOf(score);
        result.unusableCells[i] = unusable[j] ?? 0;
      }
    }
    return result;
  };

  const compiled: CompiledModel = {
    model: m,
    headers: lookup.headers,
    asOf: isoDateFromExcelSerial(asOfDay),
    pointsPerScorePoint,
    bands: m.bands,
    scoreRow,
    scoreRows,
  };
  return resultOf(compiled, problems);
}

function listHeaders(headers: readonly string[]): string {
  const named = headers.filter((h) => h.trim() !== '').map((h) => `'${h.trim()}'`);
  return named.length <= 12 ? named.join(', ') : `${named.slice(0, 12).join(', ')} and ${named.length - 12} more`;
}

function resolveAsOf(m: Model, options: CompileOptions, problems: Problem[]): number {
  const given = options.asOf;
  if (typeof given === 'number') {
    if (isExcelDateSerial(given)) return Math.floor(given);
    problems.push({ severity: 'error', at: { input: 'as-of date' }, message: `${given} is not an Excel date serial number` });
  } else if (typeof given === 'string') {
    const serial = excelSerialFromIsoDate(given);
    if (!Number.isNaN(serial)) return serial;
    problems.push({ severity: 'error', at: { input: 'as-of date' }, message: `'${given}' is not a date`, hint: 'write it as YYYY-MM-DD' });
  } else if (given instanceof Date) {
    if (!Number.isNaN(given.getTime())) return excelSerialFromLocalDate(given);
    problems.push({ severity: 'error', at: { input: 'as-of date' }, message: 'an invalid Date' });
  }
  if (m.asOf !== null) {
    const serial = excelSerialFromIsoDate(m.asOf);
    if (!Number.isNaN(serial)) return serial;
  }
  return excelSerialFromLocalDate(options.today ?? new Date());
}
