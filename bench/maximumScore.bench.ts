/**
 * npm run bench -- maximumScore: the 0-100 scale's maximum (what 100 means) for models with
 * many criteria, all on one column so that every pair could be tested for exclusivity (the
 * worst case: issue 17 measured 13 s a call at 10,000 criteria before it became n log n).
 * Prints the time of one maximumScore call, and of one compile (which needs it), per size; and
 * of one groupMaximum call (the most one lead can reach: what automatic grades are shares of),
 * which tries each listed value and range end as a cell.
 *
 *   BENCH_CRITERIA=1000,10000 npm run bench -- maximumScore
 */
import { compile, criterion, groupMaximum, maximumScore, model, type Criterion, type Model } from '../src/engine';

const SIZES = (process.env.BENCH_CRITERIA ?? '1000,10000,20000').split(',').map(Number);

const now = (): bigint => process.hrtime.bigint();
const ms = (from: bigint): string => `${(Number(now() - from) / 1e6).toFixed(1)} ms`;

/** n criteria on one column: equals with distinct values, or adjacent ranges, so every pair is exclusive. */
function manyCriteria(n: number, kind: 'equals' | 'ranges'): Model {
  const criteria: Criterion[] = [];
  for (let i = 0; i < n; i++) {
    criteria.push(
      kind === 'equals'
        ? criterion({ group: 'fit', field: 'Code', condition: { op: 'equals', values: [`code-${i}`, `alias-${i}`] }, points: (i % 50) + 1 })
        : criterion({ group: 'engagement', field: 'Visits', condition: { op: 'between', min: i * 10, max: i * 10 + 9 }, points: (i % 50) + 1 }),
    );
  }
  return model({ name: `${n} ${kind}`, scale: '0-100', criteria });
}

for (const n of SIZES) {
  for (const kind of ['equals', 'ranges'] as const) {
    const m = manyCriteria(n, kind);
    let t = now();
    const max = maximumScore(m);
    const call = ms(t);
    t = now();
    const compiled = compile(m, ['Code', 'Visits'], { asOf: '2026-11-01' });
    const compiling = ms(t);
    if (!compiled.ok) throw new Error(`${n} ${kind}: the model does not compile`);
    // A copy of the model: validating it in compile already worked out (and kept) its groupMaximum.
    t = now();
    const reach = groupMaximum({ ...m }, kind === 'equals' ? 'fit' : 'engagement');
    const reaching = ms(t);
    console.log(`${n.toLocaleString('en-US').padStart(7)} criteria, ${kind.padEnd(6)}: maximumScore ${call.padStart(10)} (max ${max}), compile ${compiling.padStart(10)}, groupMaximum ${reaching.padStart(10)} (${reach})`);
  }
}
