/**
 * Excel wildcards (`*` any run, `?` one character, `~` escapes `*` `?` `~`) as SQL patterns.
 *
 * LIKE has its own special characters (`%` `_`, and `\` as PostgreSQL's default escape). A
 * pattern without them needs no ESCAPE clause, and must not get one: DuckDB matches a LIKE with
 * ESCAPE by backtracking, exponential in the number of `%` (26 s for `%a%a%a%a%b` on 200
 * characters), where its plain LIKE is linear. A pattern that does hold them is matched in DuckDB
 * as a regular expression (RE2, linear) instead.
 */

/** One piece of a pattern: a literal code point, or a wildcard. */
type Piece = { readonly literal: string } | { readonly wildcard: 'any' | 'one' };

/** The pattern's pieces, trimmed and lower-cased as the engine compares it. */
function pieces(pattern: string): Piece[] {
  const chars = Array.from(pattern.trim().toLowerCase());
  const out: Piece[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const next = chars[i + 1];
    if (c === '~' && (next === '*' || next === '?' || next === '~')) {
      out.push({ literal: next });
      i++;
    } else if (c === '*') out.push({ wildcard: 'any' });
    else if (c === '?') out.push({ wildcard: 'one' });
    else out.push({ literal: c });
  }
  return out;
}

const LIKE_SPECIAL = new Set(['%', '_', '\\']);

export interface LikePattern {
  /** The LIKE pattern; when escaped, `\` escapes LIKE's own characters in it. */
  readonly like: string;
  /** True when the pattern holds `%`, `_` or `\` as text, so it needs ESCAPE '\'. */
  readonly escaped: boolean;
}

/** Wildcards to LIKE: * is %, ? is _; LIKE's own characters are escaped only when present. */
export function wildcardToLike(pattern: string): LikePattern {
  const parts = pieces(pattern);
  const escaped = parts.some((p) => 'literal' in p && LIKE_SPECIAL.has(p.literal));
  const like = parts.map((p) => ('wildcard' in p ? (p.wildcard === 'any' ? '%' : '_') : escaped && LIKE_SPECIAL.has(p.literal) ? `\\${p.literal}` : p.literal)).join('');
  return { like, escaped };
}

/**
 * Wildcards to a regular expression for a whole-string match (RE2 syntax): `.` takes any one
 * character, line breaks included ((?s)); every other ASCII punctuation mark is escaped.
 */
export function wildcardToRegex(pattern: string): string {
  return `(?s)${regexBody(pattern)}`;
}

/** Several patterns as one whole-string alternation: any of them matches. */
export function wildcardsToRegex(patterns: readonly string[]): string {
  return `(?s)(?:${patterns.map(regexBody).join('|')})`;
}

function regexBody(pattern: string): string {
  return pieces(pattern)
    .map((p) => ('wildcard' in p ? (p.wildcard === 'any' ? '.*' : '.') : /^[!-/:-@[-`{-~]$/.test(p.literal) ? `\\${p.literal}` : p.literal))
    .join('');
}
