/**
 * Attack (issue 17 item 5): the disk fills up while leadscore writes. Every file it writes
 * goes through one atomic writer, so an existing file is never damaged: it is replaced whole
 * or not at all, and no temporary is left behind. The disk is filled by making node:fs's
 * writeSync fail with ENOSPC once a budget of bytes is spent (mocks are per file, hence this one).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { templateById } from '../../src/engine';
import { runCli } from '../cli/runCli';

const disk = vi.hoisted(() => ({ budget: Number.POSITIVE_INFINITY }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, buffer: Uint8Array, ...rest: unknown[]) => {
    const length = typeof rest[1] === 'number' ? rest[1] : buffer.length;
    if (length > disk.budget) {
      disk.budget = 0;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    disk.budget -= length;
    return (fs.writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-diskfull-'));
});
afterEach(() => {
  disk.budget = Number.POSITIVE_INFINITY;
});

const EXAMPLE = join(__dirname, '../../examples/leads.csv');

describe('a full disk never damages an existing file (item 5)', () => {
  it('calibrate -o --force over an existing model: the old model stays valid JSON, nothing left behind', async () => {
    const model = join(dir, 'model.json');
    const before = JSON.stringify(templateById('weighted-b2b')!.model);
    writeFileSync(model, before);
    disk.budget = 100;
    const r = await runCli('calibrate', EXAMPLE, '--outcome', 'Converted', '-o', model, '--force', '--as-of', '2026-11-01');
    expect(r.code).toBe(EXIT.output);
    expect(r.err).toContain('the disk is full');
    expect(readFileSync(model, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it('score -o --force over an existing CSV and workbook: both stay as they were', async () => {
    const modelFile = join(dir, 'm.json');
    writeFileSync(modelFile, JSON.stringify({ ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' }));
    for (const name of ['out.csv', 'out.xlsx']) {
      const out = join(dir, name);
      writeFileSync(out, 'the user keeps this');
      disk.budget = 20_000;
      const r = await runCli('score', EXAMPLE, '--model', modelFile, '-o', out, '--force');
      disk.budget = Number.POSITIVE_INFINITY;
      expect(r.code).toBe(EXIT.output);
      expect(readFileSync(out, 'utf8')).toBe('the user keeps this');
    }
    expect(readdirSync(dir).sort()).toEqual(['m.json', 'out.csv', 'out.xlsx']);
  });

  it('score --in-place on a workbook: the workbook stays byte for byte as it was', async () => {
    const book = join(dir, 'leads.xlsx');
    writeFileSync(book, readFileSync(join(__dirname, '../../examples/leads.xlsx')));
    const before = readFileSync(book);
    disk.budget = 30_000;
    const r = await runCli('score', book, '--in-place');
    expect(r.code).toBe(EXIT.output);
    expect(readFileSync(book).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['leads.xlsx']);
  });
});
