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
 * The offset just after the last line break of `bytes` that ends a record, given that `bytes`
 * starts at the start of a record; -1 when there is none. The break is a line feed; where no
 * line feed ends a record (a file with \r line ends only), a \r that is not the last byte (the
 * last one could be the first half of a \r\n; any other \r outside quotes then stands alone).
 */
export function lastRecordEnd(block: Uint8Array, delimiter: number): number {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const atLf = lastBreakOutsideQuotes(bytes, delimiter, LF);
  return atLf > 0 ? atLf : lastBreakOutsideQuotes(bytes.subarray(0, bytes.length - 1), delimiter, CR);
}

function lastBreakOutsideQuotes(bytes: Buffer, delimiter: number, lineBreak: number): number {
  const lastBreak = bytes.lastIndexOf(lineBreak);
  let q = bytes.indexOf(QUOTE);
  if (q < 0 || lastBreak < 0) return lastBreak + 1 || -1;
  // Quotes are usually few: jump from quote to quote (memchr), keeping the last line break
  // seen outside quoted cells. Where they are many, a byte loop is cheaper than the jumps.
  let last = -1;
  /** Where the text outside quoted cells resumes. */
  let from = 0;
  for (let jumps = 0; ; jumps++) {
    if (jumps > 64 && jumps * 256 > q) return lastBreakByBytes(bytes, from, last, delimiter, lineBreak);
    // A quote opens a cell only as its first character (the block starts a record).
    const before = q === 0 ? LF : bytes[q - 1]!;
    if (before === LF || before === CR || before === delimiter) {
      const atBreak = bytes.lastIndexOf(lineBreak, q);
      if (atBreak >= from) last = atBreak + 1;
      // The closing quote: the next one not doubled.
      let close = bytes.indexOf(QUOTE, q + 1);
      while (close >= 0 && bytes[close + 1] === QUOTE) close = bytes.indexOf(QUOTE, close + 2);
      if (close < 0) return last;
      from = close + 1;
    } else from = q + 1;
    q = bytes.indexOf(QUOTE, from);
    if (q < 0) return lastBreak >= from ? lastBreak + 1 : last;
  }
}

/** The byte loop, from `from` (outside any quoted cell: after a closing quote, or at a cell's start). */
function lastBreakByBytes(bytes: Uint8Array, from: number, lastSoFar: number, delimiter: number, lineBreak: number): number {
  let last = lastSoFar;
  let quoted = false;
  const c0 = from === 0 ? LF : bytes[from - 1]!;
  let cellStart = c0 === LF || c0 === CR || c0 === delimiter;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (quoted) {
      if (c === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else quoted = false;
      }
    } else if (c === QUOTE && cellStart) {
      quoted = true;
      cellStart = false;
    } else {
      if (c === lineBreak) last = i + 1;
      cellStart = c === delimiter || c === LF || c === CR;
    }
  }
  return last;
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
