import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, testCell } from '../../src/engine/conditions/compileCondition';
import type { Condition } from '../../src/engine';
import { anyCell, condition } from './arbitraries';

// testCell takes shortcuts for common cells (comparing text in place, ASCII case folding,
// remembered outcomes, number fast paths). Each must give exactly what the full test gives,
// or a lead's score would depend on which path its cell happened to take.
const tricky = fc.constantFrom(
  'Technology', 'TECHNOLOGY', 'TECHNOLOGİ', 'technoloİgy', '\u212Aelvin', 'kelvin', '\u212B', 'ΟΔΟΣ', 'οδος', ' technology', 'technology ', 'Tech', 'İstanbul', 'istanbul', 'i̇stanbul', 'K', 'k', 'Straße', 'STRASSE',
  'Sales Manager', 'VP Sales', 'vp of sales', 'abc', 'ABC', 'a@gmail.com', 'A@GMAIL.COM', 'x <a@gmail.com>', 'a@gmail.com ', 'a b@gmail.com',
  '@gmail.com', 'a@xn--gmail.com', '#N/A', '#n/a', '#hashtag', ' ', '\u00a0', '\u3000x\u3000', 'é', 'É', 'e\u0301', '1,200', '12%', '5', '5.0',
);
const cell = fc.oneof(anyCell, tricky, fc.string({ unit: fc.constantFrom(...'aAbB zZ@.#éÉİı;*?~-0123'.split('')), maxLength: 10 }));

/** Cells on and around a condition's own bounds, where an off-by-one would show. */
function cellsAtTheEdges(c: Condition, asOfDay: number): unknown[] {
  const near = (x: number): unknown[] => [x, x - 1, x + 1, x - 0.25, x + 0.25, String(x), ` ${x} `];
  switch (c.op) {
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return near(c.value);
    case 'between':
      return [...near(c.min), ...near(c.max)];
    case 'withinDays':
    case 'olderThanDays':
      return [...near(asOfDay - c.days), asOfDay, asOfDay + 1, asOfDay + 0.5];
    default:
      return [];
  }
}

describe('condition shortcuts agree with the full test', () => {
  it('for any condition and any cell', () => {
    fc.assert(
      fc.property(condition, fc.array(cell, { minLength: 1, maxLength: 12 }), fc.constantFrom('MDY' as const, 'DMY' as const), (c, cells, dateOrder) => {
        const compiled = compileCondition(c, { asOfDay: 46_000, dateOrder });
        // Twice each: the second time may come from remembered outcomes.
        for (const value of [...cells, ...cellsAtTheEdges(c, 46_000), ...cells]) {
          expect(testCell(compiled, value)).toBe(compiled.test(value));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('for the text conditions on tricky text', () => {
    const values = fc.array(fc.oneof(tricky, fc.constantFrom('technology', 'vp *', 'manager', 'gmail.com', 'k', 'kelvin', 'å', 'οδος', 'οδοσ', 'istanbul', 'i̇stanbul', 'straße', 'é', 'i̇')), { minLength: 1, maxLength: 3 });
    const op = fc.constantFrom('equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches') as fc.Arbitrary<
      'equals' | 'notEquals' | 'contains' | 'notContains' | 'startsWith' | 'endsWith' | 'matches'
    >;
    fc.assert(
      fc.property(op, values, fc.array(cell, { minLength: 1, maxLength: 12 }), (o, vs, cells) => {
        const wanted = vs.map((v) => v.trim()).filter((v) => v !== '');
        fc.pre(wanted.length > 0);
        const compiled = compileCondition({ op: o, values: wanted }, { asOfDay: 46_000, dateOrder: 'MDY' });
        for (const value of cells) expect(testCell(compiled, value)).toBe(compiled.test(value));
      }),
      { numRuns: 2_000 },
    );
  });
});
