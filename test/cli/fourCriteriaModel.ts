import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect } from 'vitest';
import type { ScoreSummary } from '../../src/cli/scoring/leadColumns';
import { criterion, model } from '../../src/engine';

/**
 * The model the score-column and change tests compute by hand: Fit is Industry Technology 40 and
 * Employees >= 100 20 (at most 60: grades A from 45, B 30, C 15); Engagement is Demo 30 and
 * Visits >= 3 10 (at most 40: levels 1 from 30, 2 from 20, 3 from 10). 100 points at most, so a
 * score is its points. Bands: Cold from 0, Warm from 21, Hot from 50.
 */
export const FOUR_CRITERIA_MODEL = model({
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 100 }, points: 20 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 3 }, points: 10 }),
  ],
});

/** A fresh temporary folder for each test, holding the model as model.json; gives the path of a file in it. */
export function folderWithModel(prefix: string): (name: string) => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    writeFileSync(join(dir, 'model.json'), JSON.stringify(FOUR_CRITERIA_MODEL));
  });
  return (name) => join(dir, name);
}

/**
 * The change report of the edited leads both the CSV and the workbook test score (rows 2-8):
 * L1 Warm -> Hot +60, L2 Hot -> Cold -50, L3 in its band, L4 new, L5 twice (rows 6 and 7, one
 * written 'l5 '), row 8 without an ID. The previous run's date is not in the file: the latest
 * Band since in it, 10 Nov, stands for it.
 */
export function expectTheEditedLeadsChange(change: ScoreSummary['change']): void {
  expect(change?.since).toBe('2026-11-10');
  expect({ scored: change?.scored, newLeads: change?.newLeads, moved: change?.movedCount, noId: change?.noIdCount, duplicates: change?.duplicateCount }).toEqual({ scored: 3, newLeads: 1, moved: 2, noId: 1, duplicates: 2 });
  expect(change?.moved.map((m) => [m.id, m.row, m.from, m.to, m.points])).toEqual([
    ['L1', 2, 'Warm', 'Hot', 60],
    ['L2', 3, 'Hot', 'Cold', -50],
  ]);
  expect(change?.duplicates).toEqual([{ id: 'L5', rows: [6, 7] }]);
  expect(change?.noIdRows).toEqual([8]);
}
