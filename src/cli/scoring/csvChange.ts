/**
 * What changed since the last `leadscore score` of a CSV file. A CSV file has no snapshot sheet:
 * the previous run's Score, Band and Band since columns in the file ARE the snapshot. They are
 * read in a first pass over the file (with the ID column's values, to find the ID column and
 * the IDs several leads share) before a single lead is written, so that every lead's Change
 * and Band since are known as it is written and nothing is matched by row.
 */
import { statSync } from 'node:fs';
import {
  ChangeTracker,
  duplicateIdKeys,
  excelSerialFromIsoDate,
  isoDateFromExcelSerial,
  findIdColumn,
  leadIdKey,
  leadIdText,
  SCORE_COLUMNS as COLUMN_NAMES,
  type Band,
  type ScoreSnapshot,
  type SnapshotLead,
} from '../../engine';
import { CliError } from '../command';
import { CsvReader, type Delimiter } from '../files/csvReader';
import type { OutCell } from './leadSinks';

/** The columns written after the score columns when leads are compared with the last scoring. */
export const CHANGE_COLUMNS: readonly string[] = [COLUMN_NAMES.change, COLUMN_NAMES.bandSince];

export interface CsvChangeQuery {
  readonly input: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly headers: readonly string[];
  readonly ours: ReadonlySet<number>;
  readonly delimiter: Delimiter;
  readonly bands: readonly Band[];
  readonly modelName: string;
  /** --id-column, else the model's idColumn, else null (detected). */
  readonly chosenId: string | null;
  /** 'YYYY-MM-DD' of this scoring. */
  readonly today: string;
  /** Reads a number as the file writes it (decimal comma in a ;-delimited file). */
  readonly number: (text: string) => string | number;
}

/** Compares each lead, as it is written, with the previous run's scores in the same file. */
export class CsvChange {
  constructor(
    readonly tracker: ChangeTracker,
    private readonly idIndex: number,
  ) {}

  /** Change and Band since of one lead: `score` is its score cells (Score, Band, ...), `line` where it is in the file. */
  cells(cells: readonly unknown[], score: readonly OutCell[], line: number): OutCell[] {
    const change = this.tracker.add({ id: cells[this.idIndex], score: Number(score[0]), band: String(score[1] ?? ''), row: line });
    return [change.text, change.bandSince ?? ''];
  }
}

/**
 * The comparison with the previous run, or null when the file was not scored before (no Score
 * and Band columns of leadscore's) or has no ID column (then `warning` says why nothing was
 * compared, for the report). A chosen ID column the file lacks fails the command rather than being guessed.
 */
export function prepareCsvChange(q: CsvChangeQuery): { readonly change: CsvChange | null; readonly warning: string | null } {
  const own = (name: string): number => q.headers.findIndex((h, i) => q.ours.has(i) && h === name);
  const scoreAt = own(COLUMN_NAMES.score);
  const bandAt = own(COLUMN_NAMES.band);
  const sinceAt = own(COLUMN_NAMES.bandSince);
  if (scoreAt < 0 || bandAt < 0) return { change: null, warning: null };
  const ids = idColumnChoice(q.headers, q.ours, q.chosenId, q.input);
  const previous = emptyPreviousRun(ids.candidates);

  const reader = CsvReader.fromFile(q.input, q.encoding);
  try {
    reader.next();
    for (let record = reader.next(); record !== null; record = reader.next()) {
      const cells = record.cells;
      if (cells.every((c) => c === '')) continue;
      for (const [i, list] of previous.values) list.push(cells[i] ?? '');
      previous.scores.push(cells[scoreAt] ?? '');
      previous.bands.push(cells[bandAt] ?? '');
      previous.since.push(sinceAt < 0 ? '' : (cells[sinceAt] ?? ''));
    }
  } finally {
    reader.close();
  }
  return changeFromPreviousRun(ids, previous, { ...q, fileDate: () => localIsoDate(statSync(q.input).mtime) });
}

/** The lead table's headers (the previous run's columns blanked: they are not candidates for the ID), the columns that could be the ID, and the one chosen. */
export interface IdColumnChoice {
  readonly leadHeaders: readonly string[];
  readonly candidates: readonly number[];
  readonly chosen: { readonly ok: true; readonly value: { readonly index: number; readonly header: string } } | null;
}

/** Which columns could hold the lead ID; a chosen ID column the table lacks fails the command rather than being guessed. */
export function idColumnChoice(headers: readonly string[], ours: ReadonlySet<number>, chosenId: string | null, where: string): IdColumnChoice {
  const leadHeaders = headers.map((h, i) => (ours.has(i) ? '' : h));
  const candidates = leadHeaders.map((_, i) => i).filter((i) => isIdCandidate(leadHeaders, i));
  const chosen = chosenId === null ? null : findIdColumn({ headers: leadHeaders, chosen: chosenId });
  if (chosen !== null && !chosen.ok) throw new CliError(`${where}: ${chosen.message}; give --id-column with one of the file's headers`);
  if (chosen?.ok === true) candidates.push(chosen.value.index);
  return { leadHeaders, candidates, chosen: chosen?.ok === true ? chosen : null };
}

/** The previous run's cells of every lead row, in order: one flat list per column (a list per row would cost far more memory). */
export interface PreviousRun {
  /** The candidate ID columns' cells, by column index. */
  readonly values: Map<number, unknown[]>;
  readonly scores: unknown[];
  readonly bands: unknown[];
  /** Band since as written: 'YYYY-MM-DD' text (a workbook cell Excel turned into a date serial is read too). */
  readonly since: unknown[];
}

export function emptyPreviousRun(candidates: readonly number[]): PreviousRun {
  return { values: new Map(candidates.map((i) => [i, []])), scores: [], bands: [], since: [] };
}

export interface ChangeSettings {
  readonly input: string;
  readonly bands: readonly Band[];
  readonly modelName: string;
  readonly today: string;
  readonly number: (text: string) => string | number;
  /** The day of the previous run when no Band since says it (a file an earlier version scored). */
  readonly fileDate: () => string;
  /** Keep this run's snapshot (ChangeTracker.finish), for a writer that stores it (a workbook's snapshot sheet); default false. */
  readonly keepSnapshot?: boolean;
}

/** The comparison the previous run's columns make possible, shared by CSV files and workbooks; null with a warning when no ID column is found. */
export function changeFromPreviousRun(ids: IdColumnChoice, previous: PreviousRun, q: ChangeSettings): { readonly change: CsvChange | null; readonly warning: string | null } {
  const found = ids.chosen ?? findIdColumn({ headers: [...ids.leadHeaders], valuesOf: (i) => previous.values.get(i) ?? [] });
  if (!found.ok) return { change: null, warning: `No Change or Band since: ${found.message}, or give --id-column` };
  const idIndex = found.value.index;
  const idCells = previous.values.get(idIndex) ?? [];
  previous.values.clear();
  const since = previous.since.map(sinceDay);

  // The snapshot the previous run's columns make. A lead without an ID or a numeric score (a row
  // added since: blank scores) has none, so it is new; an ID on several rows has none either.
  const byKey = new Map<string, SnapshotLead>();
  const twice = new Set<string>();
  idCells.forEach((cell, k) => {
    const id = leadIdText(cell);
    const raw = previous.scores[k];
    const text = raw === null || raw === undefined ? '' : String(raw).trim();
    if (id === null || id === '' || text === '') return;
    const score = typeof raw === 'number' ? raw : Number(q.number(text));
    if (!Number.isFinite(score)) return;
    const key = leadIdKey(id);
    if (byKey.has(key)) twice.add(key);
    byKey.set(key, { id, score, band: String(previous.bands[k] ?? '').trim(), bandSince: since[k] ?? null });
  });
  for (const key of twice) byKey.delete(key);
  const snapshot: ScoreSnapshot = { scoredOn: latestDay(since) ?? q.fileDate(), idColumn: found.value.header, model: '', leads: [...byKey.values()] };
  const tracker = new ChangeTracker(snapshot, q.bands, { today: q.today, idColumn: found.value.header, model: q.modelName, duplicates: duplicateIdKeys(idCells), keepSnapshot: q.keepSnapshot ?? false });
  return { change: new CsvChange(tracker, idIndex), warning: null };
}

/** Whether column i is named like an ID column: the detection asked about that column alone. */
function isIdCandidate(headers: readonly string[], i: number): boolean {
  if (headers[i] === '') return false;
  const alone = headers.map((h, k) => (k === i ? h : ''));
  return findIdColumn({ headers: alone }).ok;
}

/**
 * The day of the previous run. The file does not record it: it is the latest Band since in
 * the file (every lead that was new or moved band got that run's date), else, for a file an
 * earlier version scored without Band since, the day the file was last written.
 */
function latestDay(since: readonly (string | null)[]): string | null {
  let latest: string | null = null;
  for (const d of since) if (d !== null && (latest === null || d > latest)) latest = d;
  return latest;
}

/** A Band since cell as this command writes it ('YYYY-MM-DD'), or a whole-day serial a spreadsheet made of it; anything else (a re-saved locale date) is unknown. */
function sinceDay(cell: unknown): string | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 ? isoDateFromExcelSerial(cell) : null;
  const t = typeof cell === 'string' ? cell.trim() : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(excelSerialFromIsoDate(t)) ? t : null;
}

export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
