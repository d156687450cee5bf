/**
 * A worker thread of parallelCsv.ts: reads, scores and writes blocks of whole CSV records, one
 * at a time, with the same code as the single-threaded path, and sends back the written bytes,
 * the counts and the problems (lines counted from the block's first line). Started for a first
 * pass instead, it reads some columns of each block (IDs, previous scores: csvChange.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { ChangeTracker, leadIdKey } from "../../engine";
import { keyHash } from "./csvFirstSnapshot";
import { CsvReader, CsvSyntaxError } from "../files/csvReader";
import { blockText, CsvChange, csvIdOf, readBlockColumns } from "./csvChange";
import { CsvLeadRows, type CsvLayout } from "./csvLeads";
import { compileFor, ScoreTally } from "./leadColumns";
import { CsvSink } from "./leadSinks";
import type {
  CsvBlockDone,
  CsvBlockJob,
  CsvColumnsDone,
  CsvColumnsSetup,
  CsvWorkerData,
  CsvWorkerSetup,
} from "./parallelCsv";

const data = workerData as CsvWorkerData;
// A block never starts the file, so a U+FEFF at its start is text, not a byte order mark.
const decoder = new TextDecoder(data.encoding, { ignoreBOM: true });
const encoder = new TextEncoder();
const port = parentPort!;
const failed = (
  id: number,
  error: unknown,
): {
  readonly id: number;
  readonly kind: "failed";
  readonly stack: string;
} => ({
  id,
  kind: "failed",
  stack:
    error instanceof Error ? (error.stack ?? error.message) : String(error),
});

if (data.kind === "columns") readColumns(data);
else score(data);

function readColumns(setup: CsvColumnsSetup): void {
  port.on("message", (job: CsvBlockJob) => {
    let done: CsvColumnsDone;
    try {
      done = {
        id: job.id,
        kind: "columns",
        block: readBlockColumns(
          blockText(job.bytes, decoder),
          setup.where,
          setup.delimiter,
          setup.ask,
        ),
      };
    } catch (error) {
      done =
        error instanceof CsvSyntaxError
          ? {
              id: job.id,
              kind: "syntax",
              line: error.line,
              detail: error.detail,
            }
          : failed(job.id, error);
    }
    port.postMessage(done);
  });
}

function score(setup: CsvWorkerSetup): void {
  const layout: CsvLayout = {
    headers: setup.headers,
    ours: new Set(setup.ours),
    delimiter: setup.delimiter,
  };
  const compiled = compileFor(
    setup.model,
    setup.headers,
    layout.ours,
    setup.asOf,
    setup.where,
  );
  port.on("message", (job: CsvBlockJob) => {
    scoreBlock(job).then(
      (done) =>
        port.postMessage(
          done,
          done.kind === "scored"
            ? [
                done.written.buffer as ArrayBuffer,
                ...(done.change?.snapshot == null
                  ? []
                  : [done.change.snapshot.buffer as ArrayBuffer]),
                ...(done.change?.lineKeys == null
                  ? []
                  : [
                      done.change.lineKeys.lengths.buffer as ArrayBuffer,
                      done.change.lineKeys.keyLengths.buffer as ArrayBuffer,
                      done.change.lineKeys.hashes.buffer as ArrayBuffer,
                    ]),
              ]
            : [],
        ),
      (error: unknown) => port.postMessage(failed(job.id, error)),
    );
  });

  async function scoreBlock(job: CsvBlockJob): Promise<CsvBlockDone> {
    const text = blockText(job.bytes, decoder);
    const reader = CsvReader.fromText(text, setup.where, {
      delimiter: setup.delimiter,
    });
    const tally = new ScoreTally(compiled);
    const written: string[] = [];
    const sink = new CsvSink({
      write: (chunk) => void written.push(chunk as string),
    });
    sink.prepare(layout.headers, layout.ours);
    const kept: string[] = [];
    const keys: string[] = [];
    const lengths: number[] = [];
    const change = blockChange(job, kept, keys, lengths);
    const rows = new CsvLeadRows(
      layout,
      tally,
      sink,
      "count",
      () => {},
      change,
    );
    try {
      for (let record = reader.next(); record !== null; record = reader.next())
        await rows.add(record);
    } catch (error) {
      if (error instanceof CsvSyntaxError)
        return {
          id: job.id,
          kind: "syntax",
          line: error.line,
          detail: error.detail,
        };
      throw error;
    }
    await rows.end();
    await sink.finish();
    return {
      id: job.id,
      kind: "scored",
      written: encoder.encode(written.join("")),
      leadingBlanks: rows.leadingBlanks,
      trailingBlanks: rows.trailingBlanks,
      hasLeads: rows.leads,
      lines: reader.lineNumber - 1,
      counts: tally.counts(),
      errors: rows.errors,
      short: rows.short,
      multiline: rows.multiline,
      ...(change === null
        ? {}
        : {
            change: {
              part: change.tracker.part(),
              snapshot:
                setup.change?.keep === true
                  ? encoder.encode(kept.join(""))
                  : null,
              ...(setup.change?.lineKeys === true
                ? {
                    lineKeys: {
                      keys: keys.join(""),
                      keyLengths: Uint32Array.from(keys, (k) => k.length),
                      hashes: Float64Array.from(keys, keyHash),
                      lengths: Uint32Array.from(lengths),
                    },
                  }
                : {}),
            },
          }),
    };
  }

  /**
   * The block's comparison with the last scoring: a tracker of its own over the previous leads of
   * its IDs, its lists unlimited (a block is small) so that the main thread's join keeps exactly
   * the entries one pass in file order keeps.
   */
  function blockChange(
    job: CsvBlockJob,
    kept: string[],
    keys: string[],
    lengths: number[],
  ): CsvChange | null {
    const c = setup.change;
    if (c === null || job.change === undefined) return null;
    const last =
      c.scoredOn === null
        ? null
        : {
            scoredOn: c.scoredOn,
            idColumn: c.idColumn,
            model: "",
            leads: job.change.previous,
          };
    const tracker = new ChangeTracker(last, compiled.bands, {
      today: c.today,
      idColumn: c.idColumn,
      model: c.model,
      duplicates: new Set(job.change.duplicates),
      keepSnapshot: false,
      listLimit: Number.POSITIVE_INFINITY,
    });
    return new CsvChange(tracker, c.idIndex, {
      columns: c.columns,
      keep: !c.keep
        ? null
        : c.lineKeys
          ? (line, id) => {
              kept.push(line);
              keys.push(leadIdKey(id));
              lengths.push(line.length);
            }
          : (line) => void kept.push(line),
      idOf: csvIdOf,
    });
  }
}
