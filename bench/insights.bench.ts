/**
 * npm run bench -- insights: calibrates a 40-criterion model on 100,000 synthetic leads (40
 * candidate features: categories, ranges, yes/no, recency, per-occurrence counts), with the
 * 25% holdout, 5-fold cross-validation over the penalties and the final refit. Target: under
 * 5 seconds. Then the same without a model (criteria suggested from the 30 columns).
 * Figures, not assertions.
 *
 * Then the scorecard (points per bin from the table alone) on 100,000 leads x 40 columns: the
 * realistic table (placeholders, 40% blanks, correlated columns, a sequential number, a leak)
 * plus the generator's other columns and a few noise columns. Target: under 5 seconds.
 *
 *   BENCH_CALIBRATE_LEADS=20000 npm run bench -- insights
 */
import { criterion, model, type Criterion } from '../src/engine';
import { buildScorecard, calibrate } from '../src/insights';
import { generateRealisticLeads } from '../src/sample-data/realisticLeads';
import { createRandom } from '../src/sample-data/random';
import { generateLeads } from '../src/sample-data/generateLeads';

const LEADS = Number(process.env.BENCH_CALIBRATE_LEADS ?? 100_000);
const TARGET_SECONDS = 5;
const asOf = '2026-11-01';

const counts = ['Website Visits', 'Pricing Page Visits', 'Blog Visits', 'Datasheet Downloads', 'Ebook Downloads', 'Webinars Attended', 'Email Opens', 'Email Clicks', 'Email Downloads', 'LinkedIn Post Likes', 'LinkedIn Event Joins', 'Product Video Views', 'Comparison Tool Uses'];
const criteria: Criterion[] = [];
for (const field of counts) {
  criteria.push(criterion({ group: 'engagement', field, condition: { op: 'gte', value: 1 }, points: 5 }));
  criteria.push(criterion({ group: 'engagement', field, condition: { op: 'gte', value: 3 }, points: 5 }));
}
criteria.push(
  criterion({ group: 'engagement', field: 'Blog Visits', condition: { op: 'gte', value: 1 }, perOccurrenceOf: 'Blog Visits', points: 2, cap: { min: null, max: 20 } }),
  criterion({ group: 'engagement', field: 'Demo Requested', condition: { op: 'isTrue' }, points: 20 }),
  criterion({ group: 'engagement', field: 'Trial Signed Up', condition: { op: 'isTrue' }, points: 15 }),
  criterion({ group: 'engagement', field: 'Last Activity Date', condition: { op: 'withinDays', days: 30 }, points: 10 }),
  criterion({ group: 'engagement', field: 'Last Activity Date', condition: { op: 'olderThanDays', days: 180 }, points: -10 }),
  criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 20 }),
  criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Healthcare'] }, points: 10 }),
  criterion({ group: 'fit', field: 'Title', condition: { op: 'equals', values: ['CEO', 'CTO', 'Owner', 'Founder', 'VP Sales', 'VP Marketing'] }, points: 15 }),
  criterion({ group: 'fit', field: 'Title', condition: { op: 'contains', values: ['Manager', 'Director'] }, points: 10 }),
  criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: ['United States', 'Canada'] }, points: 10 }),
  criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: ['United Kingdom', 'Germany', 'France', 'Netherlands', 'Spain'] }, points: 5 }),
  criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 500 }, points: 10 }),
  criterion({ group: 'fit', field: 'Email', condition: { op: 'personalEmail' }, points: -10 }),
  criterion({ group: 'fit', field: 'First Name', condition: { op: 'spamLike' }, points: -20 }),
);
const benchModel = model({ name: 'Bench 40', asOf, criteria });

const t0 = performance.now();
const table = generateLeads({ count: LEADS, seed: 'insights-bench', asOf });
console.log(`generated ${LEADS.toLocaleString('en-US')} leads in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed)`);

function run(label: string, m: typeof benchModel | null, suggestions?: number): void {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = calibrate(m, table.headers, table.rows, 'Converted', suggestions === undefined ? { asOf } : { asOf, suggestions });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time is what the process itself used: on a shared machine it is the steadier figure.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!result.ok) {
    console.log(`${label}: failed: ${result.problems.map((p) => p.message).join('; ')}`);
    return;
  }
  const c = result.value;
  console.log(
    `${label}: ${c.criteria.length} features, ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU` +
      ` (target ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'met' : 'NOT met'} in wall time, ${cpuSeconds < TARGET_SECONDS ? 'met' : 'NOT met'} in CPU time); lambda ${c.lambda};` +
      ` holdout AUC ${c.holdout.aucBefore === null ? '-' : c.holdout.aucBefore.toFixed(3)} -> ${c.holdout.aucAfter.toFixed(3)}`,
  );
}

console.log(`model criteria: ${criteria.length}`);
run('calibrate 40-criterion model, no suggestions', benchModel, 0);
run('calibrate 40-criterion model + up to 8 suggestions', benchModel);
run('calibrate from the table alone (suggested criteria)', null);

// The scorecard on 40 columns.
const realistic = generateRealisticLeads({ count: LEADS, seed: 'insights-bench', asOf });
const extra = table.headers.filter((h) => !realistic.headers.includes(h));
const extraIndex = extra.map((h) => table.headers.indexOf(h));
const noise = createRandom('scorecard-bench-noise');
const NOISE = ['Campaign Code', 'Form Version', 'Region Code', 'Browser', 'Score Bucket', 'Survey Answer'];
const scorecardHeaders = [...realistic.headers, ...extra, ...NOISE].slice(0, 40);
const scorecardRows = realistic.rows.map((row, i) => {
  const base = table.rows[i] ?? [];
  const out = [...row, ...extraIndex.map((k) => base[k])];
  for (let k = 0; out.length < scorecardHeaders.length; k++) out.push(k % 2 === 0 ? `v${noise.int(1, 12)}` : noise.int(0, 500));
  return out;
});
{
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = buildScorecard(scorecardHeaders, scorecardRows, 'Converted', { asOf });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!result.ok) console.log(`scorecard: failed: ${result.problems.map((p) => p.message).join('; ')}`);
  else {
    const s = result.value;
    console.log(
      `scorecard ${LEADS.toLocaleString('en-US')} leads x ${scorecardHeaders.length} columns: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU` +
        ` (target ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'met' : 'NOT met'} in wall time, ${cpuSeconds < TARGET_SECONDS ? 'met' : 'NOT met'} in CPU time);` +
        ` ${s.columns.length} columns kept, ${s.leftOut.length} left out, ${s.model.criteria.length} criteria;` +
        ` hold-out AUC ${s.holdout.aucScorecard.toFixed(3)} scorecard vs ${s.holdout.aucRegression.toFixed(3)} unconstrained regression`,
    );
  }
}
