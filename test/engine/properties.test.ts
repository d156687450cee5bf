import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, modelFromCells, modelToCells, normaliseModel, parseModel, type CompiledModel, type Model } from '../../src/engine';
import { anyRow, HEADERS, manyCriteriaModel, validModel } from './arbitraries';

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
