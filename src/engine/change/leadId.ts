/**
 * Which column identifies a lead from one scoring to the next, and the key a cell of it gives.
 * A lead is matched to its previous score only through this key: never by row position, which
 * sorting, filtering or pasting a fresh export changes.
 */
import { columnLetters } from '../cells/a1';
import { excelErrorOf, isBlank } from '../cells/cellValue';
import { columnKey, headerLookup } from '../columns';

/**
 * The ID as it is shown (trimmed text; a number in its shortest decimal form), or null when the
 * cell holds no ID (blank, an error such as #N/A, TRUE/FALSE). A number and the same digits as
 * text (1001 from a workbook, '1001' from a CSV file) are one ID.
 */
export function leadIdText(value: unknown): string | null {
  if (isBlank(value) || excelErrorOf(value) !== null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') {
    const text = value.normalize('NFC').trim();
    // A cell of invisible characters, or a lone apostrophe, holds no ID: blank, not an ID of its own.
    return (text.startsWith("'") || /[^\x20-\x7e]/.test(text)) && leadIdKey(text) === '' ? '' : text;
  }
  return null;
}

/**
 * Characters that show as nothing: zero-width spaces and joiners, word joiner, soft hyphen,
 * direction marks and the byte-order mark. A web page or a CRM export pastes them into an ID
 * ('A\u200B17' looks exactly like 'A17'), so they are no part of the key.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * The key IDs are compared by: case and surrounding spaces ignored, as Excel's MATCH and an
 * e-mail address do ('Ann@Acme.com' is 'ann@acme.com'); compatibility forms folded (NFKC:
 * full-width 'ＡＢ１２' typed with a Japanese input method is 'AB12', a non-breaking space is a
 * space); invisible characters dropped; one leading apostrophe dropped (Excel's mark for "keep
 * as text", which a CSV writer adds before '=', '+', '-' or '@', so "'=A1" read back is "=A1").
 * Two IDs that differ only in these ways are one ID (reported as a duplicate when two leads
 * have it), never two leads matched to each other's scores. A number and text stay apart only
 * by their digits: 123 and '123' are one ID, '00123' is another (as in Excel's MATCH).
 */
export function leadIdKey(id: string): string {
  let key = id;
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) >= 0x80) {
      key = key.normalize('NFKC').replace(INVISIBLE, '');
      break;
    }
  }
  key = key.trim();
  if (key.startsWith("'")) key = key.slice(1).trim();
  return key.toLowerCase();
}

/** Header names of an ID column, in order of preference (compared without case, spaces, '-', '_' or '.'). */
export const ID_HEADER_NAMES: readonly string[] = ['Lead ID', 'ID', 'Contact ID', 'Prospect ID', 'Record ID', 'CRM ID', 'Customer ID', 'Person ID'];
/** Header names of an e-mail column: a lead's address identifies it when there is no ID column. */
export const EMAIL_HEADER_NAMES: readonly string[] = ['Email', 'E-mail', 'Email address', 'E-mail address', 'Work email', 'Business email', 'Mail'];

const squash = (header: string): string => columnKey(header).replace(/[\s\-_.]+/g, '');
const lastWord = (header: string): string => {
  const words = header.normalize('NFKC').trim().split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})/u).filter((w) => w !== '');
  return (words[words.length - 1] ?? '').toLowerCase();
};

export interface IdColumn {
  readonly index: number;
  /** The header as the table spells it. */
  readonly header: string;
  /** chosen: the model's Lead ID column (or an option); previous: the column the last scoring used; detected: by name and values. */
  readonly how: 'chosen' | 'previous' | 'detected';
}

export type IdColumnResult = { readonly ok: true; readonly value: IdColumn } | { readonly ok: false; readonly message: string };

export interface IdColumnQuery {
  readonly headers: readonly string[];
  /** The column the user chose (the model's idColumn, or an option), or null. */
  readonly chosen?: string | null;
  /** The column the previous scoring keyed its snapshot by, kept so that IDs compare like with like. */
  readonly previous?: string | null;
  /** The column's values (all of them, or a large sample): detection prefers a column whose values are unique. */
  readonly valuesOf?: (index: number) => readonly unknown[];
}

/**
 * The ID column: the one chosen, else the one the previous scoring used (when the table still
 * has it), else detected: among columns named like an ID (Lead ID, ID, Contact ID, ..., then any
 * header whose last word is ID, such as 'HubSpot ID'), then like an e-mail, the first whose
 * values are unique and filled for at least half the leads; failing that, the one with the
 * most unique IDs. A chosen column the table lacks is an error (with the nearest header), never
 * a silent fallback to another key.
 */
export function findIdColumn(q: IdColumnQuery): IdColumnResult {
  const lookup = headerLookup(q.headers);
  // A header two columns share names neither: the IDs would come from whichever is first, and the next scoring could read the other.
  const sameHeader = (index: number): number[] => {
    const key = columnKey(q.headers[index] ?? '');
    return q.headers.flatMap((h, i) => (columnKey(h) === key ? [i] : []));
  };
  const at = (index: number, how: IdColumn['how']): IdColumnResult => {
    const header = (q.headers[index] ?? '').trim();
    const shared = sameHeader(index);
    if (shared.length > 1) {
      return {
        ok: false,
        message: `${shared.length} columns are headed '${header}' (columns ${shared.map(columnLetters).join(', ')}), so which one holds the lead IDs is not clear; rename the others, or choose another ID column (Lead ID column)`,
      };
    }
    return { ok: true, value: { index, header, how } };
  };
  const chosen = q.chosen?.trim() ?? '';
  if (chosen !== '') {
    const index = lookup.find(chosen);
    if (index !== undefined) return at(index, 'chosen');
    const near = lookup.suggest(chosen);
    return { ok: false, message: `the lead table has no ID column '${chosen}'${near === undefined ? '' : ` (did you mean '${near}'?)`}` };
  }
  const previous = q.previous?.trim() ?? '';
  if (previous !== '') {
    const index = lookup.find(previous);
    if (index !== undefined) return at(index, 'previous');
  }
  const named = idCandidates(q.headers);
  // Detection passes over a header two columns share (choosing it is an error, above) when another candidate is unambiguous.
  const candidates = named.some((i) => sameHeader(i).length === 1) ? named.filter((i) => sameHeader(i).length === 1) : named;
  if (candidates.length === 0) {
    return { ok: false, message: `no column is named like a lead ID (${[...ID_HEADER_NAMES.slice(0, 3), 'Email'].join(', ')}, ...); choose the ID column in the model's settings (Lead ID column)` };
  }
  if (q.valuesOf === undefined) return at(candidates[0] as number, 'detected');
  let best = candidates[0] as number;
  let bestUnique = -1;
  for (const index of candidates) {
    const values = q.valuesOf(index);
    const { unique, blank, duplicated } = idCounts(values);
    if (duplicated === 0 && blank * 2 <= values.length) return at(index, 'detected');
    if (unique > bestUnique) {
      best = index;
      bestUnique = unique;
    }
  }
  return at(best, 'detected');
}

/** Column indexes named like an ID column, best first. */
function idCandidates(headers: readonly string[]): number[] {
  const rank = (h: string): number => {
    const s = squash(h);
    if (s === '') return -1;
    const id = ID_HEADER_NAMES.findIndex((n) => squash(n) === s);
    if (id >= 0) return id;
    if (lastWord(h) === 'id') return ID_HEADER_NAMES.length;
    const email = EMAIL_HEADER_NAMES.findIndex((n) => squash(n) === s);
    if (email >= 0) return ID_HEADER_NAMES.length + 1 + email;
    return -1;
  };
  return headers
    .map((h, index) => ({ index, rank: rank(h) }))
    .filter((c) => c.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((c) => c.index);
}

function idCounts(values: readonly unknown[]): { unique: number; blank: number; duplicated: number } {
  const seen = new Map<string, number>();
  let blank = 0;
  for (const v of values) {
    const id = leadIdText(v);
    if (id === null || id === '') blank++;
    else {
      const key = leadIdKey(id);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  let unique = 0;
  let duplicated = 0;
  for (const n of seen.values()) {
    if (n === 1) unique++;
    else duplicated += n;
  }
  return { unique, blank, duplicated };
}

/** The keys that occur more than once among these ID cells: their leads cannot be told apart. */
export function duplicateIdKeys(values: Iterable<unknown>): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) {
    const id = leadIdText(v);
    if (id === null || id === '') continue;
    const key = leadIdKey(id);
    if (seen.has(key)) twice.add(key);
    else seen.add(key);
  }
  return twice;
}
