import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, modelFromCells, modelToCells, normaliseModel, parseModel, validateModel, type CompiledModel, type Model } from '../../src/engine';
import { anyRow, HEADERS, manyCriteriaModel, ownColumnsModel, validModel, type OwnColumnsModel } from './arbitraries';

const compiled = (m: Model): CompiledModel => {
  const result = compile(m, HEADERS, { asOf: '2026-11-01' });
  if (!result.ok) throw new Error(`a valid model did not compile: ${JSON.stringify(result.problems)}`);
  return result.value;
};

/** Sums hundredths as integers: the precision the engine promises. */
const cents = (x: number): number => Math.round(x * 100);

describe('scoring, for any valid model and any cells', () => {
  it('never throws, and the explanation adds up exactly to the score', () => {
    fc.assert(
      fc.property(validModel, fc.array(anyRow, { minLength: 1, maxLength: 5 }), (m, rows) => {
        const scorer = compiled(m);
        for (const row of rows) {
          const lead = scorer.scoreRow(row);
          const sumOfParts = lead.explanation.reduce((sum, part) => sum + cents(part.points), 0);
          expect(sumOfParts).toBe(cents(lead.score));
          for (const x of [lead.score, lead.fit, lead.engagement, ...lead.explanation.map((p) => p.points)]) expect(Number.isFinite(x)).toBe(true);
          // Every part is a whole number of hundredths, so the parts add up as shown.
          for (const part of lead.explanation) expect(part.points).toBe(Math.round(part.points * 100) / 100);
          expect(m.bands).toContain(lead.band);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the 0-100 scale within 0 and 100', () => {
    fc.assert(
      fc.property(
        validModel.filter((m) => m.scale === '0-100'),
        fc.array(anyRow, { minLength: 1, maxLength: 5 }),
        (m, rows) => {
          const block = compiled(m).scoreRows(rows);
          for (const score of block.scores) {
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same results for a block of rows as row by row', () => {
    fc.assert(
      fc.property(validModel, fc.array(anyRow, { minLength: 1, maxLength: 8 }), (m, rows) => {
        const scorer = compiled(m);
        const block = scorer.scoreRows(rows);
        rows.forEach((row, i) => {
          const one = scorer.scoreRow(row);
          expect(Number.isFinite(block.scores[i])).toBe(true);
          expect(block.scores[i]).toBe(one.score);
          expect(block.fit[i]).toBe(one.fit);
          expect(block.engagement[i]).toBe(one.engagement);
          expect(block.bandIndex[i]).toBe(one.bandIndex);
          expect(block.unusableCells[i]).toBe(one.explanation.filter((p) => p.kind === 'unusable').length);
          expect(block.explain(i)).toEqual(one);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('scoring with thousands of criteria and extreme numbers', () => {
  it('stays finite, exact to the hundredth, and the same in a block as row by row', () => {
    fc.assert(
      fc.property(manyCriteriaModel, fc.array(anyRow, { minLength: 1, maxLength: 4 }), (m, rows) => {
        const scorer = compiled(m);
        const block = scorer.scoreRows(rows);
        rows.forEach((row, i) => {
          const one = scorer.scoreRow(row);
          expect(Number.isFinite(one.score)).toBe(true);
          expect(block.scores[i]).toBe(one.score);
          expect(block.bandIndex[i]).toBe(one.bandIndex);
          expect(one.explanation.reduce((sum, part) => sum + cents(part.points), 0)).toBe(cents(one.score));
          if (m.scale === '0-100') expect(one.score).toBeLessThanOrEqual(100);
        });
      }),
      { numRuns: 12 },
    );
  });
});

/** How a lead meets each criterion of an OwnColumnsModel: matched or not, its count, the age of its date in days. */
interface Meeting {
  readonly matched: boolean;
  readonly count: number;
  readonly age: number;
}
const AS_OF_SERIAL = 46327; // 2026-11-01
const meeting: fc.Arbitrary<Meeting> = fc.record({ matched: fc.boolean(), count: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(1e12)), age: fc.integer({ min: 0, max: 400 }) });
const meetings = fc.array(meeting, { minLength: 13, maxLength: 13 });

/** The row of an OwnColumnsModel's table for those meetings (C, N, D per criterion). */
const rowOf = (m: Model, meet: readonly Meeting[]): unknown[] => m.criteria.flatMap((_, i) => {
  const { matched, count, age } = meet[i] as Meeting;
  return [matched ? 'x' : '', count, AS_OF_SERIAL - age];
});

/** The lead that meets every criterion with positive points at full strength, and no other. */
const perfectLead = (m: Model): unknown[] => rowOf(m, m.criteria.map((c) => ({ matched: c.points > 0, count: 1e12, age: 0 })));

const scoreOf = ({ model: m, headers }: OwnColumnsModel, rows: readonly unknown[][]): { block: number[]; one: ReturnType<CompiledModel['scoreRow']>[] } => {
  const result = compile(m, headers, { asOf: '2026-11-01' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { block: [...result.value.scoreRows(rows).scores], one: rows.map((r) => result.value.scoreRow(r)) };
};

describe('the 0-100 scale: the total scaled once, split exactly', () => {
  it('a lead that meets every positive criterion scores exactly 100, and one that meets none 0', () => {
    fc.assert(
      fc.property(ownColumnsModel, (owned) => {
        const { block, one } = scoreOf(owned, [perfectLead(owned.model), rowOf(owned.model, owned.model.criteria.map(() => ({ matched: false, count: 0, age: 0 })))]);
        expect(block).toEqual([100, 0]);
        expect(one.map((l) => l.score)).toEqual([100, 0]);
        expect(one[0]?.explanation.reduce((sum, p) => sum + cents(p.points), 0)).toBe(10_000);
      }),
      { numRuns: 400 },
    );
  });

  it('is the total raw points x 100 / maximum, rounded half up to the hundredth, not a sum of rounded parts', () => {
    // Fixed points in quarters, so that the exact total and maximum are integers of quarters.
    const quarters = (x: number | null): number | null => (x === null ? null : Math.round(x * 4) / 4);
    const fixedPoints = ownColumnsModel
      .map((owned): OwnColumnsModel => ({
        ...owned,
        model: {
          ...owned.model,
          criteria: owned.model.criteria.map((c) => ({ ...c, points: quarters(c.points) ?? 0, perOccurrenceOf: null, decay: null, cap: { min: quarters(c.cap.min), max: quarters(c.cap.max) } })),
          groupCaps: { fit: { min: null, max: quarters(owned.model.groupCaps.fit.max) }, engagement: { min: null, max: quarters(owned.model.groupCaps.engagement.max) } },
          totalCap: { min: quarters(owned.model.totalCap.min), max: quarters(owned.model.totalCap.max) },
        },
      }))
      .filter(({ model: m }) => validateModel(m).ok);
    fc.assert(
      fc.property(fixedPoints, meetings, (owned, meet) => {
        const m = owned.model;
        const clamp = (x: number, cap: { min: number | null; max: number | null }): number => Math.min(Math.max(x, cap.min ?? -Infinity), cap.max ?? Infinity);
        const groupSum = (group: 'fit' | 'engagement', take: (c: Model['criteria'][number], i: number) => number): number =>
          clamp(m.criteria.reduce((sum, c, i) => sum + (c.group === group ? take(c, i) : 0), 0), m.groupCaps[group]);
        const total = (take: (c: Model['criteria'][number], i: number) => number): number => clamp(groupSum('fit', take) + groupSum('engagement', take), m.totalCap);
        const max = total((c) => Math.max(0, clamp(c.points, c.cap)));
        const raw = Math.min(Math.max(total((c, i) => (meet[i]?.matched === true ? clamp(c.points, c.cap) : 0)), 0), max);
        // In quarters, everything is an integer: round half up of raw * 10000 / max in exact arithmetic.
        const expected = Math.floor((2 * 4 * raw * 10_000 + 4 * max) / (2 * 4 * max));
        const { block, one } = scoreOf(owned, [rowOf(m, meet)]);
        expect(cents(one[0]?.score ?? Number.NaN)).toBe(expected);
        expect(block[0]).toBe(one[0]?.score);
      }),
      { numRuns: 400 },
    );
  });

  it('never lowers a score when a lead meets one more criterion with positive points', () => {
    fc.assert(
      fc.property(ownColumnsModel, meetings, fc.nat(), fc.constantFrom('0-100' as const, 'points' as const), (owned, meet, pick, scale) => {
        const positive = owned.model.criteria.flatMap((c, i) => (c.points > 0 && meet[i]?.matched !== true ? [i] : []));
        if (positive.length === 0) return;
        const i = positive[pick % positive.length] as number;
        const more = meet.map((x, k) => (k === i ? { ...x, matched: true, count: Math.max(1, x.count) } : x));
        const m = { ...owned.model, scale };
        const { block, one } = scoreOf({ ...owned, model: m }, [rowOf(m, meet), rowOf(m, more)]);
        expect(one[1]?.score).toBeGreaterThanOrEqual(one[0]?.score ?? Number.NaN);
        expect(block).toEqual(one.map((l) => l.score));
      }),
      { numRuns: 400 },
    );
  });

  it('splits the score exactly: Fit parts make Fit, Engagement parts make Engagement, and with the total caps they make the score', () => {
    fc.assert(
      fc.property(ownColumnsModel, meetings, (owned, meet) => {
        const lead = scoreOf(owned, [rowOf(owned.model, meet)]).one[0];
        if (lead === undefined) throw new Error('no lead');
        const sum = (group: 'fit' | 'engagement' | null): number => lead.explanation.filter((p) => p.group === group).reduce((total, p) => total + cents(p.points), 0);
        expect(sum('fit')).toBe(cents(lead.fit));
        expect(sum('engagement')).toBe(cents(lead.engagement));
        expect(cents(lead.fit) + cents(lead.engagement) + sum(null)).toBe(cents(lead.score));
        for (const x of [lead.score, lead.fit, lead.engagement, ...lead.explanation.map((p) => p.points)]) expect(x).toBe(cents(x) / 100);
      }),
      { numRuns: 400 },
    );
  });
});

describe('the model survives its round trips', () => {
  it('as JSON', () => {
    fc.assert(
      fc.property(validModel, (m) => {
        const back = parseModel(JSON.parse(JSON.stringify(m)));
        expect(back.ok && back.value).toEqual(normaliseModel(m));
      }),
      { numRuns: 300 },
    );
  });

  it('as cells', () => {
    fc.assert(
      fc.property(validModel, (m) => {
        const back = modelFromCells(modelToCells(m));
        if (!back.ok) throw new Error(JSON.stringify(back.problems));
        expect(back.value).toEqual(normaliseModel(m));
      }),
      { numRuns: 300 },
    );
  });
});
