import { describe, expect, it } from 'vitest';
import { templateById } from '../../src/engine';
import { modelFingerprint } from '../../src/workbook/ownership';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import { opened, today } from './openedSession';

describe('the workbook remembers which model its scores came from', () => {
  it('records the model, its fingerprint and the time of Apply, and a reopened session reads them', async () => {
    const { book, session } = await opened();
    const m = templateById('weighted-b2b')!.model;
    const before = Date.now();
    const result = await session.apply(m, { mode: 'values', subScores: false });
    expect(result.kind).toBe('applied');

    const reopened = new WorkbookSession(book, { today, debounceMs: 5 });
    const found = await reopened.findLeadTable();
    if (found.kind !== 'table') throw new Error('no table');
    const applied = found.table.applied;
    expect(applied).toMatchObject({ model: 'Weighted B2B', fingerprint: modelFingerprint(m), mode: 'values' });
    expect(Date.parse(applied?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // An edited model no longer matches what the sheet holds.
    expect(modelFingerprint({ ...m, criteria: m.criteria.map((c, i) => (i === 0 ? { ...c, points: 21 } : c)) })).not.toBe(applied?.fingerprint);

    await reopened.removeScoring();
    const after = await reopened.reloadTable();
    expect(after.applied).toBeNull();
  });
});
