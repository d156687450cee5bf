/**
 * The snapshot of a CSV file's first scoring on worker threads, built from the scoring pass
 * itself rather than from a first pass over the file: a first scoring writes no Change, so it
 * only has to leave out the IDs several leads share, and that is known once every lead is read.
 * Each block sends back its snapshot lines as bytes, their lengths and their ID keys; the lines
 * are written at the end, those of shared IDs left out, as the one-thread path writes them.
 */
import type { SnapshotWriter } from './csvSnapshot';

/** What a worker sends back of one block for this: its lines (UTF-8), each line's length in characters, and each line's ID key. */
export interface BlockSnapshotLines {
  readonly lines: Uint8Array;
  readonly lengths: Uint32Array;
  readonly keys: readonly string[];
}

export class FirstScoringSnapshot {
  private readonly blocks: BlockSnapshotLines[] = [];
  /** Every ID key met, and those met more than once. */
  private readonly seen = new Set<string>();
  private readonly shared = new Set<string>();
  private leads = 0;
  private noId = 0;

  /** A block's lines, in file order; `leads` and `noId` count its leads and those without an ID. */
  take(block: BlockSnapshotLines, leads: number, noId: number): void {
    this.blocks.push(block);
    this.leads += leads;
    this.noId += noId;
    for (const key of block.keys) {
      if (this.seen.has(key)) this.shared.add(key);
      else this.seen.add(key);
    }
  }

  /** Whether detection takes this column without reading the others (findIdColumn): IDs unique, filled for at least half the leads. */
  get usableForDetection(): boolean {
    return this.shared.size === 0 && this.noId * 2 <= this.leads;
  }

  /** Writes the lines in file order, without those of shared IDs (they are 'duplicateId' leads, which a snapshot does not keep). */
  writeInto(writer: SnapshotWriter): void {
    const decoder = new TextDecoder();
    this.seen.clear();
    for (const block of this.blocks.splice(0)) {
      if (!block.keys.some((key) => this.shared.has(key))) {
        writer.write(block.lines);
        continue;
      }
      const text = decoder.decode(block.lines);
      let at = 0;
      block.keys.forEach((key, k) => {
        const length = block.lengths[k] ?? 0;
        if (!this.shared.has(key)) writer.line(text.slice(at, at + length));
        at += length;
      });
    }
    this.shared.clear();
  }
}
