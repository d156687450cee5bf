import { describe, expect, it } from 'vitest';
import { compile, describeLocation, validateModel, type Model } from '../../src/engine';
import { buildScorecard, isNotAnsweredText, type Scorecard } from '../../src/insights';
import { generateRealisticLeads, REALISTIC_PLACEHOLDERS } from '../../src/sample-data/realisticLeads';
import { BANK_INDICATORS, bankLike, educationLike, type Table } from './scorecardSets';

const AS_OF = '2026-11-01';

function ok(result: ReturnType<typeof buildScorecard>): Scorecard {
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.value;
}

const fieldsOf = (m: Model): Set<string> => new Set(m.criteria.map((c) => c.field));
const valuesOf = (m: Model): string[] => m.criteria.flatMap((c) => ('values' in c.condition ? c.condition.values : []));

/** What every scorecard promises, whatever the table. */
function expectReadableScorecard(s: Scorecard): void {
  expect(validateModel(s.model).ok).toBe(true);
  // Whole points, none negative, so no lead scores below 0.
  for (const c of s.model.criteria) {
    expect(Number.isInteger(c.points)).toBe(true);
    expect(c.points).toBeGreaterThan(0);
  }
  expect(s.maximumPoints).toBe(s.columns.reduce((sum, c) => sum + Math.max(...c.bins.map((b) => b.points)), 0));
  for (const column of s.columns) {
    const points = column.bins.map((b) => b.points);
    expect(Math.min(...points), `${column.column}: worst bin at 0`).toBe(0);
    expect(Math.max(...points), `${column.column}: earns something`).toBeGreaterThan(0);
    // A bin that converts better never gets fewer points than one that converts worse.
    for (const a of column.bins) for (const b of column.bins) if (a.rate > b.rate) expect(a.points, `${column.column}: '${a.label}' vs '${b.label}'`).toBeGreaterThanOrEqual(b.points);
    const answered = column.bins.filter((b) => !b.missing);
    expect(answered.length).toBeLessThanOrEqual(6);
    if (column.kind !== 'category') for (const b of answered) expect(b.share, `${column.column} '${b.label}'`).toBeGreaterThanOrEqual(0.05 - 1e-9);
    expect(column.iv).toBeGreaterThanOrEqual(0.02);
  }
  // Placeholders count as blank: none is ever named in a criterion.
  for (const v of valuesOf(s.model)) expect(isNotAnsweredText(v.trim().toLowerCase()), `'${v}' in the points`).toBe(false);
  // Bands at round numbers, each holding at least 10% of the training leads.
  expect(s.bands.length).toBe(3);
  for (const b of s.bands) expect(b.share).toBeGreaterThanOrEqual(0.1);
  for (const b of s.bands.slice(1)) expect(b.from % (s.maximumPoints >= 50 ? 5 : 1)).toBe(0);
  // The columns left out are not in the points, and each says why.
  const fields = fieldsOf(s.model);
  for (const l of s.leftOut) {
    expect(fields.has(l.column), l.column).toBe(false);
    expect(l.note.length).toBeGreaterThan(10);
  }
}

const leftOutAs = (s: Scorecard, column: string): string | undefined => s.leftOut.find((l) => l.column === column)?.reason;

describe('the scorecard on the realistic generated table', () => {
  const table = generateRealisticLeads({ count: 12_000, seed: 'scorecard', asOf: AS_OF });
  const s = ok(buildScorecard(table.headers, table.rows, 'Converted', { asOf: AS_OF }));

  it('is within 0.01 of an unconstrained logistic regression in hold-out AUC', () => {
    expect(s.holdout.leads).toBe(3000);
    expect(s.holdout.aucRegression).toBeGreaterThan(0.7);
    expect(s.holdout.aucScorecard).toBeGreaterThanOrEqual(s.holdout.aucRegression - 0.01);
  });

  it('leaves the sequential number, the identifiers and the leak out of the points, saying why', () => {
    expect(leftOutAs(s, 'Lead Number')).toBe('identifier');
    expect(leftOutAs(s, 'Lead ID')).toBe('identifier');
    expect(leftOutAs(s, 'Email')).toBe('identifier');
    expect(leftOutAs(s, 'Lead Status')).toBe('leak');
    const fields = fieldsOf(s.model);
    for (const f of ['Lead Number', 'Lead ID', 'Email', 'Lead Status']) expect(fields.has(f)).toBe(false);
  });

  it('counts placeholders as blank and never puts one in the points', () => {
    const values = valuesOf(s.model).map((v) => v.toLowerCase());
    for (const p of REALISTIC_PLACEHOLDERS) expect(values).not.toContain(p.toLowerCase());
    const title = s.columns.find((c) => c.column === 'Title');
    expect(title?.notAnswered).toBeGreaterThan(1000);
    expect(title?.bins.find((b) => b.missing)?.label).toBe('blank or not answered');
  });

  it('keeps one of two columns that say the same thing', () => {
    const kept = fieldsOf(s.model);
    expect(kept.has('Employees') && kept.has('Company Size')).toBe(false);
    expect(s.leftOut.some((l) => l.reason === 'correlated')).toBe(true);
  });

  it('scores a placeholder like a blank cell, through the engine', () => {
    const compiled = compile(s.model, table.headers, { asOf: AS_OF });
    if (!compiled.ok) throw new Error('does not compile');
    const title = table.headers.indexOf('Title');
    const row = [...(table.rows.find((r) => typeof r[title] === 'string' && r[title] !== '' && !isNotAnsweredText(String(r[title]).toLowerCase())) ?? [])];
    const scoreWith = (value: unknown): number => compiled.value.scoreRows([row.map((v, i) => (i === title ? value : v))]).scores[0] ?? Number.NaN;
    const blank = scoreWith('');
    for (const p of ['Select', '-- Select --', 'N/A', 'unknown', 'Not provided', '-']) expect(scoreWith(p), p).toBe(blank);
  });

  it('is a readable scorecard', () => expectReadableScorecard(s));
});

describe('the scorecard on differently shaped lead lists', () => {
  const cases: [string, Table, string][] = [
    ['an online-education list (mostly categories, 30-50% blank, Select placeholders)', educationLike(9000, 3), 'Converted'],
    ['a bank telemarketing list (11% converted, correlated indicators, a growing client number)', bankLike(41_188, 3), 'y'],
  ];
  for (const [name, table, outcome] of cases) {
    describe(name, () => {
      const s = ok(buildScorecard(table.headers, table.rows, outcome, { asOf: AS_OF }));
      it('is a readable scorecard', () => expectReadableScorecard(s));
      it('comes close to the unconstrained regression in hold-out AUC', () => {
        expect(s.holdout.aucScorecard).toBeGreaterThan(0.75);
        expect(s.holdout.aucScorecard).toBeGreaterThanOrEqual(s.holdout.aucRegression - 0.015);
      });
    });
  }

  it('leaves out the education list\'s ids and the tags sales wrote after the outcome', () => {
    const t = educationLike(9000, 4);
    const s = ok(buildScorecard(t.headers, t.rows, 'Converted', { asOf: AS_OF }));
    expect(leftOutAs(s, 'Prospect ID')).toBe('identifier');
    expect(leftOutAs(s, 'Lead Number')).toBe('identifier');
    expect(leftOutAs(s, 'Tags')).toBe('leak');
    expect(valuesOf(s.model)).not.toContain('Select');
  });

  it('leaves out the bank list\'s client number (repeats, but grows with the rows) and keeps one of the indicators that move together', () => {
    const t = bankLike(20_000, 5);
    const s = ok(buildScorecard(t.headers, t.rows, 'y', { asOf: AS_OF }));
    expect(leftOutAs(s, 'Client')).toBe('sequential');
    const kept = BANK_INDICATORS.filter((c) => fieldsOf(s.model).has(c));
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.includes('emp.var.rate') && kept.includes('euribor3m')).toBe(false);
    expect(s.model.criteria.some((c) => c.field === 'Client')).toBe(false);
  });
});

describe('scorecard options', () => {
  const table = generateRealisticLeads({ count: 6000, seed: 'options', asOf: AS_OF });

  it('offers the 0-100 scale: the best possible lead has 100 points, every lead scores between 0 and 100', () => {
    const s = ok(buildScorecard(table.headers, table.rows, 'Converted', { asOf: AS_OF, scale: '0-100' }));
    expect(s.maximumPoints).toBeLessThanOrEqual(100);
    expect(s.maximumPoints).toBeGreaterThanOrEqual(97);
    const compiled = compile(s.model, table.headers, { asOf: AS_OF });
    if (!compiled.ok) throw new Error('does not compile');
    const scores = compiled.value.scoreRows(table.rows).scores;
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...scores)).toBeLessThanOrEqual(100);
    expect(Math.max(...scores)).toBeGreaterThan(60);
  });

  it('scales points to the points that double the odds when asked', () => {
    const s = ok(buildScorecard(table.headers, table.rows, 'Converted', { asOf: AS_OF, pointsToDoubleOdds: 20 }));
    expect(s.pointsToDoubleOdds).toBeCloseTo(20, 6);
    const wider = ok(buildScorecard(table.headers, table.rows, 'Converted', { asOf: AS_OF, pointsToDoubleOdds: 40 }));
    expect(wider.maximumPoints).toBeGreaterThan(1.8 * s.maximumPoints);
  });

  it('places the Hot band at the capacity given, at a round number', () => {
    const s = ok(buildScorecard(table.headers, table.rows, 'Converted', { asOf: AS_OF, capacity: { kind: 'share', share: 0.12 } }));
    const hot = s.bands[s.bands.length - 1];
    expect(hot?.name).toBe('Hot');
    expect(hot?.share).toBeLessThanOrEqual(0.12);
    expect(hot?.share).toBeGreaterThan(0.05);
    expect((hot?.from ?? 1) % 5).toBe(0);
  });
});

describe('scorecard dates', () => {
  it('reads day-first text dates when told, and turns recency into tiers of "in the last N days"', () => {
    const headers = ['Last Activity Date', 'Converted'];
    const asOf = Date.UTC(2026, 10, 1);
    let state = 7;
    const random = (): number => ((state = (state * 48271) % 2147483647) / 2147483647);
    const rows = Array.from({ length: 3000 }, () => {
      const age = Math.floor(random() * 200);
      const d = new Date(asOf - age * 86_400_000);
      const text = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
      return [text, random() < (age < 30 ? 0.5 : age < 90 ? 0.25 : 0.08)];
    });
    const s = ok(buildScorecard(headers, rows, 'Converted', { asOf: AS_OF, dateOrder: 'DMY' }));
    const column = s.columns.find((c) => c.column === 'Last Activity Date');
    expect(column?.kind).toBe('date');
    expect(column?.bins.find((b) => b.missing)).toBeUndefined();
    expect(s.model.dateOrder).toBe('DMY');
    expect(s.model.criteria.every((c) => c.condition.op === 'withinDays')).toBe(true);
    // The engine gives a lead active today the most points, one inactive for 150 days none.
    const compiled = compile(s.model, headers, { asOf: AS_OF });
    if (!compiled.ok) throw new Error('does not compile');
    const scores = compiled.value.scoreRows([['01/11/2026'], ['03/06/2026']]).scores;
    expect(scores[0]).toBe(s.maximumPoints);
    expect(scores[1]).toBe(0);
  });
});

describe('scorecard inputs it cannot use', () => {
  it('says so when no column tells converters apart, naming why each was left out', () => {
    const headers = ['Id', 'Same', 'Converted'];
    const rows = Array.from({ length: 400 }, (_, i) => [`id-${i}`, 'x', i % 3 === 0]);
    const result = buildScorecard(headers, rows, 'Converted');
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.problems.map((p) => `${describeLocation(p.at)}: ${p.message}`).join('\n');
    expect(text).toMatch(/no column tells converters apart/);
    expect(text).toMatch(/column 'Id': left out: an identifier/);
    expect(text).toMatch(/column 'Same': left out: constant/);
  });

  it('names the outcome column it could not find', () => {
    const result = buildScorecard(['A', 'Converted'], [['x', true]], 'Convertd');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems[0]?.hint).toMatch(/did you mean 'Converted'/);
  });
});

describe('isNotAnsweredText', () => {
  it('knows the placeholders forms leave, in any case and dress', () => {
    for (const p of ['select', '-- select --', 'please select', 'n/a', 'na', '-', '--', '?', 'none', '(none)', 'unknown', '<unknown>', 'not provided', 'not specified', 'null']) expect(isNotAnsweredText(p), p).toBe(true);
    for (const v of ['selected', 'no', '0', 'nonexistent', 'india', 'not interested', '-5', 'n/a company']) expect(isNotAnsweredText(v), v).toBe(false);
  });
});
