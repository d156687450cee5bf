import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { CallListBuilder, callListTable, describeCallList, type CallList, type CompiledModel, type Model } from '../../engine';
import { CallListChanges } from '../callListChanges';
import { callListCsv, callListMarkdown, callListText, callListWorkbook, type CallListDocument } from '../callListOutput';
import { CliError, EXIT, flag, stringOption, UsageError, visible, type Command } from '../command';
import { realTarget, writeFileAtomically } from '../files/atomicFile';
import { readLeadBlocks } from '../leadBlocks';
import { modelFromJsonFile } from '../modelSource';
import { compileFor, Progress } from '../scoring/leadColumns';

export const DEFAULT_TOP = 25;

export const calllistCommand: Command = {
  name: 'calllist',
  summary: 'the top N leads to call: priority, score, the three biggest reasons and contacts, on the terminal or as .xlsx, .csv or .md',
  usage: '<in.xlsx|in.csv> [--model model.json] [--top N] [-o out.xlsx|out.csv|out.md] [--all]',
  positionals: { min: 1, max: 1 },
  options: {
    model: { type: 'string', short: 'm', description: "model JSON file (default: the workbook's 'Lead Scoring' sheet)" },
    table: { type: 'string', short: 't', description: 'the Excel table or sheet holding the leads' },
    top: { type: 'string', short: 'n', description: `how many leads (default ${DEFAULT_TOP})` },
    output: { type: 'string', short: 'o', description: 'write the list to a file: .xlsx (ready to print), .csv or .md' },
    force: { type: 'boolean', short: 'f', description: 'replace the output file when it exists' },
    all: { type: 'boolean', description: 'also list grade D leads and leads in the lowest band (left out by default)' },
    'as-of': { type: 'string', description: "the day ages are measured to, YYYY-MM-DD (default: the model's as-of, else today)" },
    json: { type: 'boolean', description: 'print the list as JSON' },
  },
  details:
    'Order: priority (fit grade x engagement level: A1; then A2, B1; then A3, B2, C1; ... D4), then score, then the\n' +
    "lead's place in the table. Grade D leads and leads in the lowest band (Cold) are left out unless --all.\n" +
    'Reasons: the criteria that moved the score most, either way, e.g. "Title is VP Sales (+15)".',
  async run({ values, positionals }, io) {
    const input = positionals[0] as string;
    const top = parseTop(stringOption(values, 'top'));
    const output = stringOption(values, 'output');
    const format = output === undefined ? null : outputFormat(output);
    if (output !== undefined) {
      if (realTarget(output) === realTarget(input)) throw new CliError(`${output} is the input file; write the call list to another file`, EXIT.output);
      if (existsSync(output) && !flag(values, 'force')) throw new CliError(`${output} already exists; pass --force to replace it, or -o another file`, EXIT.output);
    }
    if (!existsSync(input)) throw new CliError(`${input}: no such file`);
    const modelFile = stringOption(values, 'model');
    const given = modelFile === undefined ? null : modelFromJsonFile(modelFile);
    const asOf = stringOption(values, 'as-of');
    const everyone = flag(values, 'all');

    let compiled: CompiledModel | null = null;
    let builder: CallListBuilder | null = null;
    let changes: CallListChanges | null = null;
    const sheetRows: number[] = [];
    const read = await readLeadBlocks(
      input,
      stringOption(values, 'table'),
      given === null,
      {
        begin: (headers, workbookModel, head) => {
          const model: Model | null = given ?? workbookModel;
          if (model === null) throw new CliError(`${input}: no model; give it with --model model.json${input.toLowerCase().endsWith('.csv') ? '' : " or add a 'Lead Scoring' sheet"}`, given === null && input.toLowerCase().endsWith('.csv') ? EXIT.usage : EXIT.input);
          for (const w of head.warnings) io.stderr(`leadscore calllist: warning: ${visible(w)}`);
          compiled = compileFor(model, headers, new Set(), asOf, input);
          const found = new CallListChanges(headers, head.ours, head.snapshot, compiled, (w) => io.stderr(`leadscore calllist: warning: ${visible(w)}`));
          changes = found;
          builder = new CallListBuilder(compiled, { top, ...(everyone ? { skipGrades: [], skipBands: [] } : {}), ...(found.known ? { changeOf: found.changeOf } : {}) });
        },
        block: (rows, numbers) => {
          builder?.add(rows);
          changes?.add(rows);
          // The sheet row of each lead, kept only for a workbook (CSV lines shift with quoted line breaks).
          if (numbers !== null) sheetRows.push(...numbers);
        },
      },
      new Progress(io.status ?? null),
    );
    for (const warning of read.warnings) io.stderr(`leadscore calllist: warning: ${visible(warning)}`);
    const done = compiled as CompiledModel | null;
    const built = builder as CallListBuilder | null;
    if (done === null || built === null) throw new CliError(`${input}: no lead table found`);
    (changes as CallListChanges | null)?.finish(done.asOf);
    const list = built.result();
    for (const w of list.warnings) io.stderr(`leadscore calllist: warning: ${visible(w.message)}`);

    // Where to find each lead: the sheet row in a workbook; in CSV its place among the leads (1 = the first under the header).
    const rowColumn = read.rowHeader === null ? { header: 'Lead', of: (row: number) => row + 1 } : { header: 'Row', of: (row: number) => sheetRows[row] ?? '' };
    const table = callListTable(list, { rowColumn, change: (changes as CallListChanges | null)?.known === true });
    const doc: CallListDocument = {
      title: `Call list: ${done.model.name}, as of ${done.asOf}`,
      summary: describeCallList(list),
      table,
      bands: done.bands,
    };
    if (flag(values, 'json')) io.stdout(JSON.stringify(jsonOf(list, doc, rowColumn), null, 2));
    if (output === undefined || format === null) {
      if (!flag(values, 'json')) io.stdout(visible(callListText(doc)));
      return EXIT.ok;
    }
    const content = format === 'xlsx' ? await callListWorkbook(doc, (w) => io.stderr(`leadscore calllist: warning: ${visible(w)}`)) : format === 'csv' ? callListCsv(doc) : callListMarkdown(doc);
    try {
      writeFileAtomically(output, content);
    } catch (error) {
      throw new CliError(`${output}: not written (${(error as Error).message})`, EXIT.output);
    }
    if (!flag(values, 'json')) io.stdout(`${doc.summary}\nWrote ${output}`);
    return EXIT.ok;
  },
};

function parseTop(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TOP;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--top must be a whole number of leads, 1 or more, not '${text}'`);
  return n;
}

function outputFormat(path: string): 'xlsx' | 'csv' | 'md' {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.md' || ext === '.markdown') return 'md';
  throw new UsageError(`-o ${path}: the call list is written as .xlsx, .csv or .md, not '${ext || 'no extension'}'`);
}

function jsonOf(list: CallList, doc: CallListDocument, rowColumn: { header: string; of: (row: number) => unknown }): unknown {
  return {
    title: doc.title,
    summary: doc.summary,
    leads: list.leads,
    eligible: list.eligible,
    skipped: list.skipped,
    skipGrades: list.skipGrades,
    skipBands: list.skipBands,
    entries: list.entries.map(({ row, ...entry }) => ({ ...entry, [rowColumn.header.toLowerCase()]: rowColumn.of(row) })),
    warnings: list.warnings,
  };
}
