// A workbook reopened, co-authored, or a runtime reloaded (issue 10 item 2): Excel shows the
// =LEADSCORE.MODEL cell's old handle but has not run MODEL in this runtime. The functions read
// the model tables themselves (reading is allowed from a custom function in a shared runtime;
// changing the Excel environment, such as recalculating, is not: "Call Excel JavaScript APIs
// from a custom function" in Microsoft's docs) and score with the rebuilt model when its digest
// is the handle's.
import { describe, expect, it } from 'vitest';
import { columnLetters, templateById, type Model } from '../../src/engine';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import type { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { createLeadScoreFunctions } from '../../src/functions/core';
import { gatewayModelSource, warmUp } from '../../src/functions/modelRecovery';
import { ModelRegistry } from '../../src/functions/registry';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import { FakeError, tablesOf, TODAY } from './excel';

const weighted = (): Model => {
  const t = templateById('weighted-b2b');
  if (t === undefined) throw new Error('no template');
  return t.model;
};

/** A workbook after a formulas Apply, and the handle its model cell showed when it was saved. */
async function appliedWorkbook(): Promise<{ book: MemoryWorkbook; handle: string; headers: string[]; lead: unknown[] }> {
  const book = previewWorkbook(20);
  const session = new WorkbookSession(book, { today: () => TODAY });
  await session.findLeadTable();
  await session.apply(weighted(), { mode: 'formulas', subScores: false });
  const info = (await book.tables()).find((t) => t.name === 'Leads');
  if (info === undefined) throw new Error('no Leads');
  // The columns Apply added (Score, Band, and Change, Band since: the example leads have a Lead ID) are not lead columns.
  const headers = info.headers.filter((h) => !['Score', 'Band', 'Change', 'Band since'].includes(h));
  // The first runtime ran MODEL over the saved tables: the handle Excel keeps in B2.
  const t = tablesOf(weighted());
  const first = runtime(book);
  const handle = first.model(t.criteria, t.bands, t.settings, [headers]);
  if (typeof handle !== 'string') throw new Error(`MODEL failed: ${JSON.stringify(handle)}`);
  await book.write([{ sheet: 'Lead Scoring', address: 'B2', values: [[`'${handle}`]] }]);
  const lead = (await book.readValues('Leads', `A2:${columnLetters(headers.length - 1)}2`))[0] ?? [];
  return { book, handle, headers, lead };
}

/** A fresh runtime on the workbook: an empty registry, reads through the gateway. */
function runtime(book: MemoryWorkbook, reads?: { count: number }) {
  const source = gatewayModelSource(book);
  return createLeadScoreFunctions({
    makeError: (code, message) => new FakeError(code, message),
    registry: new ModelRegistry({ today: () => TODAY }),
    modelSource: {
      read: () => {
        if (reads !== undefined) reads.count++;
        return source.read();
      },
      namedHandles: () => source.namedHandles(),
    },
  });
}

describe('a score formula whose model is not loaded in this runtime', () => {
  it('reads the model tables and scores, never #VALUE! first', async () => {
    const { book, handle, headers, lead } = await appliedWorkbook();
    expect(lead.length).toBe(headers.length);
    const loaded = runtime(book);
    const t = tablesOf(weighted());
    const expected = await loaded.score(loaded.model(t.criteria, t.bands, t.settings, [headers]), [lead]);
    const fresh = runtime(book);
    expect(await fresh.score(handle, [lead])).toEqual(expected);
    expect(typeof expected[0]?.[0]).toBe('number');
  });

  it('all the rows that miss at once wait on one read of the tables', async () => {
    const { book, handle, lead } = await appliedWorkbook();
    const reads = { count: 0 };
    const fresh = runtime(book, reads);
    const results = await Promise.all(Array.from({ length: 500 }, () => fresh.band(handle, [lead])));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(reads.count).toBe(1);
    // Loaded now: the next call answers at once, without a promise.
    expect(Array.isArray(fresh.band(handle, [lead]))).toBe(true);
  });

  it('tables edited since the handle was made do not match it: #VALUE! says what to do, and nothing is recalculated', async () => {
    const { book, handle, lead } = await appliedWorkbook();
    book.userEdit('Lead Scoring', 'F4', [[999]]);
    const result = await runtime(book).score(handle, [lead]);
    const error = result[0]?.[0] as FakeError;
    expect(error).toBeInstanceOf(FakeError);
    expect(error.message).toContain('not loaded');
  });

  it('is filled in once when the runtime starts (Office.onReady), from the named model cell', async () => {
    const { book, handle, lead } = await appliedWorkbook();
    const fresh = runtime(book);
    await warmUp(fresh, gatewayModelSource(book));
    const answer = fresh.score(handle, [lead]);
    expect(Array.isArray(answer)).toBe(true);
    expect(typeof (answer as unknown[][])[0]?.[0]).toBe('number');
  });
});
