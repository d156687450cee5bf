/**
 * Cheap signs that a form field was typed by a bot or a bored visitor rather than a real lead.
 * Each returns a short reason for score explanations; null means the text looks genuine.
 */

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const MIN_RUN = 4;
/**
 * 4-key runs that occur inside real words and names: Liberty, Doherty, Property, Werther,
 * Wertheim, Trewin. Longer runs (Qwerty, asdfg) are still flagged.
 */
const WORD_RUNS: ReadonlySet<string> = new Set(['erty', 'wert', 'trew']);

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
  if (isOneRepeatedCharacter(trimmed)) return 'one repeated character';
  const run = keyboardRun(trimmed.toLowerCase());
  if (run !== null) return `keyboard run '${run}'`;
  if (isAllLowercase(trimmed)) return 'all lowercase';
  return null;
}

function isOneRepeatedCharacter(text: string): boolean {
  const chars = Array.from(text.toLowerCase()).filter((c) => c.trim().length > 0);
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
      const run = lower.slice(fwdStart, i);
      if (run.length >= MIN_RUN && !WORD_RUNS.has(run)) return run;
      fwdStart = i;
    }
    if (cur === undefined || PREV_KEY.get(prev) !== cur) {
      const run = lower.slice(backStart, i);
      if (run.length >= MIN_RUN && !WORD_RUNS.has(run)) return run;
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
  for (const c of text) {
    if (c === '@' || (c >= '0' && c <= '9')) return false;
    const lower = c.toLowerCase();
    if (lower === c.toUpperCase()) continue; // not a cased letter
    if (c !== lower) return false;
    letters++;
  }
  return letters >= 2;
}
