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
