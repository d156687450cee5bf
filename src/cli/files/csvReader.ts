/**
 * Reading CSV as people export it, one record at a time, from a file of any size: with or
 * without a BOM, UTF-8 or Windows-1252 (what Excel on Windows saves), delimited by , ; tab
 * or |, with \r\n, \n or \r line ends (mixed ones too), RFC 4180 quotes. Every record carries
 * the line it starts on, so a problem can be reported where the user can find it; a quote
 * that never closes is an error, not a silent merge of the rest of the file into one cell.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CliError } from '../command';

export type Delimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface CsvRecord {
  readonly cells: string[];
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  /** True when a quoted cell holds a line break (the record spans several lines). */
  readonly multiline: boolean;
  /** The line where the record ends. */
  readonly lastLine: number;
  /** The record's text as it was in the file, when it had no quotes (so cells joined by the delimiter give it back). */
  readonly text?: string;
}

/** Where records come from: text already in memory, or a file read in chunks. */
interface TextSource {
  /** The next piece of text, or null at the end. */
  next(): string | null;
  close(): void;
}

const CHUNK_BYTES = 1 << 22;

/**
 * A CSV text that cannot be read as a table, at a line. The line and the detail are kept apart
 * so that a block of the file read on its own (csvBlocks.ts) can report its lines relative to
 * the block, and the message can be rebuilt with the file's own line numbers.
 */
export class CsvSyntaxError extends CliError {
  constructor(
    readonly where: string,
    readonly line: number,
    /** What follows "<where>, line <n>" in the message. */
    readonly detail: string,
  ) {
    super(`${where}, line ${line}${detail}`);
  }
}

export function describeDelimiter(d: Delimiter): string {
  return d === '\t' ? 'tab' : `'${d}'`;
}

/**
 * Records of a CSV text. The delimiter is the candidate that occurs most often (outside
 * quotes) on the header line; a header with none of them is one column.
 */
export class CsvReader {
  private buffer = '';
  private pos = 0;
  private atEnd = false;
  private line = 1;
  private nextQuote = -1;
  private nextLf = -1;
  private nextCr = -1;
  readonly delimiter: Delimiter;
  /** Bytes of the file consumed so far, and in all, for progress. */
  bytesRead = 0;
  totalBytes = 0;

  constructor(
    private readonly source: TextSource,
    private readonly where: string,
    delimiter?: Delimiter,
    skipBom = true,
  ) {
    this.fill();
    if (skipBom && this.buffer.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.delimiter = delimiter ?? this.guessDelimiter();
  }

  /**
   * Records of a text in memory. A block from the middle of a file (csvBlocks.ts) gives the
   * file's delimiter and keeps a leading U+FEFF: only the file's first character can be a BOM.
   */
  static fromText(text: string, where = 'the text', block?: { readonly delimiter: Delimiter }): CsvReader {
    let given = false;
    return new CsvReader(
      {
        next: () => {
          if (given) return null;
          given = true;
          return text;
        },
        close: () => {},
      },
      where,
      block?.delimiter,
      block === undefined,
    );
  }

  /** The line the next record starts on: after the last record of a text, 1 + the line breaks read. */
  get lineNumber(): number {
    return this.line;
  }

  /** Reads the file in chunks; the encoding must be known (see detectCsvEncoding). */
  static fromFile(path: string, encoding: 'utf-8' | 'windows-1252'): CsvReader {
    const fd = openSync(path, 'r');
    const decoder = new TextDecoder(encoding);
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let ended = false;
    /** The decoder may hold the start of a character split between chunks. */
    let decoderPending = false;
    let reader: CsvReader | null = null;
    const source: TextSource = {
      next: () => {
        if (ended) return null;
        const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
        if (reader !== null) reader.bytesRead += n;
        if (n === 0) {
          ended = true;
          return decoder.decode();
        }
        const bytes = chunk.subarray(0, n);
        // Plain ASCII is the same in every encoding read here; latin1 turns it into text fastest.
        if (!decoderPending && isAscii(bytes)) return bytes.toString('latin1');
        // A character can only be split if the chunk ends inside a multi-byte sequence (a byte >= 0x80).
        decoderPending = (bytes[n - 1] ?? 0) >= 0x80;
        return decoder.decode(bytes, { stream: true });
      },
      close: () => closeSync(fd),
    };
    try {
      reader = new CsvReader(source, path);
      reader.totalBytes = fstatSync(fd).size;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return reader;
  }

  close(): void {
    this.source.close();
  }

  /** Appends the next chunk; false at the end of the input. */
  private fill(): boolean {
    if (this.atEnd) return false;
    const more = this.source.next();
    if (more === null) {
      this.atEnd = true;
      return false;
    }
    this.buffer = this.pos === 0 ? this.buffer + more : this.buffer.slice(this.pos) + more;
    this.pos = 0;
    this.nextQuote = this.nextLf = this.nextCr = -1;
    return true;
  }

  private guessDelimiter(): Delimiter {
    // Enough text to hold the header line.
    while (!this.atEnd && !/[\r\n]/.test(this.buffer.slice(this.pos)) && this.buffer.length - this.pos < 1 << 24) this.fill();
    const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
    let quoted = false;
    for (let i = this.pos; i < this.buffer.length; i++) {
      const c = this.buffer[i]!;
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === '\n' || c === '\r')) break;
      else if (!quoted && counts.has(c as Delimiter)) counts.set(c as Delimiter, (counts.get(c as Delimiter) ?? 0) + 1);
    }
    let best: Delimiter = ',';
    for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
    return best;
  }

  private find(char: string, cached: number): number {
    if (cached >= this.pos) return cached;
    if (cached === -2) return -2; // known absent from the rest of the buffer
    const at = this.buffer.indexOf(char, this.pos);
    return at === -1 ? -2 : at;
  }

  /** The next record, or null at the end of the file. */
  next(): CsvRecord | null {
    for (;;) {
      while (this.pos >= this.buffer.length) if (!this.fill()) return null;
      const record = this.parseRecord();
      if (record !== null) return record;
      // parseRecord gives up only before the end of the input; at the end it completes or throws.
      if (this.atEnd) throw new Error('CSV reader made no progress');
      this.fill();
    }
  }

  /** One record from the buffer, or null when the buffer ends before the record does. */
  private parseRecord(): CsvRecord | null {
    this.nextLf = this.find('\n', this.nextLf);
    this.nextCr = this.find('\r', this.nextCr);
    this.nextQuote = this.find('"', this.nextQuote);
    const lf = this.nextLf;
    const cr = this.nextCr;
    const lineEnd = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    const quote = this.nextQuote;
    if (quote < 0 || (lineEnd >= 0 && quote > lineEnd)) {
      // No quote on this line: split it as it is (the common case, and the fast one).
      if (lineEnd < 0 && !this.atEnd) return null;
      if (lineEnd === cr && cr >= 0 && cr + 1 >= this.buffer.length && !this.atEnd) return null; // \r\n split across chunks
      const end = lineEnd < 0 ? this.buffer.length : lineEnd;
      const text = this.buffer.slice(this.pos, end);
      const record: CsvRecord = { cells: text.split(this.delimiter), line: this.line, lastLine: this.line, multiline: false, text };
      this.pos = end < 0 || end >= this.buffer.length ? this.buffer.length : end + (this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? 2 : 1);
      this.line += 1;
      return record;
    }
    return this.parseQuotedRecord();
  }

  private parseQuotedRecord(): CsvRecord | null {
    const b = this.buffer;
    const d = this.delimiter;
    const cells: string[] = [];
    const startLine = this.line;
    let lines = 0;
    let i = this.pos;
    let multiline = false;
    for (;;) {
      // One cell starting at i.
      if (b[i] === '"') {
        const openedAt = startLine + lines;
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = b.indexOf('"', from);
          if (q < 0) {
            if (!this.atEnd) return null;
            throw new CsvSyntaxError(
              this.where,
              openedAt,
              ': a quote opens a cell that is never closed; the rest of the file would merge into one cell. Close the quote (a quote inside a quoted cell is written "")',
            );
          }
          if (q + 1 >= b.length && !this.atEnd) return null;
          value += b.slice(from, q);
          if (b[q + 1] === '"') {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const breaks = countLineBreaks(value);
        if (breaks > 0) multiline = true;
        lines += breaks;
        const c = b[i];
        if (c !== undefined && c !== d && c !== '\n' && c !== '\r') {
          throw new CsvSyntaxError(this.where, startLine + lines, `, cell ${cells.length + 1}: text after the closing quote of a quoted cell (${JSON.stringify(b.slice(i, i + 20))}); is a quote unbalanced?`);
        }
        cells.push(value);
      } else {
        let j = i;
        while (j < b.length && b[j] !== d && b[j] !== '\n' && b[j] !== '\r') j++;
        if (j >= b.length && !this.atEnd) return null;
        cells.push(b.slice(i, j));
        i = j;
      }
      const c = b[i];
      if (c === d) {
        i += 1;
        continue;
      }
      if (c === '\r' && i + 1 >= b.length && !this.atEnd) return null;
      this.pos = c === undefined ? b.length : i + (c === '\r' && b[i + 1] === '\n' ? 2 : 1);
      this.line = startLine + lines + 1;
      return { cells, line: startLine, lastLine: startLine + lines, multiline };
    }
  }
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * The file's encoding: UTF-8 when every byte sequence is valid UTF-8 (with or without BOM),
 * else Windows-1252. Reads the file once in chunks; refuses binary data (NUL bytes at the start).
 */
export function detectCsvEncoding(path: string): 'utf-8' | 'windows-1252' {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES + 4);
    let carry = 0;
    let first = true;
    for (;;) {
      const n = readSync(fd, chunk, carry, CHUNK_BYTES, null);
      const length = carry + n;
      if (first) {
        first = false;
        const head = chunk.subarray(0, Math.min(length, 4096));
        if (head.includes(0)) throw new CliError(`${path}: this is not a text (CSV) file; it holds binary data`);
      }
      if (n === 0) return carry === 0 || isUtf8(chunk.subarray(0, carry)) ? 'utf-8' : 'windows-1252';
      // Check up to the start of a possibly split multi-byte sequence; carry that over.
      let cut = length;
      for (let back = 1; back <= 3 && length - back >= 0; back++) {
        const byte = chunk[length - back]!;
        if ((byte & 0xc0) === 0xc0) {
          cut = length - back;
          break;
        }
        if ((byte & 0x80) === 0) break;
      }
      if (!isUtf8(chunk.subarray(0, cut))) return 'windows-1252';
      chunk.copy(chunk, 0, cut, length);
      carry = length - cut;
    }
  } finally {
    closeSync(fd);
  }
}
