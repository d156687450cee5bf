/**
 * The snapshot of the last scoring: each lead's score, band and the date it entered that band,
 * by ID. It is kept in the workbook on a sheet of its own (SNAPSHOT_SHEET), written and read by
 * the pane and by `leadscore score` alike, as plain cells a teammate without the add-in can
 * read (unhide the sheet if someone hid it).
 */
import { isBlank, showCell } from '../cells/cellValue';
import { excelSerialFromIsoDate, isExcelDateSerial, isoDateFromExcelSerial } from '../cells/excelDate';
import type { Cell } from '../modelCells/layout';
import { leadIdKey, leadIdText } from './leadId';

export interface SnapshotLead {
  /** The ID as shown. */
  readonly id: string;
  readonly score: number;
  readonly band: string;
  /** 'YYYY-MM-DD' the lead entered its band, or null when unknown. */
  readonly bandSince: string | null;
}

export interface ScoreSnapshot {
  /** 'YYYY-MM-DD' of the scoring. */
  readonly scoredOn: string;
  /** The header of the ID column the leads are keyed by. */
  readonly idColumn: string;
  /** The model's name, for the report. */
  readonly model: string;
  /** One entry per ID (IDs unique ignoring case). */
  readonly leads: readonly SnapshotLead[];
}

/** The sheet the snapshot lives on: an ordinary sheet, added visible as the last tab; the user may hide it (a rewrite keeps its place and hidden state). */
export const SNAPSHOT_SHEET = 'Lead Scoring Snapshot';
export const SNAPSHOT_TITLE = 'Scores at the last scoring, kept by Lead Scoring to report what changed (Change, Band since). Each scoring replaces this sheet.';
export const SNAPSHOT_LABELS = { scoredOn: 'Scored on', idColumn: 'ID column', model: 'Model' } as const;
export const SNAPSHOT_HEADERS = ['Lead ID', 'Score', 'Band', 'Band since'] as const;
/** Rows above the lead rows: title, three labelled values, a blank row, the header row. */
export const SNAPSHOT_HEADER_ROW = 6;

/** The cells of the snapshot sheet from A1, four columns wide; dates as 'YYYY-MM-DD' text (the writers format them as dates). */
export function snapshotToCells(s: ScoreSnapshot): Cell[][] {
  return [
    [SNAPSHOT_TITLE, '', '', ''],
    [SNAPSHOT_LABELS.scoredOn, s.scoredOn, '', ''],
    [SNAPSHOT_LABELS.idColumn, s.idColumn, '', ''],
    [SNAPSHOT_LABELS.model, s.model, '', ''],
    ['', '', '', ''],
    [...SNAPSHOT_HEADERS],
    ...s.leads.map((l): Cell[] => [l.id, l.score, l.band, l.bandSince ?? '']),
  ];
}

export type SnapshotRead = { readonly ok: true; readonly value: ScoreSnapshot; readonly warnings: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * Reads the snapshot sheet's cells (from A1, as a gateway or the command line reads them). A
 * sheet someone edited reads as much as can be trusted, and each warning names the cells
 * (SnapshotLeadRows). A sheet without its labels or header row is not a snapshot.
 */
export function snapshotFromCells(cells: readonly (readonly unknown[])[]): SnapshotRead {
  const head = snapshotHead(cells);
  if (!head.ok) return head;
  // Sheet rows as Excel numbers them: the cells start at A1, the leads on the row after the header row.
  const leads = new SnapshotLeadRows(head.scoredOn, head.headerRow + 2);
  for (let r = head.headerRow + 1; r < cells.length; r++) leads.add(cells[r] ?? []);
  const read = leads.finish();
  return { ok: true, value: { scoredOn: head.scoredOn, idColumn: head.idColumn, model: head.model, leads: read.leads }, warnings: read.warnings };
}

export type SnapshotHead =
  | { readonly ok: true; readonly scoredOn: string; readonly idColumn: string; readonly model: string; readonly headerRow: number }
  | { readonly ok: false; readonly message: string };

/** The snapshot's labels and the index of its header row, from its cells down to that row at least (a reader of a big file passes only those). */
export function snapshotHead(cells: readonly (readonly unknown[])[]): SnapshotHead {
  const label = (text: string): unknown => cells.find((r) => cellText(r[0]).toLowerCase() === text.toLowerCase())?.[1];
  const scoredOn = dateOf(label(SNAPSHOT_LABELS.scoredOn));
  const idColumn = cellText(label(SNAPSHOT_LABELS.idColumn));
  const headerRow = cells.findIndex(isSnapshotHeaderRow);
  if (scoredOn === null || idColumn === '' || headerRow < 0) {
    return { ok: false, message: `the '${SNAPSHOT_SHEET}' sheet does not hold a snapshot (it needs '${SNAPSHOT_LABELS.scoredOn}' with a date, '${SNAPSHOT_LABELS.idColumn}' and the header row ${SNAPSHOT_HEADERS.join(', ')})` };
  }
  return { ok: true, scoredOn, idColumn, model: cellText(label(SNAPSHOT_LABELS.model)), headerRow };
}

export function isSnapshotHeaderRow(row: readonly unknown[]): boolean {
  return SNAPSHOT_HEADERS.every((h, i) => cellText(row[i]).toLowerCase() === h.toLowerCase());
}

/**
 * The snapshot's lead rows (after its header row), one at a time, so a file of any size is
 * read without holding its cells. What a hand edit broke is said by cell, in finish():
 * - a row without an ID, or whose score is not a number (text such as 'abc', an error such as
 *   #N/A; a number typed as text, '45', is read as the number), is left out: its lead counts
 *   as new;
 * - an ID written twice is left out (which row would be the lead?);
 * - a Band since that is not a date, or is after `scoredOn` (a typo such as 2062 for 2026), is
 *   not trusted: the lead's band is dated from that scoring, as for a Band since left blank.
 */
export class SnapshotLeadRows {
  private readonly byKey = new Map<string, SnapshotLead>();
  /** The sheet row each ID was first on, and the rows of the IDs written again: an ID written twice is reported with its rows. */
  private readonly firstRow = new Map<string, number>();
  private readonly again = new Map<string, { id: string; rows: number[] }>();
  private readonly noId = new FirstFew();
  private readonly noScore = new FirstFew();
  private readonly badSince = new FirstFew();
  private row: number;

  /** `scoredOn`: the snapshot's day, when known; `firstRow`: the sheet row (1 = the first) of the first row added. */
  constructor(
    private readonly scoredOn: string | null = null,
    firstRow = SNAPSHOT_HEADER_ROW + 1,
  ) {
    this.row = firstRow - 1;
  }

  add(row: readonly unknown[]): void {
    const sheetRow = ++this.row;
    if (row.every((c) => isBlank(c))) return;
    const id = leadIdText(row[0]);
    if (id === null || id === '') {
      this.noId.add(() => `row ${sheetRow}`);
      return;
    }
    const score = scoreOf(row[1]);
    if (score === null) {
      this.noScore.add(() => `B${sheetRow} (${isBlank(row[1]) ? 'blank' : showCell(row[1])})`);
      return;
    }
    let bandSince = dateOf(row[3]);
    if ((bandSince === null && !isBlank(row[3])) || (bandSince !== null && this.scoredOn !== null && bandSince > this.scoredOn)) {
      const shown = bandSince;
      this.badSince.add(() => `D${sheetRow} (${shown ?? showCell(row[3])})`);
      bandSince = null;
    }
    const key = leadIdKey(id);
    const first = this.firstRow.get(key);
    if (first === undefined) this.firstRow.set(key, sheetRow);
    else {
      const seen = this.again.get(key);
      if (seen === undefined) this.again.set(key, { id: this.byKey.get(key)?.id ?? id, rows: [first, sheetRow] });
      else seen.rows.push(sheetRow);
    }
    this.byKey.set(key, { id, score, band: cellText(row[2]), bandSince });
  }

  /** The leads kept, and the same by leadIdKey (the map the reader built, for a caller that looks leads up by ID). */
  finish(): { readonly leads: SnapshotLead[]; readonly warnings: string[]; readonly byKey: ReadonlyMap<string, SnapshotLead> } {
    const { byKey, noId, noScore, badSince } = this;
    const twice = [...this.again];
    for (const [key] of twice) byKey.delete(key);
    const warnings: string[] = [];
    const sheet = `the '${SNAPSHOT_SHEET}' sheet`;
    if (noId.count > 0) warnings.push(`${sheet}: ${plural(noId.count, 'row')} without a lead ID ${noId.count === 1 ? 'was' : 'were'} left out: ${noId.text()}`);
    if (noScore.count > 0) warnings.push(`${sheet}: ${plural(noScore.count, 'score')} that ${noScore.count === 1 ? 'is' : 'are'} not a number, so ${noScore.count === 1 ? 'its lead counts' : 'their leads count'} as new: ${noScore.text()}`);
    if (twice.length > 0) {
      const ids = new FirstFew();
      for (const [, v] of twice) ids.add(() => `${showCell(v.id)} (rows ${v.rows.join(', ')})`);
      warnings.push(`${sheet}: ${plural(twice.length, 'ID')} written more than once ${twice.length === 1 ? 'was' : 'were'} left out: ${ids.text()}`);
    }
    if (badSince.count > 0) {
      warnings.push(`${sheet}: ${plural(badSince.count, 'Band since cell')} not a date on or before the scoring of ${this.scoredOn ?? 'the snapshot'}, so that day is used instead: ${badSince.text()}`);
    }
    return { leads: [...byKey.values()], warnings, byKey };
  }
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
/** The first five of a list and how many more: a message stays one readable line, and a million broken rows cost a count. */
export class FirstFew {
  count = 0;
  private readonly shown: string[] = [];
  add(item: () => string): void {
    this.count++;
    if (this.shown.length < 5) this.shown.push(item());
  }
  text(): string {
    return `${this.shown.join(', ')}${this.count > this.shown.length ? ` and ${(this.count - this.shown.length).toLocaleString('en-US')} more` : ''}`;
  }
}

/** A score cell: a number, or a number typed as text ('45', ' -5.5 '); null for anything else (text, an error, blank). */
function scoreOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(v)) return Number(v);
  return null;
}

function cellText(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** A date cell: an Excel serial (a formatted date) or 'YYYY-MM-DD' text; null otherwise. */
export function dateOf(v: unknown): string | null {
  if (typeof v === 'number' && isExcelDateSerial(v)) return isoDateFromExcelSerial(Math.floor(v));
  if (typeof v === 'string' && !Number.isNaN(excelSerialFromIsoDate(v))) return v.trim();
  return null;
}
