/**
 * npm run bench: scores 1,000,000 synthetic leads against 20 mixed criteria (every condition
 * kind, per-occurrence points, the three decay forms, criterion, group and total caps) with
 * the compiled engine, and a slice of them with a naive per-row interpreter of the same model
 * in the same run. Prints leads per second, the ratio, and peak memory. Figures, not
 * assertions: the machines are shared, so compare the ratio measured within one run.
 *
 * The leads are made and scored in blocks of 50,000 rows, as the add-in and the command line
 * read a large table (Excel on the web takes at most 5 MB a request). Each block goes through
 * JSON first, because Office.js hands range values over as JSON: every cell a fresh value.
 *
 *   BENCH_LEADS=200000 npm run bench     (a shorter run)
 */
import { compile, formatProblems, templateById, type CompiledModel } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { BENCH_MODEL } from './benchModel';
import { naiveScore } from './naiveInterpreter';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const NAIVE_LEADS = Math.min(LEADS, Number(process.env.BENCH_NAIVE_LEADS ?? 100_000));
const BLOCK = 50_000;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const now = (): bigint => process.hrtime.bigint();
const seconds = (from: bigint, to: bigint = now()): number => Number(to - from) / 1e9;
const perSecond = (n: number, s: number): string => `${Math.round(n / s).toLocaleString('en-US')} leads/s`;

/** Rows first..first+count-1 as a host hands them over. */
function hostRows(first: number, count: number): { headers: string[]; rows: unknown[][] } {
  const table = generateLeads({ count, first, seed: 'bench', asOf: '2026-11-01' });
  return { headers: table.headers, rows: JSON.parse(JSON.stringify(table.rows)) as unknown[][] };
}

const { headers } = hostRows(0, 1);
let t = now();
const compiled = compile(BENCH_MODEL, headers);
if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
const scorer: CompiledModel = compiled.value;
console.log(`compiled ${BENCH_MODEL.criteria.length} criteria in ${(seconds(t) * 1000).toFixed(2)} ms`);

// For comparison, the guides' richest example as shipped (Weighted B2B, 14 criteria).
const template = templateById('weighted-b2b');
const templateCompiled = template === undefined ? null : compile(template.model, headers, { asOf: '2026-11-01' });
if (templateCompiled === null || !templateCompiled.ok) throw new Error('the Weighted B2B template does not compile');
const templateScorer = templateCompiled.value;

// The same benchmark model on the 0-100 scale: what scaling the total and splitting it into
// Fit and Engagement costs, next to the points scale in the same run.
const percentCompiled = compile({ ...BENCH_MODEL, scale: '0-100' }, headers);
if (!percentCompiled.ok) throw new Error(formatProblems(percentCompiled.problems));
const percentScorer = percentCompiled.value;

// Let the JIT compile the scoring loops first, on leads that are not part of the run.
const warmUp = hostRows(LEADS, 20_000).rows;
scorer.scoreRows(warmUp);
templateScorer.scoreRows(warmUp);
percentScorer.scoreRows(warmUp);

// Five passes over all the leads, timing only the scoring; the first block is kept for the
// baseline. The best pass is the figure least disturbed by other work on a shared machine.
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const passes: number[] = [];
const templatePasses: number[] = [];
const percentPasses: number[] = [];
let preparing = 0;
const bandCounts = scorer.bands.map(() => 0);
let baselineRows: unknown[][] = [];
let baselineScores: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  let scoring = 0;
  let templateScoring = 0;
  let percentScoring = 0;
  for (let first = 0; first < LEADS; first += BLOCK) {
    t = now();
    const { rows } = hostRows(first, Math.min(BLOCK, LEADS - first));
    const scored = now();
    preparing += seconds(t, scored);
    const result = scorer.scoreRows(rows);
    const templateStart = now(); // the template scores the same block right after, so its cells are warmer
    scoring += seconds(scored, templateStart);
    templateScorer.scoreRows(rows);
    const percentStart = now();
    templateScoring += seconds(templateStart, percentStart);
    percentScorer.scoreRows(rows);
    percentScoring += seconds(percentStart);
    if (pass > 0) continue;
    for (const b of result.bandIndex) bandCounts[b] = (bandCounts[b] ?? 0) + 1;
    if (baselineRows.length < NAIVE_LEADS) {
      const wanted = NAIVE_LEADS - baselineRows.length;
      baselineRows = baselineRows.concat(rows.slice(0, wanted));
      baselineScores = baselineScores.concat([...result.scores.subarray(0, wanted)]);
    }
  }
  passes.push(scoring);
  templatePasses.push(templateScoring);
  percentPasses.push(percentScoring);
}
const best = Math.min(...passes);
console.log(`made ${LEADS.toLocaleString('en-US')} leads x ${headers.length} columns in blocks of ${BLOCK.toLocaleString('en-US')}, ${PASSES} times (${preparing.toFixed(1)} s, not counted)`);
console.log(`engine: scored ${LEADS.toLocaleString('en-US')} leads in ${passes.map((p) => `${p.toFixed(3)} s`).join(', ')}; best ${perSecond(LEADS, best)} (${((best / LEADS) * 1e9).toFixed(0)} ns a lead)`);
const templateBest = Math.min(...templatePasses);
console.log(`engine, Weighted B2B template (14 criteria): best ${perSecond(LEADS, templateBest)} (${((templateBest / LEADS) * 1e9).toFixed(0)} ns a lead)`);
const percentBest = Math.min(...percentPasses);
console.log(`engine, the same 20 criteria on the 0-100 scale: best ${perSecond(LEADS, percentBest)} (${((percentBest / LEADS) * 1e9).toFixed(0)} ns a lead, ${(percentBest / best).toFixed(2)}x the points scale's time)`);

for (const row of baselineRows.slice(0, 2_000)) naiveScore(BENCH_MODEL, headers, row);
t = now();
let mismatches = 0;
baselineRows.forEach((row, i) => {
  if (naiveScore(BENCH_MODEL, headers, row).score !== baselineScores[i]) mismatches++;
});
const naive = seconds(t);
console.log(`naive per-row interpreter: ${baselineRows.length.toLocaleString('en-US')} leads in ${naive.toFixed(3)} s = ${perSecond(baselineRows.length, naive)}`);
console.log(`compiled engine (best pass) vs naive interpreter: ${(LEADS / best / (baselineRows.length / naive)).toFixed(1)}x faster`);
console.log(`scores that differ between the two: ${mismatches} of ${baselineRows.length.toLocaleString('en-US')}`);
console.log(`bands: ${scorer.bands.map((b, i) => `${b.name} ${(bandCounts[i] ?? 0).toLocaleString('en-US')}`).join(', ')}`);
console.log(`peak memory (max RSS of the whole run): ${mb(process.resourceUsage().maxRSS * 1024)}`);
