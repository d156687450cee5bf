/**
 * npm run bench -- functions: recalculates 10,000 leads through the =LEADSCORE entry points,
 * as Excel would after a weight change: MODEL once, then SCORE either once per row (a
 * calculated column) or once over the whole table (a spilled column). Arguments go through
 * JSON first, because Excel passes ranges by value; the cells so passed are counted.
 * Figures, not assertions. Best of five passes.
 *
 *   BENCH_ROWS=50000 npm run bench -- functions
 */
import { modelToCells, templateById } from '../src/engine';
import { createLeadScoreFunctions, type Matrix } from '../src/functions/core';
import { ModelRegistry } from '../src/functions/registry';
import { generateLeads } from '../src/sample-data/generateLeads';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const PASSES = 5;

const template = templateById('weighted-b2b');
if (template === undefined) throw new Error('no weighted-b2b template');
const table = generateLeads({ count: ROWS, first: 0, seed: 'functions-bench', asOf: '2026-11-01' });
const headers = [...table.headers];
const rows = JSON.parse(JSON.stringify(table.rows)) as unknown[][];

let marshalled = 0;
/** An argument as Excel hands it over: a fresh copy, its cells counted. */
function byValue<T>(value: T): T {
  marshalled += Array.isArray(value) ? (value as unknown[][]).reduce((n, row) => n + row.length, 0) : 1;
  return JSON.parse(JSON.stringify(value)) as T;
}

const now = (): bigint => process.hrtime.bigint();
const ms = (from: bigint): number => Number(now() - from) / 1e6;

for (const shape of ['one call per row', 'one spilled call'] as const) {
  let best = Number.POSITIVE_INFINITY;
  let compilations = 0;
  let values = 0;
  let calls = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const registry = new ModelRegistry();
    const f = createLeadScoreFunctions({ registry, makeError: (code, message) => ({ code, message }) });
    // Each pass a different weight, as an analyst would tweak it.
    const model = { ...template.model, criteria: template.model.criteria.map((c, i) => (i === 0 ? { ...c, points: c.points + pass } : c)) };
    const cells = modelToCells(model);
    marshalled = 0;
    calls = 0;
    const t = now();
    const handle = f.model(byValue(cells.criteria), byValue(cells.bands), byValue(cells.settings), byValue([headers]));
    calls++;
    if (typeof handle !== 'string') throw new Error(JSON.stringify(handle));
    let sum = 0;
    if (shape === 'one call per row') {
      for (const row of rows) {
        sum += Number((f.score(byValue(handle), byValue([row])) as Matrix)[0]?.[0]);
        calls++;
      }
    } else {
      // No model source here: the answer is never a promise.
      for (const r of f.score(byValue(handle), byValue(rows)) as Matrix) sum += Number(r[0]);
      calls++;
    }
    const elapsed = ms(t);
    if (!Number.isFinite(sum)) throw new Error('a score is not a number');
    best = Math.min(best, elapsed);
    compilations = registry.compilations;
    values = marshalled;
  }
  console.log(
    `${shape.padEnd(17)} ${ROWS.toLocaleString('en-US')} rows x ${headers.length} columns: ${best.toFixed(1)} ms ` +
      `(best of ${PASSES}, JSON copies included), ${calls.toLocaleString('en-US')} calls, ${compilations} model compilation(s), ` +
      `${values.toLocaleString('en-US')} values marshalled`,
  );
}
