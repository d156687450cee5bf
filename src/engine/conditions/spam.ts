/**
 * Cheap signs that a form field was typed by a bot or a bored visitor rather than a real lead.
 * Each returns a short reason for score explanations; null means the text looks genuine.
 */

export const KEY_ROWS: readonly string[] = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
export const MIN_RUN = 4;
/**
 * 4-key runs that occur inside real words and names: Liberty, Doherty, Property, Werther,
 * Wertheim, Trewin. Longer runs (Qwerty, asdfg) are still flagged.
 */
export const WORD_RUNS: ReadonlySet<string> = new Set(['erty', 'wert', 'trew']);

// Each key appears in one row only, so "the key after c" is a single lookup in each direction.
const NEXT_KEY = new Map<string, string>();
const PREV_KEY = new Map<string, string>();
for (const row of KEY_ROWS) {
  for (let i = 0; i + 1 < row.length; i++) {
    NEXT_KEY.set(row[i]!, row[i + 1]!);
    PREV_KEY.set(row[i + 1]!, row[i]!);
  }
}

export function spamSignal(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  const lower = trimmed.toLowerCase();
  if (isOneRepeatedCharacter(lower)) return 'one repeated character';
  const run = keyboardRun(lower);
  if (run !== null) return `keyboard run '${run}'`;
  if (isAllLowercase(trimmed)) return 'all lowercase';
  return null;
}

/** Runs on every name cell: compares UTF-16 units, and code points only where surrogates appear. */
function isOneRepeatedCharacter(lower: string): boolean {
  let first = -1;
  let count = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return isOneRepeatedCodePoint(lower);
    if (code <= 32 || code === 160 || (code >= 0x1680 && lower[i]?.trim() === '')) continue;
    if (first < 0) first = code;
    else if (code !== first) return false;
    count++;
  }
  return count >= 3;
}

function isOneRepeatedCodePoint(lower: string): boolean {
  const chars = Array.from(lower).filter((c) => c.trim().length > 0);
  return chars.length >= 3 && chars.every((c) => c === chars[0]);
}

/** The first maximal run of adjacent keys (either direction) not in WORD_RUNS, or null. Linear. */
function keyboardRun(lower: string): string | null {
  let fwdStart = 0;
  let backStart = 0;
  for (let i = 1; i <= lower.length; i++) {
    const prev = lower[i - 1]!;
    const cur = lower[i]; // undefined past the end closes any open run
    if (cur === undefined || NEXT_KEY.get(prev) !== cur) {
      // Slice only runs long enough to count: most characters end a run of one.
      if (i - fwdStart >= MIN_RUN) {
        const run = lower.slice(fwdStart, i);
        if (!WORD_RUNS.has(run)) return run;
      }
      fwdStart = i;
    }
    if (cur === undefined || PREV_KEY.get(prev) !== cur) {
      if (i - backStart >= MIN_RUN) {
        const run = lower.slice(backStart, i);
        if (!WORD_RUNS.has(run)) return run;
      }
      backStart = i;
    }
  }
  return null;
}

/**
 * At least two letters, all lowercase ("john smith"). Letters are told by case mapping so that
 * accented and non-Latin cased scripts count; uncased scripts (CJK) have no letters here.
 * Text with '@' or digits is an address, a phone or a reference, not a name.
 */
function isAllLowercase(text: string): boolean {
  let letters = 0;
  // ASCII, the common case, by code; anything else by case mapping, character by character.
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) ascii = false;
    else if (code === 64 /* @ */ || (code >= 48 && code <= 57)) return false;
    else if (code >= 65 && code <= 90) return false;
    else if (code >= 97 && code <= 122) letters++;
  }
  if (ascii) return letters >= 2;
  letters = 0;
  for (const c of text) {
    if (c === '@' || (c >= '0' && c <= '9')) return false;
    const lower = c.toLowerCase();
    if (lower === c.toUpperCase()) continue; // not a cased letter
    if (c !== lower) return false;
    letters++;
  }
  return letters >= 2;
}
