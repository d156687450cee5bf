/**
 * Leads from a CSV file, read a block at a time. A damaged table is never scored: a row with
 * more cells than the header (cells that would be dropped), or a quoted cell whose line break
 * leaves its row the wrong length (an unbalanced quote merging rows), fails the command with
 * the lines listed. A row with fewer cells is read with the missing cells blank, and listed
 * as a warning.
 */
import { availableParallelism } from 'node:os';
import type { Model } from '../../engine';
import { CliError } from '../command';
import { mayNeedNeutralising, neutraliseFormula } from '../csv';
import { offsetAfterLines } from '../files/csvBlocks';
import { CsvReader, describeDelimiter, detectCsvEncoding, type CsvRecord, type Delimiter } from '../files/csvReader';
import { blockRows, compileFor, csvOwnColumns, Progress, scoreCells, ScoreTally } from './leadColumns';
import type { Band, ChangeSummary } from '../../engine';
import { ChangeTracker } from '../../engine';
import { CHANGE_COLUMNS, changeOnThreads, CsvChange, csvIdOf, localIsoDate, prepareCsvComparison, type CsvChangeQuery, type CsvComparison } from './csvChange';
import { FirstScoringSnapshot } from './csvFirstSnapshot';
import { SnapshotWriter, type SnapshotFiles } from './csvSnapshot';
import { CsvSink, type LeadSink, type OutCell, type OutRow } from './leadSinks';
import { scoreCsvInParallel } from './parallelCsv';

export interface CsvLeadsResult {
  /** Null when only reading (no model). */
  readonly tally: ScoreTally | null;
  readonly warnings: string[];
  readonly delimiter: Delimiter;
  /** Blocks scored on worker threads; 0 when the file was read on the main thread. */
  readonly blocks: number;
  /** What changed since the previous run of the file; null when it was not scored before or has no ID column. */
  readonly change: ChangeSummary | null;
  /** Why a file scored before got no Change or Band since (it has no ID column), or null. */
  readonly noChange: string | null;
  /** This run's snapshot, written and waiting to be committed after the output (or aborted); null when none is kept. */
  readonly snapshot: SnapshotWriter | null;
  /** Why no snapshot is kept although one was asked for (no ID column), or null. */
  readonly noSnapshot: string | null;
}

/** Comparing with the previous run: the ID column chosen (--id-column, else the model's), and this run's date. */
export interface CsvChangeOptions {
  readonly idColumn: string | null;
  readonly today: string;
  /** Where the last scoring's snapshot is read and this one's written (csvSnapshot.ts); none by default. */
  readonly snapshot?: SnapshotFiles | null;
}

/**
 * In a file delimited by ; (what Excel saves where the decimal mark is a comma), numbers are
 * read by that convention: "1.200" is 1200, "1,5" is 1.5, "1.234,5" is 1234.5. Other text is
 * left to the engine as it is. The file's own text is written back unchanged.
 */
export function decimalCommaNumber(text: string): string | number {
  const t = text.trim();
  if (/^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t) || /^[+-]?\d+,\d+$/.test(t)) {
    const n = Number(t.replace(/\./g, '').replace(',', '.'));
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/** A problem found in a row, with the line(s) it is on: shown as "line 7<detail>" or "lines 7-9<detail>". */
export interface LineProblem {
  readonly line: number;
  readonly lastLine: number;
  readonly detail: string;
}

/**
 * Problems found row by row: the first few kept with their lines, the rest counted. The lines
 * are kept as numbers so that a block read on a thread of its own, which counts its lines from
 * 1, can hand its problems over to be shifted to the file's lines.
 */
export class LineProblems {
  readonly shown: LineProblem[] = [];
  count = 0;
  constructor(private readonly limit: number) {}

  add(problem: LineProblem): void {
    this.count++;
    if (this.shown.length < this.limit) this.shown.push(problem);
  }

  /** The problems of the part of the file after these, whose line 1 is the file's line `1 + lineOffset`. */
  append(later: { readonly shown: readonly LineProblem[]; readonly count: number }, lineOffset: number): void {
    for (const p of later.shown) if (this.shown.length < this.limit) this.shown.push({ line: p.line + lineOffset, lastLine: p.lastLine + lineOffset, detail: p.detail });
    this.count += later.count;
  }

  lines(): string[] {
    const shown = this.shown.map((p) => `${p.lastLine > p.line ? `lines ${p.line}-${p.lastLine}` : `line ${p.line}`}${p.detail}`);
    return this.count > shown.length ? [...shown, `... and ${this.count - shown.length} more`] : shown;
  }
}

/** What the header row says about the table. */
export interface CsvLayout {
  readonly headers: readonly string[];
  /** The columns an earlier run wrote. */
  readonly ours: ReadonlySet<number>;
  readonly delimiter: Delimiter;
}

/**
 * The records of a CSV table after its header, turned into rows for a sink: blank rows kept
 * between leads, short rows padded, damaged rows listed, leads scored a block at a time. The
 * whole file read in order goes through one of these; so does each block of it read on a
 * worker thread (parallelCsv.ts), which is why the two give the same bytes.
 */
export class CsvLeadRows {
  readonly errors = new LineProblems(10);
  readonly short = new LineProblems(5);
  readonly multiline = new LineProblems(5);
  /** Blank rows before the first lead, when `blanksBeforeFirstLead` is 'count': whoever joins blocks places them. */
  leadingBlanks = 0;
  /** Blank rows held back until a lead follows them: blank rows at the end are dropped. */
  private heldBlanks = 0;
  private sawLead = false;
  private block: { cells: string[]; text?: string | undefined; line: number }[] = [];
  private readonly width: number;
  private readonly size: number;
  private readonly copyLines: boolean;

  constructor(
    private readonly layout: CsvLayout,
    private readonly tally: ScoreTally | null,
    private readonly sink: LeadSink,
    private readonly blanksBeforeFirstLead: 'keep' | 'count',
    /** Called after each full block has gone to the sink. */
    private readonly afterBlock: () => void = () => {},
    /** Compares each lead with the previous run (csvChange.ts): its Change and Band since follow its scores. */
    private readonly change: CsvChange | null = null,
  ) {
    this.width = layout.headers.length;
    this.size = blockRows(this.width);
    // A comma-delimited line without quotes can be copied to CSV output as it is, when no cell needs neutralising.
    // (Such a line has no quote, no line break, and no comma inside a cell: only neutralising could change it.)
    this.copyLines = layout.delimiter === ',' && layout.ours.size === 0;
  }

  /** Blank rows after the last lead so far (dropped at the end of the file). */
  get trailingBlanks(): number {
    return this.heldBlanks;
  }

  get leads(): boolean {
    return this.sawLead;
  }

  private copyable(record: CsvRecord): string | undefined {
    if (!this.copyLines || record.text === undefined || record.cells.length !== this.width) return undefined;
    for (const cell of record.cells) if (mayNeedNeutralising(cell) && neutraliseFormula(cell) !== cell) return undefined;
    return record.text;
  }

  async add(record: CsvRecord): Promise<void> {
    const cells = record.cells;
    const width = this.width;
    if (cells.every((c) => c === '')) {
      this.heldBlanks++;
      return;
    }
    if (record.multiline && cells.length === width) this.multiline.add({ line: record.line, lastLine: record.lastLine, detail: '' });
    // Only a full row's text can be copied: a short one is padded below (its text would leave the score columns out of place).
    const text = cells.length === width ? this.copyable(record) : undefined;
    if (cells.length !== width) {
      const extra = cells.slice(width);
      const at = { line: record.line, lastLine: record.line };
      if (record.multiline) {
        this.errors.add({ ...at, detail: `: a quoted cell spanning lines leaves this row with ${cells.length} cells for ${width} columns; is a quote unbalanced?` });
      } else if (extra.some((c) => c.trim() !== '')) {
        const lost = extra
          .filter((c) => c.trim() !== '')
          .slice(0, 2)
          .map((c) => JSON.stringify(c.slice(0, 30)))
          .join(', ');
        this.errors.add({ ...at, detail: `: ${cells.length} cells for ${width} columns; the cells past the last column (${lost}) would be lost` });
      } else if (cells.length < width) {
        this.short.add({ ...at, detail: '' });
      }
      if (cells.length > width) cells.length = width;
      while (cells.length < width) cells.push('');
    }
    if (!this.sawLead && this.blanksBeforeFirstLead === 'count') {
      this.leadingBlanks = this.heldBlanks;
      this.heldBlanks = 0;
    }
    this.sawLead = true;
    // Blank rows before this lead are kept in place (not leads, no scores).
    for (; this.heldBlanks > 0; this.heldBlanks--) {
      this.block.push({ cells: BLANK, line: 0 });
      if (this.block.length >= this.size) await this.flush();
    }
    this.block.push({ cells, text, line: record.line });
    if (this.block.length >= this.size) {
      await this.flush();
      this.afterBlock();
    }
  }

  /** Sends what is left to the sink. */
  async end(): Promise<void> {
    if (!this.sawLead && this.blanksBeforeFirstLead === 'count') {
      this.leadingBlanks = this.heldBlanks;
      this.heldBlanks = 0;
    }
    await this.flush();
  }

  private async flush(): Promise<void> {
    // The engine scores every row given; blank rows are taken out and put back after.
    const block = this.block;
    if (block.length === 0) return;
    this.block = [];
    // A damaged table is not scored (the command fails at the end, listing every damaged row).
    if (this.errors.count > 0) return;
    const tally = this.tally;
    const leads = block.filter((r) => r.cells !== BLANK);
    const rows = this.layout.delimiter === ';' ? leads.map((r) => r.cells.map(decimalCommaNumber)) : leads.map((r) => r.cells);
    const scored = tally?.score(rows) ?? null;
    const out: OutRow[] = [];
    let k = 0;
    for (const row of block) {
      if (row.cells === BLANK) out.push({ cells: this.layout.headers.map(() => ''), lead: false, score: null });
      else {
        const score: OutCell[] | null = scored === null ? null : scoreCells(tally!.model, scored, k++);
        if (score !== null && this.change !== null) score.push(...this.change.cells(row.cells, score, row.line));
        out.push({ cells: row.cells, text: row.text, lead: true, score });
      }
    }
    await this.sink.rows(out);
  }
}

const BLANK: string[] = [];

/** How a big file is split over worker threads; tests make the blocks tiny to cross many boundaries. */
export interface ParallelCsvOptions {
  /** Worker threads; below 2 the file is read on the main thread. */
  readonly workers: number;
  /** About this many bytes of the file per block. */
  readonly blockBytes: number;
  /** Smaller files are read on the main thread: starting workers would cost more than they save. */
  readonly minFileBytes: number;
}

/**
 * One worker per core, up to four (beyond that writing the output on one thread is the limit).
 * Blocks of 256 KB: measured on 1,000,000 leads, 2 MB blocks peaked at 520 MB (each thread's
 * heap holds its blocks' buffers until it collects them) and used more CPU time than 256 KB
 * blocks at 350 MB.
 */
export const DEFAULT_PARALLEL: ParallelCsvOptions = { workers: Math.min(4, availableParallelism()), blockBytes: 1 << 18, minFileBytes: 1 << 23 };

export async function scoreCsvLeads(
  input: string,
  model: Model | null,
  asOf: string | undefined,
  sink: LeadSink,
  progress: Progress,
  parallel: ParallelCsvOptions = DEFAULT_PARALLEL,
  changeOptions: CsvChangeOptions = { idColumn: null, today: localIsoDate(new Date()) },
): Promise<CsvLeadsResult> {
  const encoding = detectCsvEncoding(input);
  const reader = CsvReader.fromFile(input, encoding);
  let readerOpen = true;
  try {
    const header = reader.next();
    if (header === null || header.cells.every((h) => h.trim() === '')) throw new CliError(`${input}: the file is empty; a CSV file needs a header row`);
    const headers = header.cells.map((h) => h.trim());
    const width = headers.length;
    const ours = csvOwnColumns(headers, input);
    const compiled = model === null ? null : compileFor(model, headers, ours, asOf, input);
    const tally = compiled === null ? null : new ScoreTally(compiled);
    const warnings: string[] = [];
    const firstLine = reader.lineNumber;
    // The records after the header start after its line breaks (a header cell may hold one).
    const start = offsetAfterLines(input, header.lastLine);
    // Change and Band since go to a CSV output (a new workbook from a CSV file gets the scores only).
    let comparison: CsvComparison | null = null;
    let noChange: string | null = null;
    let noSnapshot: string | null = null;
    // A big file is read on worker threads: the first pass (IDs, previous scores) as the scoring pass.
    const onThreads = model !== null && compiled !== null && tally !== null && sink instanceof CsvSink && parallel.workers >= 2 && reader.totalBytes >= parallel.minFileBytes;
    const query = (bands: readonly Band[], modelName: string, idColumn: Model['idColumn']): CsvChangeQuery => ({
      input,
      encoding,
      headers,
      ours,
      delimiter: reader.delimiter,
      bands,
      modelName,
      chosenId: changeOptions.idColumn ?? idColumn,
      today: changeOptions.today,
      number: reader.delimiter === ';' ? decimalCommaNumber : (t: string) => t,
      decimalComma: decimalCommaNumber,
    });
    if (compiled !== null && model !== null && sink instanceof CsvSink && start !== null) {
      const prepared = await prepareCsvComparison(query(compiled.bands, model.name, model.idColumn), changeOptions.snapshot ?? null, { start, firstLine, parallel, threads: onThreads });
      ({ comparison, noChange, noSnapshot } = prepared);
      warnings.push(...prepared.warnings);
    }
    const delimiter: Delimiter = reader.delimiter;
    const compare = comparison?.previous != null;
    const writeTo = changeOptions.snapshot?.write;
    // A first scoring without a first pass writes its snapshot at the end, from the scoring pass's lines.
    const firstScoring = comparison?.fromScoring !== undefined && writeTo != null ? new FirstScoringSnapshot() : null;
    let snapshot = comparison !== null && writeTo != null && model !== null && firstScoring === null ? new SnapshotWriter(writeTo, { scoredOn: changeOptions.today, idColumn: comparison.idColumn, model: model.name }) : null;
    try {
      sink.begin(headers, ours, compiled?.bands ?? [], compare ? CHANGE_COLUMNS : []);
      const layout: CsvLayout = { headers, ours, delimiter };
      const stepProgress = (bytesRead: number): void =>
        progress.step(() => `scoring: ${(tally?.leads ?? 0).toLocaleString('en')} leads, ${Math.round((bytesRead / Math.max(1, reader.totalBytes)) * 100)}% of the file read`);

      let blocks = 0;
      let tracker: ChangeTracker | null = null;
      let rows: { errors: LineProblems; short: LineProblems; multiline: LineProblems };
      if (onThreads && model !== null && compiled !== null && tally !== null) {
        reader.close();
        readerOpen = false;
        const problems = { errors: new LineProblems(10), short: new LineProblems(5), multiline: new LineProblems(5) };
        if (start !== null) {
          const threaded = comparison === null ? null : changeOnThreads(comparison, { bands: compiled.bands, model: model.name, today: changeOptions.today, columns: compare, snapshot, firstScoring });
          tracker = threaded?.tracker ?? null;
          blocks = await scoreCsvInParallel(
            { input, encoding, layout, model, asOf: compiled.asOf, firstLine, start, change: threaded?.job ?? null },
            { tally, sink, problems, progress: stepProgress, change: threaded?.into ?? null },
            parallel,
          );
        }
        rows = problems;
      } else {
        let change: CsvChange | null = null;
        if (comparison !== null && compiled !== null && model !== null) {
          const writer = snapshot;
          tracker = new ChangeTracker(comparison.previous, compiled.bands, { today: changeOptions.today, idColumn: comparison.idColumn, model: model.name, duplicates: comparison.duplicates, keepSnapshot: false });
          change = new CsvChange(tracker, comparison.idIndex, { columns: compare, keep: writer === null ? null : (line) => writer.line(line), idOf: csvIdOf });
        }
        const leadRows = new CsvLeadRows(layout, tally, sink, 'keep', () => stepProgress(reader.bytesRead), change);
        for (let record = reader.next(); record !== null; record = reader.next()) await leadRows.add(record);
        await leadRows.end();
        rows = leadRows;
      }
      const { errors, short, multiline } = rows;

      if (errors.count > 0) {
        throw new CliError(
          `${input}: the table is damaged, so no lead was scored (${describeDelimiter(delimiter)}-delimited, ${width} columns):\n  ${errors.lines().join('\n  ')}\n` +
            'Fix those rows (a cell holding the delimiter, a quote or a line break must be quoted, and a quote inside it doubled) and run again.',
        );
      }
      if (firstScoring !== null && comparison !== null && writeTo != null && model !== null && compiled !== null && start !== null) {
        if (comparison.fromScoring?.recheck !== true || firstScoring.usableForDetection) {
          snapshot = new SnapshotWriter(writeTo, { scoredOn: changeOptions.today, idColumn: comparison.idColumn, model: model.name });
          firstScoring.writeInto(snapshot);
        } else {
          // The best-named ID column has shared or mostly blank IDs: detection weighs the other
          // candidates' IDs (a first pass after all), and the snapshot takes a pass of its own.
          const prepared = await prepareCsvComparison(query(compiled.bands, model.name, model.idColumn), changeOptions.snapshot ?? null, { start, firstLine, parallel, threads: true, firstPass: true });
          noSnapshot = prepared.noSnapshot;
          if (prepared.comparison !== null) {
            snapshot = new SnapshotWriter(writeTo, { scoredOn: changeOptions.today, idColumn: prepared.comparison.idColumn, model: model.name });
            const threaded = changeOnThreads(prepared.comparison, { bands: compiled.bands, model: model.name, today: changeOptions.today, columns: false, snapshot });
            const unwritten = new CsvSink({ write: () => {} });
            unwritten.prepare(headers, ours);
            const problems = { errors: new LineProblems(10), short: new LineProblems(5), multiline: new LineProblems(5) };
            await scoreCsvInParallel(
              { input, encoding, layout: { headers, ours, delimiter }, model, asOf: compiled.asOf, firstLine, start, change: threaded.job },
              { tally: new ScoreTally(compiled), sink: unwritten, problems, progress: () => {}, change: threaded.into },
              parallel,
            );
          }
        }
      }
      if (short.count > 0) warnings.push(`${input}: ${short.count} row(s) have fewer cells than the header; their missing cells were read as blank: ${short.lines().join(', ')}`);
      if (multiline.count > 0) {
        warnings.push(`${input}: ${multiline.count} row(s) have a quoted cell over several lines (a note written on several lines, or a stray quote merging leads): ${multiline.lines().join(', ')}`);
      }
      return { tally, warnings, delimiter, blocks, change: compare ? (tracker?.finish().summary ?? null) : null, noChange, snapshot, noSnapshot };
    } catch (error) {
      snapshot?.abort();
      throw error;
    }
  } finally {
    if (readerOpen) reader.close();
  }
}
