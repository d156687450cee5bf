import type { CommandIO } from '../../src/cli/command';
import { main } from '../../src/cli/leadscore';

/** Runs `leadscore <argv>` in process and returns its exit code and what it printed. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIO = { stdout: (t) => (out += `${t}\n`), stderr: (t) => (err += `${t}\n`), stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}
