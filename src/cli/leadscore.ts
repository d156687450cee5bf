/**
 * leadscore: the command line. Each command lives in src/cli/commands/<name>.ts; adding one is
 * that file plus one line in COMMANDS below.
 *
 *   leadscore <command> [options]      leadscore --help      leadscore <command> --help
 */
import { parseArgs } from 'node:util';
import { removeOpenTemporaries } from './files/atomicFile';
import { CliError, COMMON_OPTIONS, EXIT, helpText, UsageError, visible, type Command, type CommandIO, type ExitCode, type OptionSpecs } from './command';
import { accountsCommand } from './commands/accounts';
import { backtestCommand } from './commands/backtest';
import { calibrateCommand } from './commands/calibrate';
import { calllistCommand } from './commands/calllist';
import { scoreCommand } from './commands/score';
import { sqlCommand } from './commands/sql';

export const COMMANDS: readonly Command[] = [
  scoreCommand,
  sqlCommand,
  backtestCommand,
  calibrateCommand,
  calllistCommand,
  accountsCommand,
];

export function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'leadscore <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'leadscore <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 unusable input, 2 wrong usage, 3 output not written, 4 internal error.',
  ].join('\n');
}

/** A status line on a terminal is cleared before anything else is printed. */
let statusShown = false;
const clearStatus = (): void => {
  if (statusShown) process.stderr.write('\r\x1b[K');
  statusShown = false;
};

const processIO = (): CommandIO => ({
  stdout: (text) => {
    clearStatus();
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  },
  stderr: (text) => {
    clearStatus();
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  },
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stderr.isTTY === true
    ? {
        status: (line: string) => {
          const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
          process.stderr.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
          statusShown = true;
        },
      }
    : {}),
});

/** Runs one command line; returns the exit code (never throws). */
export async function main(argv: readonly string[], io: CommandIO = processIO()): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) throw new UsageError(`unknown command '${name}'; the commands are: ${COMMANDS.map((c) => c.name).join(', ')}`);
    const options: OptionSpecs = {};
    for (const [key, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) {
      const { description: _description, ...parseSpec } = spec;
      options[key] = parseSpec;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.values.help === true) {
      io.stdout(helpText(command));
      return EXIT.ok;
    }
    const { min, max } = command.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new UsageError(`expected ${min === max ? min : `${min} to ${max}`} argument(s): leadscore ${command.name} ${command.usage}`);
    }
    return (await command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals }, io)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`leadscore${command === undefined ? '' : ` ${command.name}`}: ${visible(error.message)}`);
      if (error.exitCode === EXIT.usage) io.stderr(`Run 'leadscore ${command?.name ?? ''} --help'.`.replace('  ', ' '));
      return error.exitCode;
    }
    io.stderr(`leadscore: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}

/**
 * The program: main() on the process's streams. Ctrl-C or a kill (SIGINT, SIGTERM) removes
 * any temporary file being written before exiting; the output file is left as it was.
 */
export async function run(argv: readonly string[]): Promise<number> {
  // Output piped into a program that stops reading (leadscore sql ... | head) ends quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      removeOpenTemporaries();
      clearStatus();
      process.stderr.write(`leadscore: stopped by ${signal}; nothing was written\n`);
      process.exit(code);
    });
  }
  return main(argv);
}
