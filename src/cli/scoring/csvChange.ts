/**
 * What changed since the last `leadscore score` of a CSV file. The last scoring is the snapshot
 * file kept beside the scored file (csvSnapshot.ts), else the previous run's Score, Band and
 * Band since columns in the file itself (which know nothing of deleted rows). Either is read,
 * with the ID column's values (to find the ID column and the IDs several leads share), in a
 * first pass over the file before a single lead is written, so that every lead's Change and
 * Band since are known as it is written and nothing is matched by row.
 */
import { isAscii } from 'node:buffer';
import { statSync } from 'node:fs';
import {
  ChangeTracker,
  duplicateIdKeys,
  excelSerialFromIsoDate,
  isoDateFromExcelSerial,
  findIdColumn,
  FirstFew,
  headerLookup,
  leadIdKey,
  leadIdText,
  SCORE_COLUMNS as COLUMN_NAMES,
  type Band,
  type ScoreSnapshot,
  type SnapshotLead,
} from '../../engine';
import { CliError } from '../command';
import { CsvBlocks } from '../files/csvBlocks';
import { CsvReader, CsvSyntaxError, type Delimiter } from '../files/csvReader';
import { csvCellText, readSnapshotFile, snapshotLine, type SnapshotFileRead, type SnapshotFiles, type SnapshotWriter } from './csvSnapshot';
import type { FirstScoringSnapshot } from './csvFirstSnapshot';
import { decimalCommaNumber, type ParallelCsvOptions } from './csvLeads';
import { readColumnsInParallel, type CsvWorkerChange, type ThreadedChange } from './parallelCsv';
import type { OutCell } from './leadSinks';
import { stringPool } from './stringPool';

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
  /** Reads a number written with a decimal comma (a snapshot file a spreadsheet saved with ;). */
  readonly decimalComma: (text: string) => string | number;
}

/** Compares each lead, as it is written, with the previous run's scores, and gives the line it keeps in this run's snapshot. */
export class CsvChange {
  constructor(
    readonly tracker: ChangeTracker,
    private readonly idIndex: number,
    private readonly options: {
      /** Write Change and Band since (false on a first scoring, which only keeps the snapshot). */
      readonly columns?: boolean;
      /** Takes each lead's line of this run's snapshot (a lead with a usable ID), with that ID. */
      readonly keep?: ((line: string, id: string) => void) | null;
      /** The ID a cell holds (a CSV cell neutralised against formulas is read as written). */
      readonly idOf?: (cell: unknown) => unknown;
    } = {},
  ) {}

  /** Change and Band since of one lead: `score` is its score cells (Score, Band, ...), `line` where it is in the file. */
  cells(cells: readonly unknown[], score: readonly OutCell[], line: number): OutCell[] {
    const { idOf, keep, columns } = this.options;
    const cell = cells[this.idIndex];
    const points = Number(score[0]);
    const band = String(score[1] ?? '');
    const change = this.tracker.add({ id: idOf === undefined ? cell : idOf(cell), score: points, band, row: line });
    if (keep != null && change.id !== null && (change.kind === 'scored' || change.kind === 'new')) keep(snapshotLine({ id: change.id, score: points, band, bandSince: change.bandSince }), change.id);
    return columns === false ? [] : [change.text, change.bandSince ?? ''];
  }
}

/** Where the records after the header are, and how a first pass cuts them (the blocks the worker threads get, so the two passes agree). */
export interface CsvBody {
  readonly start: number;
  readonly firstLine: number;
  /** How the scoring pass cuts the file; the first pass reads on those threads too when `threads` is true. */
  readonly parallel: ParallelCsvOptions;
  readonly threads: boolean;
  /** Read the first pass even on a first scoring on threads (the scoring pass found the best-named ID column unusable). */
  readonly firstPass?: boolean;
}

/**
 * What the command compares a CSV file with: the last scoring (its snapshot file, else the
 * file's own previous columns), the ID column, the IDs several leads share; and what this run
 * keeps in its own snapshot. Read in a first pass before a lead is written.
 */
export interface CsvComparison {
  readonly idIndex: number;
  readonly idColumn: string;
  /** The last scoring compared with; null on a first scoring (the snapshot is still kept). */
  readonly previous: ScoreSnapshot | null;
  /** Where `previous` came from, for the report. */
  readonly source: 'snapshot' | 'columns' | null;
  /** The previous leads by leadIdKey, and the ones whose ID is not in the file any more. */
  readonly byKey: ReadonlyMap<string, SnapshotLead>;
  readonly removed: readonly SnapshotLead[];
  readonly duplicates: ReadonlySet<string>;
  /** Each lead's ID key in file order ('' without an ID; none kept when no block needs them), and how many leads each block of the first pass holds. */
  readonly keys: readonly string[];
  readonly blockLeads: readonly number[];
  /**
   * Set when no first pass was read (a first scoring on threads, the ID column known from the
   * header): the snapshot is built from the scoring pass (FirstScoringSnapshot), its shared IDs
   * left out at the end. `recheck`: the column was detected by name among several candidates;
   * when its IDs are not unique and mostly filled, detection reads the others (a first pass after all).
   */
  readonly fromScoring?: { readonly recheck: boolean };
}

export interface CsvComparisonResult {
  readonly comparison: CsvComparison | null;
  readonly warnings: readonly string[];
  /** Why a file scored before gets no Change or Band since, or null. */
  readonly noChange: string | null;
  /** Why no snapshot is kept although one was asked for, or null. */
  readonly noSnapshot: string | null;
}

/**
 * The comparison with the last scoring. The last scoring is the snapshot file (the input's,
 * or, for a file not scored before, the one beside the output it replaces), else the file's own
 * Score, Band and Band since columns. A snapshot that cannot be read, that keys leads by
 * another column, or that is not the one of the run that wrote the file's columns is said to
 * be left aside (what and where), and the file's columns are used. Null when there is neither
 * anything to compare nor a snapshot to keep; a chosen ID column the file lacks fails the command.
 */
export async function prepareCsvComparison(q: CsvChangeQuery, files: SnapshotFiles | null, body: CsvBody): Promise<CsvComparisonResult> {
  const own = (name: string): number => q.headers.findIndex((h, i) => q.ours.has(i) && h === name);
  const at = { score: own(COLUMN_NAMES.score), band: own(COLUMN_NAMES.band), since: own(COLUMN_NAMES.bandSince) };
  const scoredBefore = at.score >= 0 && at.band >= 0;
  const warnings: string[] = [];
  const none: CsvComparisonResult = { comparison: null, warnings, noChange: null, noSnapshot: null };
  const number = (text: string, delimiter: string): string | number => (delimiter === ';' ? q.decimalComma(text) : text);
  let read: SnapshotFileRead = { kind: 'none' };
  if (files?.own != null) read = readSnapshotFile(files.own, number);
  if (read.kind === 'none' && !scoredBefore && files?.replaced != null) read = readSnapshotFile(files.replaced, number);
  const fallback = scoredBefore ? "Change compares with the file's own previous Score and Band" : 'nothing is compared';
  if (read.kind === 'unreadable') warnings.push(`${read.path} is not read as the last scoring: ${read.message}; ${fallback}`);
  if (read.kind === 'read') warnings.push(...read.warnings);
  const last = read.kind === 'read' ? read.snapshot : null;
  if (!scoredBefore && last === null && files?.write == null) return none;

  const ids = idColumnChoice(q.headers, q.ours, q.chosenId, q.input);
  const lastAt = ids.chosen === null && last !== null ? headerLookup(ids.leadHeaders).find(last.idColumn) : undefined;
  // Detecting the ID column reads the best-named candidate first: when its IDs are unique and
  // mostly filled (the usual case) it is the one, and the other candidates are never held in memory.
  const byName = ids.chosen === null && lastAt === undefined ? findIdColumn({ headers: [...ids.leadHeaders] }) : null;
  // A first scoring writes no Change, so when the header alone names the ID column no first pass
  // is read: the scoring pass sends back each lead's snapshot line and ID (FirstScoringSnapshot).
  const named = ids.chosen?.value ?? (byName?.ok === true ? byName.value : null);
  if (!scoredBefore && last === null && body.threads && body.firstPass !== true && named !== null) {
    const comparison: CsvComparison = {
      idIndex: named.index,
      idColumn: named.header,
      previous: null,
      source: null,
      byKey: new Map(),
      removed: [],
      duplicates: new Set(),
      keys: [],
      blockLeads: [],
      fromScoring: { recheck: ids.chosen === null && ids.candidates.length > 1 },
    };
    return { comparison, warnings, noChange: null, noSnapshot: null };
  }
  let idColumns = ids.chosen !== null ? [ids.chosen.value.index] : lastAt !== undefined ? [lastAt] : byName?.ok === true ? [byName.value.index] : [...ids.candidates];
  const ask = (columns: number[]): CsvColumnsAsk => ({ ids: columns, own: scoredBefore ? at : null, decimalComma: q.delimiter === ';' });
  let pass = await firstPass(q, body, ask(idColumns));
  let cellsOf = (column: number): string[] => pass.ids[idColumns.indexOf(column)] ?? [];
  if (byName?.ok === true && ids.candidates.length > 1 && !isUsableIdColumn(cellsOf(byName.value.index))) {
    idColumns = [...ids.candidates];
    pass = await firstPass(q, body, ask(idColumns));
    cellsOf = (column: number): string[] => pass.ids[idColumns.indexOf(column)] ?? [];
  }

  const found = ids.chosen ?? (lastAt !== undefined ? { ok: true as const, value: { index: lastAt, header: (ids.leadHeaders[lastAt] ?? '').trim() } } : findIdColumn({ headers: [...ids.leadHeaders], valuesOf: cellsOf }));
  if (!found.ok) {
    return {
      comparison: null,
      warnings,
      noChange: scoredBefore || last !== null ? `No Change or Band since: ${found.message}, or give --id-column` : null,
      noSnapshot: files?.write == null ? null : `No snapshot kept for the next run's Change: ${found.message}, or give --id-column`,
    };
  }
  const idIndex = found.value.index;
  const idColumn = found.value.header;
  const idCells = cellsOf(idIndex);
  pass.ids.length = 0;
  const keys = idCells.map(keyOf);
  // The IDs in the file (for the leads removed since) and the ones several leads share, in one pass.
  const inFile = new Set<string>();
  const duplicates = new Set<string>();
  for (const key of keys) {
    if (key === '') continue;
    if (inFile.has(key)) duplicates.add(key);
    else inFile.add(key);
  }
  const columnNotes: string[] = [];
  const fromColumns = (): ScoreSnapshot =>
    snapshotFromPreviousRun(idCells, { scores: pass.scores, bands: pass.bands, since: pass.since }, idColumn, { number: q.number, fileDate: () => localIsoDate(statSync(q.input).mtime), today: q.today }, columnNotes);
  let previous: ScoreSnapshot | null = null;
  let source: CsvComparison['source'] = null;
  let byKey: ReadonlyMap<string, SnapshotLead> = new Map();
  if (last !== null && read.kind === 'read') {
    const mismatch = scoredBefore ? firstMismatch(keys, idCells, pass, duplicates, read.byKey) : null;
    if (headerLookup([last.idColumn]).find(idColumn) === undefined) {
      warnings.push(`${read.path} is not used as the last scoring: it identifies leads by '${last.idColumn}', this scoring by '${idColumn}'; ${fallback}`);
    } else if (mismatch !== null) {
      warnings.push(`${read.path} is not used as the last scoring: it is not the snapshot of the scoring that wrote ${q.input} (lead '${mismatch.id}' has ${mismatch.file} there, ${mismatch.snapshot} in the snapshot); ${fallback}`);
    } else {
      previous = last;
      source = 'snapshot';
      byKey = read.byKey;
    }
  }
  if (previous === null && scoredBefore) {
    previous = fromColumns();
    source = 'columns';
    byKey = new Map(previous.leads.map((l) => [leadIdKey(l.id), l]));
    // What the previous run's columns could not say matters only when they are what is compared with.
    warnings.push(...columnNotes.map((note) => `${q.input}: ${note}`));
  }
  const removed: SnapshotLead[] = [];
  for (const [key, lead] of byKey) if (!inFile.has(key)) removed.push(lead);
  inFile.clear();
  // Without a last scoring or a shared ID, no block needs to know its IDs: the keys are not kept (a million strings).
  const blockKeys = previous === null && duplicates.size === 0 ? [] : keys;
  return { comparison: { idIndex, idColumn, previous, source, byKey, removed, duplicates, keys: blockKeys, blockLeads: pass.blockLeads }, warnings, noChange: null, noSnapshot: null };
}

/** What detection takes without looking further (findIdColumn): IDs unique, and filled for at least half the leads. */
function isUsableIdColumn(cells: readonly string[]): boolean {
  const seen = new Set<string>();
  let blank = 0;
  for (const cell of cells) {
    const key = keyOf(cell);
    if (key === '') blank++;
    else if (seen.has(key)) return false;
    else seen.add(key);
  }
  return blank * 2 <= cells.length;
}

/** The key an ID cell is matched by, '' without an ID. */
function keyOf(cell: string): string {
  const id = leadIdText(cell);
  return id === null || id === '' ? '' : leadIdKey(id);
}

/**
 * The first lead whose previous Score or Band in the file differs from the snapshot's (or that
 * the snapshot lacks): the snapshot is of another run than the one that wrote the file. Leads
 * without a usable ID or a previous score are not asked.
 */
function firstMismatch(keys: readonly string[], idCells: readonly string[], pass: FirstPass, duplicates: ReadonlySet<string>, byKey: ReadonlyMap<string, SnapshotLead>): { id: string; file: string; snapshot: string } | null {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const score = pass.scores[k];
    if (key === '' || duplicates.has(key) || typeof score !== 'number') continue;
    const band = (pass.bands[k] ?? '').trim();
    const kept = byKey.get(key);
    const file = `${score} ${band}`;
    if (kept === undefined) return { id: leadIdText(idCells[k]) ?? key, file, snapshot: 'no score' };
    if (Math.round(kept.score * 100) !== Math.round(score * 100) || kept.band.toLowerCase() !== band.toLowerCase()) return { id: kept.id, file, snapshot: `${kept.score} ${kept.band}` };
  }
  return null;
}

/**
 * The comparison split over worker threads: each block gets the last scoring's leads among its
 * own IDs and its IDs that other leads share (never the whole snapshot: a copy per thread would
 * cost its memory four times); the main thread joins the blocks' counts in file order into a
 * tracker that holds only the leads no longer in the file (the removed ones).
 */
export function changeOnThreads(
  c: CsvComparison,
  o: { readonly bands: readonly Band[]; readonly model: string; readonly today: string; readonly columns: boolean; readonly snapshot: SnapshotWriter | null; readonly firstScoring?: FirstScoringSnapshot | null },
): { readonly job: CsvWorkerChange; readonly into: ThreadedChange; readonly tracker: ChangeTracker } {
  const firstScoring = o.firstScoring ?? null;
  const previous = c.byKey;
  const removed = c.previous === null ? null : { ...c.previous, leads: [...c.removed] };
  const tracker = new ChangeTracker(removed, o.bands, { today: o.today, idColumn: c.idColumn, model: o.model, duplicates: c.duplicates, keepSnapshot: false });
  let offset = 0;
  return {
    tracker,
    job: { idIndex: c.idIndex, idColumn: c.idColumn, model: o.model, today: o.today, scoredOn: c.previous?.scoredOn ?? null, columns: o.columns, keep: o.snapshot !== null || firstScoring !== null, lineKeys: firstScoring !== null },
    into: {
      tracker,
      snapshot: o.snapshot,
      firstScoring,
      leads: (index) => c.blockLeads[index] ?? 0,
      next: (index) => {
        const count = c.blockLeads[index] ?? 0;
        const own: SnapshotLead[] = [];
        const shared: string[] = [];
        for (let k = offset; k < offset + count; k++) {
          const key = c.keys[k] ?? '';
          if (key === '') continue;
          if (c.duplicates.has(key)) shared.push(key);
          else {
            const lead = previous.get(key);
            if (lead !== undefined) own.push(lead);
          }
        }
        offset += count;
        return { previous: own, duplicates: shared };
      },
    },
  };
}

/** How a CSV cell is read as an ID: as written before leadscore neutralised it against formulas. */
export const csvIdOf = (cell: unknown): unknown => (typeof cell === 'string' ? csvCellText(cell) : cell);

/** What the first pass reads: ID columns' cells, and the file's own previous Score, Band and Band since (-1: none) when it was scored before. */
export interface CsvColumnsAsk {
  readonly ids: readonly number[];
  readonly own: { readonly score: number; readonly band: number; readonly since: number } | null;
  /** Scores are written with a decimal comma (a ;-delimited file). */
  readonly decimalComma: boolean;
}

/** What the first pass reads of one block of records, for each lead (a record not blank), and the block's line breaks. */
export interface BlockColumns {
  readonly leads: number;
  readonly lines: number;
  /** Per asked ID column, its cells (as csvIdOf reads them). */
  readonly ids: string[][];
  /** The previous Score (a number; '' when blank, the text when it is not a number), Band and Band since; empty when the file was not scored before. */
  readonly scores: (number | string)[];
  readonly bands: string[];
  readonly since: string[];
}

interface FirstPass extends BlockColumns {
  readonly blockLeads: number[];
}

/** The first pass over the leads, block by block as the scoring pass cuts them: on worker threads for a big file, else here. */
async function firstPass(q: CsvChangeQuery, body: CsvBody, ask: CsvColumnsAsk): Promise<FirstPass> {
  const all: FirstPass = { leads: 0, lines: 0, ids: ask.ids.map((): string[] => []), scores: [], bands: [], since: [], blockLeads: [] };
  // Band and Band since repeat: one string each, not one per lead.
  const once = stringPool();
  const take = (block: BlockColumns): void => {
    block.ids.forEach((cells, k) => {
      const list = all.ids[k]!;
      for (const cell of cells) list.push(cell);
    });
    for (const n of block.scores) all.scores.push(n);
    for (const b of block.bands) all.bands.push(once(b));
    for (const d of block.since) all.since.push(once(d));
    all.blockLeads.push(block.leads);
  };
  const file = { input: q.input, encoding: q.encoding, delimiter: q.delimiter, start: body.start, firstLine: body.firstLine };
  if (body.threads) {
    await readColumnsInParallel(file, ask, body.parallel, take);
    return all;
  }
  const blocks = new CsvBlocks(q.input, body.start, q.delimiter, body.parallel.blockBytes);
  const decoder = new TextDecoder(q.encoding, { ignoreBOM: true });
  let line = body.firstLine;
  try {
    for (let bytes = blocks.next(); bytes !== null; bytes = blocks.next()) {
      let block: BlockColumns;
      try {
        block = readBlockColumns(blockText(bytes, decoder), q.input, q.delimiter, ask);
      } catch (error) {
        if (error instanceof CsvSyntaxError) throw new CsvSyntaxError(q.input, line + error.line - 1, error.detail);
        throw error;
      }
      take(block);
      line += block.lines;
    }
  } finally {
    blocks.close();
  }
  return all;
}

/** A block's text: plain ASCII is the same in every encoding read here, and latin1 turns it into text fastest. */
export function blockText(bytes: Uint8Array, decoder: TextDecoder): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isAscii(buffer) ? buffer.toString('latin1') : decoder.decode(buffer);
}

/** Reads one block of whole records (a block never starts the file: a leading U+FEFF is text). Lines of a CsvSyntaxError count from the block's first line. */
export function readBlockColumns(text: string, where: string, delimiter: Delimiter, ask: CsvColumnsAsk): BlockColumns {
  const reader = CsvReader.fromText(text, where, { delimiter });
  const ids = ask.ids.map((): string[] => []);
  const scores: (number | string)[] = [];
  const bands: string[] = [];
  const since: string[] = [];
  const own = ask.own;
  let leads = 0;
  for (let record = reader.next(); record !== null; record = reader.next()) {
    const row = record.cells;
    if (row.every((c) => c === '')) continue;
    leads++;
    for (let k = 0; k < ask.ids.length; k++) ids[k]!.push(csvCellText(row[ask.ids[k]!] ?? ''));
    if (own === null) continue;
    const text = (row[own.score] ?? '').trim();
    const score = text === '' ? NaN : Number(ask.decimalComma ? decimalCommaNumber(text) : text);
    scores.push(Number.isFinite(score) ? score : text);
    bands.push(row[own.band] ?? '');
    since.push(own.since < 0 ? '' : (row[own.since] ?? ''));
  }
  return { leads, lines: reader.lineNumber - 1, ids, scores, bands, since };
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
  const notes: string[] = [];
  const snapshot = snapshotFromPreviousRun(idCells, previous, found.value.header, q, notes);
  const tracker = new ChangeTracker(snapshot, q.bands, { today: q.today, idColumn: found.value.header, model: q.modelName, duplicates: duplicateIdKeys(idCells), keepSnapshot: q.keepSnapshot ?? false });
  return { change: new CsvChange(tracker, idIndex), warning: notes.length === 0 ? null : notes.join('; ') };
}

/**
 * The snapshot the previous run's columns make. A lead without an ID or a numeric score (a row
 * added since: blank scores) has none, so it is new; an ID on several rows has none either.
 * What a hand edit left unusable is said in `notes`, by lead: a previous Score that is text or
 * an error (the lead counts as new), a Band since that is no day, and one after `today` (a typo
 * such as 2062 would otherwise date the whole run in the future and hand that day on to every
 * lead whose band did not move); such a Band since is unknown, so the run's day is used.
 */
export function snapshotFromPreviousRun(
  idCells: readonly unknown[],
  previous: Omit<PreviousRun, 'values'>,
  idColumn: string,
  q: Pick<ChangeSettings, 'number' | 'fileDate'> & { readonly today?: string },
  notes: string[] = [],
): ScoreSnapshot {
  const future = new FirstFew();
  const notDays = new FirstFew();
  const unreadable = new FirstFew();
  const idOf = (k: number): string => quoted(leadIdText(idCells[k]) ?? '');
  const since = previous.since.map((cell, k) => {
    const day = sinceDay(cell);
    if (day === null) {
      const text = cell === null || cell === undefined ? '' : String(cell).trim();
      if (text !== '') notDays.add(() => `${idOf(k)} (${quoted(text)})`);
      return null;
    }
    if (q.today === undefined || day <= q.today) return day;
    future.add(() => `${idOf(k)} (${day})`);
    return null;
  });
  const byKey = new Map<string, SnapshotLead>();
  const twice = new Set<string>();
  idCells.forEach((cell, k) => {
    const id = leadIdText(cell);
    const raw = previous.scores[k];
    const text = raw === null || raw === undefined ? '' : String(raw).trim();
    if (id === null || id === '' || text === '') return;
    const score = typeof raw === 'number' ? raw : Number(q.number(text));
    if (!Number.isFinite(score)) {
      unreadable.add(() => `${quoted(id)} (${quoted(text)})`);
      return;
    }
    const key = leadIdKey(id);
    if (byKey.has(key)) twice.add(key);
    byKey.set(key, { id, score, band: String(previous.bands[k] ?? '').trim(), bandSince: since[k] ?? null });
  });
  for (const key of twice) byKey.delete(key);
  const n = (list: FirstFew, one: string, many: string): string => `${list.count.toLocaleString('en-US')} ${list.count === 1 ? one : many}`;
  if (unreadable.count > 0) notes.push(`${n(unreadable, 'previous Score is', 'previous Scores are')} not a number, so ${unreadable.count === 1 ? 'that lead counts' : 'those leads count'} as new: ${unreadable.text()}`);
  if (notDays.count > 0) notes.push(`${n(notDays, 'Band since is', 'Band since are')} not a day written YYYY-MM-DD, the day of the last scoring is used: ${notDays.text()}`);
  if (future.count > 0) notes.push(`${n(future, 'Band since', 'Band since')} after today (${q.today ?? ''}) ${future.count === 1 ? 'is' : 'are'} not trusted, the day of the last scoring is used: ${future.text()}`);
  return { scoredOn: latestDay(since) ?? q.fileDate(), idColumn, model: '', leads: [...byKey.values()] };
}

/** A cell's text in a message: quoted, cut short. */
const quoted = (text: string): string => `'${text.length > 40 ? `${text.slice(0, 37)}...` : text}'`;

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
