import { formatProblems } from '../../engine';
import { backtest, priorityConversion, type Capacity } from '../../insights';
import { CliError, EXIT, flag, stringOption, UsageError, type Command } from '../command';
import { chooseModel, HISTORY_OPTIONS, readHistoryTable } from '../historyTable';
import { describeBacktest, describePriorityMatrix } from '../insightsReport';

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'check a model against leads with known outcomes: AUC, conversion per band and decile, gain, thresholds',
  usage: '<history.xlsx|history.csv> --outcome <column> [--model model.json] [--capacity N|N%] [--target-rate R%] [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    ...HISTORY_OPTIONS,
    model: { type: 'string', short: 'm', description: "model JSON file (default: the workbook's 'Lead Scoring' sheet)" },
    capacity: { type: 'string', description: 'leads sales can work: a number of leads of this table (120) or a share (20%)' },
    'target-rate': { type: 'string', description: 'conversion rate wanted among the leads worked, e.g. 25%' },
    json: { type: 'boolean', description: 'print the figures as JSON' },
  },
  async run({ values, positionals }, io) {
    const input = positionals[0] as string;
    const outcome = stringOption(values, 'outcome');
    if (outcome === undefined) throw new UsageError('give the outcome column with --outcome <column>');
    const history = await readHistoryTable(input, stringOption(values, 'table'));
    const model = chooseModel(stringOption(values, 'model'), history, input, true);
    if (model === null) throw new CliError('no model');
    const capacity = parseCapacity(stringOption(values, 'capacity'));
    const targetRate = parseShare(stringOption(values, 'target-rate'), 'target-rate');
    const asOf = stringOption(values, 'as-of');
    const result = backtest(model, history.headers, history.rows, outcome, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(capacity === undefined ? {} : { capacity }),
      ...(targetRate === undefined ? {} : { targetRate }),
    });
    if (!result.ok) throw new CliError(`${input}:\n${formatProblems(result.problems)}`);
    // Every lead of the table counts in its cell, those of unknown outcome too; a model that cannot grade says why in one line.
    const priority = priorityConversion(model, history.headers, history.rows, { outcome, ...(asOf === undefined ? {} : { asOf }) });
    if (flag(values, 'json')) {
      io.stdout(JSON.stringify({ ...result.value, priority: priority.ok ? priority.value : null, warnings: result.warnings }, jsonNumbers, 2));
    } else {
      const matrix = priority.ok ? describePriorityMatrix(priority.value, outcome) : [`Priority matrix: not available (${formatProblems(priority.problems.slice(0, 1))}).`];
      io.stdout([describeBacktest(result.value, result.warnings), '', ...matrix].join('\n'));
    }
    return EXIT.ok;
  },
};

/** NaN and Infinity as null, since JSON has no such numbers. */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

function parseShare(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = m === null ? Number.NaN : Number(m[1]) / (m[2] === '%' || Number(m[1]) > 1 ? 100 : 1);
  if (!(value > 0 && value <= 1)) throw new UsageError(`--${name} must be a share such as 25% or 0.25, not '${text}'`);
  return value;
}

export function parseCapacity(text: string | undefined): Capacity | undefined {
  if (text === undefined) return undefined;
  if (text.trim().endsWith('%')) return { kind: 'share', share: parseShare(text, 'capacity') ?? 0 };
  const leads = Number(text);
  if (!(Number.isInteger(leads) && leads > 0)) throw new UsageError(`--capacity must be a number of leads (120) or a share (20%), not '${text}'`);
  return { kind: 'leads', leads };
}
