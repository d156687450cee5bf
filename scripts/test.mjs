// `npm test`: typecheck, lint, then vitest (arguments go to vitest: `npm test -- test/cli`),
// stopping at the first failure like `a && b && c`, and ending with what each step cost, so a
// slow run says where its minutes went. Vitest prints its slowest files itself.
import { spawnSync } from 'node:child_process';

const npm = process.env.npm_execpath;
const steps = [
  { name: 'typecheck', command: npm ? [process.execPath, npm, 'run', 'typecheck'] : ['npm', 'run', 'typecheck'] },
  { name: 'lint', command: npm ? [process.execPath, npm, 'run', 'lint'] : ['npm', 'run', 'lint'] },
  { name: 'vitest', command: [process.execPath, 'node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)] },
];

const costs = [];
let status = 0;
for (const step of steps) {
  const started = performance.now();
  const [program, ...args] = step.command;
  const result = spawnSync(program, args, { stdio: 'inherit', shell: process.platform === 'win32' && program === 'npm' });
  costs.push(`${step.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  status = result.status ?? 1;
  if (status !== 0) {
    costs[costs.length - 1] += ' (failed)';
    break;
  }
}
console.log(`\nnpm test: ${costs.join(', ')}`);
process.exitCode = status;
