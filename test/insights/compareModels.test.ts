import { describe, expect, it } from 'vitest';
import { criterion, model } from '../../src/engine';
import { compareModels, describeMove } from '../../src/insights';

const HEADERS = ['Demo', 'Visits', 'Converted'];
const ROWS = [
  ['yes', 9, 'yes'],
  ['yes', 1, 'yes'],
  ['yes', 7, 'no'],
  ['no', 8, 'yes'],
  ['no', 6, 'no'],
  ['no', 0, 'no'],
];
// Champion: demo +30, 5+ visits +20. Challenger: demo +10, 5+ visits +45.
const champion = model({
  name: 'Champion',
  criteria: [
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 5 }, points: 20 }),
  ],
});
const challenger = model({
  name: 'Challenger',
  criteria: [
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 10 }),
    criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 5 }, points: 45 }),
  ],
});

describe('champion and challenger', () => {
  const result = compareModels(champion, challenger, HEADERS, ROWS, 'Converted');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const c = result.value;

  it('scores both on the same leads and counts band moves', () => {
    // Champion / challenger scores and bands (Cold < 21 <= Warm < 50 <= Hot):
    // row 1: 50 Hot / 55 Hot; row 2: 30 Warm / 10 Cold; row 3: 50 Hot / 55 Hot;
    // row 4: 20 Cold / 45 Warm; row 5: 20 Cold / 45 Warm; row 6: 0 Cold / 0 Cold.
    expect(c.migration).toEqual([
      [1, 2, 0],
      [1, 0, 0],
      [0, 0, 2],
    ]);
    expect(c.moves.map(describeMove)).toEqual(['2 leads move from Cold to Warm (1 of them converted)', '1 lead move from Warm to Cold (1 of them converted)']);
  });

  it('gives the AUC of each', () => {
    // Champion: converters 50, 30, 20 vs non-converters 50, 20, 0. A converter at 50 beats
    // 20 and 0 and ties 50 (2.5); at 30 beats 20 and 0 (2); at 20 beats 0 and ties 20 (1.5): 6/9.
    // Challenger: converters 55, 10, 45 vs 55, 45, 0: 2.5 + 1 + 1.5 = 5/9. The champion wins.
    expect(c.champion.auc).toBeCloseTo(6 / 9, 12);
    expect(c.challenger.auc).toBeCloseTo(5 / 9, 12);
  });
});
