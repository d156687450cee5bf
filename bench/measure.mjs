// Runs a program's module in this process and prints, as the last line on stderr, its wall
// time, CPU time (user + system, all threads: on a busy shared host wall time waits for a core,
// CPU time does not) and peak memory (resident set) as JSON. Used by the command-line benchmarks so that a
// figure covers the whole program, start-up included, and nothing else.
//   node bench/measure.mjs <module> [args...]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const started = performance.now();
const [module, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(module), ...args];
process.on('exit', (code) => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`\n${JSON.stringify({ ms: performance.now() - started, cpuMs, maxRssKb: usage.maxRSS, code })}\n`);
});
await import(pathToFileURL(resolve(module)).href);
