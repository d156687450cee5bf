import { describe, expect, it } from 'vitest';
import { compile, criterion, describeLocation, model, validateModel, type Model } from '../../src/engine';
import { calibrate, rocAuc } from '../../src/insights';
import { generateLeads, HIDDEN_MODEL } from '../../src/sample-data/generateLeads';
import { syntheticHistory, TRUE_WEIGHTS } from './syntheticHistory';

// A model with the generator's criteria, all at the same uninformed 10 points.
const FLAT: Model = model({
  name: 'Flat',
  criteria: [
    criterion({ name: 'Enterprise', group: 'fit', field: 'Plan', condition: { op: 'equals', values: ['Enterprise'] }, points: 10 }),
    criterion({ name: 'Team', group: 'fit', field: 'Plan', condition: { op: 'equals', values: ['Team'] }, points: 10 }),
    criterion({ name: 'Demo', group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 10 }),
    criterion({ name: 'Visit', group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 1 }, perOccurrenceOf: 'Visits', points: 10, cap: { min: null, max: 200 } }),
    criterion({ name: 'Free mail', group: 'fit', field: 'Free Mail', condition: { op: 'isTrue' }, points: 10 }),
  ],
});

function ok<T>(result: { ok: true; value: T } | { ok: false; problems: readonly unknown[] }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.value;
}

const ranks = (xs: readonly number[]): number[] => xs.map((x) => xs.filter((y) => y < x).length);

describe('calibrate on history from a known model', () => {
  const data = syntheticHistory(3000, 11);
  const result = calibrate(FLAT, data.headers, data.rows, 'Converted', { asOf: '2026-11-01' });
  const c = ok(result);

  it('recovers the signs and the ranking of the true weights', () => {
    // Per-occurrence points scale the feature (visits), so compare log-odds per unit.
    const fitted = c.criteria.map((x) => x.weight);
    const truth = [TRUE_WEIGHTS.enterprise, TRUE_WEIGHTS.team, TRUE_WEIGHTS.demo, TRUE_WEIGHTS.visit, TRUE_WEIGHTS.freeMail];
    expect(fitted.map(Math.sign)).toEqual(truth.map(Math.sign));
    expect(ranks(fitted)).toEqual(ranks(truth));
    fitted.forEach((w, i) => expect(Math.abs(w - (truth[i] ?? 0))).toBeLessThan(0.35));
  });

  it('turns weights into integer points in proportion, keeping signs', () => {
    const points = c.criteria.map((x) => x.newPoints);
    points.forEach((p, i) => (i === 3 ? expect(p * 2).toBe(Math.round(p * 2)) : expect(Number.isInteger(p)).toBe(true)));
    expect(points[4]).toBeLessThan(0);
    expect(points[0]).toBeGreaterThan(points[1] ?? 0);
    // The per-visit cap scales with the points, so the same number of visits is capped.
    const visit = c.model.criteria[3];
    expect((visit?.cap.max ?? 0) / (visit?.points ?? 1)).toBeCloseTo(20, 0);
  });

  it('reaches an AUC close to the generator\'s own, and better than the flat model on the same holdout', () => {
    const generatorAuc = rocAuc(data.logits, data.labels);
    expect(Math.abs(c.holdout.aucAfter - generatorAuc)).toBeLessThan(0.04);
    expect(c.holdout.aucAfter).toBeGreaterThan(c.holdout.aucBefore ?? 1);
    expect(c.holdout.leads).toBe(750);
  });

  it('returns a valid model that scores the table', () => {
    expect(validateModel(c.model).ok).toBe(true);
    expect(compile(c.model, data.headers).ok).toBe(true);
    expect(c.model.name).toBe('Flat (calibrated)');
  });

  it('chooses the penalty by cross-validation among those tried', () => {
    expect(c.crossValidation.length).toBeGreaterThan(3);
    const best = Math.min(...c.crossValidation.map((l) => l.loss));
    expect(c.crossValidation.find((l) => l.lambda === c.lambda)?.loss).toBe(best);
  });
});

describe('calibrate without a model', () => {
  const data = syntheticHistory(3000, 5, { leak: true });
  const result = calibrate(null, data.headers, data.rows, 'Converted', { asOf: '2026-11-01' });
  const c = ok(result);
  const text = result.ok ? result.warnings.map((w) => `${describeLocation(w.at)}: ${w.message}`).join('\n') : '';

  it('suggests criteria from the columns that carry the signal', () => {
    const fields = new Set(c.criteria.map((x) => x.field));
    expect(fields).toEqual(new Set(['Plan', 'Demo', 'Visits', 'Free Mail']));
    expect(c.criteria.every((x) => x.suggested && x.oldPoints === null)).toBe(true);
    const freeMail = c.criteria.find((x) => x.field === 'Free Mail');
    expect(freeMail?.newPoints).toBeLessThan(0);
  });

  it('warns about the column that leaks the outcome and leaves it out', () => {
    expect(text).toMatch(/column 'Stage': on its own it predicts 'Converted' almost perfectly/);
    expect(c.columns.find((x) => x.column === 'Stage')?.note).toMatch(/likely leakage/);
  });

  it('leaves identifiers and mostly empty columns out', () => {
    expect(c.columns.find((x) => x.column === 'Lead ID')?.kind).toBe('identifier');
    expect(c.columns.find((x) => x.column === 'Note')?.kind).toBe('empty');
    expect(text).toMatch(/column 'Note': 9\d% of its cells are empty/);
  });

  it('writes a complete model with bands that rise', () => {
    expect(validateModel(c.model).ok).toBe(true);
    const [cold, warm, hot] = c.model.bands;
    expect((cold?.from ?? 0) < (warm?.from ?? 0) && (warm?.from ?? 0) < (hot?.from ?? 0)).toBe(true);
    expect(c.holdout.aucBefore).toBeNull();
    expect(c.holdout.aucAfter).toBeGreaterThan(0.7);
  });
});

describe('calibrate on messy and small history', () => {
  it('warns about non-numeric junk in a number column, naming rows, and still fits', () => {
    const data = syntheticHistory(600, 3, { junk: 3 });
    const result = calibrate(FLAT, data.headers, data.rows, 'Converted');
    const c = ok(result);
    const text = result.ok ? result.warnings.map((w) => `${describeLocation(w.at)}: ${w.message}`).join('\n') : '';
    expect(text).toMatch(/column 'Visits': 3 cells are not a number \(row 1: 'n\/a', row 2: 'lots', row 3: '\?'\)/);
    expect(text).toMatch(/criterion 4 'Visit': 3 cells could not be read/);
    expect(c.criteria[2]?.newPoints).toBeGreaterThan(0);
  });

  it('works on 30 rows, with a warning that the figures are rough', () => {
    const data = syntheticHistory(200, 9);
    // 30 rows with at least 5 of each outcome.
    const rows = [...data.rows.filter((r) => r.at(-1) === 'Won').slice(0, 10), ...data.rows.filter((r) => r.at(-1) === 'Lost').slice(0, 20)];
    const result = calibrate(FLAT, data.headers, rows, 'Converted');
    const c = ok(result);
    expect(c.leads).toBe(30);
    expect(validateModel(c.model).ok).toBe(true);
    expect(result.ok && result.warnings.some((w) => /only 30 leads/.test(w.message))).toBe(true);
  });

  it('refuses too few rows, one class, and a missing outcome column, with a clear message', () => {
    const data = syntheticHistory(200, 9);
    const few = calibrate(FLAT, data.headers, data.rows.slice(0, 12), 'Converted');
    expect(few.ok ? '' : few.problems.map((p) => p.message).join()).toMatch(/only 12 leads have a known outcome; at least 20 are needed/);
    const oneClass = calibrate(FLAT, data.headers, data.rows.filter((r) => r.at(-1) === 'Lost'), 'Converted');
    expect(oneClass.ok ? '' : oneClass.problems.map((p) => p.message).join()).toMatch(/did not convert: there is nothing to tell apart/);
    const missing = calibrate(FLAT, data.headers, data.rows, 'Convrted');
    expect(missing.ok ? '' : missing.problems[0]?.hint).toBe("did you mean 'Converted'?");
  });
});

describe('calibrate on the sample leads (Converted drawn from HIDDEN_MODEL)', () => {
  const table = generateLeads({ count: 4000, seed: 'calibrate', messiness: 0 });
  const asOf = '2026-11-01';
  const names = ['CEO', 'Chief Executive Officer', 'CTO', 'Chief Technology Officer', 'CFO', 'VP Sales', 'VP Marketing', 'Owner', 'Founder'];
  const naEu = ['United States', 'Canada', 'Mexico', 'United Kingdom', 'Germany', 'France', 'Netherlands', 'Spain', 'Italy', 'Sweden', 'Ireland', 'Poland'];
  // One criterion per hidden feature, each at 10 points; the key names the hidden weight.
  const terms: [keyof typeof HIDDEN_MODEL.weights, ReturnType<typeof criterion>][] = [
    ['industryTechOrHealthcare', criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology', 'Healthcare'] }, points: 10 })],
    ['decisionMakerTitle', criterion({ group: 'fit', field: 'Title', condition: { op: 'equals', values: names }, points: 10 })],
    ['managerOrDirectorTitle', criterion({ group: 'fit', field: 'Title', condition: { op: 'contains', values: ['Manager', 'Director'] }, points: 10 })],
    ['northAmericaOrEurope', criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: naEu }, points: 10 })],
    ['log1pPricingPageVisits', criterion({ group: 'engagement', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 10 })],
    ['downloadedDatasheet', criterion({ group: 'engagement', field: 'Datasheet Downloads', condition: { op: 'gte', value: 1 }, points: 10 })],
    ['attendedWebinar', criterion({ group: 'engagement', field: 'Webinars Attended', condition: { op: 'gte', value: 1 }, points: 10 })],
    ['clickedEmail', criterion({ group: 'engagement', field: 'Email Clicks', condition: { op: 'gte', value: 1 }, points: 10 })],
    ['demoRequested', criterion({ group: 'engagement', field: 'Demo Requested', condition: { op: 'isTrue' }, points: 10 })],
    ['trialSignedUp', criterion({ group: 'engagement', field: 'Trial Signed Up', condition: { op: 'isTrue' }, points: 10 })],
    ['activeLast30Days', criterion({ group: 'engagement', field: 'Last Activity Date', condition: { op: 'withinDays', days: 30 }, points: 10 })],
    ['personalEmail', criterion({ group: 'fit', field: 'Email', condition: { op: 'personalEmail' }, points: 10 })],
    ['spamLikeName', criterion({ group: 'fit', field: 'First Name', condition: { op: 'spamLike' }, points: 10 })],
  ];
  const flat = model({ name: 'Hidden terms', asOf, criteria: terms.map(([, c]) => c) });
  const c = ok(calibrate(flat, table.headers, table.rows, 'Converted', { asOf, suggestions: 0 }));

  it('recovers the sign of every hidden weight', () => {
    const truth = terms.map(([k]) => HIDDEN_MODEL.weights[k]);
    // spamLikeName only fires on spam rows, which clean data has none of.
    const fired = c.criteria.map((x, i) => [x, truth[i] ?? 0] as const).filter(([x]) => x.matches >= 20);
    expect(fired.length).toBeGreaterThanOrEqual(11);
    for (const [x, t] of fired) expect([x.label, Math.sign(x.weight)]).toEqual([x.label, Math.sign(t)]);
  });

  it('ranks the strongest hidden terms above the weakest', () => {
    const weight = (i: number): number => c.criteria[i]?.weight ?? 0;
    // Demo (1.4) and trial (1.2) above Europe/NA (0.3), manager titles and email clicks (0.4).
    expect(Math.min(weight(8), weight(9))).toBeGreaterThan(Math.max(weight(3), weight(2), weight(7)));
  });
});
