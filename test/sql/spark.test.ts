import { describe, expect, it } from 'vitest';
import { wildcardToLike, wildcardToRegex } from '../../src/sql';
import { exportedSql } from './exportedSql';
import { MODELS } from './leadsForSql';

/**
 * Functions the Spark SQL built-in function reference documents
 * (https://spark.apache.org/docs/latest/api/sql/index.html), with the version that added them.
 * The exported SQL may call no other.
 */
const SPARK_FUNCTIONS = new Map([
  ['abs', '1.0'], ['ascii', '1.5'], ['cast', '1.0'], ['chr', '2.3'], ['coalesce', '1.0'], ['datediff', '1.5'], ['floor', '1.0'],
  ['greatest', '1.5'], ['instr', '1.5'], ['least', '1.5'], ['left', '2.3'], ['length', '1.5'], ['lower', '1.0'],
  ['nullif', '2.0'], ['power', '1.4'], ['regexp_extract', '1.5'], ['regexp_replace', '1.5'], ['repeat', '1.5'],
  ['replace', '2.3'], ['right', '2.3'], ['substr', '1.5'], ['trim', '1.5'], ['upper', '1.0'],
]);
/** Keywords that may precede a parenthesis. */
const KEYWORDS = new Set(['in', 'and', 'or', 'not', 'from', 'then', 'else', 'when', 'lateral', 'as', 'select', 'exists', 'join', 'both']);

/** String literals (with Spark's backslash escapes) and backquoted identifiers taken out, so the rest is structure. */
function structure(sql: string): { code: string; literals: string[] } {
  let code = '';
  const literals: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === "'" || c === '`') {
      let text = '';
      let j = i + 1;
      for (; j < sql.length && sql[j] !== c; j++) {
        if (c === "'" && sql[j] === '\\') j++;
        text += sql[j];
      }
      if (j >= sql.length) throw new Error(`unterminated ${c} at ${i}`);
      if (c === "'") literals.push(text);
      code += c === "'" ? ' __lit__ ' : ' __ident__ ';
      i = j;
      continue;
    }
    code += c;
  }
  return { code, literals };
}

describe('leadscore sql --dialect spark', () => {
  for (const { id, model } of MODELS) {
    it(`calls only documented Spark SQL functions and is well formed: ${id}`, () => {
      const sql = exportedSql(model, { dialect: 'spark' });
      const { code, literals } = structure(sql);
      const called = new Set([...code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => (m[1] ?? '').toLowerCase()).filter((f) => !KEYWORDS.has(f)));
      expect([...called].filter((f) => !SPARK_FUNCTIONS.has(f))).toEqual([]);
      let depth = 0;
      for (const ch of code) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
      const words = code.toUpperCase().match(/\b[A-Z_]+\b/g) ?? [];
      expect(words.filter((w) => w === 'CASE').length).toBe(words.filter((w) => w === 'END').length);
      // Spark's dialect: no $n or "quoted" identifiers, the as-of date is the named parameter :as_of.
      expect(code).not.toMatch(/\$\d|"/);
      expect(code).toContain(':as_of');
      // Every regular expression is valid in Java's syntax (checked with JavaScript's, which agrees on these constructs).
      // A leading (?i) is Java's case-insensitive flag, JavaScript's i.
      for (const lit of literals.filter((l) => /^(\(\?i\))?\^/.test(l) || l.includes('[0-9]'))) {
        expect(() => new RegExp(lit.replace(/^\(\?i\)/, '').replace(/\\x\{([0-9A-F]+)\}/g, '\\u$1').replace(/\\p\{Ll\}/g, 'a'), 'i')).not.toThrow();
      }
    });
  }
});

describe('wildcardToLike', () => {
  it('turns * ? and ~ into LIKE, escaping LIKE’s own characters only when the pattern has them', () => {
    expect(wildcardToLike(' VP * ')).toEqual({ like: 'vp %', escaped: false });
    expect(wildcardToLike('a?c')).toEqual({ like: 'a_c', escaped: false });
    expect(wildcardToLike('~*~?~~')).toEqual({ like: '*?~', escaped: false });
    expect(wildcardToLike('100~%*')).toEqual({ like: '100~\\%%', escaped: true });
    expect(wildcardToLike('under_score\\')).toEqual({ like: 'under\\_score\\\\', escaped: true });
  });
});

describe('wildcardToRegex', () => {
  it('gives a whole-match RE2 pattern: . for ?, .* for *, punctuation escaped', () => {
    expect(wildcardToRegex('*100%?')).toBe('(?s).*100\\%.');
    expect(wildcardToRegex('a.b~*(c)')).toBe('(?s)a\\.b\\*\\(c\\)');
  });
});
