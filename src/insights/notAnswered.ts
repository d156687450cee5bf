/**
 * Form placeholders that mean "not answered": a lead who left a drop-down at "Select" told us
 * as much as one who left the cell empty, so the scorecard counts both as blank. Judged on the
 * trimmed, lower-cased text, ignoring surrounding punctuation ("-- Select --", "(none)", "N/A").
 */

const WORDS = new Set([
  'select', 'please select', 'select one', 'select an option', 'select option', 'choose', 'choose one', 'please choose',
  'n/a', 'na', 'n.a', 'n a', 'not applicable', 'none', 'nil', 'null', 'undefined', 'missing', 'blank', 'empty',
  'unknown', 'not known', 'unk', 'not provided', 'not specified', 'not given', 'not available', 'not stated',
  'not answered', 'no answer', 'no data', 'no response', 'prefer not to say', 'tbd', 'tba', '?',
]);

/** Leading and trailing characters that dress a placeholder up: "-- Select --", "(none)", "<unknown>". */
const DRESSING = /^[\s\-_.?*()[\]<>"'\u2013\u2014:]+|[\s\-_.?*()[\]<>"'\u2013\u2014:]+$/g;

/** True when a cell's lower-cased, trimmed text is a placeholder for "not answered". */
export function isNotAnsweredText(key: string): boolean {
  if (key.length > 40) return false;
  if (WORDS.has(key)) return true;
  const core = key.replace(DRESSING, '');
  // Nothing but dashes, dots or question marks: "-", "--", "...", "?".
  return core === '' || WORDS.has(core.replace(/\s+/g, ' '));
}
