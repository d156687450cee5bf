/**
 * The snapshot of a CSV file's last scoring, kept in a file beside it (a sidecar): the same
 * title, labels and columns as the workbook's `Lead Scoring Snapshot` sheet (engine
 * change/snapshot.ts), written as CSV a person can open. `leads.csv` scored into
 * `leads.scored.csv` gets `leads.scored.leadscore-snapshot.csv`. The next `leadscore score`
 * reads it as the previous run, so a lead deleted from the file since is still known and
 * reported; without it the file's own previous columns are all there is.
 *
 * A file at the snapshot's path that is not a snapshot (its first cell is not the snapshot's
 * title) is never read as one and never overwritten.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { isSnapshotHeaderRow, SNAPSHOT_TITLE, snapshotHead, SnapshotLeadRows, snapshotToCells, type ScoreSnapshot, type SnapshotHead, type SnapshotLead } from '../../engine';
import { CliError, EXIT } from '../command';
import { csvLine, neutraliseFormula } from '../csv';
import { openAtomic, realTarget, type AtomicFile } from '../files/atomicFile';
import { CsvReader, detectCsvEncoding } from '../files/csvReader';
import { stringPool } from './stringPool';

export const SNAPSHOT_SUFFIX = '.leadscore-snapshot.csv';

/** The snapshot beside a scored file: its name without the extension, then `.leadscore-snapshot.csv`. */
export function sidecarPath(scoredFile: string): string {
  const ext = extname(scoredFile);
  return join(dirname(scoredFile), `${basename(scoredFile, ext)}${SNAPSHOT_SUFFIX}`);
}

/** Where a scoring looks for the last snapshot and keeps its own. */
export interface SnapshotFiles {
  /** The scored file's own snapshot (or the one --snapshot names): read first. */
  readonly own: string | null;
  /**
   * The snapshot beside the output this run replaces, read when the input carries no previous
   * scores: a fresh export scored over last week's output compares with last week.
   */
  readonly replaced: string | null;
  /** Where this scoring's snapshot is written; null: not kept (--no-snapshot). */
  readonly write: string | null;
}

/**
 * The snapshot paths of `leadscore score <input> -o <output>`: --snapshot names one path read
 * and written; --no-snapshot none; else the sidecars of the input and the output. Refuses a
 * snapshot path that is the input or the output, and, before any work, a file at the path to
 * write that is not a snapshot.
 */
export function snapshotFiles(input: string, output: string, options: { readonly path?: string | undefined; readonly off?: boolean }): SnapshotFiles {
  if (options.off === true) return { own: null, replaced: null, write: null };
  const given = options.path;
  const own = given ?? sidecarPath(input);
  const write = given ?? sidecarPath(output);
  for (const file of [input, output]) {
    if (realTarget(write) === realTarget(file)) throw new CliError(`${write} is the ${file === input ? 'input' : 'output'} file; the snapshot needs a file of its own (--snapshot <file>)`, EXIT.usage);
  }
  refuseForeignFile(write);
  const replaced = given === undefined && realTarget(write) !== realTarget(own) ? write : null;
  return { own, replaced, write };
}

/** The first record of a file, or null when there is no file; never more than the first lines are read. */
function firstCell(path: string): string | null {
  let size: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) return '';
    size = info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`${path}: cannot be read (${(error as Error).message})`);
  }
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, head, 0, head.length, 0);
    const text = head.toString('utf8');
    const record = CsvReader.fromText(text.includes('\n') || text.includes('\r') ? text.slice(0, Math.max(text.indexOf('\n'), text.indexOf('\r')) + 1) : text).next();
    return (record?.cells[0] ?? '').trim();
  } catch {
    // Not CSV at all (a quote never closed in the first line): not a snapshot.
    return '';
  } finally {
    closeSync(fd);
  }
}

/** Stops when a file that is not a snapshot is where the snapshot would be written: it is someone's file. */
function refuseForeignFile(path: string): void {
  const first = firstCell(path);
  if (first === null || first === SNAPSHOT_TITLE) return;
  const shown = first === '' ? 'an empty first cell' : `'${first.length > 40 ? `${first.slice(0, 40)}...` : first}'`;
  throw new CliError(
    `${path} exists and is not a leadscore snapshot (its first cell is ${shown}, not the snapshot's title); leadscore keeps the scores of this run there for the next run's Change. Move or rename that file, give another path with --snapshot <file>, or pass --no-snapshot`,
    EXIT.output,
  );
}

export type SnapshotFileRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'read'; readonly path: string; readonly snapshot: ScoreSnapshot; readonly byKey: ReadonlyMap<string, SnapshotLead>; readonly warnings: readonly string[] }
  | { readonly kind: 'unreadable'; readonly path: string; readonly message: string };

/**
 * Reads a snapshot file. One a spreadsheet saved again is read too: ; as delimiter with decimal
 * commas, Windows-1252; a cell neutralised against formulas ('=...) is read as it was written.
 * A file whose first cell is not the title, or without the labels and header row, is unreadable.
 */
export function readSnapshotFile(path: string, number: (text: string, delimiter: string) => string | number): SnapshotFileRead {
  const first = firstCell(path);
  if (first === null) return { kind: 'none' };
  if (first !== SNAPSHOT_TITLE) return { kind: 'unreadable', path, message: `it is not a leadscore snapshot (its first cell is not the snapshot's title)` };
  let reader: CsvReader;
  try {
    reader = CsvReader.fromFile(path, detectCsvEncoding(path));
  } catch (error) {
    return { kind: 'unreadable', path, message: (error as Error).message };
  }
  // The rows down to the header row are few; the lead rows are taken one at a time. Band and
  // Band since repeat: one string each, not one per lead.
  const head: unknown[][] = [];
  let found: SnapshotHead | null = null;
  let leads: SnapshotLeadRows | null = null;
  const once = stringPool();
  try {
    for (let record = reader.next(); record !== null; record = reader.next()) {
      const row = record.cells;
      if (leads === null) {
        const cells = row.map(csvCellText);
        head.push(cells);
        if (!isSnapshotHeaderRow(cells)) continue;
        found = snapshotHead(head);
        if (!found.ok) break;
        // Rows as a spreadsheet opening the file numbers them, for the warnings.
        leads = new SnapshotLeadRows(found.scoredOn, record.lastLine + 1);
        continue;
      }
      const score = row.length > 1 ? number(row[1] ?? '', reader.delimiter) : '';
      const n = typeof score === 'number' ? score : score.trim() === '' ? NaN : Number(score);
      leads.add([csvCellText(row[0] ?? ''), Number.isFinite(n) ? n : (row[1] ?? ''), once(row[2] ?? ''), once(row[3] ?? '')]);
    }
  } catch (error) {
    return { kind: 'unreadable', path, message: (error as Error).message };
  } finally {
    reader.close();
  }
  // No header row at all: the head says what is missing.
  found ??= snapshotHead(head);
  if (!found.ok || leads === null) return { kind: 'unreadable', path, message: found.ok ? 'it has no header row' : found.message.replace(/^the '[^']*' sheet/, 'it') };
  const read = leads.finish();
  return {
    kind: 'read',
    path,
    snapshot: { scoredOn: found.scoredOn, idColumn: found.idColumn, model: found.model, leads: read.leads },
    byKey: read.byKey,
    warnings: read.warnings.map((w) => `${path}: ${w.replace(/^the '[^']*' sheet: | of the '[^']*' sheet| on the '[^']*' sheet/g, '')}`),
  };
}

/**
 * A cell as written before leadscore neutralised it against formulas: `'=x` is `=x`. The ID a
 * CSV output shows and the one in a fresh export are then one ID.
 */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") && neutraliseFormula(cell.slice(1)) === cell ? cell.slice(1) : cell;
}

/** One lead's line of the snapshot file. */
export function snapshotLine(lead: SnapshotLead): string {
  return csvLine([lead.id, lead.score, lead.band, lead.bandSince ?? '']);
}

/** Writes a snapshot file as it is scored: the head first, lead lines as they come, renamed into place by commit(). */
export class SnapshotWriter {
  private readonly file: AtomicFile;

  constructor(
    readonly path: string,
    head: Omit<ScoreSnapshot, 'leads'>,
  ) {
    this.file = openAtomic(path);
    // A BOM, so that a spreadsheet opens the IDs of every script as UTF-8.
    const rows = snapshotToCells({ ...head, leads: [] }).map((row) => {
      // Label rows without their empty cells, so a person reads 'Scored on,2026-11-26'.
      let end = row.length;
      while (end > 0 && row[end - 1] === '') end--;
      return csvLine(row.slice(0, end));
    });
    this.file.write(`\uFEFF${rows.join('')}`);
  }

  private pending: string[] = [];
  private pendingChars = 0;

  /** A lead's line (buffered: one write per megabyte, not per lead). */
  line(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars > 1 << 20) this.flush();
  }

  /** Lines already joined (a block's, from a worker thread). */
  write(lines: Uint8Array): void {
    this.flush();
    if (lines.length > 0) this.file.write(lines);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.file.write(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  commit(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}
