import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { AccountsBuilder, accountsTable, describeAccounts, formatProblems, planAccounts, type AccountRollup, type CompiledModel, type Model } from '../../engine';
import { accountsCsv, accountsText, accountsWorkbook, type AccountsDocument } from '../accountsOutput';
import { CliError, EXIT, flag, stringOption, UsageError, visible, type Command } from '../command';
import { realTarget, writeFileAtomically } from '../files/atomicFile';
import { readLeadBlocks } from '../leadBlocks';
import { modelFromJsonFile } from '../modelSource';
import { compileFor, Progress } from '../scoring/leadColumns';

export const accountsCommand: Command = {
  name: 'accounts',
  summary: 'leads rolled up to companies (Company column, else the e-mail domain): account score, best lead, contacts per band',
  usage: '<in.xlsx|in.csv> [--model model.json] [-o out.xlsx|out.csv] [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    model: { type: 'string', short: 'm', description: "model JSON file (default: the workbook's 'Lead Scoring' sheet)" },
    table: { type: 'string', short: 't', description: 'the Excel table or sheet holding the leads' },
    output: { type: 'string', short: 'o', description: 'write the accounts to a file: .xlsx or .csv' },
    force: { type: 'boolean', short: 'f', description: 'replace the output file when it exists' },
    'as-of': { type: 'string', description: "the day ages are measured to, YYYY-MM-DD (default: the model's as-of, else today)" },
    json: { type: 'boolean', description: 'print the accounts as JSON' },
  },
  details:
    "Account: the lead's company (the model's 'Account column', else a column headed Company, Account or\n" +
    'Organisation), normalised (case, spacing, accents, legal forms such as Inc, Ltd, GmbH); else the domain\n' +
    'of its e-mail address. Free-mail domains never form an account; leads with neither are counted.\n' +
    "Account score, from the model's settings: the best lead, the sum of the top N, or the average.",
  async run({ values, positionals }, io) {
    const input = positionals[0] as string;
    const output = stringOption(values, 'output');
    const format = output === undefined ? null : outputFormat(output);
    if (output !== undefined) {
      if (realTarget(output) === realTarget(input)) throw new CliError(`${output} is the input file; write the accounts to another file`, EXIT.output);
      if (existsSync(output) && !flag(values, 'force')) throw new CliError(`${output} already exists; pass --force to replace it, or -o another file`, EXIT.output);
    }
    if (!existsSync(input)) throw new CliError(`${input}: no such file`);
    const modelFile = stringOption(values, 'model');
    const given = modelFile === undefined ? null : modelFromJsonFile(modelFile);
    const asOf = stringOption(values, 'as-of');
    const isCsv = input.toLowerCase().endsWith('.csv');

    let compiled: CompiledModel | null = null;
    let builder: AccountsBuilder | null = null;
    const read = await readLeadBlocks(
      input,
      stringOption(values, 'table'),
      given === null,
      {
        begin: (headers, workbookModel) => {
          const model: Model | null = given ?? workbookModel;
          if (model === null) throw new CliError(`${input}: no model; give it with --model model.json${isCsv ? '' : " or add a 'Lead Scoring' sheet"}`, given === null && isCsv ? EXIT.usage : EXIT.input);
          compiled = compileFor(model, headers, new Set(), asOf, input);
          const plan = planAccounts(model, compiled.headers);
          if (!plan.ok) throw new CliError(`${input}: leads cannot be rolled up to accounts:\n${formatProblems(plan.problems)}`);
          builder = new AccountsBuilder(compiled, plan.value);
        },
        block: (rows) => builder?.add(rows),
      },
      new Progress(io.status ?? null),
    );
    for (const warning of read.warnings) io.stderr(`leadscore accounts: warning: ${visible(warning)}`);
    const done = compiled as CompiledModel | null;
    const built = builder as AccountsBuilder | null;
    if (done === null || built === null) throw new CliError(`${input}: no lead table found`);
    const rollup = built.result();
    const doc: AccountsDocument = {
      title: `Accounts: ${done.model.name}, as of ${done.asOf}`,
      summary: describeAccounts(rollup),
      table: accountsTable(rollup),
      bands: done.bands,
    };
    if (flag(values, 'json')) io.stdout(JSON.stringify(jsonOf(rollup, doc), null, 2));
    if (output === undefined || format === null) {
      if (!flag(values, 'json')) io.stdout(visible(accountsText(doc)));
      return EXIT.ok;
    }
    const content = format === 'xlsx' ? await accountsWorkbook(doc, (w) => io.stderr(`leadscore accounts: warning: ${visible(w)}`)) : accountsCsv(doc);
    try {
      writeFileAtomically(output, content);
    } catch (error) {
      throw new CliError(`${output}: not written (${(error as Error).message})`, EXIT.output);
    }
    if (!flag(values, 'json')) io.stdout(`${visible(doc.summary)}\nWrote ${output}`);
    return EXIT.ok;
  },
};

function outputFormat(path: string): 'xlsx' | 'csv' {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  throw new UsageError(`-o ${path}: accounts are written as .xlsx or .csv, not '${ext || 'no extension'}'`);
}

function jsonOf(rollup: AccountRollup, doc: AccountsDocument): unknown {
  return {
    title: doc.title,
    summary: doc.summary,
    leads: rollup.leads,
    withoutAccount: rollup.withoutAccount,
    byDomain: rollup.byDomain,
    scoring: rollup.scoring,
    top: rollup.top,
    engagedFrom: rollup.engagedFrom,
    columns: rollup.columns,
    accounts: rollup.accounts.map((a) => ({
      account: a.name,
      key: a.key,
      score: a.score,
      band: a.band.name,
      contacts: a.contacts,
      engaged: a.engaged,
      perBand: Object.fromEntries(rollup.bands.map((b, i) => [b.name, a.perBand[i] ?? 0])),
      best: { name: a.best.name, email: a.best.email, score: a.best.score, band: a.best.band },
    })),
  };
}
