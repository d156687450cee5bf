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
 * sheet someone edited reads as much as can be trusted, and each warning names the cells:
 * - a row without an ID, or whose score is not a number (text such as 'abc', an error such as
 *   #N/A; a number typed as text, '45', is read as the number), is left out: its lead counts
 *   as new;
 * - an ID written twice is left out (which row would be the lead?);
 * - a Band since that is not a date, or is after the scoring it belongs to (a typo such as
 *   2062 for 2026), is not trusted: the lead's band is dated from that scoring, as for a
 *   Band since left blank.
 * A sheet without its labels or header row is not a snapshot.
 */
export function snapshotFromCells(cells: readonly (readonly unknown[])[]): SnapshotRead {
  const label = (text: string): unknown => cells.find((r) => cellText(r[0]).toLowerCase() === text.toLowerCase())?.[1];
  const scoredOn = dateOf(label(SNAPSHOT_LABELS.scoredOn));
  const idColumn = cellText(label(SNAPSHOT_LABELS.idColumn));
  const headerRow = cells.findIndex((r) => SNAPSHOT_HEADERS.every((h, i) => cellText(r[i]).toLowerCase() === h.toLowerCase()));
  if (scoredOn === null || idColumn === '' || headerRow < 0) {
    return { ok: false, message: `the '${SNAPSHOT_SHEET}' sheet does not hold a snapshot (it needs '${SNAPSHOT_LABELS.scoredOn}' with a date, '${SNAPSHOT_LABELS.idColumn}' and the header row ${SNAPSHOT_HEADERS.join(', ')})` };
  }
  const byKey = new Map<string, SnapshotLead>();
  const rowsOf = new Map<string, { id: string; rows: number[] }>();
  const noId: number[] = [];
  const noScore: string[] = [];
  const badSince: string[] = [];
  for (let r = headerRow + 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    // Sheet rows and cells as Excel numbers them: the cells start at A1.
    const sheetRow = r + 1;
    const id = leadIdText(row[0]);
    if (id === null || id === '') {
      noId.push(sheetRow);
      continue;
    }
    const score = scoreOf(row[1]);
    if (score === null) {
      noScore.push(`B${sheetRow} (${isBlank(row[1]) ? 'blank' : showCell(row[1])})`);
      continue;
    }
    let bandSince = dateOf(row[3]);
    if ((bandSince === null && !isBlank(row[3])) || (bandSince !== null && bandSince > scoredOn)) {
      badSince.push(`D${sheetRow} (${bandSince ?? showCell(row[3])})`);
      bandSince = null;
    }
    const key = leadIdKey(id);
    const seen = rowsOf.get(key);
    if (seen === undefined) rowsOf.set(key, { id, rows: [sheetRow] });
    else seen.rows.push(sheetRow);
    byKey.set(key, { id, score, band: cellText(row[2]), bandSince });
  }
  const twice = [...rowsOf].filter(([, v]) => v.rows.length > 1);
  for (const [key] of twice) byKey.delete(key);
  const warnings: string[] = [];
  const sheet = `the '${SNAPSHOT_SHEET}' sheet`;
  if (noId.length > 0) warnings.push(`${sheet}: ${plural(noId.length, 'row')} without a lead ID ${noId.length === 1 ? 'was' : 'were'} left out: ${listed(noId.map((n) => `row ${n}`))}`);
  if (noScore.length > 0) warnings.push(`${sheet}: ${plural(noScore.length, 'score')} that ${noScore.length === 1 ? 'is' : 'are'} not a number, so ${noScore.length === 1 ? 'its lead counts' : 'their leads count'} as new: ${listed(noScore)}`);
  if (twice.length > 0) {
    warnings.push(`${sheet}: ${plural(twice.length, 'ID')} written more than once ${twice.length === 1 ? 'was' : 'were'} left out: ${listed(twice.map(([, v]) => `${showCell(v.id)} (rows ${v.rows.join(', ')})`))}`);
  }
  if (badSince.length > 0) {
    warnings.push(`${sheet}: ${plural(badSince.length, 'Band since cell')} not a date on or before the scoring of ${scoredOn}, so that day is used instead: ${listed(badSince)}`);
  }
  return { ok: true, value: { scoredOn, idColumn, model: cellText(label(SNAPSHOT_LABELS.model)), leads: [...byKey.values()] }, warnings };
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
/** The first few of a list, and how many more: a message stays one readable line. */
const listed = (items: readonly string[]): string => (items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${(items.length - 5).toLocaleString('en-US')} more`);

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
