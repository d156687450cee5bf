/**
 * The command line's shared frame: every `leadscore` command is one Command object in
 * src/cli/commands/, registered by one line in src/cli/leadscore.ts. The frame parses the
 * options each command declares, prints --help from them, and turns thrown CliErrors into a
 * message on stderr and a documented exit code.
 */
import type { ParseArgsConfig } from 'node:util';

/** Exit codes, documented in docs/command-line.md. */
export const EXIT = {
  ok: 0,
  /** The input (file, workbook, model, table, column) cannot be used. */
  input: 1,
  /** The command line itself is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** The output cannot be written: it exists (and --force was not given) or writing failed. */
  output: 3,
  /** A bug: an unexpected error. */
  internal: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: its message says what and where. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.input,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** Where a command writes; tests pass their own to capture output. */
export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: progress is shown only then (or with --progress). */
  readonly stderrIsTTY: boolean;
  /** On a terminal: shows a status line that the next one replaces (progress). */
  readonly status?: (line: string) => void;
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line after `leadscore <name>`, e.g. '<in.xlsx|in.csv> [-o out]'. */
  readonly usage: string;
  /** Option specs (node:util parseArgs) plus a description for --help. */
  readonly options: Readonly<Record<string, OptionSpecs[string] & { readonly description: string }>>;
  readonly positionals: { readonly min: number; readonly max: number };
  /** Extra help text after the options. */
  readonly details?: string;
  run(args: { readonly values: OptionValues; readonly positionals: readonly string[] }, io: CommandIO): Promise<ExitCode | void>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Command['options'] = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** A string option's value, or the fallback. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A --name value that must be one of `choices`. */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const v = stringOption(values, name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not '${v}'`);
  return v as T;
}

export function helpText(command: Command): string {
  const all = { ...command.options, ...COMMON_OPTIONS };
  const lines = [`leadscore ${command.name} ${command.usage}`, '', command.summary, '', 'Options:'];
  for (const [name, spec] of Object.entries(all)) {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    const arg = spec.type === 'string' ? ` <${name === 'output' || name === 'snapshot' ? 'file' : 'value'}>` : '';
    lines.push(`  ${short}--${name}${arg}`.padEnd(30) + spec.description);
  }
  if (command.details !== undefined) lines.push('', command.details);
  return lines.join('\n');
}

/**
 * A message as it may reach a terminal: names and cells from a file can hold escape codes
 * (ESC[2J clears the screen, OSC 8 fakes links), so control characters are shown as \xNN.
 */
export function visible(message: string): string {
  return message.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
