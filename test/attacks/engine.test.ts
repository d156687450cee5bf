/**
 * Attacks on scoring (issue 17 items 9 and 11): extreme numbers in the model and in the cells,
 * many criteria, Unicode written two ways. Scores stay finite, a block scores as row by row,
 * and the explanation adds up to the score to the hundredth.
 */
import { describe, expect, it } from 'vitest';
import { compile, criterion, maximumScore, model, validateModel, type Criterion, type LeadScore, type Model } from '../../src/engine';

const scorer = (m: Model, headers: readonly string[]) => {
  const compiled = compile(m, headers, { asOf: '2026-11-01' });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.value;
};
const cents = (x: number): number => Math.round(x * 100);

/** The safe behaviour for one row: finite, block == row, and the parts add up exactly. */
function scoresSafely(m: Model, headers: readonly string[], rows: readonly (readonly unknown[])[]): LeadScore[] {
  const s = scorer(m, headers);
  const block = s.scoreRows(rows);
  return rows.map((row, i) => {
    const one = s.scoreRow(row);
    expect(Number.isFinite(one.score) && Number.isFinite(one.fit) && Number.isFinite(one.engagement)).toBe(true);
    expect(block.scores[i]).toBe(one.score);
    expect(block.bandIndex[i]).toBe(one.bandIndex);
    expect(one.explanation.reduce((sum, p) => sum + cents(p.points), 0)).toBe(cents(one.score));
    return one;
  });
}

const at = (field: string, points: number, extra: Partial<Criterion> = {}): Criterion => criterion({ group: 'fit', field, condition: { op: 'notBlank' }, points, ...extra });
const HOSTILE_CELLS: unknown[] = [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e308, '1e308', '1e999', '-1e308', 9_007_199_254_740_993, '#N/A', { type: 'Error' }, null, undefined, true];

describe('extreme numbers never give NaN or Infinity', () => {
  it.each(HOSTILE_CELLS.map((cell) => [String(cell), cell]))('a per-occurrence count of %s with a billion points and 100%% decay', (_name, cell) => {
    const m = model({ criteria: [at('Visits', 1e9, { perOccurrenceOf: 'Visits', decay: { kind: 'factor', dateField: 'Seen', afterDays: 0, percent: 100 } })] });
    scoresSafely(m, ['Visits', 'Seen'], [[cell, '2020-01-01'], [cell, '2026-10-31']]);
  });

  it('caps at the billion-point limit on every level, on both scales', () => {
    for (const scale of ['points', '0-100'] as const) {
      const cap = { min: -1e9, max: 1e9 };
      const m = model({ scale, criteria: [at('A', 1e9, { cap }), at('B', -1e9, { cap }), at('C', 1e9, { perOccurrenceOf: 'C', cap })], groupCaps: { fit: cap, engagement: cap }, totalCap: cap });
      scoresSafely(m, ['A', 'B', 'C'], [['x', 'x', 1e300], ['x', '', 5], ['', 'x', -1e300]]);
    }
  });

  it('a 0-100 maximum of 0.01 points (the smallest allowed) keeps every score within 0 and 100', () => {
    const m = model({ scale: '0-100', criteria: [at('A', 0.005), at('B', 0.005), at('C', -1e9)] });
    for (const lead of scoresSafely(m, ['A', 'B', 'C'], [['x', 'x', ''], ['x', '', ''], ['x', 'x', 'x']])) expect(lead.score).toBeGreaterThanOrEqual(0);
  });

  it('a subnormal 0-100 maximum is refused rather than scored as Infinity', () => {
    const r = validateModel(model({ scale: '0-100', criteria: [at('A', Number.MIN_VALUE)] }));
    expect(r.ok).toBe(false);
  });

  it.each([3, 7, 13])('%i equal criteria on the 0-100 scale: a lead meeting all scores exactly 100, not 99.99, and a threshold of 100 is reached', (n) => {
    const fields = Array.from({ length: n }, (_, i) => `F${i}`);
    const m = model({ scale: '0-100', criteria: fields.map((f) => at(f, 1)), stages: { mql: 50, sql: 100 } });
    const all = fields.map(() => 'x');
    const allButOne = fields.map((_, i) => (i === 0 ? '' : 'x'));
    const [perfect, almost] = scoresSafely(m, fields, [all, allButOne]);
    expect(perfect?.score).toBe(100);
    expect(perfect?.stage).toBe('SQL');
    // The parts are a whole number of hundredths each and add up to 100: each within 0.01 of 100 / n.
    for (const part of perfect?.explanation ?? []) expect(Math.abs(part.points - 100 / n)).toBeLessThan(0.01);
    // One short: (n - 1) / n of 100, rounded once (66.67, 85.71, 92.31), not n - 1 rounded parts.
    expect(almost?.score).toBe(Math.round((100 * 100 * (n - 1)) / n) / 100);
  });

  it('equal criteria in both groups and a total cap: 100 is exact, and Fit + Engagement make it', () => {
    const m = model({
      scale: '0-100',
      criteria: [at('A', 1), at('B', 1), at('C', 1, { group: 'engagement' }), at('D', 1, { group: 'engagement' }), at('E', 1, { group: 'engagement' }), at('F', 1, { group: 'engagement' })],
      totalCap: { min: null, max: 5.5 },
    });
    const [lead] = scoresSafely(m, ['A', 'B', 'C', 'D', 'E', 'F'], [['x', 'x', 'x', 'x', 'x', 'x']]);
    expect(lead?.score).toBe(100);
    const capParts = lead?.explanation.filter((p) => p.group === null).reduce((sum, p) => sum + cents(p.points), 0) ?? Number.NaN;
    expect(cents(lead?.fit ?? Number.NaN) + cents(lead?.engagement ?? Number.NaN) + capParts).toBe(10_000);
  });

  it('a score of -0 is 0', () => {
    const m = model({ criteria: [at('A', -0), at('B', 0.004), at('C', -0.004)] });
    const [lead] = scoresSafely(m, ['A', 'B', 'C'], [['x', 'x', 'x']]);
    expect(Object.is(lead?.score, 0)).toBe(true);
  });
});

describe('many criteria', () => {
  it('5,000 criteria reading every hostile cell: finite, exact, block == row', () => {
    const criteria = Array.from({ length: 5_000 }, (_, i) => at(`C${i % 16}`, i % 2 === 0 ? 1e9 : -0.01, i % 3 === 0 ? { perOccurrenceOf: `C${i % 16}` } : {}));
    const headers = Array.from({ length: 16 }, (_, i) => `C${i}`);
    scoresSafely(model({ criteria }), headers, [HOSTILE_CELLS, [...HOSTILE_CELLS].reverse()]);
  });

  it('the 0-100 maximum of 20,000 exclusive criteria on one column is their best, worked out without pairing them', () => {
    const criteria = Array.from({ length: 20_000 }, (_, i) => criterion({ group: 'fit', field: 'Code', condition: { op: 'equals', values: [`c${i}`] }, points: (i % 97) + 1 }));
    expect(maximumScore(model({ scale: '0-100', criteria }))).toBe(97);
  });

  it('ranges that touch at an open end count as exclusive whichever order they are listed in', () => {
    const ranges = [criterion({ group: 'fit', field: 'N', condition: { op: 'gt', value: 5 }, points: 10 }), criterion({ group: 'fit', field: 'N', condition: { op: 'between', min: 5, max: 5 }, points: 7 })];
    expect(maximumScore(model({ criteria: ranges }))).toBe(10);
    expect(maximumScore(model({ criteria: [...ranges].reverse() }))).toBe(10);
  });
});

describe('Unicode written two ways', () => {
  const composed = 'Titl\u00e9'; // é as one character
  const decomposed = 'Title\u0301'; // e + combining acute

  it('a value typed decomposed matches a cell typed composed, and the other way round', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Role', condition: { op: 'equals', values: [decomposed] }, points: 10 })] });
    const [a, b] = scoresSafely(m, ['Role'], [[composed], [decomposed.toUpperCase()]]);
    expect([a?.score, b?.score]).toEqual([10, 10]);
  });

  it('contains and wildcard conditions see the same text', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Role', condition: { op: 'contains', values: [composed] }, points: 3 }), criterion({ group: 'fit', field: 'Role', condition: { op: 'matches', values: [`*${decomposed}`] }, points: 4 })] });
    const [lead] = scoresSafely(m, ['Role'], [[`Senior ${decomposed}`]]);
    expect(lead?.score).toBe(7);
  });

  it('a column named with a decomposed é or in full-width letters is found', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: composed, condition: { op: 'notBlank' }, points: 2 }), criterion({ group: 'fit', field: 'Email', condition: { op: 'notBlank' }, points: 3 })] });
    const [lead] = scoresSafely(m, [decomposed, 'Ｅｍａｉｌ'], [['x', 'y']]);
    expect(lead?.score).toBe(5);
  });

  it('½ and 1/2 stay different values (NFC, not NFKC, for values)', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Size', condition: { op: 'equals', values: ['½'] }, points: 1 })] });
    expect(scoresSafely(m, ['Size'], [['1/2'], ['½']]).map((l) => l.score)).toEqual([0, 1]);
  });
});

describe('hostile column names and cells', () => {
  it('columns named __proto__, constructor and toString are ordinary columns', () => {
    const m = model({ criteria: ['__proto__', 'constructor', 'toString'].map((f) => at(f, 1)) });
    expect(scoresSafely(m, ['__proto__', 'constructor', 'toString'], [['a', 'b', 'c']])[0]?.score).toBe(3);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('a cell of a million characters is scored like any other text', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'T', condition: { op: 'contains', values: ['needle'] }, points: 1 })] });
    expect(scoresSafely(m, ['T'], [[`${'x'.repeat(1_000_000)}needle`], ['x'.repeat(1_000_000)]]).map((l) => l.score)).toEqual([1, 0]);
  });

  it('rows shorter or longer than the headers, and holes, score as blanks', () => {
    const m = model({ criteria: [at('A', 1), at('B', 2)] });
    // eslint-disable-next-line no-sparse-arrays
    expect(scoresSafely(m, ['A', 'B'], [[], ['x'], ['x', 'y', 'z', 'w'], [, 'y']]).map((l) => l.score)).toEqual([0, 1, 3, 2]);
  });
});
