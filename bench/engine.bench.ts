/**
 * npm run bench: scores 1,000,000 synthetic leads against 20 mixed criteria with the compiled
 * engine, and a slice of them with a naive per-row interpreter in the same run, and prints
 * leads per second, the ratio, and peak memory. Figures, not assertions: the machines are
 * shared, so compare the ratio measured within one run.
 */
import { compile, formatProblems } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { BENCH_MODEL } from './benchModel';
import { naiveScore } from './naiveInterpreter';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const NAIVE_LEADS = Math.min(LEADS, Number(process.env.BENCH_NAIVE_LEADS ?? 100_000));

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en-US')} leads/s`;

let t = process.hrtime.bigint();
const { headers, rows } = generateLeads({ count: LEADS, seed: 'bench', asOf: '2026-11-01' });
console.log(`generated ${LEADS.toLocaleString('en-US')} leads x ${headers.length} columns in ${seconds(t).toFixed(2)} s (heap ${mb(process.memoryUsage().heapUsed)})`);

t = process.hrtime.bigint();
const compiled = compile(BENCH_MODEL, headers);
if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
const scorer = compiled.value;
console.log(`compiled ${BENCH_MODEL.criteria.length} criteria in ${(seconds(t) * 1000).toFixed(2)} ms`);

// Warm up the JIT on a slice, then measure the best of three full passes.
scorer.scoreRows(rows.slice(0, 20_000));
let best = Number.POSITIVE_INFINITY;
let result = scorer.scoreRows([]);
for (let pass = 0; pass < 3; pass++) {
  t = process.hrtime.bigint();
  result = scorer.scoreRows(rows);
  best = Math.min(best, seconds(t));
}
console.log(`engine: ${LEADS.toLocaleString('en-US')} leads in ${best.toFixed(3)} s = ${rate(LEADS, best)} (best of 3)`);

const naiveRows = rows.slice(0, NAIVE_LEADS);
for (const row of naiveRows.slice(0, 2_000)) naiveScore(BENCH_MODEL, headers, row);
t = process.hrtime.bigint();
let mismatches = 0;
naiveRows.forEach((row, i) => {
  if (naiveScore(BENCH_MODEL, headers, row).score !== result.scores[i]) mismatches++;
});
const naive = seconds(t);
console.log(`naive per-row interpreter: ${NAIVE_LEADS.toLocaleString('en-US')} leads in ${naive.toFixed(3)} s = ${rate(NAIVE_LEADS, naive)}`);
console.log(`speed-up of the compiled engine over the naive interpreter: ${(NAIVE_LEADS / naive / (LEADS / best)) ** -1 > 0 ? ((LEADS / best) / (NAIVE_LEADS / naive)).toFixed(1) : '?'}x`);
console.log(`scores that differ between the two: ${mismatches} of ${NAIVE_LEADS.toLocaleString('en-US')}`);

const bands = new Map<string, number>();
result.bandIndex.forEach((b) => bands.set(scorer.bands[b]?.name ?? '?', (bands.get(scorer.bands[b]?.name ?? '?') ?? 0) + 1));
console.log(`bands: ${[...bands].map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`).join(', ')}`);
console.log(`peak memory (max RSS): ${mb(process.resourceUsage().maxRSS * 1024)}; heap now ${mb(process.memoryUsage().heapUsed)}`);
