/**
 * Excel wildcard matching as in COUNTIF: `*` is any run of characters (including none), `?` is
 * exactly one character, and `~` escapes the next `*`, `?` or `~` (before anything else, or at
 * the end, `~` is itself a literal). The match is over the whole string and case-insensitive.
 *
 * No RegExp: patterns come from users, and a backtracking regex over `*a*a*a...` is exponential.
 * The iterative star-backtrack below is O(pattern × text) in the worst case.
 */

const STAR = 0;
const ANY = 1;
/** A literal is one code point (a string); wildcards are the two numeric markers. */
type Token = typeof STAR | typeof ANY | string;

function tokenise(pattern: string): Token[] {
  const chars = Array.from(pattern.toLowerCase()); // code points, so `?` matches one emoji
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '~') {
      const next = chars[i + 1];
      if (next === '*' || next === '?' || next === '~') {
        tokens.push(next);
        i++;
      } else {
        tokens.push('~');
      }
    } else if (c === '*') {
      // Consecutive stars are one star; keeping one also keeps the backtrack simple.
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (c === '?') {
      tokens.push(ANY);
    } else {
      tokens.push(c);
    }
  }
  return tokens;
}

const STAR_CODE = -1;
const ANY_CODE = -2;

/** The pattern as numbers: code points for literals, -1 for `*`, -2 for `?`. */
function tokenCodes(pattern: string): Int32Array {
  return Int32Array.from(tokenise(pattern), (tok) => (tok === STAR ? STAR_CODE : tok === ANY ? ANY_CODE : (tok.codePointAt(0) ?? 0)));
}

/**
 * Compiles a pattern once for many cells. The pattern is lowercased here; the returned function
 * expects text the caller has ALREADY trimmed and lowercased (done once per cell, not per rule).
 */
export function compileWildcard(pattern: string): (text: string) => boolean {
  const tokens = tokenise(pattern);
  if (tokens.every((t) => typeof t === 'string')) {
    const literal = tokens.join('');
    return (text) => text === literal;
  }
  const codes = tokenCodes(pattern);
  return (text) => matchCodes(codes, Int32Array.from(Array.from(text), (ch) => ch.codePointAt(0) ?? 0), -1);
}

/**
 * The iterative star-backtrack over code points; `length` < 0 means all of `text`. Only the
 * most recent star needs to grow when a literal fails: earlier stars can never help more.
 */
function matchCodes(tokens: Int32Array, text: Int32Array, length: number): boolean {
  const n = length < 0 ? text.length : length;
  let p = 0;
  let t = 0;
  let starP = -1; // index of the last star seen
  let starT = 0; // text position that star currently swallows up to
  while (t < n) {
    const tok = p < tokens.length ? (tokens[p] ?? 0) : 0;
    if (p < tokens.length && (tok === ANY_CODE || tok === text[t])) {
      p++;
      t++;
    } else if (p < tokens.length && tok === STAR_CODE) {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < tokens.length && tokens[p] === STAR_CODE) p++;
  return p === tokens.length;
}

/**
 * The pattern's codes for matching ASCII text in place, or null when the pattern has a
 * non-ASCII character, which only the code-point matcher (compileWildcard) handles rightly.
 */
export function foldedWildcardTokens(pattern: string): Int32Array | null {
  const codes = tokenCodes(pattern);
  return codes.every((code) => code < 128) ? codes : null;
}

/** Reused for the folded text of one cell at a time, so matching allocates nothing. */
let scratch = new Int32Array(64);

/**
 * The same match as compileWildcard's, over text as it is (trimmed, any case), for ASCII
 * text; undefined when the text has a non-ASCII character.
 */
export function matchFoldedWildcard(tokens: Int32Array, text: string): boolean | undefined {
  if (scratch.length < text.length) scratch = new Int32Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return undefined;
    scratch[i] = code >= 65 && code <= 90 ? code + 32 : code;
  }
  return matchCodes(tokens, scratch, text.length);
}
