import { describe, expect, it } from 'vitest';
import { apportion, apportionThree, scaledCents } from '../../src/engine/scoring/scaledScore';

// A maximum of 3 units makes every share a third: the hardest case for rounding parts.
describe('scaling a total once', () => {
  it('gives the maximum exactly 100 (10,000 hundredths) and nothing 0, whatever the maximum', () => {
    for (const max of [3, 7, 13, 999_999, 3_000_000, 1e11, 5e15]) {
      expect(scaledCents(max, max)).toBe(10_000);
      expect(Object.is(scaledCents(0, max), 0)).toBe(true);
    }
  });

  it('rounds to the hundredth, halves up: 1 of 16 units is 6.25, 1 of 80,000 is 0.00125 -> 0, 1 of 20,000 is 0.005 -> 0.01, -0.005 -> 0', () => {
    expect(scaledCents(1, 16)).toBe(625);
    expect(scaledCents(1, 80_000)).toBe(0);
    expect(scaledCents(1, 20_000)).toBe(1);
    expect(scaledCents(-1, 20_000)).toBe(0);
  });
});

describe('apportioning a score among its parts (largest remainder)', () => {
  it('gives three thirds of 100 as 33.34 + 33.33 + 33.33: the extra hundredth to the first at equal remainders', () => {
    expect(apportion(10_000, [1, 1, 1], 3)).toEqual([3334, 3333, 3333]);
  });

  it('gives the extra hundredths to the largest remainders, wherever they are', () => {
    // Exact shares of 1/7, 2/7, 4/7 of 10,000: 1428.57, 2857.14, 5714.29 -> 1429, 2857, 5714.
    expect(apportion(10_000, [1, 2, 4], 7)).toEqual([1429, 2857, 5714]);
    // Seven equal sevenths: 1428.57 each, 10,000 - 7 x 1428 = 4 extra hundredths, to the first four.
    expect(apportion(10_000, [1, 1, 1, 1, 1, 1, 1], 7)).toEqual([1429, 1429, 1429, 1429, 1428, 1428, 1428]);
  });

  it('leaves a part whose share is whole as it is', () => {
    expect(apportion(7500, [2, 1, 0], 4)).toEqual([5000, 2500, 0]);
  });

  it('handles negative parts: each rounds down, and the remainders decide as for positive ones', () => {
    // +2/3 and -1/3 of 10,000: 6666.67 and -3333.33; the total 1/3 is 3333.33 -> 3333.
    expect(apportion(3333, [2, -1], 3)).toEqual([6667, -3334]);
    // A cap part that takes back what a criterion gave: the two still cancel exactly.
    expect(apportion(0, [5, -5], 3)).toEqual([16667, -16667]);
  });

  it('three parts without allocating, exactly as apportion does', () => {
    const out = new Float64Array(3);
    const cases: [number, number, number, number][] = [
      [1, 1, 1, 3],
      [2, -1, 0, 3],
      [5, 5, -3, 7],
      [0, 0, 0, 13],
      [123_456, 654_321, -777_777, 1_000_003],
    ];
    for (const [a, b, c, max] of cases) {
      const target = scaledCents(a + b + c, max);
      apportionThree(target, a, b, c, max, out);
      expect([...out]).toEqual(apportion(target, [a, b, c], max));
      expect(out[0]! + out[1]! + out[2]!).toBe(target);
    }
  });
});
