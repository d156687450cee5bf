import { describe, expect, it } from 'vitest';
import {
  ChangeTracker,
  DEFAULT_BANDS,
  diffScores,
  duplicateIdKeys,
  findIdColumn,
  leadIdText,
  snapshotFromCells,
  snapshotToCells,
  type ScoreSnapshot,
  type ScoredLead,
} from '../../src/engine';
import { changeHeadline, changeNotes, movedLines } from '../../src/insights/changeReport';

// Bands as the default model has them: Cold 0-20, Warm 21-49, Hot 50+.
const bands = DEFAULT_BANDS;
const snapshot = (scoredOn: string, leads: [string, number, string, string | null][]): ScoreSnapshot => ({
  scoredOn,
  idColumn: 'Email',
  model: 'Weighted B2B',
  leads: leads.map(([id, score, band, bandSince]) => ({ id, score, band, bandSince })),
});
const lead = (row: number, id: unknown, score: number, band: string): ScoredLead => ({ id, score, band, row });
const options = { today: '2026-11-26', idColumn: 'Email', model: 'Weighted B2B' };

describe('the change since the last scoring', () => {
  const last = snapshot('2026-11-18', [
    ['ann@acme.com', 30, 'Warm', '2026-10-01'],
    ['bob@acme.com', 55, 'Hot', '2026-11-02'],
    ['cy@beta.io', 10, 'Cold', '2026-09-15'],
    ['dee@gamma.org', 45, 'Warm', '2026-11-18'],
    ['gone@delta.com', 60, 'Hot', '2026-08-01'],
  ]);

  it('gives each lead its points since last time, its band move and the date it entered its band', () => {
    const { changes, summary } = diffScores(
      last,
      [
        lead(2, 'ann@acme.com', 52.5, 'Hot'), // Warm 30 -> Hot 52.5: +22.5, up, entered today
        lead(3, ' BOB@acme.com ', 18, 'Cold'), // same ID ignoring case and spaces; Hot 55 -> Cold 18: -37, down
        lead(4, 'cy@beta.io', 12, 'Cold'), // Cold 10 -> 12: +2, same band since 2026-09-15
        lead(5, 'dee@gamma.org', 45, 'Warm'), // unchanged: 0
        lead(6, 'eve@new.com', 70, 'Hot'), // not in the snapshot: new, Band since today
      ],
      bands,
      options,
    );
    expect(changes.map((c) => [c.kind, c.text, c.points, c.move, c.bandSince])).toEqual([
      ['scored', '+22.5', 22.5, 'up', '2026-11-26'],
      ['scored', '-37', -37, 'down', '2026-11-26'],
      ['scored', '+2', 2, 'same', '2026-09-15'],
      ['scored', '0', 0, 'same', '2026-11-18'],
      ['new', 'new', null, null, '2026-11-26'],
    ]);
    expect(summary).toMatchObject({ since: '2026-11-18', leads: 5, scored: 4, newLeads: 1, movedCount: 2, removedCount: 1, noIdCount: 0, duplicateCount: 0 });
    expect(summary.removed.map((l) => l.id)).toEqual(['gone@delta.com']);
    expect(summary.entered).toEqual([
      { band: 'Hot', up: 1, down: 0 },
      { band: 'Warm', up: 0, down: 0 },
      { band: 'Cold', up: 0, down: 1 },
    ]);
    expect(changeHeadline(summary)).toBe('1 lead became Hot, 1 dropped to Cold since 18 Nov');
    expect(movedLines(summary, 10)).toEqual(["'ann@acme.com' (row 2): Warm -> Hot, +22.5", "'BOB@acme.com' (row 3): Hot -> Cold, -37"]);
    expect(changeNotes(summary)).toEqual([
      '1 lead new since the last scoring (Change: new)',
      "1 lead of the last scoring is no longer in the table (by Email): 'gone@delta.com'",
    ]);
  });

  it('never dates a band after today, when the last scoring is dated later (a time zone ahead, a wrong clock)', () => {
    // Scored in Tokyo early on 27 Nov, re-scored in New York on 26 Nov.
    const ahead = snapshot('2026-11-27', [
      ['ann@acme.com', 30, 'Warm', null],
      ['bob@acme.com', 55, 'Hot', '2026-11-27'],
      ['cy@beta.io', 10, 'Cold', '2026-11-02'],
    ]);
    const { changes } = diffScores(ahead, [lead(2, 'ann@acme.com', 31, 'Warm'), lead(3, 'bob@acme.com', 55, 'Hot'), lead(4, 'cy@beta.io', 10, 'Cold')], bands, options);
    expect(changes.map((c) => [c.text, c.bandSince])).toEqual([
      ['+1', '2026-11-26'],
      ['0', '2026-11-26'],
      ['0', '2026-11-02'],
    ]);
  });

  it('never matches a lead without an ID or with an ID another lead shares, and says which rows', () => {
    const { changes, summary, snapshot: next } = diffScores(
      last,
      [
        lead(2, 'ann@acme.com', 40, 'Warm'),
        lead(3, '', 70, 'Hot'), // no ID
        lead(4, 'bob@acme.com', 56, 'Hot'), // bob twice: which one was scored 55 last time cannot be known
        lead(5, { type: 'Error', errorType: 'NotAvailable' }, 5, 'Cold'), // #N/A is no ID
        lead(6, 'Bob@Acme.com', 12, 'Cold'),
      ],
      bands,
      options,
    );
    expect(changes.map((c) => [c.kind, c.text, c.bandSince])).toEqual([
      ['scored', '+10', '2026-10-01'],
      ['noId', '', null],
      ['duplicateId', '', null],
      ['noId', '', null],
      ['duplicateId', '', null],
    ]);
    expect(summary).toMatchObject({ noIdCount: 2, noIdRows: [3, 5], duplicateCount: 2, duplicates: [{ id: 'bob@acme.com', rows: [4, 6] }] });
    // bob is in the table (twice), so not removed; cy, dee and gone are.
    expect(summary.removed.map((l) => l.id)).toEqual(['cy@beta.io', 'dee@gamma.org', 'gone@delta.com']);
    expect(changeNotes(summary)).toEqual([
      "3 leads of the last scoring are no longer in the table (by Email): 'cy@beta.io', 'dee@gamma.org', 'gone@delta.com'",
      '2 leads without Email get no Change or Band since (rows 3, 5)',
      "2 leads share Email with another lead and get no Change or Band since: 'bob@acme.com' (rows 4, 6)",
    ]);
    // Only leads with a unique ID go into the next snapshot.
    expect(next.leads.map((l) => l.id)).toEqual(['ann@acme.com']);
  });

  it('on the first scoring reports no moves and dates every band from today', () => {
    const { changes, summary, snapshot: next } = diffScores(null, [lead(2, 1001, 60, 'Hot'), lead(3, '1002', 5, 'Cold')], bands, { ...options, idColumn: 'Lead ID' });
    expect(changes.map((c) => [c.kind, c.id, c.bandSince])).toEqual([
      ['new', '1001', '2026-11-26'],
      ['new', '1002', '2026-11-26'],
    ]);
    expect(changeHeadline(summary)).toBe('First scoring: 2 leads scored; Change shows from the next scoring');
    expect(changeNotes(summary)).toEqual([]);
    expect(next).toEqual({ scoredOn: '2026-11-26', idColumn: 'Lead ID', model: 'Weighted B2B', leads: [
      { id: '1001', score: 60, band: 'Hot', bandSince: '2026-11-26' },
      { id: '1002', score: 5, band: 'Cold', bandSince: '2026-11-26' },
    ] });
  });

  it('counts every move into each band, up moves first, highest band first', () => {
    const prev = snapshot('2025-12-30', [
      ['a', 10, 'Cold', null], ['b', 10, 'Cold', null], ['c', 30, 'Warm', null], ['d', 60, 'Hot', null], ['e', 60, 'Hot', null], ['f', 30, 'Warm', null],
    ]);
    const { summary } = diffScores(prev, [lead(2, 'a', 55, 'Hot'), lead(3, 'b', 25, 'Warm'), lead(4, 'c', 51, 'Hot'), lead(5, 'd', 0, 'Cold'), lead(6, 'e', 30, 'Warm'), lead(7, 'f', 3, 'Cold')], bands, options);
    // Last scoring in another year: the year is shown.
    expect(changeHeadline(summary)).toBe('2 leads became Hot, 1 became Warm, 2 dropped to Cold, 1 dropped to Warm since 30 Dec 2025');
    expect(summary.moved.map((m) => m.id)).toEqual(['a', 'c', 'b', 'e', 'f', 'd']);
    expect(changeHeadline(diffScores(prev, [lead(2, 'a', 11, 'Cold')], bands, options).summary)).toBe('No lead changed band since 30 Dec 2025');
  });

  it('compares nothing when the last scoring identified leads by another column', () => {
    const { changes, summary } = diffScores(last, [lead(2, 'ann@acme.com', 52.5, 'Hot')], bands, { ...options, idColumn: 'Lead ID' });
    expect(changes[0]).toMatchObject({ kind: 'new', bandSince: '2026-11-26' });
    expect(summary).toMatchObject({ since: null, restartedFrom: { scoredOn: '2026-11-18', idColumn: 'Email' }, removedCount: 0 });
    expect(changeHeadline(summary)).toBe("Leads are identified by 'Lead ID' now, by 'Email' at the last scoring (18 Nov): nothing compared; Change shows from the next scoring");
    // The same column spelled another way is the same column.
    expect(diffScores(last, [lead(2, 'ann@acme.com', 52.5, 'Hot')], bands, { ...options, idColumn: ' EMAIL' }).summary.since).toBe('2026-11-18');
  });

  it('caps the lists but not the counts', () => {
    const prev = snapshot('2026-11-18', Array.from({ length: 30 }, (_, i): [string, number, string, string | null] => [`id${i}`, 10, 'Cold', null]));
    const tracker = new ChangeTracker(prev, bands, { ...options, duplicates: new Set(), listLimit: 4 });
    for (let i = 0; i < 30; i++) tracker.add(lead(i + 2, `id${i}`, i < 10 ? 20 : 60, i < 10 ? 'Cold' : 'Hot'));
    const { summary } = tracker.finish();
    expect(summary.movedCount).toBe(20);
    expect(summary.moved).toHaveLength(4);
    expect(movedLines(summary, 2)).toEqual(["'id10' (row 12): Cold -> Hot, +50", "'id11' (row 13): Cold -> Hot, +50", '... and 18 more']);
  });

  it('reports a band the model no longer has as a move of its own', () => {
    const prev = snapshot('2026-11-18', [['a', 30, 'Lukewarm', '2026-10-01']]);
    const { changes, summary } = diffScores(prev, [lead(2, 'a', 30, 'Warm')], bands, options);
    expect(changes[0]).toMatchObject({ move: 'renamed', bandSince: '2026-11-26' });
    expect(changeHeadline(summary)).toBe('1 lead moved to a band the model no longer has since 18 Nov');
  });
});

describe('lead IDs', () => {
  it('reads a number and the same digits as text as one ID, and blanks, errors and booleans as none', () => {
    expect([1001, '1001', ' ab ', '', '  ', null, true, { type: 'Error', errorType: 'Value' }].map(leadIdText)).toEqual(['1001', '1001', 'ab', null, null, null, null, null]);
    expect([...duplicateIdKeys(['A1', 'a1 ', 'b', '', '', 3, '3'])].sort()).toEqual(['3', 'a1']);
  });

  it('detects the column named like an ID whose values are unique, preferring ID names to e-mail', () => {
    const headers = ['Name', 'E-mail', 'Lead_ID', 'Industry'];
    const values: Record<number, unknown[]> = { 1: ['a@x.com', 'b@x.com', 'c@x.com'], 2: [1, 2, 3] };
    expect(findIdColumn({ headers, valuesOf: (i) => values[i] ?? [] })).toEqual({ ok: true, value: { index: 2, header: 'Lead_ID', how: 'detected' } });
    // An ID column with a repeated value loses to a unique e-mail column.
    values[2] = [1, 1, 3];
    expect(findIdColumn({ headers, valuesOf: (i) => values[i] ?? [] })).toMatchObject({ ok: true, value: { header: 'E-mail' } });
    // A mostly blank one too.
    values[2] = [1, '', ''];
    expect(findIdColumn({ headers, valuesOf: (i) => values[i] ?? [] })).toMatchObject({ ok: true, value: { header: 'E-mail' } });
    // Any header whose last word is ID counts; 'Paid' does not.
    expect(findIdColumn({ headers: ['Paid', 'HubSpotId'] })).toMatchObject({ ok: true, value: { header: 'HubSpotId' } });
    expect(findIdColumn({ headers: ['Paid', 'Valid', 'Name'] })).toMatchObject({ ok: false });
  });

  it('takes the chosen column, else the one the last scoring used; a chosen column the table lacks is an error', () => {
    const headers = ['Email', 'Lead ID', 'CRM key'];
    expect(findIdColumn({ headers, chosen: 'crm  KEY', previous: 'Email' })).toEqual({ ok: true, value: { index: 2, header: 'CRM key', how: 'chosen' } });
    expect(findIdColumn({ headers, previous: 'email' })).toEqual({ ok: true, value: { index: 0, header: 'Email', how: 'previous' } });
    expect(findIdColumn({ headers, previous: 'Contact' })).toMatchObject({ ok: true, value: { header: 'Lead ID', how: 'detected' } });
    expect(findIdColumn({ headers, chosen: 'CRM kee' })).toEqual({ ok: false, message: "the lead table has no ID column 'CRM kee' (did you mean 'CRM key'?)" });
  });
});

describe('the snapshot as cells', () => {
  it('round-trips, reading dates written as serials or text', () => {
    const s = snapshot('2026-11-18', [['ann@acme.com', 30.25, 'Warm', '2026-10-01'], ['1001', -5, 'Cold', null]]);
    const cells = snapshotToCells(s);
    expect(cells[5]).toEqual(['Lead ID', 'Score', 'Band', 'Band since']);
    expect(snapshotFromCells(cells)).toEqual({ ok: true, value: s, warnings: [] });
    // As Excel gives it back: dates as serials (2026-11-18 is 46344), a numeric ID as a number.
    const fromExcel = cells.map((r) => [...r]);
    fromExcel[1] = ['Scored on', 46344, '', ''];
    fromExcel[6] = ['ann@acme.com', 30.25, 'Warm', 46296];
    fromExcel[7] = [1001, -5, 'Cold', ''];
    expect(snapshotFromCells(fromExcel)).toEqual({ ok: true, value: s, warnings: [] });
  });

  it('leaves out what someone broke by hand, and says so', () => {
    const cells = snapshotToCells(snapshot('2026-11-18', [['a', 1, 'Cold', null], ['b', 2, 'Cold', null], ['B', 3, 'Cold', null], ['c', 4, 'Cold', null]]));
    cells.push(['', 5, 'Cold', ''], ['d', 'five', 'Cold', '']);
    const read = snapshotFromCells(cells);
    expect(read.ok && read.value.leads.map((l) => l.id)).toEqual(['a', 'c']);
    expect(read.ok && read.warnings).toEqual([
      "the 'Lead Scoring Snapshot' sheet: 1 row without a lead ID was left out: row 11",
      "the 'Lead Scoring Snapshot' sheet: 1 score that is not a number, so its lead counts as new: B12 ('five')",
      "the 'Lead Scoring Snapshot' sheet: 1 ID written more than once was left out: 'b' (rows 8, 9)",
    ]);
    expect(snapshotFromCells([['something else']])).toMatchObject({ ok: false });
  });
});
