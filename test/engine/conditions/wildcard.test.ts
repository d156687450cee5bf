import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard } from '../../../src/engine/conditions/wildcard';

const m = (pattern: string, text: string) => compileWildcard(pattern)(text);

describe('compileWildcard', () => {
  it('matches literals over the whole string only', () => {
    expect(m('acme', 'acme')).toBe(true);
    expect(m('acme', 'acme inc')).toBe(false);
    expect(m('acme', 'the acme')).toBe(false);
  });

  it('lowercases the pattern but not the text (the caller does)', () => {
    expect(m('ACME*', 'acme corp')).toBe(true);
    expect(m('acme*', 'ACME corp')).toBe(false);
  });

  it('treats * as any sequence, including empty', () => {
    expect(m('*', '')).toBe(true);
    expect(m('*', 'anything')).toBe(true);
    expect(m('a*', 'a')).toBe(true);
    expect(m('*inc', 'acme inc')).toBe(true);
    expect(m('*inc', 'acme incorporated')).toBe(false);
    expect(m('*@gmail.com', 'jo@gmail.com')).toBe(true);
    expect(m('a*b*c', 'axxbyyc')).toBe(true);
    expect(m('a*b*c', 'axxcyyb')).toBe(false);
    expect(m('**a**', 'bab')).toBe(true);
  });

  it('treats ? as exactly one character', () => {
    expect(m('a?c', 'abc')).toBe(true);
    expect(m('a?c', 'ac')).toBe(false);
    expect(m('a?c', 'abbc')).toBe(false);
    expect(m('???', 'abc')).toBe(true);
    expect(m('???', 'ab')).toBe(false);
  });

  it('counts ? per code point, so astral characters are one character', () => {
    expect(m('a?b', 'a😀b')).toBe(true);
    expect(m('a??b', 'a😀b')).toBe(false);
    expect(m('?', 'é')).toBe(true);
    expect(m('m?ller', 'müller')).toBe(true);
  });

  it('matches non-ASCII literals case-insensitively in the pattern', () => {
    expect(m('MÜLLER*', 'müller gmbh')).toBe(true);
  });

  it('escapes with ~', () => {
    expect(m('~*', '*')).toBe(true);
    expect(m('~*', 'a')).toBe(false);
    expect(m('a~?', 'a?')).toBe(true);
    expect(m('a~?', 'ab')).toBe(false);
    expect(m('~~', '~')).toBe(true);
    expect(m('~~*', '~anything')).toBe(true);
    expect(m('5~*', '5*')).toBe(true);
  });

  it('keeps ~ before any other character, or at the end, as a literal ~', () => {
    expect(m('~a', '~a')).toBe(true);
    expect(m('~a', 'a')).toBe(false);
    expect(m('a~', 'a~')).toBe(true);
    expect(m('~', '~')).toBe(true);
  });

  it('matches the empty pattern against empty text only', () => {
    expect(m('', '')).toBe(true);
    expect(m('', ' ')).toBe(false);
    expect(m('', 'a')).toBe(false);
  });

  it('does not blow up on adversarial patterns', () => {
    const many = 'a'.repeat(10_000);
    expect(m('*a*a*a*a*a*a*b', many)).toBe(false);
    expect(m('*a*a*a*a*a*a*b', `${many}b`)).toBe(true);
    expect(m('*a*a*a*a*a*a*a', many)).toBe(true);
    expect(m('?'.repeat(10_000), many)).toBe(true);
    expect(m('?'.repeat(10_001), many)).toBe(false);
  });

  it('can be reused across many texts', () => {
    const isInc = compileWildcard('* inc');
    expect(['acme inc', 'inc', 'foo inc', 'foo inc.'].map(isInc)).toEqual([true, false, true, false]);
  });

  it('agrees with a naive recursive reference matcher', () => {
    // Reference: straightforward recursion over the raw pattern, memoised; fine for short inputs.
    const reference = (pattern: string, text: string): boolean => {
      const memo = new Map<string, boolean>();
      const go = (p: number, t: number): boolean => {
        const key = `${p},${t}`;
        const hit = memo.get(key);
        if (hit !== undefined) return hit;
        let r: boolean;
        const c = pattern[p];
        if (c === undefined) r = t === text.length;
        else if (c === '*') r = go(p + 1, t) || (t < text.length && go(p, t + 1));
        else if (c === '?') r = t < text.length && go(p + 1, t + 1);
        else {
          let lit = c;
          let step = 1;
          const next = pattern[p + 1];
          if (c === '~' && (next === '*' || next === '?' || next === '~')) {
            lit = next;
            step = 2;
          }
          r = text[t] === lit && go(p + step, t + 1);
        }
        memo.set(key, r);
        return r;
      };
      return go(0, 0);
    };
    const chars = fc.constantFrom('a', 'b', '*', '?', '~');
    const str = (max: number) => fc.array(chars, { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(str(8), str(10), (pattern, text) => {
        expect(m(pattern, text)).toBe(reference(pattern, text));
      }),
      { numRuns: 3000 },
    );
  });
});
