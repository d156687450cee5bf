/**
 * A set of lower-case strings that answers "is this part of a cell's text one of them,
 * ignoring case?" without allocating or hashing. Cells from a host are fresh strings, so
 * hashing one (a Map lookup) or lower-casing it costs more than comparing it, character by
 * character, with the few entries of the same length.
 */
export class CaseFoldSet {
  private readonly byLength = new Map<number, string[]>();
  private longest = 0;

  constructor(lowerCaseEntries: Iterable<string>) {
    for (const entry of lowerCaseEntries) {
      this.longest = Math.max(this.longest, entry.length);
      const same = this.byLength.get(entry.length);
      if (same === undefined) this.byLength.set(entry.length, [entry]);
      else if (!same.includes(entry)) same.push(entry);
    }
  }

  /**
   * Whether text[start, end) equals an entry ignoring ASCII case: true or false, or undefined
   * when the text has a non-ASCII letter, which only a full toLowerCase can compare rightly.
   */
  has(text: string, start: number, end: number): boolean | undefined {
    // Lower-casing never shortens text, so text longer than every entry cannot equal one.
    if (end - start > this.longest) return false;
    const candidates = this.byLength.get(end - start);
    if (candidates === undefined) return hasDottedCapitalI(text, start, end) ? undefined : false;
    for (let k = 0; k < candidates.length; k++) {
      const entry = candidates[k] as string;
      let i = 0;
      for (; i < entry.length; i++) {
        const a = text.charCodeAt(start + i);
        const b = entry.charCodeAt(i);
        if (a === b || (a >= 65 && a <= 90 && a + 32 === b)) continue;
        if (a >= 128) return undefined;
        break;
      }
      if (i === entry.length) return true;
    }
    return hasDottedCapitalI(text, start, end) ? undefined : false;
  }
}

/**
 * Why an ASCII-only "no" is sure: every comparison above returns undefined as soon as a
 * non-ASCII character of the text differs from the entry, so such a character can only be
 * skipped where it cannot matter. Lower-casing changes the length of just one character,
 * U+0130 (İ becomes i + combining dot); where it occurs, lengths and positions shift, and
 * only a real toLowerCase can compare.
 */
function hasDottedCapitalI(text: string, start: number, end: number): boolean {
  const at = text.indexOf('\u0130', start);
  return at >= 0 && at < end;
}

/** True when a character is one that trim() removes or may remove (so the fast path must not decide). */
export function mayBeSpace(code: number): boolean {
  return code <= 32 || code === 160 || code >= 0x1680;
}

/**
 * Whether the lower-case needle occurs in text at position `at`, ignoring ASCII case; undefined
 * when a non-ASCII character in the way needs a real toLowerCase to compare.
 */
function foldedEqualsAt(text: string, at: number, needle: string): boolean | undefined {
  for (let i = 0; i < needle.length; i++) {
    const a = text.charCodeAt(at + i);
    const b = needle.charCodeAt(i);
    if (a === b || (a >= 65 && a <= 90 && a + 32 === b)) continue;
    return a >= 128 ? undefined : false;
  }
  return true;
}

export type TextScan = 'contains' | 'startsWith' | 'endsWith';

/**
 * Whether trimmed text contains, starts with or ends with any of the lower-case needles,
 * ignoring case, without copying the text; undefined when only the full test can tell.
 * The text must not start or end with a space (the caller checks; trimming would matter).
 */
export function foldedScan(text: string, needles: readonly string[], scan: TextScan): boolean | undefined {
  let unsure = false;
  for (let k = 0; k < needles.length; k++) {
    const needle = needles[k] as string;
    const last = text.length - needle.length;
    if (last < 0) continue;
    if (scan === 'contains') {
      const head = needle.charCodeAt(0);
      for (let at = 0; at <= last; at++) {
        // Most positions fail on the first character: test it before calling out.
        let code = text.charCodeAt(at);
        if (code >= 65 && code <= 90) code += 32;
        if (code !== head && code < 128) continue;
        const found = foldedEqualsAt(text, at, needle);
        if (found === true) return true;
        if (found === undefined) unsure = true;
      }
    } else {
      const found = foldedEqualsAt(text, scan === 'startsWith' ? 0 : last, needle);
      if (found === true) return true;
      if (found === undefined) unsure = true;
    }
  }
  if (unsure || hasDottedCapitalI(text, 0, text.length)) return undefined;
  return false;
}
