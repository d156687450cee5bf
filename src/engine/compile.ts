import { excelSerialFromIsoDate, excelSerialFromLocalDate, isExcelDateSerial, isoDateFromExcelSerial } from './cells/excelDate';
import { whyNotNumber } from './cells/readCell';
import { headerLookup, type ColumnIndex } from './columns';
import { compileCondition, MATCH, readsText, testCell, UNUSABLE } from './conditions/compileCondition';
import { compileDecay } from './decay';
import { GROUP_LABELS, type Band, type Cap, type Model, type Stage } from './model';
import { resultOf, type Problem, type Result } from './problems';
import { maximumScore } from './scoreRange';
import { accumulate, BLOCK, centsOf, criterionCents, MAX_CONTRIBUTION, type CompiledCriterion, type Trace } from './scoring/compiledCriterion';
import { bounded, criterionDetail, criterionLabel, unusablePart, type CentBounds, type Cents, type ExplanationPart } from './scoring/explanation';
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
      fixedCents: null,
      verdicts: new Uint8Array(BLOCK),
      grouped: 'no',
      textCounts: new Map(),
    });
  });

  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };

  const percentScale = m.scale === '0-100';
  const pointsPerScorePoint = percentScale ? maximumScore(m) / 100 : 1;
  // 10000 / max rather than 100 / (max / 100): the same, without an underflow on the way.
  const centsPerPoint = percentScale ? 10_000 / maximumScore(m) : 100;
  const toCents = (cap: Cap): CentBounds => ({
    min: cap.min === null ? Number.NEGATIVE_INFINITY : Math.round(cap.min * centsPerPoint) + 0,
    max: cap.max === null ? Number.POSITIVE_INFINITY : Math.round(cap.max * centsPerPoint) + 0,
  });
  // Most criteria give the same points whenever they match: work those out once.
  for (const c of criteria) {
    if (c.countColumn < 0 && c.decay === null) c.fixedCents = centsOf(Math.min(Math.max(c.points, c.capMin), c.capMax), centsPerPoint);
  }
  const textColumns: TextColumn[] = [];
  for (const c of criteria) {
    if (c.grouped !== 'no' || !readsText(c.condition)) continue;
    const members = criteria.filter((o) => o.column === c.column && readsText(o.condition));
    if (members.length < 2) continue;
    for (const o of members) o.grouped = o.fixedCents === null ? 'verdicts' : 'scored';
    textColumns.push({ column: c.column, tallied: members.filter((o) => o.grouped === 'scored'), others: members.filter((o) => o.grouped === 'verdicts'), seen: new Map() });
  }
  const accumulated = criteria.filter((c) => c.grouped !== 'scored');
  const fitBounds = toCents(m.groupCaps.fit);
  const engagementBounds = toCents(m.groupCaps.engagement);
  const totalBounds = toCents(m.totalCap);
  const scaleBounds: CentBounds = percentScale ? { min: 0, max: 10_000 } : { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  const bandFrom = m.bands.map((b) => b.from);
  const { mql, sql } = m.stages;

  // Explaining a row takes the same steps as scoring a block (criterionCents, bounded, in
  // integer cents), so an explanation always adds up to the score the block gives.
  const explainRow = (row: readonly unknown[]): { fit: Cents; engagement: Cents; total: Cents; parts: ExplanationPart[] } => {
    const parts: ExplanationPart[] = [];
    let fit: Cents = 0;
    let engagement: Cents = 0;
    for (const c of criteria) {
      const value = row[c.column];
      const verdict = testCell(c.condition, value);
      if (verdict === UNUSABLE) parts.push(unusablePart(c, `'${c.source.field}': ${c.condition.whyUnusable(value)}`));
      if (verdict !== MATCH) continue;
      const trace: Trace = { count: 1, undecayed: c.points, uncapped: c.points, capped: Math.min(Math.max(c.points, c.capMin), c.capMax) };
      const cents = c.fixedCents ?? criterionCents(c, row, centsPerPoint, trace);
      if (Number.isNaN(cents)) {
        parts.push(unusablePart(c, `count '${c.source.perOccurrenceOf ?? ''}': ${whyNotNumber(row[c.countColumn])}`));
        continue;
      }
      if (trace.count <= 0) continue;
      if (c.isFit) fit += cents;
      else engagement += cents;
      parts.push({
        kind: 'criterion',
        group: c.source.group,
        label: c.label,
        points: cents / 100,
        detail: criterionDetail(c, row, value, trace, percentScale ? pointsPerScorePoint : null),
        criterionIndex: c.index,
      });
    }
    fit = bounded(fit, fitBounds, parts, 'fit', `${GROUP_LABELS.fit} points`);
    engagement = bounded(engagement, engagementBounds, parts, 'engagement', `${GROUP_LABELS.engagement} points`);
    const total = bounded(bounded(fit + engagement, totalBounds, parts, null, 'Total'), scaleBounds, parts, null, 'The 0-100 scale');
    return { fit, engagement, total, parts };
  };

  const bandOf = (score: number): number => {
    let band = 0;
    for (let i = 1; i < bandFrom.length; i++) if (score >= (bandFrom[i] ?? Number.POSITIVE_INFINITY)) band = i;
    return band;
  };
  const stageOf = (score: number): number => (sql !== null && score >= sql ? 2 : mql !== null && score >= mql ? 1 : 0);

  const scoreRow = (row: readonly unknown[]): LeadScore => {
    const { fit, engagement, total, parts } = explainRow(row);
    const score = total / 100;
    const bandIndex = bandOf(score);
    return {
      score,
      fit: fit / 100,
      engagement: engagement / 100,
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
    const fitCents = new Float64Array(BLOCK);
    const engagementCents = new Float64Array(BLOCK);
    const unusable = new Uint16Array(BLOCK);
    for (let start = 0; start < n; start += BLOCK) {
      const end = Math.min(n, start + BLOCK);
      fitCents.fill(0);
      engagementCents.fill(0);
      unusable.fill(0);
      for (const g of textColumns) fillTextColumn(g, rows, start, end, fitCents, engagementCents, unusable);
      for (const c of accumulated) accumulate(c, rows, start, end, c.isFit ? fitCents : engagementCents, unusable, centsPerPoint);
      for (let i = start; i < end; i++) {
        const j = i - start;
        const fit = bounded(fitCents[j] ?? 0, fitBounds, null, 'fit', '');
        const engagement = bounded(engagementCents[j] ?? 0, engagementBounds, null, 'engagement', '');
        const total = bounded(bounded(fit + engagement, totalBounds, null, null, ''), scaleBounds, null, null, '');
        const score = total / 100;
        result.scores[i] = score;
        result.fit[i] = fit / 100;
        result.engagement[i] = engagement / 100;
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
