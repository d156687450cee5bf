import { describe, expect, it } from 'vitest';
import { compile, criterion, model, type Criterion, type Model } from '../../src/engine';
import { pointsByLabel, scoreLead } from './builders';

const fit = (name: string, field: string, value: string, points: number, extra: Partial<Criterion> = {}): Criterion =>
  criterion({ group: 'fit', name, field, condition: { op: 'equals', values: [value] }, points, ...extra });
const visits = (points: number, extra: Partial<Criterion> = {}): Criterion =>
  criterion({ group: 'engagement', name: 'Visits', field: 'Visits', condition: { op: 'gte', value: 1 }, points, perOccurrenceOf: 'Visits', ...extra });

describe('caps', () => {
  it('caps a per-occurrence criterion: 10 visits x 5 = 50, capped at 20', () => {
    const lead = scoreLead(model({ criteria: [visits(5, { cap: { min: null, max: 20 } })] }), { Visits: 10 });
    expect(lead.score).toBe(20);
    expect(lead.explanation[0]?.detail).toContain('10 x 5 = 50');
    expect(lead.explanation[0]?.detail).toContain('capped at 20');
  });

  it('caps a negative criterion from below', () => {
    const lead = scoreLead(model({ criteria: [visits(-4, { cap: { min: -10, max: null } })] }), { Visits: 7 });
    expect(lead.score).toBe(-10);
  });

  it('caps a group and shows what the cap took away as its own part', () => {
    const m = model({
      criteria: [fit('Tech', 'Industry', 'Technology', 20), fit('CEO', 'Title', 'CEO', 15), visits(5)],
      groupCaps: { fit: { min: null, max: 30 }, engagement: { min: null, max: null } },
    });
    const lead = scoreLead(m, { Industry: 'Technology', Title: 'CEO', Visits: 2 });
    expect(lead.fit).toBe(30);
    expect(lead.engagement).toBe(10);
    expect(lead.score).toBe(40);
    expect(pointsByLabel(lead)['Fit points capped at 30']).toBe(-5);
  });

  it('raises a total below its minimum', () => {
    const m = model({ criteria: [fit('Personal', 'Industry', 'None', -50)], totalCap: { min: -20, max: null } });
    const lead = scoreLead(m, { Industry: 'none' });
    expect(lead.score).toBe(-20);
    expect(pointsByLabel(lead)['Total raised to -20']).toBe(30);
  });
});

describe('the 0-100 scale', () => {
  // The best lead gets 20 (fit) + 30 (engagement) = 50 raw points: that is 100.
  const m = model({
    scale: '0-100',
    criteria: [
      fit('Tech', 'Industry', 'Technology', 20),
      fit('Health', 'Industry', 'Healthcare', 10), // cannot hold with Tech: does not raise the maximum
      criterion({ group: 'engagement', name: 'Demo', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
      criterion({ group: 'engagement', name: 'Spam', field: 'Name', condition: { op: 'spamLike' }, points: -40 }),
    ],
  });

  it('gives a lead its share of the best possible score', () => {
    expect(scoreLead(m, { Industry: 'Technology', Demo: 'yes' }).score).toBe(100);
    const health = scoreLead(m, { Industry: 'Healthcare' });
    expect(health.score).toBe(20); // 10 of 50
    expect(health.explanation[0]?.detail).toContain('10 of 50 possible points');
  });

  it('never goes below 0, and says so', () => {
    const spam = scoreLead(m, { Industry: 'Healthcare', Name: 'asdf' });
    expect(spam.score).toBe(0);
    expect(spam.explanation.at(-1)?.label).toBe('The 0-100 scale raised to 0');
  });
});

describe('bands and stages', () => {
  const m: Model = model({
    criteria: [criterion({ group: 'fit', name: 'Points', field: 'Points', condition: { op: 'notBlank' }, points: 1, perOccurrenceOf: 'Points' })],
    stages: { mql: 50, sql: 100 },
  });
  const compiled = compile(m, ['Points'], { asOf: '2026-11-01' });
  if (!compiled.ok) throw new Error('did not compile');
  const band = (points: number): string => compiled.value.scoreRow([points]).band.name;
  const stage = (points: number): string | null => compiled.value.scoreRow([points]).stage;

  it('bands a score by the highest lower bound it reaches (Cold 0-20, Warm 21-49, Hot 50+)', () => {
    expect([0, 20, 20.5, 21, 49.99, 50, 500].map(band)).toEqual(['Cold', 'Cold', 'Cold', 'Warm', 'Warm', 'Hot', 'Hot']);
  });

  it('puts a score below the first band in the first band', () => {
    // A negative count gives no points; a negative score comes from negative points.
    const negative = compile(model({ criteria: [fit('Bad', 'X', 'bad', -15)] }), ['X'], { asOf: '2026-11-01' });
    if (!negative.ok) throw new Error('did not compile');
    const lead = negative.value.scoreRow(['bad']);
    expect(lead.score).toBe(-15);
    expect(lead.band.name).toBe('Cold');
  });

  it('stages a lead as MQL from 50 and SQL from 100', () => {
    expect([49.99, 50, 99, 100].map(stage)).toEqual([null, 'MQL', 'MQL', 'SQL']);
  });
});

describe('compile once, score many', () => {
  const m = model({ criteria: [fit('Tech', 'Industry', 'Technology', 20), visits(5)] });

  it('finds columns in any order, ignoring case and spacing of headers', () => {
    const compiled = compile(m, ['  visits ', 'INDUSTRY'], { asOf: '2026-11-01' });
    expect(compiled.ok && compiled.value.scoreRow([3, 'technology']).score).toBe(35);
  });

  it('scores a block of rows into columns, and explains any one of them on demand', () => {
    const compiled = compile(m, ['Industry', 'Visits'], { asOf: '2026-11-01' });
    if (!compiled.ok) throw new Error('did not compile');
    const block = compiled.value.scoreRows([
      ['Technology', 2],
      ['Retail', 'n/a'],
      ['Retail', 0],
    ]);
    expect([...block.scores]).toEqual([30, 0, 0]);
    expect([...block.fit]).toEqual([20, 0, 0]);
    expect([...block.engagement]).toEqual([10, 0, 0]);
    expect([...block.unusableCells]).toEqual([0, 1, 0]);
    expect(block.explain(1).explanation[0]?.detail).toBe("not scored: 'Visits': 'n/a' is not a number");
  });

  it('takes a short row as blanks at the end', () => {
    const compiled = compile(m, ['Industry', 'Visits'], { asOf: '2026-11-01' });
    expect(compiled.ok && compiled.value.scoreRow(['Technology']).score).toBe(20);
  });

  it('skips disabled criteria', () => {
    const off = model({ criteria: [fit('Tech', 'Industry', 'Technology', 20, { enabled: false }), visits(5)] });
    expect(scoreLead(off, { Industry: 'Technology', Visits: 1 }).score).toBe(5);
  });
});
