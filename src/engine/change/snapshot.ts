/**
 * The snapshot of the last scoring: each lead's score, band and the date it entered that band,
 * by ID. It is kept in the workbook on a sheet of its own (SNAPSHOT_SHEET), written and read by
 * the pane and by `leadscore score` alike, as plain cells a teammate without the add-in can
 * read (unhide the sheet).
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

/** The sheet the snapshot lives on; hidden by the pane, but an ordinary sheet. */
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
 * sheet someone edited reads as much as can be trusted: a row without an ID, or with a score
 * that is not a number, is left out; an ID written twice is left out (which row would be the
 * lead?); each is a warning. A sheet without its labels or header row is not a snapshot.
 */
export function snapshotFromCells(cells: readonly (readonly unknown[])[]): SnapshotRead {
  const head = snapshotHead(cells);
  if (!head.ok) return head;
  const leads = new SnapshotLeadRows();
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
 * read without holding its cells: a row without an ID or a numeric score is left out, an ID
 * written twice is left out; finish() says how many of each, as warnings.
 */
export class SnapshotLeadRows {
  private readonly byKey = new Map<string, SnapshotLead>();
  private readonly twice = new Set<string>();
  private unreadable = 0;

  add(row: readonly unknown[]): void {
    if (row.every((c) => isBlank(c))) return;
    const id = leadIdText(row[0]);
    const score = row[1];
    if (id === null || id === '' || typeof score !== 'number' || !Number.isFinite(score)) {
      this.unreadable++;
      return;
    }
    const key = leadIdKey(id);
    if (this.byKey.has(key)) this.twice.add(key);
    this.byKey.set(key, { id, score, band: cellText(row[2]), bandSince: dateOf(row[3]) });
  }

  finish(): { readonly leads: SnapshotLead[]; readonly warnings: string[] } {
    const { byKey, twice, unreadable } = this;
    for (const key of twice) byKey.delete(key);
    const warnings: string[] = [];
    if (unreadable > 0) warnings.push(`${unreadable} row${unreadable === 1 ? '' : 's'} of the '${SNAPSHOT_SHEET}' sheet without an ID or a numeric score ${unreadable === 1 ? 'was' : 'were'} left out`);
    if (twice.size > 0) warnings.push(`${twice.size} ID${twice.size === 1 ? '' : 's'} written more than once on the '${SNAPSHOT_SHEET}' sheet ${twice.size === 1 ? 'was' : 'were'} left out: ${[...twice].slice(0, 5).map((k) => showCell(k)).join(', ')}${twice.size > 5 ? ', ...' : ''}`);
    return { leads: [...byKey.values()], warnings };
  }
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
