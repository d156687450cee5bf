import { isBlank, showCell } from './cells/cellValue';
import { excelSerialFromIsoDate, excelSerialFromLocalDate, isExcelDateSerial, isoDateFromExcelSerial } from './cells/excelDate';
import { readNumber, whyNotNumber } from './cells/readCell';
import { headerLookup, type ColumnIndex } from './columns';
import { describeCondition } from './conditions/conditionLabels';
import { compileCondition, MATCH, NO_MATCH, readsText, testCell, testRows, UNUSABLE, type CompiledCondition } from './conditions/compileCondition';
import { compileDecay, decayPoints, describeDecayEffect, type CompiledDecay } from './decay';
import { GROUP_LABELS, type Band, type Cap, type Criterion, type Group, type Model, type Stage } from './model';
import { resultOf, type Problem, type Result } from './problems';
import { maximumScore } from './scoreRange';
import { validateModel } from './validate';
import { whereOf } from './where';

export interface CompileOptions {
  /** The day ages are measured to: 'YYYY-MM-DD', an Excel serial, or a Date (its local day). Overrides the model's as-of. */
  readonly asOf?: string | number | Date;
  /** Today, for a model without an as-of date; a parameter so that results are reproducible. */
  readonly today?: Date;
}

/** One line of a lead's explanation. The points of all parts add up to the score. */
export interface ExplanationPart {
  /** 'criterion': a criterion that matched; 'unusable': one whose cell could not be read (0 points); 'cap': a cap or the scale's bounds. */
  readonly kind: 'criterion' | 'unusable' | 'cap';
  readonly group: Group | null;
  readonly label: string;
  /** Contribution to the score, in the score's scale, to the hundredth. */
  readonly points: number;
  readonly detail: string;
  /** Position of the criterion in the model, for 'criterion' and 'unusable' parts. */
  readonly criterionIndex: number | null;
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

interface CompiledCriterion {
  readonly index: number;
  readonly source: Criterion;
  readonly label: string;
  readonly isFit: boolean;
  readonly column: ColumnIndex;
  readonly condition: CompiledCondition;
  readonly points: number;
  /** -1 when points are given once. */
  readonly countColumn: number;
  readonly decay: CompiledDecay | null;
  readonly dateColumn: number;
  readonly capMin: number;
  readonly capMax: number;
  /** The cents of a criterion that gives the same points whenever it matches; null otherwise. */
  fixedCents: number | null;
  /** This criterion's outcomes for the block being scored. */
  readonly outcomes: Uint8Array;
  /** 'outcomes' when a TextColumn fills in the outcomes, 'scored' when it also adds the cents. */
  grouped: 'no' | 'outcomes' | 'scored';
  /** Per-occurrence counts written as text, read so far. */
  readonly textCounts: Map<string, number>;
}

/**
 * Several text criteria on one column (Title equals CEO; Title contains Manager; Title
 * matches VP *): each distinct cell is tested by all of them once. What the criteria that
 * give fixed points come to for that cell is remembered with it, so that every other row with
 * the same text takes three additions, however many criteria there are; the outcomes of the
 * other criteria are remembered too, for accumulate.
 */
interface TextColumn {
  readonly column: number;
  /** Criteria with fixedCents: scored here, not by accumulate. */
  readonly tallied: readonly CompiledCriterion[];
  /** Criteria whose points depend on other cells: their outcomes are filled in here. */
  readonly others: readonly CompiledCriterion[];
  readonly seen: Map<unknown, CellTally>;
}

/**
 * What the criteria of a TextColumn make of one cell: [fit cents, engagement cents, unusable
 * cells] of the tallied criteria, then the outcome of each of the others.
 */
type CellTally = Float64Array;
const FIT = 0;
const ENGAGEMENT = 1;
const UNUSABLE_CELLS = 2;
const OUTCOMES = 3;

const REMEMBERED_CELLS = 65_536;

/** Tests one cell with every criterion of a TextColumn, once per distinct cell. */
function tallyOf(g: TextColumn, value: unknown): CellTally {
  const tally = new Float64Array(OUTCOMES + g.others.length);
  let fit = 0;
  let engagement = 0;
  let unusable = 0;
  for (const c of g.tallied) {
    const outcome = testCell(c.condition, value);
    if (outcome === UNUSABLE) unusable++;
    else if (outcome === MATCH && c.isFit) fit += c.fixedCents ?? 0;
    else if (outcome === MATCH) engagement += c.fixedCents ?? 0;
  }
  tally[FIT] = fit;
  tally[ENGAGEMENT] = engagement;
  tally[UNUSABLE_CELLS] = unusable;
  g.others.forEach((c, k) => (tally[OUTCOMES + k] = testCell(c.condition, value)));
  return tally;
}

/** Scores a TextColumn's tallied criteria for a block of rows and fills in the others' outcomes. */
function fillTextColumn(
  g: TextColumn,
  rows: readonly (readonly unknown[])[],
  start: number,
  end: number,
  fitCents: Float64Array,
  engagementCents: Float64Array,
  unusable: Uint16Array,
): void {
  const { others, seen, column } = g;
  for (let i = start; i < end; i++) {
    const value = (rows[i] ?? EMPTY_ROW)[column];
    let tally = seen.get(value);
    if (tally === undefined) {
      tally = tallyOf(g, value);
      if (seen.size < REMEMBERED_CELLS && (typeof value === 'string' || typeof value === 'number')) seen.set(value, tally);
    }
    // Sums of whole cents are exact in any order, so adding a cell's criteria together here
    // gives the same totals as adding them one by one in accumulate.
    const j = i - start;
    fitCents[j] = (fitCents[j] ?? 0) + (tally[FIT] ?? 0);
    engagementCents[j] = (engagementCents[j] ?? 0) + (tally[ENGAGEMENT] ?? 0);
    unusable[j] = (unusable[j] ?? 0) + (tally[UNUSABLE_CELLS] ?? 0);
    for (let k = 0; k < others.length; k++) (others[k] as CompiledCriterion).outcomes[j] = tally[OUTCOMES + k] ?? NO_MATCH;
  }
}

/** The steps from points to a criterion's contribution, for its explanation. */
interface Trace {
  count: number;
  undecayed: number;
  uncapped: number;
  capped: number;
}

/**
 * The cents a matched criterion gives for a row: per occurrence, decayed, capped. NaN when its
 * count cell cannot be read; 0 (with trace.count <= 0) when there is nothing to count.
 */
function criterionCents(c: CompiledCriterion, row: readonly unknown[], centsPerPoint: number, trace: Trace | null): number {
  let raw = c.points;
  let count = 1;
  if (c.countColumn >= 0) {
    const countValue = row[c.countColumn];
    if (typeof countValue === 'number') count = countValue;
    else if (typeof countValue === 'string') {
      // Counts written as text (" 42 ", "1,200") repeat down a column: read each once.
      const known = c.textCounts.get(countValue);
      count = known ?? (isBlank(countValue) ? 0 : readNumber(countValue));
      if (known === undefined && c.textCounts.size < REMEMBERED_CELLS) c.textCounts.set(countValue, count);
    } else count = isBlank(countValue) ? 0 : readNumber(countValue);
    if (Number.isNaN(count)) return Number.NaN;
    if (count <= 0) {
      if (trace !== null) trace.count = count;
      return 0;
    }
    raw *= count;
  }
  const undecayed = raw;
  if (c.decay !== null) raw = decayPoints(c.decay, raw, row[c.dateColumn]);
  const uncapped = raw;
  if (raw < c.capMin) raw = c.capMin;
  else if (raw > c.capMax) raw = c.capMax;
  if (trace !== null) {
    trace.count = count;
    trace.undecayed = undecayed;
    trace.uncapped = uncapped;
    trace.capped = raw;
  }
  return Math.round(raw * centsPerPoint);
}

const EMPTY_ROW: readonly unknown[] = [];
const BLOCK = 512;

/**
 * Adds one criterion's cents to a block of rows. Scoring a block criterion by criterion keeps
 * each loop tight and its branches predictable (the same condition for every row), and lets
 * the processor fetch many rows' cells at once.
 */
function accumulate(
  c: CompiledCriterion,
  rows: readonly (readonly unknown[])[],
  start: number,
  end: number,
  cents: Float64Array,
  unusable: Uint16Array,
  centsPerPoint: number,
): void {
  const outcomes = c.outcomes;
  if (c.grouped === 'no') testRows(c.condition, rows, c.column, start, end, outcomes);
  const fixed = c.fixedCents;
  const n = end - start;
  if (fixed !== null) {
    // Without branches: whether a lead matches is a coin toss the processor cannot predict.
    // MATCH is 1 and UNUSABLE is 2, so (outcome & 1) counts a match and (outcome >> 1) a bad cell.
    for (let j = 0; j < n; j++) {
      const outcome = outcomes[j] ?? NO_MATCH;
      cents[j] = (cents[j] ?? 0) + fixed * (outcome & 1);
      unusable[j] = (unusable[j] ?? 0) + (outcome >> 1);
    }
    return;
  }
  for (let j = 0; j < n; j++) {
    const outcome = outcomes[j];
    if (outcome === NO_MATCH) continue;
    if (outcome === MATCH) {
      const given = criterionCents(c, rows[start + j] ?? EMPTY_ROW, centsPerPoint, null);
      if (Number.isNaN(given)) unusable[j] = (unusable[j] ?? 0) + 1;
      else cents[j] = (cents[j] ?? 0) + given;
    } else {
      unusable[j] = (unusable[j] ?? 0) + 1;
    }
  }
}

/**
 * No criterion gives more than a billion points either way, whatever count a cell holds, so
 * that sums of hundredths stay exact integers (below 2^53) and explanations still add up.
 */
const MAX_CONTRIBUTION = 1e9;

/** Integer hundredths of a score point: sums of them are exact, so explanations add up. */
type Cents = number;

interface CentBounds {
  readonly min: Cents;
  readonly max: Cents;
}

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
          where: whereOf(path),
          message: `unknown column '${field}'${c.enabled ? '' : ' (the criterion is disabled, so it is not scored)'}`,
          hint: suggestion !== undefined ? `did you mean '${suggestion}'?` : `the table's columns are ${listHeaders(lookup.headers)}`,
          path,
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
      outcomes: new Uint8Array(BLOCK),
      grouped: 'no',
      textCounts: new Map(),
    });
  });

  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };

  const percentScale = m.scale === '0-100';
  const pointsPerScorePoint = percentScale ? maximumScore(m) / 100 : 1;
  const centsPerPoint = 100 / pointsPerScorePoint;
  const toCents = (cap: Cap): CentBounds => ({
    min: cap.min === null ? Number.NEGATIVE_INFINITY : Math.round(cap.min * centsPerPoint),
    max: cap.max === null ? Number.POSITIVE_INFINITY : Math.round(cap.max * centsPerPoint),
  });
  // Most criteria give the same points whenever they match: work those out once.
  for (const c of criteria) {
    if (c.countColumn < 0 && c.decay === null) c.fixedCents = Math.round(Math.min(Math.max(c.points, c.capMin), c.capMax) * centsPerPoint);
  }
  const textColumns: TextColumn[] = [];
  for (const c of criteria) {
    if (c.grouped !== 'no' || !readsText(c.condition)) continue;
    const members = criteria.filter((o) => o.column === c.column && readsText(o.condition));
    if (members.length < 2) continue;
    for (const o of members) o.grouped = o.fixedCents === null ? 'outcomes' : 'scored';
    textColumns.push({ column: c.column, tallied: members.filter((o) => o.grouped === 'scored'), others: members.filter((o) => o.grouped === 'outcomes'), seen: new Map() });
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
      const outcome = testCell(c.condition, value);
      if (outcome === UNUSABLE) parts.push(unusablePart(c, `'${c.source.field}': ${c.condition.whyUnusable(value)}`));
      if (outcome !== MATCH) continue;
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

/** The name a criterion is shown by: its own, or its condition in words. */
export function criterionLabel(c: Criterion): string {
  return c.name !== '' ? c.name : describeCondition(c.field, c.condition);
}

function unusablePart(c: CompiledCriterion, why: string): ExplanationPart {
  return { kind: 'unusable', group: c.source.group, label: c.label, points: 0, detail: `not scored: ${why}`, criterionIndex: c.index };
}

/** Applies bounds to a sum of cents, adding an explanation part for what they took away. */
function bounded(sum: Cents, bounds: CentBounds, parts: ExplanationPart[] | null, group: Group | null, what: string): Cents {
  const limited = sum < bounds.min ? bounds.min : sum > bounds.max ? bounds.max : sum;
  if (parts !== null && limited !== sum) {
    const atMax = limited === bounds.max;
    parts.push({
      kind: 'cap',
      group,
      label: `${what} ${atMax ? 'capped at' : 'raised to'} ${limited / 100}`,
      points: (limited - sum) / 100,
      detail: `${what} came to ${sum / 100}; the ${atMax ? 'maximum' : 'minimum'} is ${limited / 100}`,
      criterionIndex: null,
    });
  }
  return limited;
}

function criterionDetail(c: CompiledCriterion, row: readonly unknown[], value: unknown, trace: Trace, pointsPerScorePoint: number | null): string {
  const { count, undecayed, uncapped, capped } = trace;
  const steps = [`${c.source.field} = ${showCell(value)}`];
  if (c.countColumn >= 0) steps.push(`${count} x ${c.points} = ${round2(undecayed)}`);
  const decayNote = c.decay === null ? null : describeDecayEffect(c.decay, undecayed, row[c.dateColumn]);
  if (decayNote !== null) steps.push(uncapped === undecayed ? decayNote : `${decayNote}, ${round2(undecayed)} -> ${round2(uncapped)}`);
  if (capped !== uncapped) steps.push(`capped at ${capped}`);
  if (pointsPerScorePoint !== null) steps.push(`${round2(capped)} of ${round2(pointsPerScorePoint * 100)} possible points`);
  return steps.join('; ');
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function listHeaders(headers: readonly string[]): string {
  const named = headers.filter((h) => h.trim() !== '').map((h) => `'${h.trim()}'`);
  return named.length <= 12 ? named.join(', ') : `${named.slice(0, 12).join(', ')} and ${named.length - 12} more`;
}

function resolveAsOf(m: Model, options: CompileOptions, problems: Problem[]): number {
  const given = options.asOf;
  if (typeof given === 'number') {
    if (isExcelDateSerial(given)) return Math.floor(given);
    problems.push({ severity: 'error', where: 'as-of date', message: `${given} is not an Excel date serial number`, path: ['asOf'] });
  } else if (typeof given === 'string') {
    const serial = excelSerialFromIsoDate(given);
    if (!Number.isNaN(serial)) return serial;
    problems.push({ severity: 'error', where: 'as-of date', message: `'${given}' is not a date`, hint: 'write it as YYYY-MM-DD', path: ['asOf'] });
  } else if (given instanceof Date) {
    if (!Number.isNaN(given.getTime())) return excelSerialFromLocalDate(given);
    problems.push({ severity: 'error', where: 'as-of date', message: 'an invalid Date', path: ['asOf'] });
  }
  if (m.asOf !== null) {
    const serial = excelSerialFromIsoDate(m.asOf);
    if (!Number.isNaN(serial)) return serial;
  }
  return excelSerialFromLocalDate(options.today ?? new Date());
}
