/**
 * The pane's live feedback: one compile and one scoring pass over the table per edit
 * (liveScores), for 10,000 example leads. The target: visible within 100 ms of the edit.
 * Prints figures; asserts nothing.
 */
import { templateById, type Model } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { liveScores } from '../src/taskpane/liveScores';
import type { LeadTable } from '../src/workbook/session';

const leads = generateLeads({ count: 10_000, seed: 7 });
const table: LeadTable = { name: 'Leads', sheet: 'Leads', address: 'Leads!A1', headers: leads.headers, rows: leads.rows, columns: [], scoringColumns: [] };
const base = templateById('weighted-b2b')?.model;
if (base === undefined) throw new Error('weighted-b2b template missing');

const times: number[] = [];
for (let edit = 0; edit < 30; edit++) {
  // Each edit is a new model value, as in the pane: a weight change on the first criterion.
  const m: Model = { ...base, criteria: base.criteria.map((c, i) => (i === 0 ? { ...c, points: c.points + edit } : c)) };
  const t0 = performance.now();
  const live = liveScores(m, table);
  times.push(performance.now() - t0);
  if (live.compiled === null) throw new Error('template does not compile against the example leads');
}
times.sort((a, b) => a - b);
const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN).toFixed(1);
console.log(`pane live feedback, 10,000 leads, weighted-b2b: median ${at(0.5)} ms, p90 ${at(0.9)} ms, worst ${at(1)} ms per edit (compile + score + band counts + histogram)`);
