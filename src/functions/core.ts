/**
 * What the =LEADSCORE.* functions do, without Office: src/functions/functions.ts only hands
 * Excel's arguments to these and turns error values into CustomFunctions.Error. Every entry
 * point returns a value or an error value; none throws, none waits.
 *
 * Arguments arrive as Excel passes them: ranges as 2-D arrays of numbers, strings, booleans,
 * null or "" for empty cells, and error objects for error cells.
 */
import {
  describeLocation,
  excelErrorOf,
  formatProblem,
  GROUP_LABELS,
  isBlank,
  modelFromCells,
  modelPathOf,
  readDate,
  STAGES,
  type CompiledModel,
  type ExplanationPart,
  type Model,
  type Problem,
  type ScoredRows,
} from '../engine';
import { plainCell, plainRows } from './dataTypes';
import { digestOfHandle } from './handle';
import { registerFromTables, type ModelSource } from './modelRecovery';
import { ModelRegistry, type RegisteredModel } from './registry';

/** The functions' documentation page; every function's help link. */
export const HELP_URL = 'https://github.com/leadscore/leadscore-excel/blob/main/docs/custom-functions.md';

/** The CustomFunctions.ErrorCode names used: the two that carry a message. */
export type ErrorCode = 'invalidValue' | 'notAvailable';

/** Builds the error value a cell shows: CustomFunctions.Error in Excel, a fake in tests. */
export type MakeError = (code: ErrorCode, message: string) => unknown;

export type Matrix = unknown[][];

export interface FunctionsOptions {
  readonly makeError: MakeError;
  readonly registry?: ModelRegistry;
  /**
   * Where a handle that is not loaded (a reopened workbook, another runtime) is looked for: the
   * workbook's model tables. Without one, such a handle gives #VALUE! saying what to do.
   */
  readonly modelSource?: ModelSource;
}

/** Column headings of =LEADSCORE.EXPLAIN's spilled table. */
export const EXPLAIN_HEADINGS = ['Group', 'Criterion', 'Points', 'Detail'] as const;
/** Column headings of =LEADSCORE.PROBLEMS's spilled table. */
export const PROBLEMS_HEADINGS = ['Severity', 'Where', 'Problem'] as const;

/** Excel shows a custom error message in the cell's error menu; keep it readable there. */
const MAX_MESSAGE = 480;

/** A failure of one call, with the message the cell's error menu shows. */
class CallError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

/** A handle whose model this runtime has not compiled, to be looked for in the workbook. */
class MissingModel extends CallError {
  constructor(
    readonly handle: string,
    message: string,
  ) {
    super('invalidValue', message);
  }
}

type LeadValue = (scored: ScoredRows, row: number, compiled: CompiledModel) => unknown;

/** A result at once, or, when the model had to be read from the workbook first, a promise of it (Excel awaits it). */
export type MatrixResult = Matrix | Promise<Matrix>;

export interface LeadScoreFunctions {
  readonly registry: ModelRegistry;
  /** =LEADSCORE.MODEL: the handle text, or an error value. */
  model(criteria: unknown, bands: unknown, settings: unknown, headers: unknown): unknown;
  score(model: unknown, lead: unknown, asOf?: unknown): MatrixResult;
  band(model: unknown, lead: unknown, asOf?: unknown): MatrixResult;
  stage(model: unknown, lead: unknown, asOf?: unknown): MatrixResult;
  fit(model: unknown, lead: unknown, asOf?: unknown): MatrixResult;
  engagement(model: unknown, lead: unknown, asOf?: unknown): MatrixResult;
  explain(model: unknown, lead: unknown, asOf?: unknown): MatrixResult;
  problems(criteria: unknown, bands: unknown, settings: unknown, headers?: unknown): Matrix;
}

export function createLeadScoreFunctions(options: FunctionsOptions): LeadScoreFunctions {
  const registry = options.registry ?? new ModelRegistry();
  const { makeError } = options;
  const toValue = (e: CallError): unknown => makeError(e.code, clip(e.message));

  /** Runs one call: an expected failure becomes its error value, an unexpected one too. */
  const guarded = <T>(name: string, body: () => T, onError: (error: unknown) => T): T => {
    try {
      return body();
    } catch (thrown) {
      if (thrown instanceof CallError) return onError(toValue(thrown));
      const why = thrown instanceof Error ? thrown.message : String(thrown);
      return onError(makeError('invalidValue', clip(`LEADSCORE.${name}: internal error (${why}). Please report it with the workbook.`)));
    }
  };
  const scalar = (name: string, body: () => unknown): unknown => guarded(name, body, (error) => error);
  const matrix = (name: string, body: () => Matrix): Matrix => guarded(name, body, (error) => [[error]]);

  const resolve = (name: string, handle: unknown, lastTry = false): RegisteredModel => {
    const text = handleArgument(name, handle);
    const registered = registry.lookup(text);
    if (registered !== undefined) return registered;
    const message =
      `LEADSCORE.${name}: the model ${text.slice(text.lastIndexOf('#'))} is not loaded in this Excel session, and the model tables ` +
      'in this workbook no longer give it (they were edited since, or the LEADSCORE.MODEL cell reads other cells). Press ' +
      'Ctrl+Alt+F9 to recalculate all formulas (or re-enter the LEADSCORE.MODEL cell).';
    throw lastTry || options.modelSource === undefined ? new CallError('invalidValue', message) : new MissingModel(text, message);
  };

  /** One read of the workbook per missing handle, however many cells ask at once. */
  const recoveries = new Map<string, Promise<void>>();
  const recover = (handle: string): Promise<void> => {
    const source = options.modelSource;
    if (source === undefined) return Promise.resolve();
    let pending = recoveries.get(handle);
    if (pending === undefined) {
      pending = source.read().then(
        (tables) => {
          if (tables !== null) registerFromTables(registry, handle, tables);
        },
        () => undefined,
      );
      recoveries.set(handle, pending);
    }
    return pending;
  };

  /** Runs a call on the model its handle names; on a miss, once the workbook's tables were read, once more. */
  const withModel = (name: string, handle: unknown, body: (registered: RegisteredModel) => Matrix): MatrixResult => {
    let missed: string | null = null;
    const first = matrix(name, () => {
      try {
        return body(resolve(name, handle));
      } catch (thrown) {
        if (thrown instanceof MissingModel) missed = thrown.handle;
        throw thrown;
      }
    });
    if (missed === null) return first;
    return recover(missed).then(() => matrix(name, () => body(resolve(name, handle, true))));
  };

  const compiledFor = (name: string, registered: RegisteredModel, asOf: unknown): CompiledModel => {
    const serial = asOfArgument(name, asOf, registered.model);
    const compiled = registry.compiledFor(registered, serial);
    if (!compiled.ok) throw new CallError('invalidValue', `LEADSCORE.${name}: ${describeProblems(compiled.problems)}`);
    return compiled.value;
  };

  /** SCORE, BAND, ...: one value for one row, a column of values for several rows. */
  const perLead = (name: string, pick: LeadValue) => (handle: unknown, lead: unknown, asOf?: unknown): MatrixResult =>
    withModel(name, handle, (registered) => {
      const rows = leadRows(name, lead, registered.headers.length);
      const compiled = compiledFor(name, registered, asOf);
      const scored = compiled.scoreRows(rows);
      const out: Matrix = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = [isBlankRow(rows[i]) ? '' : pick(scored, i, compiled)];
      return out;
    });

  return {
    registry,
    model: (criteria, bands, settings, headers) =>
      scalar('MODEL', () => {
        const model = readModel('MODEL', criteria, bands, settings);
        const headerRow = headersArgument('MODEL', headers);
        const registered = registry.register(model, headerRow);
        if (!registered.ok) {
          const located = registered.problems.map((p) => locateInCriteriaTable(p, criteria));
          throw new CallError('invalidValue', `LEADSCORE.MODEL: ${describeProblems(located)}`);
        }
        return registered.value.handle;
      }),
    score: perLead('SCORE', (s, i) => s.scores[i]),
    band: perLead('BAND', (s, i, c) => c.bands[s.bandIndex[i] ?? 0]?.name ?? ''),
    stage: perLead('STAGE', (s, i) => STAGES[s.stageIndex[i] ?? 0] ?? ''),
    fit: perLead('FIT', (s, i) => s.fit[i]),
    engagement: perLead('ENGAGEMENT', (s, i) => s.engagement[i]),
    explain: (handle, lead, asOf) =>
      withModel('EXPLAIN', handle, (registered) => {
        const rows = leadRows('EXPLAIN', lead, registered.headers.length);
        if (rows.length !== 1) {
          throw new CallError('invalidValue', `LEADSCORE.EXPLAIN explains one lead: pass one row (${rows.length} rows were given), e.g. Leads[@[Name]:[Country]].`);
        }
        const compiled = compiledFor('EXPLAIN', registered, asOf);
        return explanationTable(compiled.scoreRow(rows[0] ?? []).explanation);
      }),
    problems: (criteria, bands, settings, headers) =>
      matrix('PROBLEMS', () => {
        const read = modelFromCells({
          criteria: tableArgument('PROBLEMS', 'criteria', criteria),
          bands: tableArgument('PROBLEMS', 'bands', bands),
          settings: tableArgument('PROBLEMS', 'settings', settings),
        });
        let found: readonly Problem[] = read.ok ? read.warnings : read.problems;
        if (read.ok && !isOmitted(headers)) {
          const checked = new ModelRegistry({ capacity: 1 }).register(read.value, headersArgument('PROBLEMS', headers));
          found = (checked.ok ? checked.warnings : checked.problems).map((p) => locateInCriteriaTable(p, criteria));
        }
        if (found.length === 0) return [['No problems found', '', '']];
        return [[...PROBLEMS_HEADINGS], ...found.map((p) => [p.severity, describeLocation(p.at), p.hint === undefined ? p.message : `${p.message} (${p.hint})`])];
      }),
  };
}

// ---------------------------------------------------------------------------- arguments

function isOmitted(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** A range argument as rows, data-type cells made plain; a single cell arrives as a plain value. */
function asMatrix(value: unknown): unknown[][] {
  if (!Array.isArray(value)) return [[plainCell(value)]];
  if (value.every(Array.isArray)) return plainRows(value as unknown[][]);
  return plainRows([value]);
}

function errorIn(value: unknown): string | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (excelErrorOf(value) ?? '#VALUE!') : excelErrorOf(value);
}

function handleArgument(name: string, value: unknown): string {
  const cell = Array.isArray(value) ? asMatrix(value)[0]?.[0] : plainCell(value);
  const error = errorIn(cell);
  if (error !== null) {
    throw new CallError('invalidValue', `LEADSCORE.${name}: the model argument is ${error}. Fix the =LEADSCORE.MODEL cell it refers to first (its error menu says what is wrong).`);
  }
  if (isBlank(cell)) {
    throw new CallError('invalidValue', `LEADSCORE.${name}: the model argument is empty. Pass the cell that holds =LEADSCORE.MODEL(...).`);
  }
  const text = typeof cell === 'string' ? cell.trim() : String(cell);
  if (digestOfHandle(text) === null) {
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    throw new CallError('invalidValue', `LEADSCORE.${name}: '${shown}' is not a model. Pass the cell that holds =LEADSCORE.MODEL(...), whose text starts with "Lead model".`);
  }
  return text;
}

/** One of the model's tables, header row first; undefined leaves it to the engine to report. */
function tableArgument(name: string, table: string, value: unknown): unknown[][] | undefined {
  if (isOmitted(value)) return undefined;
  const rows = asMatrix(value);
  if (rows.length === 1 && rows[0]?.length === 1) {
    const error = errorIn(rows[0][0]);
    if (error !== null) {
      throw new CallError('invalidValue', `LEADSCORE.${name}: the ${table} argument is ${error}. Pass the whole ${table} table with its header row, e.g. ${TABLE_EXAMPLES[table] ?? ''}.`);
    }
  }
  return rows;
}

const TABLE_EXAMPLES: Readonly<Record<string, string>> = {
  criteria: 'LeadScoringCriteria[#All]',
  bands: 'LeadScoringBands[#All]',
  settings: 'LeadScoringSettings[#All]',
};

function readModel(name: string, criteria: unknown, bands: unknown, settings: unknown): Model {
  const read = modelFromCells({
    criteria: tableArgument(name, 'criteria', criteria),
    bands: tableArgument(name, 'bands', bands),
    settings: tableArgument(name, 'settings', settings),
  });
  if (!read.ok) throw new CallError('invalidValue', `LEADSCORE.${name}: ${describeProblems(read.problems)}`);
  return read.value;
}

function headersArgument(name: string, value: unknown): string[] {
  const rows = asMatrix(value);
  if (rows.length !== 1) {
    throw new CallError('invalidValue', `LEADSCORE.${name}: headers must be the lead table's header row (one row; ${rows.length} were given), e.g. Leads[#Headers].`);
  }
  const row = rows[0] ?? [];
  return row.map((cell, i) => {
    const error = errorIn(cell);
    if (error !== null) throw new CallError('invalidValue', `LEADSCORE.${name}: header ${i + 1} of the headers argument is ${error}.`);
    return isBlank(cell) ? '' : String(cell).trim();
  });
}

function leadRows(name: string, value: unknown, width: number): unknown[][] {
  const rows = asMatrix(value);
  const wrong = rows.findIndex((row) => row.length !== width);
  if (wrong >= 0) {
    const got = rows[wrong]?.length ?? 0;
    throw new CallError(
      'invalidValue',
      `LEADSCORE.${name}: the lead has ${got} ${got === 1 ? 'column' : 'columns'}, but the model's header row has ${width}. ` +
        'Pass the same columns as the headers argument of LEADSCORE.MODEL, e.g. Leads[@[Name]:[Country]] with Leads[[#Headers],[Name]:[Country]].',
    );
  }
  return rows;
}

function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return row === undefined || row.every(isBlank);
}

/** The as-of argument as an Excel serial, or null to use the model's setting (or today). */
function asOfArgument(name: string, value: unknown, model: Model): number | null {
  const cell = Array.isArray(value) ? asMatrix(value)[0]?.[0] : plainCell(value);
  if (cell === undefined || isBlank(cell)) return null;
  const error = errorIn(cell);
  if (error !== null) throw new CallError('invalidValue', `LEADSCORE.${name}: the asOf argument is ${error}.`);
  const serial = typeof cell === 'number' || typeof cell === 'string' ? readDate(cell, model.dateOrder) : Number.NaN;
  if (Number.isNaN(serial)) {
    throw new CallError('invalidValue', `LEADSCORE.${name}: the asOf argument ${JSON.stringify(cell)} is not a date. Pass a date cell, DATE(2026,11,1), or text such as 2026-11-01; leave it out to use the model's As-of date.`);
  }
  return Math.floor(serial);
}

/** The criteria-table column each compile-time path points at. */
const COLUMN_OF_PATH: Readonly<Record<string, string>> = {
  field: 'Column',
  perOccurrenceOf: 'Per occurrence of',
  decay: 'Decay date column',
};

/**
 * A problem found against the headers (an unknown column) names a criterion by its place in
 * the model; point it at the criteria table's row and column instead, as cell problems are.
 * The model was read from that table without errors, so its n-th criterion is the table's
 * n-th non-blank row.
 */
function locateInCriteriaTable(p: Problem, criteria: unknown): Problem {
  const path = modelPathOf(p.at);
  if (path === null) return p;
  const [section, index, key] = path;
  const column = COLUMN_OF_PATH[String(key)];
  if (section !== 'criteria' || typeof index !== 'number' || column === undefined) return p;
  const body = asMatrix(criteria).slice(1);
  let seen = -1;
  const row = body.findIndex((cells) => !cells.every(isBlank) && ++seen === index);
  if (row < 0) return p;
  return { ...p, at: { cells: { table: 'criteria', row: row + 1, column } } };
}

// ---------------------------------------------------------------------------- results

function explanationTable(parts: readonly ExplanationPart[]): Matrix {
  const rows: Matrix = [[...EXPLAIN_HEADINGS]];
  for (const part of parts) {
    const group = part.group === null ? 'Total' : GROUP_LABELS[part.group];
    rows.push([group, part.label, part.points, part.detail]);
  }
  if (rows.length === 1) rows.push(['', 'No criterion matched', 0, '']);
  return rows;
}

/** The first few problems, each saying where; the cell's error menu has room for little more. */
function describeProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const shown = (errors.length > 0 ? errors : problems).slice(0, 3).map(formatProblem);
  const more = errors.length > 3 ? ` ... and ${errors.length - 3} more: =LEADSCORE.PROBLEMS(...) lists them all.` : '';
  return `${shown.join('; ')}${more}`;
}

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 3)}...`;
}
