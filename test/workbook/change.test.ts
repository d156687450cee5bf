import { describe, expect, it } from 'vitest';
import { criterion, model, SNAPSHOT_SHEET, snapshotFromCells, type Model } from '../../src/engine';
import { changeHeadline, changeNotes } from '../../src/insights/changeReport';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import type { ApplyResult } from '../../src/workbook/session';

// Visits of 2 or more: 30 points; a demo request: 25. Bands Cold 0-20, Warm 21-49, Hot 50+.
const m: Model = model({
  name: 'Visits and demos',
  criteria: [
    criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 2 }, points: 30 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 25 }),
  ],
});
const NOV_18 = 46344;
const NOV_26 = 46352;

function book(): MemoryWorkbook {
  const b = new MemoryWorkbook();
  b.seedSheet('Leads', [
    ['Lead ID', 'Visits', 'Demo'],
    ['L1', 5, 'no'], // 30 Warm
    ['L2', 0, 'no'], // 0 Cold
    ['L3', 3, 'yes'], // 55 Hot
    ['', 4, 'no'], // 30 Warm, no ID
    ['L5', 1, 'yes'], // 25 Warm
    ['L7', 0, 'no'], // 0 Cold
  ]);
  b.seedTable('Leads', 'A1:C7', 'Leads');
  b.select('Leads', 'A2');
  return b;
}

async function applyOn(b: MemoryWorkbook, day: Date, mode: 'values' | 'formulas' = 'values'): Promise<ApplyResult> {
  const session = new WorkbookSession(b, { today: () => day, debounceMs: 5 });
  await session.findLeadTable();
  return session.apply(m, { mode, subScores: false });
}

const changeOf = (r: ApplyResult) => (r.kind === 'applied' && r.change?.kind === 'tracked' ? r.change.summary : null);

describe('Apply keeps the last scoring and reports what changed', () => {
  it('first Apply: every lead with an ID is new, its band dated today; the snapshot sheet holds them', async () => {
    const b = book();
    const first = await applyOn(b, new Date(2026, 10, 18));
    expect(first).toMatchObject({ kind: 'applied', columns: ['Score', 'Band', 'Change', 'Band since'] });
    expect(await b.readValues('Leads', 'D1:G7')).toEqual([
      ['Score', 'Band', 'Change', 'Band since'],
      [30, 'Warm', 'new', NOV_18],
      [0, 'Cold', 'new', NOV_18],
      [55, 'Hot', 'new', NOV_18],
      [30, 'Warm', '', ''],
      [25, 'Warm', 'new', NOV_18],
      [0, 'Cold', 'new', NOV_18],
    ]);
    expect(b.numberFormatAt('Leads', 'G2')).toBe('yyyy-mm-dd');
    const summary = changeOf(first);
    expect(summary && changeHeadline(summary)).toBe('First scoring: 6 leads scored; Change shows from the next scoring');
    expect(summary && changeNotes(summary)).toEqual(['1 lead without Lead ID gets no Change or Band since (row 5)']);
    const snap = snapshotFromCells(await b.readValues(SNAPSHOT_SHEET, 'A1:D11'));
    expect(snap.ok && snap.value).toEqual({
      scoredOn: '2026-11-18',
      idColumn: 'Lead ID',
      model: 'Visits and demos',
      leads: [
        { id: 'L1', score: 30, band: 'Warm', bandSince: '2026-11-18' },
        { id: 'L2', score: 0, band: 'Cold', bandSince: '2026-11-18' },
        { id: 'L3', score: 55, band: 'Hot', bandSince: '2026-11-18' },
        { id: 'L5', score: 25, band: 'Warm', bandSince: '2026-11-18' },
        { id: 'L7', score: 0, band: 'Cold', bandSince: '2026-11-18' },
      ],
    });
  });

  it('second Apply after a fresh export was pasted: matched by ID, not by row; deleted, new and duplicate leads reported', async () => {
    const b = book();
    await applyOn(b, new Date(2026, 10, 18));
    // A new export pasted over the leads: other rows, other order.
    b.userEdit('Leads', 'A2:C7', [
      ['L6', 2, 'no'], // new: 30 Warm
      ['L3', 0, 'no'], // was Hot 55, now Cold 0: -55
      ['L2', 2, 'yes'], // was Cold 0, now Hot 55: +55
      ['L5', 0, 'yes'], // Warm 25 again: 0, in Warm since 18 Nov
      ['L8', 0, 'no'], // L8 twice (case aside): neither is matched
      ['l8 ', 0, 'no'],
    ]);
    const second = await applyOn(b, new Date(2026, 10, 26));
    expect(await b.readValues('Leads', 'D2:G7')).toEqual([
      [30, 'Warm', 'new', NOV_26],
      [0, 'Cold', -55, NOV_26],
      [55, 'Hot', 55, NOV_26],
      [25, 'Warm', 0, NOV_18],
      [0, 'Cold', '', ''],
      [0, 'Cold', '', ''],
    ]);
    const summary = changeOf(second);
    if (summary === null) throw new Error('expected a tracked change');
    expect(changeHeadline(summary)).toBe('1 lead became Hot, 1 dropped to Cold since 18 Nov');
    expect(changeNotes(summary)).toEqual([
      '1 lead new since the last scoring (Change: new)',
      "2 leads of the last scoring are no longer in the table (by Lead ID): 'L1', 'L7'",
      "2 leads share Lead ID with another lead and get no Change or Band since: 'L8' (rows 6, 7)",
    ]);
    expect(summary.moved.map((e: { id: string; row: number; from: string; to: string; points: number }) => [e.id, e.row, e.from, e.to, e.points])).toEqual([
      ['L2', 4, 'Cold', 'Hot', 55],
      ['L3', 3, 'Hot', 'Cold', -55],
    ]);
    // The snapshot now holds this scoring (the older, longer one is gone entirely).
    const snap = snapshotFromCells(await b.readValues(SNAPSHOT_SHEET, 'A1:D20'));
    expect(snap.ok && snap.value.leads.map((l) => [l.id, l.bandSince])).toEqual([
      ['L6', '2026-11-26'],
      ['L3', '2026-11-26'],
      ['L2', '2026-11-26'],
      ['L5', '2026-11-18'],
    ]);
  });

  it('live formulas: Score and Band stay formulas, Change and Band since are the values of this Apply', async () => {
    const b = book();
    await applyOn(b, new Date(2026, 10, 18), 'formulas');
    b.userEdit('Leads', 'B3:C3', [[2, 'yes']]); // L2: Cold 0 -> Hot 55
    const second = await applyOn(b, new Date(2026, 10, 26), 'formulas');
    expect((await b.readFormulas('Leads', 'D3:G3'))[0]).toEqual(['=LEADSCORE.SCORE(LeadScoringModel,Leads[@[Lead ID]:[Demo]])', '=LEADSCORE.BAND(LeadScoringModel,Leads[@[Lead ID]:[Demo]])', 55, NOV_26]);
    const summary = changeOf(second);
    expect(summary && changeHeadline(summary)).toBe('1 lead became Hot since 18 Nov');
  });

  it('without an ID column: no Change columns, and Apply says why', async () => {
    const b = new MemoryWorkbook();
    b.seedSheet('Leads', [['Visits', 'Demo'], [5, 'no']]);
    b.seedTable('Leads', 'A1:B2', 'Leads');
    b.select('Leads', 'A2');
    const result = await applyOn(b, new Date(2026, 10, 18));
    expect(result).toMatchObject({ kind: 'applied', columns: ['Score', 'Band'], change: { kind: 'untracked' } });
    expect(result.kind === 'applied' && result.change?.kind === 'untracked' && result.change.reason).toContain('choose the ID column');
    expect(await b.sheetNames()).not.toContain(SNAPSHOT_SHEET);
  });

  it('a chosen ID column is used (and one the table lacks is reported, not guessed)', async () => {
    const b = book();
    const session = new WorkbookSession(b, { today: () => new Date(2026, 10, 18), debounceMs: 5 });
    await session.findLeadTable();
    const wrong = await session.apply({ ...m, idColumn: 'CRM key' }, { mode: 'values', subScores: false });
    expect(wrong).toMatchObject({ kind: 'applied', columns: ['Score', 'Band'], change: { kind: 'untracked', reason: "the lead table has no ID column 'CRM key'" } });
    const visits = await session.apply(m, { mode: 'values', subScores: false, idColumn: 'Visits' });
    expect(visits).toMatchObject({ change: { kind: 'tracked', idColumn: 'Visits' } });
  });

  it('Remove scoring deletes the snapshot sheet with the columns; a sheet of that name the add-in did not write is left alone', async () => {
    const b = book();
    await applyOn(b, new Date(2026, 10, 18));
    const session = new WorkbookSession(b, { today: () => new Date(2026, 10, 18), debounceMs: 5 });
    await session.findLeadTable();
    expect((await session.removeScoring()).columns).toEqual(['Score', 'Band', 'Change', 'Band since']);
    expect(await b.sheetNames()).not.toContain(SNAPSHOT_SHEET);

    b.seedSheet(SNAPSHOT_SHEET, [['my own notes']]);
    const result = await applyOn(b, new Date(2026, 10, 18));
    expect(result.kind === 'applied' && result.change?.kind === 'tracked' && result.change.warnings).toEqual([
      "a sheet named 'Lead Scoring Snapshot' that the add-in did not write is in the way: the snapshot was not kept, so the next Apply cannot report changes (rename that sheet)",
    ]);
    expect(await b.readValues(SNAPSHOT_SHEET, 'A1')).toEqual([['my own notes']]);
    await session.removeScoring();
    expect(await b.readValues(SNAPSHOT_SHEET, 'A1')).toEqual([['my own notes']]);
  });
});
