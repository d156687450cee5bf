/**
 * A table compared in parts (blocks of a big CSV file scored on worker threads, each with a
 * ChangeTracker of its own) joined into one tracker in table order gives the summary the
 * whole table added lead by lead gives: the same counts, the same lists with the table's rows,
 * the same limits, and the removed leads from the IDs seen.
 */
import { describe, expect, it } from 'vitest';
import { ChangeTracker, DEFAULT_BANDS, duplicateIdKeys, leadIdKey, type ScoreSnapshot, type ScoredLead } from '../../src/engine';

const options = { today: '2026-11-26', idColumn: 'Lead ID', model: 'M' };
const last: ScoreSnapshot = {
  scoredOn: '2026-11-18',
  idColumn: 'Lead ID',
  model: 'M',
  leads: [
    { id: 'A', score: 30, band: 'Warm', bandSince: '2026-10-01' },
    { id: 'B', score: 55, band: 'Hot', bandSince: '2026-11-02' },
    { id: 'C', score: 10, band: 'Cold', bandSince: '2026-09-15' },
    { id: 'D', score: 25, band: 'Warm', bandSince: null },
    { id: 'GONE', score: 60, band: 'Hot', bandSince: '2026-08-01' },
  ],
};
// Rows 2-8: A up (Warm -> Hot, +22), B down (-37), a lead without ID, C same (+2), E new, D up
// (Warm -> Hot, +30), A again in row 8 (so A is a duplicate in rows 2 and 8: not compared).
const leads: ScoredLead[] = [
  { row: 2, id: 'A', score: 52, band: 'Hot' },
  { row: 3, id: 'B', score: 18, band: 'Cold' },
  { row: 4, id: '', score: 0, band: 'Cold' },
  { row: 5, id: 'C', score: 12, band: 'Cold' },
  { row: 6, id: 'E', score: 70, band: 'Hot' },
  { row: 7, id: 'D', score: 55, band: 'Hot' },
  { row: 8, id: 'a', score: 1, band: 'Cold' },
];
const duplicates = duplicateIdKeys(leads.map((l) => l.id));

/** The summary of the leads split after each index of `cuts`, each part on a tracker of its own numbering its rows from 1. */
function inParts(cuts: number[], listLimit?: number): ReturnType<ChangeTracker['finish']>['summary'] {
  const whole = new ChangeTracker(last, DEFAULT_BANDS, { ...options, duplicates, keepSnapshot: false, ...(listLimit === undefined ? {} : { listLimit }) });
  const bounds = [0, ...cuts, leads.length];
  for (let p = 0; p + 1 < bounds.length; p++) {
    const part = leads.slice(bounds[p], bounds[p + 1]);
    const shift = (part[0]?.row ?? 1) - 1;
    const keys = new Set(part.map((l) => leadIdKey(String(l.id))));
    const own = new ChangeTracker({ ...last, leads: last.leads.filter((l) => keys.has(leadIdKey(l.id))) }, DEFAULT_BANDS, { ...options, duplicates, keepSnapshot: false, listLimit: Number.POSITIVE_INFINITY });
    for (const l of part) own.add({ ...l, row: l.row - shift });
    whole.join(own.part(), shift);
    whole.see([...keys].filter((k) => k !== ''));
  }
  return whole.finish().summary;
}

describe('a table compared in parts', () => {
  it('joins into the summary of the whole table, with its rows, moves and removed leads (worked by hand)', () => {
    const s = inParts([2, 4]);
    expect({ leads: s.leads, scored: s.scored, newLeads: s.newLeads, moved: s.movedCount, noId: s.noIdCount, duplicates: s.duplicateCount, removed: s.removedCount }).toEqual({
      leads: 7,
      scored: 3,
      newLeads: 1,
      moved: 2,
      noId: 1,
      duplicates: 2,
      removed: 1,
    });
    // Up moves first: D +30 into Hot (row 7); then the down move B -37 (row 3).
    expect(s.moved.map((m) => [m.id, m.row, m.from, m.to, m.points])).toEqual([
      ['D', 7, 'Warm', 'Hot', 30],
      ['B', 3, 'Hot', 'Cold', -37],
    ]);
    expect(s.entered).toEqual([
      { band: 'Hot', up: 1, down: 0 },
      { band: 'Warm', up: 0, down: 0 },
      { band: 'Cold', up: 0, down: 1 },
    ]);
    expect(s.noIdRows).toEqual([4]);
    expect(s.duplicates).toEqual([{ id: 'A', rows: [2, 8] }]);
    expect(s.removed.map((l) => l.id)).toEqual(['GONE']);
  });

  it('equals the whole table added lead by lead, however it is cut and whatever the list limit', () => {
    for (const listLimit of [undefined, 1]) {
      const one = new ChangeTracker(last, DEFAULT_BANDS, { ...options, duplicates, keepSnapshot: false, ...(listLimit === undefined ? {} : { listLimit }) });
      for (const l of leads) one.add(l);
      const expected = one.finish().summary;
      for (const cuts of [[], [1], [3], [1, 2, 3, 4, 5, 6], [6]]) expect(inParts(cuts, listLimit)).toEqual(expected);
    }
  });
});
