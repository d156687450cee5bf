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
  return (text) => matchTokens(tokens, Array.from(text));
}

function matchTokens(tokens: readonly Token[], text: readonly string[]): boolean {
  let p = 0;
  let t = 0;
  let starP = -1; // index of the last star seen
  let starT = 0; // text position that star currently swallows up to
  while (t < text.length) {
    const tok = tokens[p];
    if (tok === ANY || (typeof tok === 'string' && tok === text[t])) {
      p++;
      t++;
    } else if (tok === STAR) {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      // Only the most recent star needs to grow: earlier stars can never help more.
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (tokens[p] === STAR) p++;
  return p === tokens.length;
}

const FOLDED_STAR = -1;
const FOLDED_ANY = -2;

/**
 * The pattern as character codes for matching ASCII text in place (no lower-cased copy, no
 * array of code points): -1 for `*`, -2 for `?`. Null when the pattern has a non-ASCII
 * character, which only the code-point matcher handles rightly.
 */
export function foldedWildcardTokens(pattern: string): Int32Array | null {
  const tokens = tokenise(pattern);
  const codes = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === STAR) codes[i] = FOLDED_STAR;
    else if (tok === ANY) codes[i] = FOLDED_ANY;
    else if (typeof tok === 'string' && tok.length === 1 && tok.charCodeAt(0) < 128) codes[i] = tok.charCodeAt(0);
    else return null;
  }
  return codes;
}

/**
 * The same match as compileWildcard's, over text as it is (trimmed, any case), for ASCII
 * text; undefined when the text has a non-ASCII character.
 */
export function matchFoldedWildcard(tokens: Int32Array, text: string): boolean | undefined {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return undefined;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const tok = p < tokens.length ? (tokens[p] as number) : -3;
    let code = text.charCodeAt(t);
    if (code >= 65 && code <= 90) code += 32;
    if (tok === FOLDED_ANY || tok === code) {
      p++;
      t++;
    } else if (tok === FOLDED_STAR) {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < tokens.length && tokens[p] === FOLDED_STAR) p++;
  return p === tokens.length;
}
