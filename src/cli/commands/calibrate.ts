import { existsSync } from 'node:fs';
import { formatProblems } from '../../engine';
import { calibrate } from '../../insights';
import { CliError, EXIT, flag, stringOption, UsageError, type Command } from '../command';
import { chooseModel, HISTORY_OPTIONS, readHistoryTable } from '../historyTable';
import { describeCalibration } from '../insightsReport';
import { writeFileAtomically } from '../files/atomicFile';
import { jsonNumbers } from './backtest';

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'learn points from leads with known outcomes; without --model, propose criteria from the columns',
  usage: '<history.xlsx|history.csv> --outcome <column> [--model model.json] [-o model.json] [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    ...HISTORY_OPTIONS,
    model: { type: 'string', short: 'm', description: "model JSON whose points to fit (default: the workbook's 'Lead Scoring' sheet, else none)" },
    output: { type: 'string', short: 'o', description: 'write the calibrated model as JSON to this file' },
    force: { type: 'boolean', short: 'f', description: 'replace the output file when it exists' },
    suggestions: { type: 'string', description: 'at most this many criteria suggested from unused columns (default 8 with a model, 12 without; 0 for none)' },
    json: { type: 'boolean', description: 'print the result (AUC, points, the model) as JSON' },
  },
  details: 'The calibrated model is a proposal: nothing is changed in the input, and -o never replaces a file without --force.',
  async run({ values, positionals }, io) {
    const input = positionals[0] as string;
    const outcome = stringOption(values, 'outcome');
    if (outcome === undefined) throw new UsageError('give the outcome column with --outcome <column>');
    const output = stringOption(values, 'output');
    if (output !== undefined && existsSync(output) && !flag(values, 'force')) throw new CliError(`${output} already exists; pass --force to replace it, or -o another file`, EXIT.output);
    const suggestionsText = stringOption(values, 'suggestions');
    const suggestions = suggestionsText === undefined ? undefined : Number(suggestionsText);
    if (suggestions !== undefined && !(Number.isInteger(suggestions) && suggestions >= 0)) throw new UsageError(`--suggestions must be a whole number, not '${suggestionsText}'`);
    const history = await readHistoryTable(input, stringOption(values, 'table'));
    const model = chooseModel(stringOption(values, 'model'), history, input, false);
    const asOf = stringOption(values, 'as-of');
    const result = calibrate(model, history.headers, history.rows, outcome, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(suggestions === undefined ? {} : { suggestions }),
    });
    if (!result.ok) throw new CliError(`${input}:\n${formatProblems(result.problems)}`);
    if (output !== undefined) {
      writeFileAtomically(output, `${JSON.stringify(result.value.model, null, 2)}\n`);
    }
    const c = result.value;
    io.stdout(
      flag(values, 'json')
        ? JSON.stringify({ holdout: c.holdout, leads: c.leads, converted: c.converted, lambda: c.lambda, criteria: c.criteria, columns: c.columns, warnings: result.warnings, model: c.model, written: output ?? null }, jsonNumbers, 2)
        : describeCalibration(c, result.warnings, output ?? null),
    );
    return EXIT.ok;
  },
};
