/**
 * What Apply added to the workbook, recorded in the workbook itself, so a reopened or shared
 * file still knows which columns, names and cells are the add-in's (and which are not). In the
 * engine (pure) because two readers share the format: the pane (src/workbook) and `leadscore
 * score`, which finds the record in a saved .xlsx (customXml/itemN.xml).
 *
 * It is kept in a custom XML part: hidden from people, never moved by sorting, inserting or
 * deleting cells, it travels inside the .xlsx, and it cannot be typed over by accident as a
 * record on a sheet or a name in the Name Manager can.
 */
export const OWNERSHIP_NAMESPACE = 'urn:leadscore:applied';

/** Which model the scores in the sheet came from, and when: so a reopened workbook can say they are out of date. */
export interface AppliedModel {
  readonly model: string;
  /** ISO date-time of the Apply. */
  readonly at: string;
  /** modelFingerprint of the model applied. */
  readonly fingerprint: string;
  /** The note Apply put on the Score header cell, so the next Apply replaces it and no other note. */
  readonly note?: ScoreNote;
  /** Who wrote the scores last: absent for Apply; 'leadscore' when `leadscore score` refreshed Apply's columns in a saved file. */
  readonly scoredBy?: 'leadscore';
}

export interface ScoreNote {
  readonly sheet: string;
  readonly cell: string;
  readonly text: string;
}

/** A short hash of a model's JSON (FNV-1a, 32 bits): equal models give equal fingerprints. */
export function modelFingerprint(m: unknown): string {
  const text = JSON.stringify(m);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export interface Ownership {
  /** The lead table Apply wrote to. */
  readonly table: string;
  /** Columns Apply added to that table, by header. */
  readonly columns: readonly string[];
  /** Workbook names Apply created. */
  readonly names: readonly string[];
  /** Cells Apply wrote outside the table (the model cell and its label), as sheet and address. */
  readonly cells: readonly { readonly sheet: string; readonly address: string }[];
  readonly mode: 'formulas' | 'values';
  /** Written when an Apply completes; records from before it have none. */
  readonly applied?: AppliedModel;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function noteOf(note: unknown): { note?: ScoreNote } {
  const n = note as Partial<ScoreNote> | null | undefined;
  return typeof n?.sheet === 'string' && typeof n.cell === 'string' && typeof n.text === 'string' ? { note: { sheet: n.sheet, cell: n.cell, text: n.text } } : {};
}

export function ownershipToXml(o: Ownership): string {
  return `<applied xmlns="${OWNERSHIP_NAMESPACE}" version="1">${escapeXml(JSON.stringify(o))}</applied>`;
}

/** The record, or null when there is none or it cannot be read (then nothing is treated as owned). */
export function ownershipFromXml(xml: string | null): Ownership | null {
  if (xml === null) return null;
  const m = /<applied[^>]*>([\s\S]*)<\/applied>/.exec(xml);
  if (m === null) return null;
  try {
    const o = JSON.parse(unescapeXml(m[1] ?? '')) as Partial<Ownership>;
    if (typeof o.table !== 'string' || !Array.isArray(o.columns) || !Array.isArray(o.names) || !Array.isArray(o.cells)) return null;
    return {
      table: o.table,
      columns: o.columns.filter((c): c is string => typeof c === 'string'),
      names: o.names.filter((c): c is string => typeof c === 'string'),
      cells: o.cells.filter((c) => typeof c?.sheet === 'string' && typeof c.address === 'string'),
      mode: o.mode === 'values' ? 'values' : 'formulas',
      ...(typeof o.applied?.model === 'string' && typeof o.applied.at === 'string' && typeof o.applied.fingerprint === 'string'
        ? { applied: { model: o.applied.model, at: o.applied.at, fingerprint: o.applied.fingerprint, ...noteOf(o.applied.note), ...(o.applied.scoredBy === 'leadscore' ? { scoredBy: 'leadscore' as const } : {}) } }
        : {}),
    };
  } catch {
    return null;
  }
}

/**
 * The columns Apply added to this table: by the recorded table name, or, when no table has that
 * name any more (renamed since), when the recorded columns are still its last ones (Apply always
 * adds them at the right). Headers compare without regard to case, as Excel's do.
 */
export function appliedColumnsOf(table: { readonly name: string; readonly headers: readonly string[] }, owned: Ownership | null, recordedTableGone: boolean): readonly string[] {
  if (owned === null || owned.columns.length === 0) return [];
  if (owned.table.toLowerCase() === table.name.toLowerCase()) return owned.columns;
  if (!recordedTableGone) return [];
  const tail = table.headers.slice(-owned.columns.length).map((h) => h.toLowerCase());
  return owned.columns.every((c, i) => tail[i] === c.toLowerCase()) ? owned.columns : [];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "26 Nov 2026, 14:05" in the machine's time zone: one reading in every locale (no 11/12 vs 12/11). */
export function noteDate(at: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${at.getDate()} ${MONTHS[at.getMonth()] ?? ''} ${at.getFullYear()}, ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/**
 * The note on Apply's Score header once `leadscore score` has refreshed the column in a saved
 * file: the model and time of that run, and that the scores are static values now (the command
 * line writes values where Apply had formulas).
 */
export function leadscoreScoreNote(modelName: string, at: Date): string {
  return [
    `Lead Scoring: model '${modelName}', scored by leadscore on ${noteDate(at)}.`,
    'Static values: they stay as they are when the model changes; Apply in Excel (or leadscore score again) refreshes them.',
    'This column was written by the Lead Scoring add-in (Remove scoring takes it away).',
  ].join('\n');
}
