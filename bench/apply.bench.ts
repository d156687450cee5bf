/**
 * npm run bench -- apply: Apply and Remove on a 100,000-lead table in the in-memory workbook,
 * in both output modes. Prints the requests Apply makes, the largest request payload (Excel on
 * the web refuses more than 5 MB), and the time, which is the session and in-memory workbook's
 * own cost (a real Excel adds its own). Figures, not assertions.
 *
 *   BENCH_APPLY_LEADS=20000 npm run bench -- apply
 */
import { templateById } from '../src/engine';
import { previewWorkbook } from '../src/workbook/previewWorkbook';
import { WorkbookSession } from '../src/workbook/workbookSession';

const LEADS = Number(process.env.BENCH_APPLY_LEADS ?? 100_000);
const model = templateById('weighted-b2b')?.model;
if (model === undefined) throw new Error('no weighted-b2b template');

for (const mode of ['values', 'formulas'] as const) {
  const book = previewWorkbook(LEADS);
  const session = new WorkbookSession(book, { today: () => new Date(2026, 10, 1) });
  const t0 = performance.now();
  await session.findLeadTable();
  const t1 = performance.now();
  const before = book.stats.requests;
  book.stats.maxPayloadBytes = 0;
  const result = await session.apply(model, { mode, subScores: true });
  const t2 = performance.now();
  const maxPayload = book.stats.maxPayloadBytes;
  const counted = book.stats.requests - before;
  const removed = await session.removeScoring();
  const t3 = performance.now();
  if (result.kind !== 'applied') throw new Error(`apply gave ${result.kind}`);
  console.log(
    `${mode.padEnd(8)} ${LEADS.toLocaleString('en-US')} leads: find+read ${(t1 - t0).toFixed(0)} ms; ` +
      `apply ${result.requests} requests (${counted} counted by the workbook), ` +
      `max payload ${(maxPayload / 1024 / 1024).toFixed(2)} MB, ${(t2 - t1).toFixed(0)} ms; ` +
      `remove ${removed.columns.length} columns, ${removed.rules} rules, ${(t3 - t2).toFixed(0)} ms`,
  );
}
