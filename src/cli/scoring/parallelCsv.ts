/**
 * Scoring a big CSV file on worker threads. The main thread cuts the file into blocks of whole
 * records (files/csvBlocks.ts) and hands them out; each worker reads, scores and writes its
 * block as CSV exactly as the single-threaded path would (the same CsvReader, CsvLeadRows and
 * CsvSink); the main thread writes the blocks' output in file order, adds up the counts and
 * shifts each block's line numbers to the file's. At most four blocks per worker are out at a
 * time, waiting ones included, so memory does not grow with the file (four, so that a worker
 * has the next block at hand when the main thread is slow to be scheduled on a busy machine).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChangePart, ChangeTracker, Model, SnapshotLead } from '../../engine';
import { CsvBlocks } from '../files/csvBlocks';
import { CsvSyntaxError } from '../files/csvReader';
import type { CsvLayout, LineProblem, LineProblems, ParallelCsvOptions } from './csvLeads';
import type { ScoreTally, TallyCounts } from './leadColumns';
import type { BlockColumns, CsvColumnsAsk } from './csvChange';
import type { BlockSnapshotLines, FirstScoringSnapshot } from './csvFirstSnapshot';
import type { SnapshotWriter } from './csvSnapshot';
import type { CsvSink } from './leadSinks';

/** What every worker is told once: to score blocks, or to read some columns of them (a first pass). */
export type CsvWorkerData = CsvWorkerSetup | CsvColumnsSetup;

export interface CsvColumnsSetup {
  readonly kind: 'columns';
  readonly where: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: CsvLayout['delimiter'];
  readonly ask: CsvColumnsAsk;
}

export type CsvColumnsDone =
  | { readonly id: number; readonly kind: 'columns'; readonly block: BlockColumns }
  | { readonly id: number; readonly kind: 'syntax'; readonly line: number; readonly detail: string }
  | { readonly id: number; readonly kind: 'failed'; readonly stack: string };

export interface CsvWorkerSetup {
  readonly kind: 'score';
  readonly where: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly headers: readonly string[];
  readonly ours: readonly number[];
  readonly delimiter: CsvLayout['delimiter'];
  readonly model: Model;
  /** The main thread's as-of day, so that no worker measures ages to another day (a run across midnight). */
  readonly asOf: string;
  /** Comparing each lead with the last scoring (csvChange.ts), or null. */
  readonly change: CsvWorkerChange | null;
}

/** What every worker is told once about the comparison with the last scoring. */
export interface CsvWorkerChange {
  readonly idIndex: number;
  readonly idColumn: string;
  readonly model: string;
  readonly today: string;
  /** The last scoring's day; null when there is nothing to compare with (every lead is new). */
  readonly scoredOn: string | null;
  /** Write Change and Band since (false on a first scoring, which only keeps the snapshot). */
  readonly columns: boolean;
  /** Send back each block's lines of this run's snapshot. */
  readonly keep: boolean;
  /** With them, each line's length and ID key (a first scoring without a first pass: csvFirstSnapshot.ts). */
  readonly lineKeys: boolean;
}

/** The main thread's side of the comparison over threads (csvChange.ts changeOnThreads). */
export interface ThreadedChange {
  /** The last scoring's leads among block `index`'s IDs and its IDs other leads share; asked for once per block, in file order. */
  next(index: number): CsvBlockChange;
  /** Leads the first pass found in block `index`: the scoring pass must find as many (the same cut). */
  leads(index: number): number;
  /** Where the blocks' counts are joined, in file order. */
  readonly tracker: ChangeTracker;
  readonly snapshot: SnapshotWriter | null;
  /** Where the blocks' lines go instead when no first pass was read (a first scoring): written at the end. */
  readonly firstScoring: FirstScoringSnapshot | null;
}

export interface CsvBlockChange {
  readonly previous: readonly SnapshotLead[];
  readonly duplicates: readonly string[];
}

export interface CsvBlockJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly change?: CsvBlockChange;
}

interface Problems {
  readonly shown: readonly LineProblem[];
  readonly count: number;
}

export type CsvBlockDone =
  | {
      readonly id: number;
      readonly kind: 'scored';
      /** The block's rows as CSV, from its first lead to its last. */
      readonly written: Uint8Array;
      readonly leadingBlanks: number;
      readonly trailingBlanks: number;
      readonly hasLeads: boolean;
      /** Line breaks in the block: the next block starts that many lines further. */
      readonly lines: number;
      readonly counts: TallyCounts;
      readonly errors: Problems;
      readonly short: Problems;
      readonly multiline: Problems;
      /** The comparison's counts over the block (rows counted from its first line), and its lines of the snapshot. */
      readonly change?: { readonly part: ChangePart; readonly snapshot: Uint8Array | null; readonly lineKeys?: Omit<BlockSnapshotLines, 'lines'> };
    }
  | { readonly id: number; readonly kind: 'syntax'; readonly line: number; readonly detail: string }
  | { readonly id: number; readonly kind: 'failed'; readonly stack: string };

interface Job {
  readonly input: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly layout: CsvLayout;
  readonly model: Model;
  readonly asOf: string;
  /** The line the first record after the header starts on, and its byte offset. */
  readonly firstLine: number;
  readonly start: number;
  readonly change: CsvWorkerChange | null;
}

interface Into {
  readonly tally: ScoreTally;
  readonly sink: CsvSink;
  readonly problems: { readonly errors: LineProblems; readonly short: LineProblems; readonly multiline: LineProblems };
  readonly progress: (bytesRead: number) => void;
  readonly change: ThreadedChange | null;
}

/**
 * The worker's script beside this module: csvWorker.mjs in the compiled command line
 * (build/cli). When the sources run through tsx (tests, a checkout with edits), csvWorker.ts,
 * loaded after registering tsx in the worker: Node 20 does not apply an `--import` given in a
 * worker's execArgv to the worker's own script.
 */
function workerScript(): { script: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./csvWorker.mjs', import.meta.url), eval: false };
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const worker = new URL('./csvWorker.ts', import.meta.url).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`, eval: true };
}

/**
 * Hands the blocks of a file to worker threads (at most four per worker out at a time, waiting
 * ones included) and gives their answers back in file order; returns the number of blocks.
 */
async function inBlocksOnThreads<Done extends { readonly id: number }>(
  file: { readonly input: string; readonly start: number; readonly delimiter: CsvLayout['delimiter'] },
  setup: CsvWorkerData,
  options: ParallelCsvOptions,
  job: (id: number, bytes: Uint8Array) => CsvBlockJob,
  inOrder: (done: Done) => void,
  progress: (bytesRead: number) => void,
): Promise<number> {
  const script = workerScript();
  const blocks = new CsvBlocks(file.input, file.start, file.delimiter, options.blockBytes);
  const workers = Array.from({ length: options.workers }, () => ({
    worker: new Worker(script.script, { workerData: setup, eval: script.eval }),
    busy: 0,
  }));
  const limit = options.workers * 4;
  try {
    return await new Promise<number>((resolve, reject) => {
      const waiting = new Map<number, Done>();
      let nextId = 0;
      let nextInOrder = 0;
      /** Blocks handed out and not yet taken in order. */
      let out = 0;
      let allRead = false;
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const handOut = (): void => {
        while (!allRead && out < limit) {
          const bytes = blocks.next();
          if (bytes === null) {
            allRead = true;
            break;
          }
          const least = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
          least.busy++;
          out++;
          least.worker.postMessage(job(nextId++, bytes), [bytes.buffer as ArrayBuffer]);
        }
        if (allRead && out === 0) resolve(nextId);
      };
      for (const w of workers) {
        w.worker.on('message', (done: Done) => {
          if (failed) return;
          w.busy--;
          waiting.set(done.id, done);
          try {
            for (let next = waiting.get(nextInOrder); next !== undefined; next = waiting.get(nextInOrder)) {
              waiting.delete(nextInOrder);
              nextInOrder++;
              out--;
              inOrder(next);
              progress(blocks.bytesRead);
            }
            handOut();
          } catch (error) {
            fail(error);
          }
        });
        w.worker.on('error', fail);
        w.worker.on('exit', (code) => fail(new Error(`a CSV worker thread stopped (exit code ${code})`)));
      }
      try {
        handOut();
      } catch (error) {
        fail(error);
      }
    });
  } finally {
    blocks.close();
    for (const w of workers) w.worker.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

/** A block's failure as the main thread reports it: a CSV syntax error at the file's line, or a bug. */
function blockFailure(input: string, done: { readonly kind: 'syntax'; readonly line: number; readonly detail: string } | { readonly kind: 'failed'; readonly stack: string }, line: number): Error {
  if (done.kind === 'syntax') return new CsvSyntaxError(input, line + done.line - 1, done.detail);
  return new Error(`a CSV worker thread failed: ${done.stack}`);
}

/** Returns the number of blocks the file was cut into. */
export async function scoreCsvInParallel(job: Job, into: Into, options: ParallelCsvOptions): Promise<number> {
  const setup: CsvWorkerSetup = {
    kind: 'score',
    where: job.input,
    encoding: job.encoding,
    headers: job.layout.headers,
    ours: [...job.layout.ours],
    delimiter: job.layout.delimiter,
    model: job.model,
    asOf: job.asOf,
    change: job.change,
  };
  let line = job.firstLine;
  /** Blank rows after the last lead written, waiting for a lead after them. */
  let heldBlanks = 0;
  const write = (done: CsvBlockDone): void => {
    if (done.kind !== 'scored') throw blockFailure(job.input, done, line);
    const shift = line - 1;
    into.problems.errors.append(done.errors, shift);
    into.problems.short.append(done.short, shift);
    into.problems.multiline.append(done.multiline, shift);
    into.tally.add(done.counts);
    const change = into.change;
    // A damaged table is not scored (nor compared): the command fails at the end, listing the rows.
    if (change !== null && into.problems.errors.count === 0) {
      if (done.change === undefined) throw new Error(`block ${done.id} of ${job.input} came back without its comparison`);
      const first = change.firstScoring;
      if (first !== null) {
        // No first pass: nothing to cut alike, and the lines wait for the end (the IDs leads share are known then).
        const { snapshot, lineKeys } = done.change;
        if (snapshot === null || lineKeys === undefined) throw new Error(`block ${done.id} of ${job.input} came back without its snapshot lines`);
        first.take({ ...lineKeys, lines: snapshot }, done.change.part.counts.leads, done.change.part.counts.noId);
      } else {
        // The scoring pass must cut the file as the first pass did, or the blocks' previous leads would be another block's.
        if (done.counts.leads !== change.leads(done.id)) throw new Error(`block ${done.id} of ${job.input} holds ${done.counts.leads} leads, ${change.leads(done.id)} in the first pass`);
        change.tracker.join(done.change.part, shift);
        if (done.change.snapshot !== null) change.snapshot?.write(done.change.snapshot);
      }
    }
    line += done.lines;
    if (!done.hasLeads) {
      heldBlanks += done.leadingBlanks;
      return;
    }
    // A damaged table is not written (the command fails at the end, listing the rows).
    if (into.problems.errors.count === 0) into.sink.appendWritten(heldBlanks + done.leadingBlanks, done.written);
    heldBlanks = done.trailingBlanks;
  };
  const message = (id: number, bytes: Uint8Array): CsvBlockJob => (into.change === null ? { id, bytes } : { id, bytes, change: into.change.next(id) });
  return inBlocksOnThreads({ input: job.input, start: job.start, delimiter: job.layout.delimiter }, setup, options, message, write, into.progress);
}

/** The first pass of a re-scoring on worker threads: some columns' cells of every lead, block by block (csvChange.ts). */
export async function readColumnsInParallel(
  file: { readonly input: string; readonly encoding: 'utf-8' | 'windows-1252'; readonly delimiter: CsvLayout['delimiter']; readonly start: number; readonly firstLine: number },
  ask: CsvColumnsAsk,
  options: ParallelCsvOptions,
  take: (block: BlockColumns) => void,
): Promise<number> {
  const setup: CsvColumnsSetup = { kind: 'columns', where: file.input, encoding: file.encoding, delimiter: file.delimiter, ask };
  let line = file.firstLine;
  const inOrder = (done: CsvColumnsDone): void => {
    if (done.kind !== 'columns') throw blockFailure(file.input, done, line);
    line += done.block.lines;
    take(done.block);
  };
  return inBlocksOnThreads(file, setup, options, (id, bytes) => ({ id, bytes }), inOrder, () => {});
}
