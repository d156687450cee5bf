/**
 * A set of lower-case strings that answers "is this part of a cell's text one of them,
 * ignoring case?" without allocating or hashing. Cells from a host are fresh strings, so
 * hashing one (a Map lookup) or lower-casing it costs more than comparing it, character by
 * character, with the few entries of the same length.
 */
export class CaseFoldSet {
  private readonly byLength = new Map<number, string[]>();
  /**
   * The entries by length and ASCII first character, for text that starts with an ASCII
   * character: it can only equal entries that start with that character folded, so it is
   * compared with one or two entries, not with every entry of its length (the free-mail
   * domains have 37 of length 10, and the email check runs on every lead).
   */
  private readonly byLengthAndFirst: (string[] | undefined)[] = new Array<string[] | undefined>(BUCKETS).fill(undefined);
  private longest = 0;
  /** dottedIMatters(entries): whether text with İ could equal an entry at all. */
  private readonly entriesTakeDottedI: boolean;

  constructor(lowerCaseEntries: Iterable<string>) {
    for (const entry of lowerCaseEntries) {
      this.longest = Math.max(this.longest, entry.length);
      const same = this.byLength.get(entry.length);
      if (same === undefined) this.byLength.set(entry.length, [entry]);
      else if (same.includes(entry)) continue;
      else same.push(entry);
      const first = entry.charCodeAt(0);
      if (first < 128) {
        const bucket = bucketOf(entry.length, first);
        const entries = this.byLengthAndFirst[bucket];
        if (entries === undefined) this.byLengthAndFirst[bucket] = [entry];
        else entries.push(entry);
      }
    }
    this.entriesTakeDottedI = dottedIMatters([...this.byLength.values()].flat());
  }

  /**
   * Whether text[start, end) equals an entry ignoring ASCII case: true or false, or undefined
   * when the text has a non-ASCII letter, which only a full toLowerCase can compare rightly.
   */
  has(text: string, start: number, end: number): boolean | undefined {
    const length = end - start;
    // Lower-casing never shortens text, so text longer than every entry cannot equal one.
    if (length > this.longest) return false;
    // Empty text has no first character to look it up by.
    if (length <= 0) return length === 0 && this.byLength.has(0);
    // Entries of the same length that start with another ASCII character would fail on the
    // first character anyway: leaving them out gives the same answer.
    let first = text.charCodeAt(start);
    if (first >= 65 && first <= 90) first += 32;
    const candidates = first < 128 ? this.byLengthAndFirst[bucketOf(length, first)] : this.byLength.get(length);
    if (candidates !== undefined) {
      for (let k = 0; k < candidates.length; k++) {
        const entry = candidates[k] as string;
        // Buckets are shared by lengths 32 apart.
        if (entry.length !== length) continue;
        let i = 0;
        for (; i < length; i++) {
          const a = text.charCodeAt(start + i);
          const b = entry.charCodeAt(i);
          if (a === b || (a >= 65 && a <= 90 && a + 32 === b)) continue;
          if (a >= 128) return undefined;
          break;
        }
        if (i === length) return true;
      }
    }
    return this.entriesTakeDottedI && hasDottedCapitalI(text, start, end) ? undefined : false;
  }
}

/** Buckets for (length, ASCII first character): lengths below 32 get one each, longer ones share. */
const BUCKETS = 32 * 128;
const bucketOf = (length: number, first: number): number => ((length & 31) << 7) | first;

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

/**
 * Whether text with İ could equal, contain, start or end with one of these lower-case values,
 * so that a "no" from the in-place comparisons needs hasDottedCapitalI to be sure. Lower-cased,
 * İ is i + U+0307, and a value without U+0307 cannot take in that second character: it can
 * only lie wholly before or after it (ending at most on the i, which the in-place comparison
 * meets as İ and answers undefined), where positions in the lower-cased text and in the text
 * correspond one to one. Few values have a U+0307, so most cells skip the search for İ.
 */
export function dottedIMatters(lowerCaseValues: readonly string[]): boolean {
  return lowerCaseValues.some((v) => v.includes('\u0307'));
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
 * needlesTakeDottedI is dottedIMatters(needles), worked out once.
 */
export function foldedScan(text: string, needles: readonly string[], scan: TextScan, needlesTakeDottedI = true): boolean | undefined {
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
  if (unsure || (needlesTakeDottedI && hasDottedCapitalI(text, 0, text.length))) return undefined;
  return false;
}
