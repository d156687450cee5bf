import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { compile, formatProblems, SCORE_COLUMNS, STAGES, type CompiledModel, type Model, type ScoredRows } from '../../engine';
import { CliError, EXIT, flag, stringOption, UsageError, type Command } from '../command';
import { toCsv } from '../csv';
import { engineValue, fileKind, findLeadRange, findModelSheet, loadWorkbook, readCsvTable, readInput, type LeadRange } from '../leadFile';
import { modelFromJsonFile, modelFromSheet } from '../modelSource';

/** The columns leadscore writes after the lead table; re-scoring refreshes them. */
const WRITTEN_COLUMNS: readonly string[] = Object.values(SCORE_COLUMNS);
/** The note on each written header: it marks the column as leadscore's, so a re-run may refresh it. */
export const SCORE_COLUMN_NOTE = 'Written by leadscore score; refreshed on each run.';

export interface ScoreSummary {
  readonly input: string;
  readonly output: string;
  readonly model: string;
  readonly modelSource: string;
  readonly asOf: string;
  readonly leads: number;
  readonly bands: { name: string; count: number }[];
  readonly stages: { MQL: number; SQL: number };
  readonly unreadableCells: number;
}

export const scoreCommand: Command = {
  name: 'score',
  summary: 'score the leads of a workbook or CSV file and write Score, Band, Fit, Engagement and Stage columns',
  usage: '<in.xlsx|in.csv> [--model model.json] [--table name] [-o out] [--json] [--force]',
  positionals: { min: 1, max: 1 },
  options: {
    model: { type: 'string', short: 'm', description: "model JSON file (default: the workbook's 'Lead Scoring' sheet)" },
    table: { type: 'string', short: 't', description: 'the Excel table or sheet holding the leads (default: the first sheet with a header row)' },
    output: { type: 'string', short: 'o', description: 'output file (default: <in>.scored.<ext>); .xlsx or .csv' },
    'in-place': { type: 'boolean', description: 'write the scores into the input file itself' },
    force: { type: 'boolean', short: 'f', description: 'replace the output file when it exists' },
    'as-of': { type: 'string', description: "the day ages are measured to, YYYY-MM-DD (default: the model's as-of, else today)" },
    json: { type: 'boolean', description: 'print a JSON summary on stdout' },
    progress: { type: 'boolean', description: 'show progress on stderr even when it is not a terminal' },
  },
  details: 'The input is never overwritten unless --in-place (or -o <input> --force) is given. Nothing is written when anything fails.',
  async run({ values, positionals }, io) {
    const input = positionals[0] as string;
    const summary = await scoreFile({
      input,
      model: stringOption(values, 'model'),
      table: stringOption(values, 'table'),
      output: stringOption(values, 'output'),
      inPlace: flag(values, 'in-place'),
      force: flag(values, 'force'),
      asOf: stringOption(values, 'as-of'),
      progress: flag(values, 'progress') || io.stderrIsTTY ? io.stderr : null,
    });
    io.stdout(flag(values, 'json') ? JSON.stringify(summary, null, 2) : describeSummary(summary));
    return EXIT.ok;
  },
};

export interface ScoreFileOptions {
  readonly input: string;
  readonly model?: string | undefined;
  readonly table?: string | undefined;
  readonly output?: string | undefined;
  readonly inPlace?: boolean;
  readonly force?: boolean;
  readonly asOf?: string | undefined;
  readonly progress?: ((line: string) => void) | null;
}

function describeSummary(s: ScoreSummary): string {
  const bands = s.bands.map((b) => `${b.name} ${b.count}`).join(', ');
  return `Scored ${s.leads} leads of ${s.input} with '${s.model}' (${s.modelSource}) as of ${s.asOf}: ${bands}; MQL ${s.stages.MQL}, SQL ${s.stages.SQL}.\nWrote ${s.output}`;
}

export function defaultOutput(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.scored${ext}`);
}

/** Reads, scores and writes one file; throws CliError with the exit code on any problem. */
export async function scoreFile(options: ScoreFileOptions): Promise<ScoreSummary> {
  const { input } = options;
  const progress = options.progress ?? null;
  const kind = fileKind(input);
  const output = options.inPlace === true ? input : (options.output ?? defaultOutput(input));
  const outKind = fileKind(output);
  const same = resolve(output) === resolve(input);
  if (same && options.inPlace !== true && options.force !== true) {
    throw new CliError(`${output} is the input file; pass --in-place (or --force) to write the scores into it`, EXIT.output);
  }
  if (!same && existsSync(output) && options.force !== true) throw new CliError(`${output} already exists; pass --force to replace it, or -o another file`, EXIT.output);

  progress?.(`reading ${input}`);
  const bytes = readInput(input);
  let model: Model;
  let modelSource: string;
  let headers: string[];
  let rows: unknown[][];
  let workbook: ExcelJS.Workbook | null = null;
  let range: LeadRange | null = null;
  if (kind === 'csv') {
    if (options.model === undefined) throw new UsageError(`${input}: a CSV file has no model sheet; give the model with --model model.json`);
    const table = readCsvTable(input, bytes);
    headers = table.headers;
    rows = table.rows;
    model = modelFromJsonFile(options.model);
    modelSource = options.model;
  } else {
    workbook = await loadWorkbook(input, bytes);
    const modelSheet = findModelSheet(workbook);
    if (options.model !== undefined) {
      model = modelFromJsonFile(options.model);
      modelSource = options.model;
    } else if (modelSheet !== undefined) {
      model = modelFromSheet(input, modelSheet);
      modelSource = `sheet '${modelSheet.name}'`;
    } else {
      throw new CliError(`${input}: the workbook has no 'Lead Scoring' sheet; give the model with --model model.json`);
    }
    range = findLeadRange(input, workbook, options.table);
    ({ headers, rows } = readRange(range));
  }

  // Our own columns from an earlier run are not lead data: score without them.
  const ours = scoringColumns(headers, range);
  const leadHeaders = headers.map((h, i) => (ours.has(i) ? '' : h));
  const compiled = compile(model, leadHeaders, options.asOf === undefined ? {} : { asOf: options.asOf });
  if (!compiled.ok) {
    const where = range === null ? input : `${input}, sheet '${range.sheet.name}'`;
    throw new CliError(`${where}: the model does not fit the lead table:\n${formatProblems(compiled.problems.filter((p) => p.severity === 'error'))}`);
  }
  progress?.(`scoring ${rows.length} leads`);
  const scored = compiled.value.scoreRows(rows);

  progress?.(`writing ${output}`);
  let content: Buffer;
  if (outKind === 'csv') content = Buffer.from(csvOutput(headers, rows, ours, compiled.value, scored), 'utf8');
  else {
    if (workbook === null || range === null) {
      workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Leads');
      sheet.addRow(headers);
      for (const row of rows) sheet.addRow(row as ExcelJS.CellValue[]);
      range = { sheet, headerRow: 1, firstColumn: 1, lastColumn: headers.length, lastRow: rows.length + 1, tableName: null };
    }
    writeScores(range, headers, ours, compiled.value, scored);
    content = Buffer.from(await workbook.xlsx.writeBuffer());
  }
  writeAtomically(output, content);
  return summarise(input, output, compiled.value, modelSource, scored);
}

function readRange(range: LeadRange): { headers: string[]; rows: unknown[][] } {
  const { sheet, headerRow, firstColumn, lastColumn, lastRow } = range;
  const header = sheet.getRow(headerRow);
  const headers: string[] = [];
  for (let c = firstColumn; c <= lastColumn; c++) {
    const v = engineValue(header.getCell(c).value);
    headers.push(v === null ? '' : String(v).trim());
  }
  const rows: unknown[][] = [];
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    const cells: unknown[] = [];
    for (let c = firstColumn; c <= lastColumn; c++) cells.push(engineValue(row.getCell(c).value));
    rows.push(cells);
  }
  return { headers, rows };
}

/**
 * Indexes of the columns an earlier run wrote. In a workbook they carry leadscore's note; a
 * column named Score or Band without it belongs to the user and is never overwritten.
 */
function scoringColumns(headers: readonly string[], range: LeadRange | null): Set<number> {
  const ours = new Set<number>();
  headers.forEach((h, i) => {
    if (!WRITTEN_COLUMNS.includes(h)) return;
    if (range === null) return;
    const note = range.sheet.getRow(range.headerRow).getCell(range.firstColumn + i).note;
    const text = typeof note === 'string' ? note : (note?.texts?.map((t) => t.text).join('') ?? '');
    if (text.includes(SCORE_COLUMN_NOTE)) ours.add(i);
  });
  const foreign = headers.filter((h, i) => WRITTEN_COLUMNS.includes(h) && !ours.has(i));
  if (foreign.length > 0) {
    const where = range === null ? 'the table' : `sheet '${range.sheet.name}'`;
    throw new CliError(`${where} already has a column named ${foreign.map((h) => `'${h}'`).join(', ')} that leadscore did not write; rename it so that the scores do not overwrite it`);
  }
  return ours;
}

function csvOutput(headers: readonly string[], rows: readonly unknown[][], ours: Set<number>, model: CompiledModel, scored: ScoredRows): string {
  const keep = headers.map((_, i) => i).filter((i) => !ours.has(i));
  const outHeaders = [...keep.map((i) => headers[i] ?? ''), ...WRITTEN_COLUMNS];
  const outRows = rows.map((row, r) => [
    ...keep.map((i) => row[i] as string | number | boolean | null),
    scored.scores[r] ?? 0,
    model.bands[scored.bandIndex[r] ?? 0]?.name ?? '',
    scored.fit[r] ?? 0,
    scored.engagement[r] ?? 0,
    STAGES[scored.stageIndex[r] ?? 0] ?? '',
  ]);
  return toCsv(outHeaders, outRows);
}

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

/** Score columns after the table (or where they were), with band colours as conditional formats. */
function writeScores(range: LeadRange, headers: readonly string[], ours: Set<number>, model: CompiledModel, scored: ScoredRows): void {
  const { sheet, headerRow, firstColumn } = range;
  let next = range.lastColumn + 1;
  const columnOf = new Map<string, number>();
  for (const name of WRITTEN_COLUMNS) {
    const existing = headers.findIndex((h, i) => h === name && ours.has(i));
    columnOf.set(name, existing >= 0 ? firstColumn + existing : next++);
  }
  const header = sheet.getRow(headerRow);
  for (const [name, col] of columnOf) {
    const cell = header.getCell(col);
    cell.value = name;
    cell.font = { bold: true };
    cell.note = SCORE_COLUMN_NOTE;
    if (sheet.getColumn(col).width === undefined) sheet.getColumn(col).width = name.length + 4;
  }
  const at = (name: string): number => columnOf.get(name) ?? 0;
  for (let i = 0; i < scored.count; i++) {
    const row = sheet.getRow(headerRow + 1 + i);
    row.getCell(at('Score')).value = scored.scores[i] ?? 0;
    row.getCell(at('Band')).value = model.bands[scored.bandIndex[i] ?? 0]?.name ?? '';
    row.getCell(at('Fit')).value = scored.fit[i] ?? 0;
    row.getCell(at('Engagement')).value = scored.engagement[i] ?? 0;
    row.getCell(at('Stage')).value = STAGES[scored.stageIndex[i] ?? 0] ?? null;
  }
  if (scored.count === 0) return;
  const first = headerRow + 1;
  const last = headerRow + scored.count;
  const bandLetter = sheet.getColumn(at('Band')).letter;
  const scoreLetter = sheet.getColumn(at('Score')).letter;
  // Native rules only (no custom function): the Band cell equals the band's name; the Score
  // cell follows its row's Band cell, so both show the traffic-light colour.
  const rules: ExcelJS.ConditionalFormattingRule[] =
    model.bands.map((band, k) => ({
      type: 'expression',
      priority: k + 1,
      formulae: [`$${bandLetter}${first}="${band.name.replace(/"/g, '""')}"`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(band.color) } } },
    }) as ExcelJS.ConditionalFormattingRule);
  // A re-run replaces the rules it wrote before rather than stacking new ones.
  const kept = (sheet as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings ?? [];
  const ownRefs = new Set([`${scoreLetter}${first}:${scoreLetter}${last}`, `${bandLetter}${first}:${bandLetter}${last}`]);
  (sheet as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings = kept.filter((cf) => !ownRefs.has(cf.ref));
  sheet.addConditionalFormatting({ ref: `${scoreLetter}${first}:${scoreLetter}${last}`, rules });
  sheet.addConditionalFormatting({ ref: `${bandLetter}${first}:${bandLetter}${last}`, rules });
}

/** Writes beside the target and renames, so a failure never leaves a partial file. */
export function writeAtomically(path: string, content: Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CliError(`${path}: cannot write the output (${(error as Error).message})`, EXIT.output);
  }
}

function summarise(input: string, output: string, model: CompiledModel, modelSource: string, scored: ScoredRows): ScoreSummary {
  const counts = model.bands.map(() => 0);
  for (const b of scored.bandIndex) counts[b] = (counts[b] ?? 0) + 1;
  let mql = 0;
  let sql = 0;
  for (const s of scored.stageIndex) {
    if (s === 1) mql++;
    else if (s === 2) sql++;
  }
  return {
    input,
    output,
    model: model.model.name,
    modelSource,
    asOf: model.asOf,
    leads: scored.count,
    bands: model.bands.map((b, i) => ({ name: b.name, count: counts[i] ?? 0 })),
    stages: { MQL: mql, SQL: sql },
    unreadableCells: scored.unusableCells.reduce((s, n) => s + n, 0),
  };
}
