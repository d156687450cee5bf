/**
 * The zip container of an .xlsx, read and written directly (node:zlib), so that scoring a
 * workbook rewrites only the lead sheet and copies every other part byte for byte.
 *
 * Reading trusts nothing: the central directory must lie inside the file, every part is
 * inflated with a ceiling (a part that would inflate beyond it is refused, before any
 * memory is spent on it), and every part's CRC-32 is checked. Zip64 archives (parts or
 * offsets beyond 4 GB, more than 65,535 parts) are read, and written when needed.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, createDeflateRaw, createInflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { CliError } from '../command';
import type { AtomicFile } from './atomicFile';

/** Largest part inflated into memory (shared strings, styles, the model sheet...). */
export const MAX_PART_BYTES = 512 * 1024 * 1024;
/** Largest part streamed (a lead sheet): beyond it a sheet cannot be what Excel writes. */
export const MAX_STREAMED_PART_BYTES = 8 * 1024 * 1024 * 1024;
/** Ratio beyond which a part is a zip bomb rather than XML (real sheets compress 5-30x). */
const MAX_RATIO = 1000;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly dosTime: number;
  readonly dosDate: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

export class ZipReader {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  private readonly fd: number;
  readonly fileSize: number;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
    this.fileSize = fstatSync(fd).size;
    this.entries = this.readDirectory();
  }

  static open(path: string): ZipReader {
    const fd = openSync(path, 'r');
    try {
      return new ZipReader(path, fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  private closed = false;

  /** Closes the file (once; later calls do nothing). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private damaged(why: string): CliError {
    return new CliError(`${this.path}: the workbook cannot be read; it is damaged or not an .xlsx file (${why})`);
  }

  private read(position: number, length: number): Buffer {
    if (position < 0 || length < 0 || position + length > this.fileSize) throw this.damaged('a part lies beyond the end of the file; is it truncated?');
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, position + done);
      if (n === 0) throw this.damaged('the file ended early');
      done += n;
    }
    return buffer;
  }

  private readDirectory(): Map<string, ZipEntry> {
    const tailLength = Math.min(this.fileSize, 22 + 0xffff);
    const tail = this.read(this.fileSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw this.damaged('no zip directory at the end; is it truncated?');
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    const eocdAt = this.fileSize - tailLength + eocd;
    // A zip64 end record, when there is one, holds the values: its locator sits just before the
    // classic end record. It must be there when a classic value says "see zip64" (all ones).
    const overflowed = count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff;
    const locator = eocdAt - 20 >= 0 ? this.read(eocdAt - 20, 20) : null;
    if (locator !== null && locator.readUInt32LE(0) === SIG_EOCD64_LOCATOR) {
      const at = Number(locator.readBigUInt64LE(8));
      const record = at + 56 <= this.fileSize ? this.read(at, 56) : null;
      if (record !== null && record.readUInt32LE(0) === SIG_EOCD64) {
        count = Number(record.readBigUInt64LE(32));
        directorySize = Number(record.readBigUInt64LE(40));
        directoryOffset = Number(record.readBigUInt64LE(48));
      } else if (overflowed) throw this.damaged('a damaged zip64 directory');
    } else if (overflowed) throw this.damaged('a zip64 directory without its locator');
    if (directoryOffset + directorySize > this.fileSize || count > directorySize / 46) throw this.damaged('the zip directory does not fit in the file');
    const directory = this.read(directoryOffset, directorySize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== SIG_CENTRAL) throw this.damaged('a damaged zip directory entry');
      const flags = directory.readUInt16LE(p + 8);
      const method = directory.readUInt16LE(p + 10);
      const dosTime = directory.readUInt16LE(p + 12);
      const dosDate = directory.readUInt16LE(p + 14);
      const crc = directory.readUInt32LE(p + 16);
      let compressedSize = directory.readUInt32LE(p + 20);
      let size = directory.readUInt32LE(p + 24);
      const nameLength = directory.readUInt16LE(p + 28);
      const extraLength = directory.readUInt16LE(p + 30);
      const commentLength = directory.readUInt16LE(p + 32);
      let localOffset = directory.readUInt32LE(p + 42);
      const nameEnd = p + 46 + nameLength;
      if (nameEnd + extraLength + commentLength > directory.length) throw this.damaged('a damaged zip directory entry');
      const name = directory.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, nameEnd);
      // Zip64: the fields that overflowed are in extra field 0x0001, in this order.
      let e = nameEnd;
      while (e + 4 <= nameEnd + extraLength) {
        const id = directory.readUInt16LE(e);
        const length = directory.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const take = (): number => {
            if (q + 8 > e + 4 + length) throw this.damaged('a damaged zip64 field');
            const v = Number(directory.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localOffset === 0xffffffff) localOffset = take();
        }
        e += 4 + length;
      }
      if (flags & 0x1) {
        throw new CliError(`${this.path}: the workbook's parts are encrypted; open it in Excel, remove the password, save it and try again`);
      }
      entries.set(name.replace(/^\//, ''), { name, method, flags, crc, compressedSize, size, localOffset, dosTime, dosDate });
      p = nameEnd + extraLength + commentLength;
    }
    return entries;
  }

  /** Where the entry's compressed bytes start (after its local header). */
  private dataOffset(entry: ZipEntry): number {
    const header = this.read(entry.localOffset, 30);
    if (header.readUInt32LE(0) !== SIG_LOCAL) throw this.damaged(`part ${entry.name} is not where the directory says`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) throw this.damaged(`part ${entry.name} runs past the end of the file; is it truncated?`);
    return start;
  }

  private checkMethod(entry: ZipEntry): void {
    if (entry.method !== 0 && entry.method !== 8) throw this.damaged(`part ${entry.name} uses compression method ${entry.method}, which Excel does not write`);
  }

  private checkCeiling(entry: ZipEntry, ceiling: number): void {
    if (entry.size > ceiling || entry.size > Math.max(entry.compressedSize, 1024) * MAX_RATIO) {
      throw new CliError(
        `${this.path}: part ${entry.name} would inflate to ${entry.size.toLocaleString('en')} bytes from ${entry.compressedSize.toLocaleString('en')}; ` +
          'that is beyond what a workbook holds (a "zip bomb"?), so it is not read',
      );
    }
  }

  /** A whole part, inflated and checked. */
  readEntry(name: string, ceiling = MAX_PART_BYTES): Buffer {
    const entry = this.entries.get(name);
    if (entry === undefined) throw this.damaged(`part ${name} is missing`);
    this.checkMethod(entry);
    this.checkCeiling(entry, ceiling);
    const raw = this.read(this.dataOffset(entry), entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else {
      try {
        // One byte more than declared: a part that lies about its size is caught, not trusted.
        data = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE') throw this.damaged(`part ${name} inflates beyond its declared size`);
        throw this.damaged(`part ${name} does not inflate: ${(error as Error).message}`);
      }
    }
    if (data.length !== entry.size) throw this.damaged(`part ${name} has ${data.length} bytes, not the ${entry.size} its directory entry says`);
    if (crc32(data) >>> 0 !== entry.crc) throw this.damaged(`part ${name} fails its checksum`);
    return data;
  }

  /** A part's inflated bytes in chunks, checked for size and CRC at the end. */
  async *streamEntry(name: string, ceiling = MAX_STREAMED_PART_BYTES): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw this.damaged(`part ${name} is missing`);
    this.checkMethod(entry);
    this.checkCeiling(entry, ceiling);
    const CHUNK = 1 << 20;
    let crc = 0;
    let size = 0;
    const account = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > entry.size) throw this.damaged(`part ${name} inflates beyond its declared size`);
      crc = crc32(chunk, crc);
    };
    if (entry.method === 0) {
      for (const chunk of this.rawChunks(entry)) {
        account(chunk);
        yield chunk;
      }
    } else {
      // zlib inflates on its own thread, ahead of the reader, while this one parses.
      const inflater = createInflateRaw({ chunkSize: CHUNK });
      const source = Readable.from(this.rawChunks(entry));
      source.on('error', (error) => inflater.destroy(error));
      source.pipe(inflater);
      try {
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          account(chunk);
          yield chunk;
        }
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw this.damaged(`part ${name} does not inflate: ${(error as Error).message}`);
      } finally {
        inflater.destroy();
      }
    }
    if (size !== entry.size) throw this.damaged(`part ${name} has ${size} bytes, not the ${entry.size} its directory entry says`);
    if (crc >>> 0 !== entry.crc) throw this.damaged(`part ${name} fails its checksum`);
  }

  /** The entry's compressed bytes, in chunks, for copying it unchanged. */
  *rawChunks(entry: ZipEntry): Generator<Buffer> {
    const start = this.dataOffset(entry);
    const CHUNK = 1 << 20;
    for (let at = 0; at < entry.compressedSize; at += CHUNK) yield this.read(start + at, Math.min(CHUNK, entry.compressedSize - at));
  }
}

interface WrittenEntry {
  readonly nameBytes: Buffer;
  readonly method: number;
  readonly flags: number;
  readonly dosTime: number;
  readonly dosDate: number;
  crc: number;
  compressedSize: number;
  size: number;
  readonly localOffset: number;
}

function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  return {
    dosTime: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    dosDate: ((Math.max(1980, date.getFullYear()) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

const U32 = 0xffffffff;

/** Writes a zip into an AtomicFile: copied parts, whole new parts, and streamed parts. */
export class ZipWriter {
  private readonly written: WrittenEntry[] = [];
  /** Sizes and offsets from here on are written in zip64 records: 4 GB, lowered by tests to reach those records with small files. */
  private readonly zip64From: number;

  constructor(
    private readonly out: AtomicFile,
    options: { readonly zip64From?: number } = {},
  ) {
    this.zip64From = Math.min(U32, options.zip64From ?? U32);
  }

  private localHeader(entry: WrittenEntry, zip64: boolean): Buffer {
    const extra = zip64 ? 20 : 0;
    const header = Buffer.alloc(30 + entry.nameBytes.length + extra);
    header.writeUInt32LE(SIG_LOCAL, 0);
    header.writeUInt16LE(zip64 ? 45 : 20, 4);
    header.writeUInt16LE(entry.flags, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(entry.dosTime, 10);
    header.writeUInt16LE(entry.dosDate, 12);
    header.writeUInt32LE(entry.crc >>> 0, 14);
    header.writeUInt32LE(zip64 ? U32 : entry.compressedSize, 18);
    header.writeUInt32LE(zip64 ? U32 : entry.size, 22);
    header.writeUInt16LE(entry.nameBytes.length, 26);
    header.writeUInt16LE(extra, 28);
    entry.nameBytes.copy(header, 30);
    if (zip64) {
      const e = 30 + entry.nameBytes.length;
      header.writeUInt16LE(0x0001, e);
      header.writeUInt16LE(16, e + 2);
      header.writeBigUInt64LE(BigInt(entry.size), e + 4);
      header.writeBigUInt64LE(BigInt(entry.compressedSize), e + 12);
    }
    return header;
  }

  private begin(name: string, method: number, time?: { dosTime: number; dosDate: number }): WrittenEntry {
    const nameBytes = Buffer.from(name, 'utf8');
    const { dosTime, dosDate } = time ?? dosDateTime(new Date());
    // Bit 11: the name is UTF-8. No data descriptors: sizes are patched into the header.
    const flags = /[^\x20-\x7e]/.test(name) ? 0x800 : 0;
    return { nameBytes, method, flags, dosTime, dosDate, crc: 0, compressedSize: 0, size: 0, localOffset: this.out.size };
  }

  /** Copies a part of another zip without inflating it. */
  copy(reader: ZipReader, entry: ZipEntry): void {
    const written = this.begin(entry.name.replace(/^\//, ''), entry.method, entry);
    written.crc = entry.crc;
    written.compressedSize = entry.compressedSize;
    written.size = entry.size;
    const zip64 = entry.size >= this.zip64From || entry.compressedSize >= this.zip64From;
    this.out.write(this.localHeader(written, zip64));
    for (const chunk of reader.rawChunks(entry)) this.out.write(chunk);
    this.written.push(written);
  }

  /** Adds a part given whole. */
  add(name: string, content: Buffer | string): void {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const compressed = data.length > 64 ? deflateWhole(data) : null;
    const method = compressed === null ? 0 : 8;
    const entry = this.begin(name, method);
    entry.crc = crc32(data) >>> 0;
    entry.size = data.length;
    entry.compressedSize = compressed === null ? data.length : compressed.length;
    this.out.write(this.localHeader(entry, false));
    this.out.write(compressed ?? data);
    this.written.push(entry);
  }

  /**
   * A part written in pieces through deflate. `expectLarge` reserves zip64 fields in the
   * local header for a part that may pass 4 GB.
   */
  async stream(name: string, produce: (write: (text: string) => Promise<void>) => Promise<void>, expectLarge = false): Promise<void> {
    const part = this.open(name, expectLarge);
    await produce(part.write);
    await part.end();
  }

  /** A part written in pieces: write text, then end (which patches the sizes into its header). */
  open(name: string, expectLarge = false): { write: (text: string) => Promise<void>; end: () => Promise<void> } {
    const entry = this.begin(name, 8);
    this.out.write(this.localHeader(entry, expectLarge));
    const deflater = createDeflateRaw({ level: 3, chunkSize: 1 << 20 });
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let failure: Error | null = null;
    deflater.on('data', (chunk: Buffer) => {
      compressedSize += chunk.length;
      // A failed write (a full disk) is kept and thrown by the next write or end, not lost in an event.
      if (failure !== null) return;
      try {
        this.out.write(chunk);
      } catch (error) {
        failure = error as Error;
      }
    });
    deflater.on('error', (error) => (failure = error));
    const write = async (text: string): Promise<void> => {
      if (failure !== null) throw failure;
      if (text.length === 0) return;
      const bytes = Buffer.from(text, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflater.write(bytes)) await new Promise<void>((resolve) => deflater.once('drain', resolve));
      if (failure !== null) throw failure;
    };
    const end = async (): Promise<void> => {
      await new Promise<void>((resolve, reject) => {
        deflater.once('end', resolve);
        deflater.once('error', reject);
        deflater.end();
      });
      if (failure !== null) throw failure;
      entry.crc = crc >>> 0;
      entry.size = size;
      entry.compressedSize = compressedSize;
      if (!expectLarge && (size >= this.zip64From || compressedSize >= this.zip64From)) throw new CliError(`${name}: the part is larger than 4 GB uncompressed; Excel cannot open it`);
      this.out.writeAt(this.localHeader(entry, expectLarge), entry.localOffset);
      this.written.push(entry);
    };
    return { write, end };
  }

  /** The central directory and end records. */
  finish(): void {
    const directoryOffset = this.out.size;
    for (const entry of this.written) {
      const needs64 = entry.size >= this.zip64From || entry.compressedSize >= this.zip64From || entry.localOffset >= this.zip64From;
      const extra = needs64 ? 28 : 0;
      const record = Buffer.alloc(46 + entry.nameBytes.length + extra);
      record.writeUInt32LE(SIG_CENTRAL, 0);
      record.writeUInt16LE(needs64 ? 45 : 20, 4);
      record.writeUInt16LE(needs64 ? 45 : 20, 6);
      record.writeUInt16LE(entry.flags, 8);
      record.writeUInt16LE(entry.method, 10);
      record.writeUInt16LE(entry.dosTime, 12);
      record.writeUInt16LE(entry.dosDate, 14);
      record.writeUInt32LE(entry.crc >>> 0, 16);
      record.writeUInt32LE(needs64 ? U32 : entry.compressedSize, 20);
      record.writeUInt32LE(needs64 ? U32 : entry.size, 24);
      record.writeUInt16LE(entry.nameBytes.length, 28);
      record.writeUInt16LE(extra, 30);
      record.writeUInt32LE(needs64 ? U32 : entry.localOffset, 42);
      entry.nameBytes.copy(record, 46);
      if (needs64) {
        const e = 46 + entry.nameBytes.length;
        record.writeUInt16LE(0x0001, e);
        record.writeUInt16LE(24, e + 2);
        record.writeBigUInt64LE(BigInt(entry.size), e + 4);
        record.writeBigUInt64LE(BigInt(entry.compressedSize), e + 12);
        record.writeBigUInt64LE(BigInt(entry.localOffset), e + 20);
      }
      this.out.write(record);
    }
    const directorySize = this.out.size - directoryOffset;
    const count = this.written.length;
    if (count >= 0xffff || directoryOffset >= this.zip64From || directorySize >= this.zip64From) {
      const eocd64At = this.out.size;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(SIG_EOCD64, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(directorySize), 40);
      record.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(SIG_EOCD64_LOCATOR, 0);
      locator.writeBigUInt64LE(BigInt(eocd64At), 8);
      locator.writeUInt32LE(1, 16);
      this.out.write(record);
      this.out.write(locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(SIG_EOCD, 0);
    // Values that do not fit say "see zip64" (all ones); the ones that fit are written as they are.
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(directorySize, U32), 12);
    end.writeUInt32LE(Math.min(directoryOffset, U32), 16);
    this.out.write(end);
  }
}

function deflateWhole(data: Buffer): Buffer | null {
  // Deflate pays off for XML; a part that does not shrink is stored.
  const compressed = deflateRawSync(data, { level: 6 });
  return compressed.length < data.length ? compressed : null;
}
