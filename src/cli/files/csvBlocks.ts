/**
 * A CSV file cut into blocks of whole records, as bytes, so that the blocks can be read and
 * scored on several threads and their output put back in file order (scoring/parallelCsv.ts).
 *
 * A block ends just after a line feed that ends a record: one outside any quoted cell, found
 * by following the quotes the way CsvReader does (a quote opens a cell only as the cell's
 * first character; "" inside a quoted cell is a quote). The bytes `"`, `\n`, `\r` and the
 * delimiters are ASCII, and neither UTF-8 nor Windows-1252 uses those values inside another
 * character, so the cut is made on bytes, before decoding, and never splits a character.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Delimiter } from './csvReader';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The offset just after the last line feed of `bytes` that ends a record, given that
 * `bytes` starts at the start of a record; -1 when no record ends in it with a line feed.
 */
export function lastRecordEnd(bytes: Uint8Array, delimiter: number): number {
  const firstQuote = bytes.indexOf(QUOTE);
  if (firstQuote < 0) return bytes.lastIndexOf(LF) + 1 || -1;
  // Up to the line holding the first quote, nothing is quoted.
  let i = bytes.lastIndexOf(LF, firstQuote) + 1;
  let last = i > 0 ? i : -1;
  const lastQuote = bytes.lastIndexOf(QUOTE);
  let quoted = false;
  let cellStart = true;
  for (; i <= lastQuote; i++) {
    const c = bytes[i]!;
    if (quoted) {
      if (c === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else quoted = false;
      }
    } else if (c === QUOTE && cellStart) {
      quoted = true;
      cellStart = false;
    } else if (c === LF) {
      last = i + 1;
      cellStart = true;
    } else cellStart = c === delimiter || c === CR;
  }
  // After the last quote nothing is quoted, unless a quoted cell is still open.
  if (quoted) return last;
  const lastLf = bytes.lastIndexOf(LF);
  return lastLf > lastQuote ? lastLf + 1 : last;
}

/** Reads a CSV file from an offset as blocks of whole records of about `blockBytes` each. */
export class CsvBlocks {
  private readonly fd: number;
  private carry: Uint8Array = new Uint8Array(0);
  private atEnd = false;
  private readonly delimiterByte: number;
  /** Bytes of the file handed out in blocks so far (with the offset it started at), for progress. */
  bytesRead: number;

  constructor(
    path: string,
    start: number,
    delimiter: Delimiter,
    private readonly blockBytes: number,
  ) {
    this.fd = openSync(path, 'r');
    this.bytesRead = start;
    this.position = start;
    this.delimiterByte = delimiter.charCodeAt(0);
  }

  private position: number;

  /**
   * The next block (a buffer of its own, so it can be transferred to a worker), or null at
   * the end. A record longer than a block (a long quoted note) makes the block grow to hold it.
   */
  next(): Uint8Array | null {
    let want = this.blockBytes;
    for (;;) {
      if (this.atEnd) {
        const rest = this.carry;
        this.carry = new Uint8Array(0);
        this.bytesRead += rest.length;
        return rest.length > 0 ? rest : null;
      }
      const buffer = new Uint8Array(this.carry.length + want);
      buffer.set(this.carry);
      let filled = this.carry.length;
      while (filled < buffer.length) {
        const n = readSync(this.fd, buffer, filled, buffer.length - filled, this.position);
        if (n === 0) {
          this.atEnd = true;
          break;
        }
        this.position += n;
        filled += n;
      }
      const bytes = buffer.subarray(0, filled);
      if (this.atEnd) {
        this.carry = bytes;
        continue;
      }
      const cut = lastRecordEnd(bytes, this.delimiterByte);
      if (cut <= 0) {
        // No record ends in it yet: read on, in bigger steps so a huge cell costs linear time.
        this.carry = bytes;
        want *= 2;
        continue;
      }
      this.carry = bytes.slice(cut);
      this.bytesRead += cut;
      return buffer.subarray(0, cut);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * The byte offset just after the first `lines` line breaks of a file (\r\n, \n or \r, as
 * CsvReader counts them), or null when the file has fewer: where the records after a header
 * spanning those lines start.
 */
export function offsetAfterLines(path: string, lines: number): number | null {
  const fd = openSync(path, 'r');
  try {
    const chunk = new Uint8Array(1 << 16);
    let position = 0;
    let count = 0;
    let pendingCr = false;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) return pendingCr && count === lines ? position : null;
      for (let i = 0; i < n; i++) {
        const c = chunk[i]!;
        if (pendingCr) {
          pendingCr = false;
          if (count === lines) return position + (c === LF ? i + 1 : i);
          if (c === LF) continue;
        }
        if (c === LF) {
          count++;
          if (count === lines) return position + i + 1;
        } else if (c === CR) {
          count++;
          // A \r may be the first half of \r\n: the next byte decides where the line ends.
          pendingCr = true;
        }
      }
      position += n;
    }
  } finally {
    closeSync(fd);
  }
}
