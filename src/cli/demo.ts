/**
 * npm run demo: the main job without Excel. Scores the bundled example leads with a template
 * and prints how many leads fall in each band and the top leads with their explanation.
 *
 *   npm run demo -- [--template weighted-b2b] [--top 10] [--as-of 2026-11-01] [--file examples/leads.xlsx]
 *
 * A workbook is scored with the model on its Lead Scoring sheet (unless --template is given),
 * as `leadscore score` does; a CSV file with --template (default weighted-b2b).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile, formatProblems, STAGES, TEMPLATES, templateById, type CompiledModel, type Model, type ScoredRows } from '../engine';
import { CliError } from './command';
import { parseCsv } from './csv';
import { XlsxPackage } from './files/xlsxPackage';
import { modelFromWorkbook } from './modelSource';
import { readLeadTable } from './scoring/workbookLeads';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The example leads were generated as of this day; scoring them as of today would age them. */
const EXAMPLE_AS_OF = '2026-11-01';

export interface DemoOptions {
  /** A template id; for a workbook, undefined means its Lead Scoring sheet. */
  readonly template: string | undefined;
  readonly top: number;
  readonly asOf: string;
  readonly file: string;
}

export async function runDemo(options: DemoOptions): Promise<string> {
  let model: Model | undefined;
  if (options.template !== undefined) {
    model = templateById(options.template)?.model;
    if (model === undefined) throw new UsageError(`unknown template '${options.template}'; the templates are: ${TEMPLATES.map((t) => t.id).join(', ')}`);
  }
  let table: { headers: string[]; rows: string[][] };
  if (options.file.toLowerCase().endsWith('.xlsx')) {
    const pkg = XlsxPackage.open(options.file);
    try {
      if (model === undefined) {
        const own = await modelFromWorkbook(pkg);
        if (own === null) throw new CliError(`${options.file} has no Lead Scoring sheet; pass --template`);
        model = own.model;
      }
      // Cells as the engine reads them from a workbook: numbers and dates as numbers.
      const { headers, rows: cells } = await readLeadTable(pkg, undefined);
      const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
      return scoreAndReport(model, headers, cells, cells.map((row) => row.map(text)), options);
    } finally {
      pkg.close();
    }
  }
  table = parseCsv(readFileSync(options.file, 'utf8'));
  return scoreAndReport(model ?? templateById('weighted-b2b')!.model, table.headers, table.rows, table.rows, options);
}

function scoreAndReport(model: Model, headers: string[], cells: readonly (readonly unknown[])[], rows: string[][], options: DemoOptions): string {
  const compiled = compile(model, headers, { asOf: options.asOf });
  if (!compiled.ok) throw new UsageError(`the model does not fit ${options.file}:\n${formatProblems(compiled.problems)}`);
  const scored = compiled.value.scoreRows(cells);
  return report(compiled.value, headers, rows, scored, options);
}

function report(model: CompiledModel, headers: readonly string[], rows: readonly (readonly string[])[], scored: ScoredRows, options: DemoOptions): string {
  const lines: string[] = [];
  const { name, description } = model.model;
  lines.push(`${name}: ${description}`);
  lines.push(`${scored.count} leads from ${options.file.replace(`${ROOT}/`, '')}, scored as of ${model.asOf}`, '');

  lines.push('Leads per band');
  const perBand = model.bands.map(() => 0);
  for (const b of scored.bandIndex) perBand[b] = (perBand[b] ?? 0) + 1;
  const widest = Math.max(...model.bands.map((b) => b.name.length));
  model.bands.forEach((band, i) => {
    const n = perBand[i] ?? 0;
    const share = scored.count === 0 ? 0 : n / scored.count;
    const range = i + 1 < model.bands.length ? `${band.from} to below ${model.bands[i + 1]?.from}` : `${band.from} and above`;
    lines.push(`  ${band.name.padEnd(widest)}  ${String(n).padStart(5)}  ${(share * 100).toFixed(1).padStart(5)}%  ${'#'.repeat(Math.round(share * 40)).padEnd(40)}  ${range}`);
  });
  const stages = STAGES.map(() => 0);
  for (const s of scored.stageIndex) stages[s] = (stages[s] ?? 0) + 1;
  if (model.model.stages.mql !== null || model.model.stages.sql !== null) {
    lines.push(`  Stages: ${stages[1]} MQL (from ${model.model.stages.mql ?? '-'}), ${stages[2]} SQL (from ${model.model.stages.sql ?? '-'})`);
  }
  const unreadable = scored.unusableCells.reduce((sum, n) => sum + n, 0);
  if (unreadable > 0) lines.push(`  ${unreadable} cells could not be read as their criterion needs; those criteria did not match (see the explanations).`);

  const order = [...scored.scores.keys()].sort((a, b) => (scored.scores[b] ?? 0) - (scored.scores[a] ?? 0) || a - b);
  const label = leadLabeller(headers);
  lines.push('', `Top ${Math.min(options.top, order.length)} leads`);
  order.slice(0, options.top).forEach((rowIndex, rank) => {
    const lead = scored.explain(rowIndex);
    const stage = lead.stage === null ? '' : `, ${lead.stage}`;
    lines.push(`${String(rank + 1).padStart(3)}. ${label(rows[rowIndex] ?? [])}: ${lead.score} (${lead.band.name}${stage}; fit ${lead.fit}, engagement ${lead.engagement})`);
    for (const part of lead.explanation) {
      const points = part.points > 0 ? `+${part.points}` : String(part.points);
      lines.push(`       ${points.padStart(7)}  ${part.label}  [${part.detail}]`);
    }
  });
  return lines.join('\n');
}

function leadLabeller(headers: readonly string[]): (row: readonly string[]) => string {
  const at = (name: string): number => headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const [first, last, company, id] = [at('First Name'), at('Last Name'), at('Company'), at('Lead ID')];
  return (row) => {
    const person = [row[first], row[last]].filter((x) => x !== undefined && x.trim() !== '').join(' ');
    const where = row[company]?.trim();
    return `${row[id] ?? ''} ${person}${where ? `, ${where}` : ''}`.trim();
  };
}

export class UsageError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        template: { type: 'string' },
        top: { type: 'string', default: '10' },
        'as-of': { type: 'string', default: EXAMPLE_AS_OF },
        file: { type: 'string', default: join(ROOT, 'examples', 'leads.xlsx') },
      },
    });
    const top = Number(values.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top wants a whole number, not '${values.top}'`);
    console.log(await runDemo({ template: values.template, top, asOf: values['as-of'], file: values.file }));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`demo: ${message}`);
    if (error instanceof CliError) return error.exitCode;
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await main(process.argv.slice(2));
}
