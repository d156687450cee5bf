import { existsSync } from 'node:fs';
import { formatProblems } from '../../engine';
import { buildScorecard, calibrate, type Scorecard } from '../../insights';
import { CliError, EXIT, flag, stringOption, UsageError, type Command, type OptionValues } from '../command';
import { chooseModel, HISTORY_OPTIONS, readHistoryTable } from '../historyTable';
import { describeCalibration } from '../insightsReport';
import { writeFileAtomically } from '../files/atomicFile';
import { describeScorecard } from '../scorecardReport';
import { jsonNumbers, parseCapacity } from './backtest';

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'learn points from leads with known outcomes; without a model, build a scorecard from the columns',
  usage: '<history.xlsx|history.csv> --outcome <column> [--model model.json | --scorecard [--scale 0-100] [--pdo N] [--capacity N|N%]] [-o model.json] [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    ...HISTORY_OPTIONS,
    model: { type: 'string', short: 'm', description: "model JSON whose points to fit (default: the workbook's 'Lead Scoring' sheet, else none)" },
    output: { type: 'string', short: 'o', description: 'write the calibrated model as JSON to this file' },
    force: { type: 'boolean', short: 'f', description: 'replace the output file when it exists' },
    suggestions: { type: 'string', description: 'at most this many criteria suggested from unused columns (default 8 with a model, 12 without; 0 for none)' },
    scorecard: { type: 'boolean', description: "build a scorecard (points per bin of every usable column) even when the workbook has a 'Lead Scoring' sheet" },
    scale: { type: 'string', description: "scorecard points: 'points' (default, the best lead about 100) or '0-100' (the best lead exactly 100)" },
    pdo: { type: 'string', description: 'scorecard points that double the odds of converting (instead of a best lead of about 100)' },
    capacity: { type: 'string', description: 'scorecard: put Hot at the leads sales can work, a share (15%) or a number of leads' },
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
    const scoring = scorecardOptions(values);
    if (flag(values, 'scorecard') && stringOption(values, 'model') !== undefined) throw new UsageError('give either --model (fit its points) or --scorecard (points for every usable column), not both');
    const history = await readHistoryTable(input, stringOption(values, 'table'));
    const model = flag(values, 'scorecard') ? null : chooseModel(stringOption(values, 'model'), history, input, false);
    const asOf = stringOption(values, 'as-of');
    if (model !== null && Object.keys(scoring).length > 0) throw new UsageError(`--scale, --pdo and --capacity shape a scorecard, and ${stringOption(values, 'model') ?? "the workbook's 'Lead Scoring' sheet"} is fitted instead; add --scorecard to build one`);
    if (model === null) {
      const scorecard = buildScorecard(history.headers, history.rows, outcome, { ...(asOf === undefined ? {} : { asOf }), ...scoring });
      if (!scorecard.ok) throw new CliError(`${input}:\n${formatProblems(scorecard.problems)}`);
      writeModel(output, scorecard.value.model);
      io.stdout(flag(values, 'json') ? scorecardJson(scorecard.value, scorecard.warnings, output ?? null) : describeScorecard(scorecard.value, scorecard.warnings, output ?? null));
      return EXIT.ok;
    }
    const result = calibrate(model, history.headers, history.rows, outcome, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(suggestions === undefined ? {} : { suggestions }),
    });
    if (!result.ok) throw new CliError(`${input}:\n${formatProblems(result.problems)}`);
    writeModel(output, result.value.model);
    const c = result.value;
    io.stdout(
      flag(values, 'json')
        ? JSON.stringify({ holdout: c.holdout, leads: c.leads, converted: c.converted, lambda: c.lambda, criteria: c.criteria, columns: c.columns, warnings: result.warnings, model: c.model, written: output ?? null }, jsonNumbers, 2)
        : describeCalibration(c, result.warnings, output ?? null),
    );
    return EXIT.ok;
  },
};

function writeModel(output: string | undefined, model: unknown): void {
  if (output !== undefined) writeFileAtomically(output, `${JSON.stringify(model, null, 2)}\n`);
}

function scorecardOptions(values: OptionValues): { scale?: '0-100' | 'points'; pointsToDoubleOdds?: number; capacity?: NonNullable<ReturnType<typeof parseCapacity>> } {
  const scale = stringOption(values, 'scale');
  if (scale !== undefined && scale !== 'points' && scale !== '0-100') throw new UsageError(`--scale must be 'points' or '0-100', not '${scale}'`);
  const pdoText = stringOption(values, 'pdo');
  const pdo = pdoText === undefined ? undefined : Number(pdoText);
  if (pdo !== undefined && !(pdo > 0 && pdo <= 1000)) throw new UsageError(`--pdo must be a number of points above 0 (20, say), not '${pdoText}'`);
  const capacity = parseCapacity(stringOption(values, 'capacity'));
  return { ...(scale === undefined ? {} : { scale }), ...(pdo === undefined ? {} : { pointsToDoubleOdds: pdo }), ...(capacity === undefined ? {} : { capacity }) };
}

function scorecardJson(s: Scorecard, warnings: readonly unknown[], written: string | null): string {
  const { model, ...report } = s;
  return JSON.stringify({ ...report, warnings, model, written }, jsonNumbers, 2);
}
