import { describe, expect, it } from 'vitest';
import { criterion, describeLocation, model } from '../../src/engine';
import { backtest, rocAuc } from '../../src/insights';

// Demo requested: +30; at least 5 visits: +20. Default bands: Cold < 21 <= Warm < 50 <= Hot.
const MODEL = model({
  name: 'Small',
  criteria: [
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 5 }, points: 20 }),
  ],
});
const HEADERS = ['Demo', 'Visits', 'Converted'];
// score in the comment.
const ROWS = [
  ['yes', 9, 'Yes'], // 50 Hot, converted
  ['yes', 1, 'won'], // 30 Warm, converted
  ['yes', 7, 'no'], // 50 Hot
  ['no', 8, 'TRUE'], // 20 Cold, converted
  ['no', 6, 'Lost'], // 20 Cold
  ['yes', 0, 0], // 30 Warm
  ['no', 0, 1], // 0 Cold, converted
  ['no', 2, false], // 0 Cold
  ['no', 1, 'not converted'], // 0 Cold
  ['no', 0, 'NO'], // 0 Cold
  ['yes', 9, 'maybe'], // unknown outcome: left out
];

function run(options = {}) {
  const result = backtest(MODEL, HEADERS, ROWS, 'converted', options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('backtest on a small table, against figures worked out by hand', () => {
  it('leaves out and counts the row whose outcome cannot be read', () => {
    const result = run();
    expect(result.value.leads).toBe(10);
    expect(result.value.unknownOutcomes).toBe(1);
    expect(result.value.converted).toBe(4);
    expect(result.warnings.some((w) => w.message.includes("row 11: 'maybe'"))).toBe(true);
  });

  it('computes the AUC with average ranks for ties', () => {
    // Scores by outcome: converters 50, 30, 20, 0; non-converters 50, 30, 20, 0, 0, 0.
    // Each converter beats the non-converters below it and half of those tied with it:
    // 50: 5 + 0.5; 30: 4 + 0.5; 20: 3 + 0.5; 0: 0 + 3 x 0.5 = 1.5. Sum 15 of 4 x 6 = 24 pairs.
    expect(run().value.auc).toBeCloseTo(15 / 24, 12);
  });

  it('gives the conversion rate per band', () => {
    // Cold: rows 4, 5, 7, 8, 9, 10 (2 converted); Warm: rows 2, 6 (1); Hot: rows 1, 3 (1).
    const bands = run().value.bands.map((b) => [b.band, b.leads, b.converted, b.rate]);
    expect(bands).toEqual([
      ['Cold', 6, 2, 2 / 6],
      ['Warm', 2, 1, 0.5],
      ['Hot', 2, 1, 0.5],
    ]);
  });

  it('keeps tied scores in one decile, by their middle rank', () => {
    // Ranks from 0: the 50s are 0-1 (middle 0.5, decile 1), the 30s 2-3 (2.5, decile 3),
    // the 20s 4-5 (4.5, decile 5), the four 0s 6-9 (7.5, decile 8).
    const filled = run().value.deciles.filter((d) => d.leads > 0).map((d) => [d.decile, d.leads, d.converted]);
    expect(filled).toEqual([
      [1, 2, 1],
      [3, 2, 1],
      [5, 2, 1],
      [8, 4, 1],
    ]);
  });

  it('gives cumulative gain, sharing a tie cut in two in proportion', () => {
    const gain = run().value.gain;
    const at = (share: number) => gain.find((g) => g.leadShare === share);
    // Top 20% = 2 leads = the two 50s: 1 of 4 conversions, lift 0.25 / 0.2 = 1.25.
    expect(at(0.2)?.gain).toBeCloseTo(0.25, 12);
    expect(at(0.2)?.lift).toBeCloseTo(1.25, 12);
    // Top 30% = 3 leads: the 50s (1) and half of the 30s (1 x 1/2): 1.5 of 4.
    expect(at(0.3)?.gain).toBeCloseTo(0.375, 12);
    // Top 50% = 5 leads: 50s, 30s, half of the 20s: 1 + 1 + 0.5 = 2.5 of 4.
    expect(at(0.5)?.gain).toBeCloseTo(0.625, 12);
    expect(at(1)?.gain).toBe(1);
  });

  it('sizes a threshold to capacity without splitting equal scores', () => {
    // 30% of 10 = 3 leads: the two 50s fit, the 30s would make 4.
    const t = run({ capacity: { kind: 'share', share: 0.3 } }).value.capacityThreshold;
    expect([t?.threshold, t?.leads, t?.converted]).toEqual([50, 2, 1]);
    // 3 leads a month out of 10 arriving a month is the same 30%.
    const m = run({ capacity: { kind: 'perMonth', leadsPerMonth: 3, arrivingPerMonth: 10 } }).value.capacityThreshold;
    expect(m?.threshold).toBe(50);
  });

  it('sizes a threshold to a target conversion rate', () => {
    // Cumulative from the top: 2 leads 1 converted; 4 and 2; 6 and 3 (50%, and at least 5 leads); 10 and 4.
    const t = run({ targetRate: 0.5 }).value.rateThreshold;
    expect([t?.threshold, t?.leads, t?.converted, t?.rate]).toEqual([20, 6, 3, 0.5]);
  });

  it('describes the score distribution by distinct score when there are few', () => {
    const bins = run().value.distribution.map((b) => [b.from, b.leads, b.converted]);
    expect(bins).toEqual([
      [0, 4, 1],
      [20, 2, 1],
      [30, 2, 1],
      [50, 2, 1],
    ]);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score ties', () => {
    expect(rocAuc([3, 2, 1, 0], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0, 1, 2, 3], [1, 1, 0, 0])).toBe(0);
    expect(rocAuc([5, 5, 5, 5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('is NaN when one class is missing', () => {
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });
});

describe('backtest gives clear results for bad input', () => {
  it('names the outcome column the user probably meant', () => {
    const result = backtest(MODEL, HEADERS, ROWS, 'Convertd');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.hint).toBe("did you mean 'Converted'?");
  });

  it('says so when every outcome is of one class', () => {
    const rows = ROWS.map((r) => [r[0], r[1], 'yes']);
    const result = backtest(MODEL, HEADERS, rows, 'Converted');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message).join()).toMatch(/all 11 leads with a known outcome converted: there is nothing to tell apart/);
  });

  it('warns about a criterion that never matches and one that always does', () => {
    const m = model({
      criteria: [
        criterion({ group: 'fit', field: 'Demo', condition: { op: 'equals', values: ['maybe'] }, points: 5 }),
        criterion({ group: 'fit', field: 'Visits', condition: { op: 'gte', value: 0 }, points: 5 }),
      ],
    });
    const result = backtest(m, HEADERS, ROWS, 'Converted');
    if (!result.ok) throw new Error('expected a backtest');
    const text = result.warnings.map((w) => `${describeLocation(w.at)}: ${w.message}`).join('\n');
    expect(text).toMatch(/criterion 1 .*never matches in 10 leads/);
    expect(text).toMatch(/criterion 2 .*matches all 10 leads/);
  });
});
