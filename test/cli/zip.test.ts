import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAtomic } from '../../src/cli/files/atomicFile';
import { ZipReader, ZipWriter } from '../../src/cli/files/zip';

describe('the zip reader and writer', () => {
  it('round-trips whole, streamed and copied parts, with UTF-8 names, and copies a part byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-zip-'));
    const first = openAtomic(join(dir, 'a.zip'));
    const writer = new ZipWriter(first);
    writer.add('tiny.txt', 'hi');
    writer.add('xl/große.xml', '<x>'.repeat(10_000));
    await writer.stream('xl/worksheets/sheet1.xml', async (write) => {
      for (let i = 0; i < 1000; i++) await write(`<row r="${i + 1}"><c><v>${i}</v></c></row>`);
    });
    writer.finish();
    first.commit();

    const reader = ZipReader.open(join(dir, 'a.zip'));
    expect([...reader.entries.keys()]).toEqual(['tiny.txt', 'xl/große.xml', 'xl/worksheets/sheet1.xml']);
    expect(reader.readEntry('tiny.txt').toString()).toBe('hi');
    expect(reader.readEntry('xl/große.xml').toString()).toBe('<x>'.repeat(10_000));
    const chunks: Buffer[] = [];
    for await (const chunk of reader.streamEntry('xl/worksheets/sheet1.xml')) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toContain('<row r="1000"><c><v>999</v></c></row>');

    const second = openAtomic(join(dir, 'b.zip'));
    const copier = new ZipWriter(second);
    for (const entry of reader.entries.values()) copier.copy(reader, entry);
    copier.finish();
    second.commit();
    reader.close();
    // Same local headers, data and directory: the copy is the same file.
    expect(readFileSync(join(dir, 'b.zip')).equals(readFileSync(join(dir, 'a.zip')))).toBe(true);
  });

  it('refuses a part whose bytes fail their checksum', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-zip-'));
    const out = openAtomic(join(dir, 'c.zip'));
    const writer = new ZipWriter(out);
    writer.add('part.xml', 'a'.repeat(50));
    writer.finish();
    out.commit();
    const bytes = readFileSync(join(dir, 'c.zip'));
    const at = 30 + 'part.xml'.length + 3; // a stored part: flip a byte of its data
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(join(dir, 'c.zip'), bytes);
    const reader = ZipReader.open(join(dir, 'c.zip'));
    expect(() => reader.readEntry('part.xml')).toThrow(/fails its checksum/);
    reader.close();
  });
});

/**
 * Zip64: a workbook whose parts pass 4 GB, or with more than 65,535 parts, needs the zip64
 * records. Parts that size cannot be made in a test, so the 4 GB threshold is lowered; the
 * 65,535-part limit is met for real.
 */
describe('zip64 writing', () => {
  const SIG_EOCD64_LOCATOR = 0x07064b50;
  const SIG_EOCD64 = 0x06064b50;
  /** The classic end record's fields and whether a zip64 end record is located before it. */
  function endRecords(path: string): { count: number; directorySize: number; directoryOffset: number; zip64At: number | null } {
    const bytes = readFileSync(path);
    const end = bytes.length - 22;
    const hasLocator = bytes.readUInt32LE(end - 20) === SIG_EOCD64_LOCATOR;
    const zip64At = hasLocator ? Number(bytes.readBigUInt64LE(end - 20 + 8)) : null;
    if (zip64At !== null) expect(bytes.readUInt32LE(zip64At)).toBe(SIG_EOCD64);
    return { count: bytes.readUInt16LE(end + 10), directorySize: bytes.readUInt32LE(end + 12), directoryOffset: bytes.readUInt32LE(end + 16), zip64At };
  }

  it('more than 65,535 parts: the end record says so and the zip64 end record holds the count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-zip64-'));
    const out = openAtomic(join(dir, 'many.zip'));
    const writer = new ZipWriter(out);
    for (let i = 0; i < 65_540; i++) writer.add(`parts/${i}.xml`, `<v>${i}</v>`);
    writer.finish();
    out.commit();
    const end = endRecords(join(dir, 'many.zip'));
    expect(end.count).toBe(0xffff);
    expect(end.zip64At).not.toBeNull();
    const reader = ZipReader.open(join(dir, 'many.zip'));
    expect(reader.entries.size).toBe(65_540);
    expect(reader.readEntry('parts/0.xml').toString()).toBe('<v>0</v>');
    expect(reader.readEntry('parts/65539.xml').toString()).toBe('<v>65539</v>');
    reader.close();
  }, 60_000);

  it('sizes and offsets past the threshold go into zip64 fields, are read back, and copy byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-zip64-'));
    const zip64From = 1000;
    const out = openAtomic(join(dir, 'big.zip'));
    const writer = new ZipWriter(out, { zip64From });
    writer.add('first.txt', 'before the threshold');
    writer.add('xl/sharedStrings.xml', '<si><t>x</t></si>'.repeat(2000));
    await writer.stream(
      'xl/worksheets/sheet1.xml',
      async (write) => {
        for (let i = 0; i < 3000; i++) await write(`<row r="${i + 1}"><c><v>${i}</v></c></row>`);
      },
      true,
    );
    writer.add('last.txt', 'after it');
    writer.finish();
    out.commit();

    const end = endRecords(join(dir, 'big.zip'));
    expect(end.zip64At).not.toBeNull();
    expect(end.directoryOffset).toBeGreaterThanOrEqual(zip64From);
    const bytes = readFileSync(join(dir, 'big.zip'));
    // The streamed part's local header: sizes "see zip64" and extra field 0x0001 with the real ones.
    const sheetAt = bytes.indexOf('xl/worksheets/sheet1.xml') - 30;
    expect(bytes.readUInt32LE(sheetAt + 18)).toBe(0xffffffff);
    expect(bytes.readUInt16LE(sheetAt + 30 + 'xl/worksheets/sheet1.xml'.length)).toBe(0x0001);

    const reader = ZipReader.open(join(dir, 'big.zip'));
    expect([...reader.entries.keys()]).toEqual(['first.txt', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'last.txt']);
    expect(reader.entries.get('last.txt')!.localOffset).toBeGreaterThan(zip64From);
    expect(reader.readEntry('last.txt').toString()).toBe('after it');
    expect(reader.readEntry('xl/sharedStrings.xml').toString()).toBe('<si><t>x</t></si>'.repeat(2000));
    const chunks: Buffer[] = [];
    for await (const chunk of reader.streamEntry('xl/worksheets/sheet1.xml')) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toContain('<row r="3000"><c><v>2999</v></c></row>');

    const copy = openAtomic(join(dir, 'copy.zip'));
    const copier = new ZipWriter(copy, { zip64From });
    for (const entry of reader.entries.values()) copier.copy(reader, entry);
    copier.finish();
    copy.commit();
    reader.close();
    const copied = ZipReader.open(join(dir, 'copy.zip'));
    expect(copied.readEntry('last.txt').toString()).toBe('after it');
    expect(copied.readEntry('xl/sharedStrings.xml').equals(Buffer.from('<si><t>x</t></si>'.repeat(2000)))).toBe(true);
    copied.close();
  });

  it('a streamed part not declared large that passes the threshold is refused, not written with wrong sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-zip64-'));
    const out = openAtomic(join(dir, 'refused.zip'));
    const writer = new ZipWriter(out, { zip64From: 1000 });
    await expect(writer.stream('xl/worksheets/sheet1.xml', async (write) => write('<c/>'.repeat(1000)))).rejects.toThrow(/larger than 4 GB uncompressed; Excel cannot open it/);
    out.abort();
  });
});
