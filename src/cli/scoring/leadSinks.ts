/**
 * Where scored leads go when the output is a new file rather than the input workbook
 * rewritten in place: a CSV file, or a new workbook (newWorkbook.ts). Each takes the table's
 * header once, then blocks of rows with their scores, written as they come.
 */
import { isoDateFromExcelSerial, type Band } from '../../engine';
import { csvLine } from '../csv';
import type { AtomicFile } from '../files/atomicFile';
import { SCORE_COLUMNS } from './leadColumns';

export type OutCell = string | number | boolean | null;

export interface OutRow {
  /** The table's cells, one per header. */
  readonly cells: readonly OutCell[];
  /** The row as it was in a CSV file with , as delimiter, when every cell can be written back as it is. */
  readonly text?: string | undefined;
  /** Which cells are dates (numbers shown as dates in the workbook), if any. */
  readonly dates?: readonly boolean[] | undefined;
  /** False for a blank row (not a lead, no scores). */
  readonly lead: boolean;
  /** The five score cells; null for a blank row, or when only reading. */
  readonly score: readonly OutCell[] | null;
}

export interface LeadSink {
  /** `extra`: columns written after the score columns (Change, Band since), whose cells end each row's `score`. */
  begin(headers: readonly string[], ours: ReadonlySet<number>, bands: readonly Band[], extra?: readonly string[]): void;
  rows(block: readonly OutRow[]): Promise<void>;
  finish(): Promise<void>;
}

/** A date serial as ISO 8601 text: the day, and the time when there is one. */
export function isoDateTime(serial: number): string {
  const day = isoDateFromExcelSerial(serial);
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 0 || seconds === 86_400) return day;
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return `${day} ${hh}:${mm}:${ss}`;
}

const FLUSH_CHARS = 1 << 20;

/** RFC 4180 CSV, UTF-8, \r\n; the earlier run's columns left out and the fresh ones appended. */
export class CsvSink implements LeadSink {
  private keep: number[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  /** Blank rows wait for a lead after them: blank rows at the end are left out. */
  private heldBlanks = 0;
  private blankLine = '';

  constructor(private readonly out: Pick<AtomicFile, 'write'>) {}

  private columns: readonly string[] = SCORE_COLUMNS;

  begin(headers: readonly string[], ours: ReadonlySet<number>, _bands?: readonly Band[], extra: readonly string[] = []): void {
    this.prepare(headers, ours, extra);
    this.push(csvLine([...this.keep.map((i) => headers[i] ?? ''), ...this.columns]));
  }

  /** Ready to write rows of this table without writing its header: a block of the table written on a worker thread. */
  prepare(headers: readonly string[], ours: ReadonlySet<number>, extra: readonly string[] = []): void {
    this.keep = headers.map((_, i) => i).filter((i) => !ours.has(i));
    this.columns = [...SCORE_COLUMNS, ...extra];
    this.blankLine = csvLine([...this.keep.map(() => null), ...this.columns.map(() => null)]);
  }

  /**
   * Rows another CsvSink of the same table wrote (a worker's block): `blanksBefore` blank rows
   * first (the ones held at the end of the block before, and at the start of this one), then its bytes.
   */
  appendWritten(blanksBefore: number, written: Uint8Array): void {
    for (let i = 0; i < blanksBefore; i++) this.push(this.blankLine);
    this.flush();
    this.out.write(written);
  }

  async rows(block: readonly OutRow[]): Promise<void> {
    const blanks = this.columns.map(() => null);
    for (const row of block) {
      if (!row.lead) {
        this.heldBlanks++;
        continue;
      }
      for (; this.heldBlanks > 0; this.heldBlanks--) this.push(this.blankLine);
      if (row.text !== undefined && this.keep.length === row.cells.length && row.score !== null) {
        // The line as it was, plus the scores: nothing to quote or neutralise in it.
        this.push(`${row.text},${csvLine(row.score).slice(0, -2)}\r\n`);
        continue;
      }
      const cells: OutCell[] = this.keep.map((i) => {
        const v = row.cells[i] ?? null;
        return typeof v === 'number' && row.dates?.[i] === true ? isoDateTime(v) : v;
      });
      cells.push(...(row.score ?? blanks));
      this.push(csvLine(cells));
    }
    this.flush();
  }

  private push(line: string): void {
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars > FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.out.write(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  async finish(): Promise<void> {
    this.flush();
  }
}
