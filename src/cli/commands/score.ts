import { statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Model } from '../../engine';
import { CliError, EXIT, flag, stringOption, UsageError, visible, type Command } from '../command';
import { openAtomic, realTarget } from '../files/atomicFile';
import { XlsxPackage } from '../files/xlsxPackage';
import { fileKind } from '../leadFile';
import { modelFromJsonFile, modelFromWorkbook } from '../modelSource';
import { changeHeadline, changeNotes, movedLines } from '../../insights/changeReport';
import { localIsoDate } from '../scoring/csvChange';
import { DEFAULT_PARALLEL, scoreCsvLeads } from '../scoring/csvLeads';
import { SNAPSHOT_SUFFIX, snapshotFiles, type SnapshotWriter } from '../scoring/csvSnapshot';
import { Progress, SCORE_COLUMNS, type ScoreSummary } from '../scoring/leadColumns';
import { CsvSink, type LeadSink } from '../scoring/leadSinks';
import { NewWorkbookSink } from '../scoring/newWorkbook';
import { locateLeads, walkLeadSheet } from '../scoring/workbookLeads';
import { prepareWorkbookChange } from '../scoring/xlsxChange';
import { rewriteWorkbook } from '../scoring/xlsxRewrite';

export { SCORE_COLUMN_NOTE, SCORE_COLUMNS, type ScoreSummary } from '../scoring/leadColumns';

export const scoreCommand: Command = {
  name: 'score',
  summary: `score the leads of a workbook or CSV file and write ${SCORE_COLUMNS.slice(0, -1).join(', ')} and ${SCORE_COLUMNS.at(-1)} columns`,
  usage: '<in.xlsx|in.csv> [--model model.json] [--table name] [--id-column header] [-o out] [--snapshot file | --no-snapshot] [--json] [--force]',
  positionals: { min: 1, max: 1 },
  options: {
    model: { type: 'string', short: 'm', description: "model JSON file (default: the workbook's 'Lead Scoring' sheet)" },
    'id-column': { type: 'string', description: "the column that identifies a lead from one run to the next, for Change and Band since (default: the model's Lead ID column, else detected: Lead ID, ID, ..., Email)" },
    snapshot: { type: 'string', description: `CSV: the file keeping this run's scores for the next run's Change, read as the last scoring and replaced (default: beside the output, <out>${SNAPSHOT_SUFFIX})` },
    'no-snapshot': { type: 'boolean', description: "CSV: keep no snapshot file and read none; Change compares with the file's own previous columns (deleted leads are not reported)" },
    table: { type: 'string', short: 't', description: 'the Excel table or sheet holding the leads (default: the first sheet with a header row, its first Excel table if it has one)' },
    output: { type: 'string', short: 'o', description: 'output file (default: <in>.scored.<ext>); .xlsx or .csv' },
    'in-place': { type: 'boolean', description: 'write the scores into the input file itself' },
    force: { type: 'boolean', short: 'f', description: 'replace the output file when it exists' },
    'as-of': { type: 'string', description: "the day ages are measured to, YYYY-MM-DD (default: the model's as-of, else today)" },
    json: { type: 'boolean', description: 'print a JSON summary on stdout' },
    progress: { type: 'boolean', description: 'show progress on stderr even when it is not a terminal' },
  },
  details:
    'The input is never overwritten unless --in-place (or -o <input> --force) is given. Nothing is written when anything fails:\n' +
    'the output is written to a temporary file beside it and renamed into place at the end.\n' +
    `A CSV scored into CSV keeps this run's scores in a snapshot file beside the output (<out>${SNAPSHOT_SUFFIX}); the next run\n` +
    'reads it as the last scoring, so leads deleted since are reported. A file at that path that is not a snapshot is never\n' +
    'overwritten: the command stops.',
  async run({ values, positionals }, io) {
    const input = positionals[0] as string;
    const summary = await scoreFile({
      input,
      model: stringOption(values, 'model'),
      table: stringOption(values, 'table'),
      idColumn: stringOption(values, 'id-column'),
      snapshot: stringOption(values, 'snapshot'),
      noSnapshot: flag(values, 'no-snapshot'),
      output: stringOption(values, 'output'),
      inPlace: flag(values, 'in-place'),
      force: flag(values, 'force'),
      asOf: stringOption(values, 'as-of'),
      progress: io.status ?? (flag(values, 'progress') || io.stderrIsTTY ? io.stderr : null),
    });
    for (const warning of summary.warnings) io.stderr(`leadscore score: warning: ${visible(warning)}`);
    io.stdout(flag(values, 'json') ? JSON.stringify(summary, null, 2) : describeSummary(summary));
    return EXIT.ok;
  },
};

export interface ScoreFileOptions {
  readonly input: string;
  readonly model?: string | undefined;
  readonly table?: string | undefined;
  /** The ID column for Change and Band since; default the model's idColumn, else detected. */
  readonly idColumn?: string | undefined;
  /** CSV: the snapshot file to read and write instead of the one beside the output. */
  readonly snapshot?: string | undefined;
  /** CSV: keep no snapshot file (and read none). */
  readonly noSnapshot?: boolean;
  /** 'YYYY-MM-DD' of this run, for Band since (default today). */
  readonly today?: string | undefined;
  readonly output?: string | undefined;
  readonly inPlace?: boolean;
  readonly force?: boolean;
  readonly asOf?: string | undefined;
  readonly progress?: ((line: string) => void) | null;
}

/** Leads listed under the change report's headline; the rest are counted (the file's Change and Band since columns have them all). */
export const MOVED_LINES = 20;

function describeSummary(s: ScoreSummary): string {
  const bands = s.bands.map((b) => `${b.name} ${b.count}`).join(', ');
  const lines = [`Scored ${s.leads} leads of ${s.input} with '${s.model}' (${s.modelSource}) as of ${s.asOf}: ${bands}; MQL ${s.stages.MQL}, SQL ${s.stages.SQL}.`];
  if (s.change !== undefined) {
    lines.push(`${changeHeadline(s.change)} (leads matched by ${s.change.idColumn}).`);
    lines.push(...movedLines(s.change, MOVED_LINES).map((l) => `  ${l}`));
    lines.push(...changeNotes(s.change).map((n) => `${n}.`));
  }
  if (s.noChange !== undefined) lines.push(`${s.noChange}.`);
  if (s.noSnapshot !== undefined) lines.push(`${s.noSnapshot}.`);
  if (s.snapshot !== undefined) lines.push(`Kept this run's scores for the next run's Change in ${s.snapshot}`);
  lines.push(`Wrote ${s.output}`);
  return lines.join('\n');
}

export function defaultOutput(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.scored${ext}`);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads, scores and writes one file; throws CliError with the exit code on any problem. */
export async function scoreFile(options: ScoreFileOptions): Promise<ScoreSummary> {
  const { input } = options;
  const progress = new Progress(options.progress ?? null);
  const kind = fileKind(input);
  const output = options.inPlace === true ? input : (options.output ?? defaultOutput(input));
  const outKind = fileKind(output);
  if (!exists(input)) throw new CliError(`${input}: no such file`);
  // The same file even when reached through a symlink or another spelling of its path.
  const same = realTarget(output) === realTarget(input);
  if (same && options.inPlace !== true && options.force !== true) {
    throw new CliError(`${output} is the input file; pass --in-place (or --force) to write the scores into it`, EXIT.output);
  }
  if (same && kind !== outKind) throw new CliError(`${output}: --in-place keeps the file's type; give -o with a new name to convert ${kind.toUpperCase()} to ${outKind.toUpperCase()}`, EXIT.usage);
  if (!same && exists(output) && options.force !== true) throw new CliError(`${output} already exists; pass --force to replace it, or -o another file`, EXIT.output);

  progress.say(`reading ${input}`);
  // Change and Band since are written from CSV to CSV and workbook to workbook: an ID column given for another pair is said to be unused, not silently dropped.
  const unusedId: string[] = options.idColumn !== undefined && kind !== outKind ? [`--id-column '${options.idColumn}' is not used: leadscore score writes Change and Band since when it scores a CSV file into CSV or a workbook into a workbook`] : [];
  // The snapshot file is kept beside a CSV output scored from CSV: a workbook keeps its own (its snapshot sheet).
  const csvToCsv = kind === 'csv' && outKind === 'csv';
  if (!csvToCsv && (options.snapshot !== undefined || options.noSnapshot === true)) {
    unusedId.push(`${options.snapshot === undefined ? '--no-snapshot' : `--snapshot '${options.snapshot}'`} is not used: the snapshot file is kept when leadscore score writes a CSV file scored from a CSV file`);
  }
  if (options.snapshot !== undefined && options.noSnapshot === true) throw new UsageError('--snapshot and --no-snapshot contradict each other; give one');
  const withUnused = (s: ScoreSummary): ScoreSummary => (unusedId.length === 0 ? s : { ...s, warnings: [...unusedId, ...s.warnings] });
  if (kind === 'csv') {
    if (options.model === undefined) throw new UsageError(`${input}: a CSV file has no model sheet; give the model with --model model.json`);
    const model = modelFromJsonFile(options.model);
    // Checked before any work: a file at the snapshot's path that is not a snapshot stops the command.
    const snapshotFilesOfRun = csvToCsv ? snapshotFiles(input, output, { path: options.snapshot, off: options.noSnapshot === true }) : null;
    const out = openAtomic(output);
    let snapshot: SnapshotWriter | null = null;
    try {
      const sink: LeadSink = outKind === 'csv' ? new CsvSink(out) : new NewWorkbookSink(out, output);
      const result = await scoreCsvLeads(input, model, options.asOf, sink, progress, DEFAULT_PARALLEL, {
        idColumn: options.idColumn ?? null,
        today: options.today ?? localIsoDate(new Date()),
        snapshot: snapshotFilesOfRun,
      });
      snapshot = result.snapshot;
      await sink.finish();
      out.commit();
      // After the output: a run stopped between the two leaves the last snapshot, which the next run finds is not of this output's scores.
      snapshot?.commit();
      progress.say(`wrote ${output}`);
      const summary = result.tally!.summary(input, output, options.model, result.warnings);
      return withUnused({
        ...summary,
        ...(result.change === null ? {} : { change: result.change }),
        ...(result.noChange === null ? {} : { noChange: result.noChange }),
        ...(snapshot === null ? {} : { snapshot: snapshot.path }),
        ...(result.noSnapshot === null ? {} : { noSnapshot: result.noSnapshot }),
      });
    } catch (error) {
      out.abort();
      snapshot?.abort();
      throw error;
    }
  }

  const pkg = XlsxPackage.open(input);
  try {
    let model: Model;
    let modelSource: string;
    if (options.model !== undefined) {
      model = modelFromJsonFile(options.model);
      modelSource = options.model;
    } else {
      const fromSheet = await modelFromWorkbook(pkg);
      if (fromSheet === null) throw new CliError(`${input}: the workbook has no 'Lead Scoring' sheet; give the model with --model model.json`);
      ({ model, source: modelSource } = fromSheet);
    }
    const location = await locateLeads(pkg, options.table);
    const out = openAtomic(output);
    try {
      let result;
      let compared: Awaited<ReturnType<typeof prepareWorkbookChange>> = { change: null, warning: null, warnings: [] };
      if (outKind === 'xlsx') {
        compared = await prepareWorkbookChange(pkg, location, { bands: model.bands, modelName: model.name, chosenId: options.idColumn ?? model.idColumn, today: options.today ?? localIsoDate(new Date()) });
        const rewritten = await rewriteWorkbook(pkg, location, model, options.asOf, out, progress, compared.change);
        result = { ...rewritten, warnings: [...compared.warnings, ...rewritten.warnings] };
      } else {
        const sink: LeadSink = new CsvSink(out);
        const walked = await walkLeadSheet(
          pkg,
          location,
          model,
          options.asOf,
          {
            head: async (_text, header) => sink.begin(header.headers, header.ours, header.compiled?.bands ?? []),
            rows: (rows) => sink.rows(rows.filter((r) => r.kind === 'lead' || r.kind === 'blank').map((r) => ({ cells: r.values ?? [], dates: r.dates ?? undefined, lead: r.kind === 'lead', score: r.score }))),
            tail: async () => {},
          },
          progress,
        );
        await sink.finish();
        result = { tally: walked.tally!, warnings: walked.warnings, change: null };
      }
      // The input is closed before the output replaces it (--in-place): Windows cannot rename over an open file.
      pkg.close();
      out.commit();
      progress.say(`wrote ${output}`);
      const summary = result.tally.summary(input, output, modelSource, result.warnings);
      const change = result.change;
      return withUnused({ ...summary, ...(change === null ? {} : { change }), ...(compared.warning === null ? {} : { noChange: compared.warning }) });
    } catch (error) {
      out.abort();
      throw error;
    }
  } finally {
    pkg.close();
  }
}
