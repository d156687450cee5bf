/**
 * The snapshot of a CSV file's first scoring on worker threads, built from the scoring pass
 * itself rather than from a first pass over the file: a first scoring writes no Change, so it
 * only has to leave out the IDs several leads share, and that is known once every lead is read.
 * Each block sends back its snapshot lines as bytes and, per line, its length, its ID key and a
 * hash of that key; the lines are written at the end, those of shared IDs left out, as the
 * one-thread path writes them. The keys travel as one string per block and the hashes as a
 * typed array: a million key strings cloned to the main thread and held in a set cost about as
 * much as the scoring's own work on the main thread.
 */
import type { SnapshotWriter } from './csvSnapshot';

/** What a worker sends back of one block: its lines (UTF-8) and, per line, its length in characters, its ID key's length, the keys joined, and each key's hash (keyHash). */
export interface BlockSnapshotLines {
  readonly lines: Uint8Array;
  readonly lengths: Uint32Array;
  readonly keyLengths: Uint32Array;
  readonly keys: string;
  readonly hashes: Float64Array;
}

/** A 53-bit hash of an ID key (two 32-bit multiplicative hashes): equal hashes are only candidates, checked on the keys themselves. */
export function keyHash(key: string): number {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

export class FirstScoringSnapshot {
  private readonly blocks: BlockSnapshotLines[] = [];
  private leads = 0;
  private noId = 0;
  private lines = 0;
  /** Keys several leads share, worked out once every block is in. */
  private sharedKeys: { readonly hashes: ReadonlySet<number>; readonly keys: ReadonlySet<string> } | null = null;

  /** A block's lines, in file order; `leads` and `noId` count its leads and those without an ID. */
  take(block: BlockSnapshotLines, leads: number, noId: number): void {
    this.blocks.push(block);
    this.leads += leads;
    this.noId += noId;
    this.lines += block.hashes.length;
  }

  /** Keys met more than once: hashes met more than once (sorted), then those leads' keys compared. */
  private shared(): { readonly hashes: ReadonlySet<number>; readonly keys: ReadonlySet<string> } {
    if (this.sharedKeys !== null) return this.sharedKeys;
    const all = new Float64Array(this.lines);
    let at = 0;
    for (const block of this.blocks) {
      all.set(block.hashes, at);
      at += block.hashes.length;
    }
    all.sort();
    const twice = new Set<number>();
    for (let k = 1; k < all.length; k++) if (all[k] === all[k - 1]) twice.add(all[k]!);
    const counts = new Map<string, number>();
    if (twice.size > 0) {
      this.eachLine((block, k, key) => {
        if (twice.has(block.hashes[k]!)) counts.set(key(), (counts.get(key()) ?? 0) + 1);
      });
    }
    const keys = new Set<string>();
    for (const [key, n] of counts) if (n > 1) keys.add(key);
    this.sharedKeys = { hashes: twice, keys };
    return this.sharedKeys;
  }

  /** Calls `visit` for each line of each block with its ID key (made only when asked). */
  private eachLine(visit: (block: BlockSnapshotLines, k: number, key: () => string) => void): void {
    for (const block of this.blocks) {
      let from = 0;
      for (let k = 0; k < block.keyLengths.length; k++) {
        const start = from;
        const end = start + block.keyLengths[k]!;
        visit(block, k, () => block.keys.slice(start, end));
        from = end;
      }
    }
  }

  /** Whether detection takes this column without reading the others (findIdColumn): IDs unique, filled for at least half the leads. */
  get usableForDetection(): boolean {
    return this.shared().keys.size === 0 && this.noId * 2 <= this.leads;
  }

  /** Writes the lines in file order, without those of shared IDs (they are 'duplicateId' leads, which a snapshot does not keep). */
  writeInto(writer: SnapshotWriter): void {
    const { hashes, keys } = this.shared();
    const decoder = new TextDecoder();
    for (const block of this.blocks.splice(0)) {
      let keyAt = 0;
      const drop: boolean[] = [];
      let dropped = false;
      for (let k = 0; k < block.keyLengths.length; k++) {
        const end = keyAt + block.keyLengths[k]!;
        const out = keys.size > 0 && hashes.has(block.hashes[k]!) && keys.has(block.keys.slice(keyAt, end));
        drop.push(out);
        dropped ||= out;
        keyAt = end;
      }
      if (!dropped) {
        writer.write(block.lines);
        continue;
      }
      const text = decoder.decode(block.lines);
      let at = 0;
      for (let k = 0; k < block.lengths.length; k++) {
        const length = block.lengths[k]!;
        if (drop[k] !== true) writer.line(text.slice(at, at + length));
        at += length;
      }
    }
  }
}
