/**
 * A first scoring of a big CSV file (worker threads) keeps its snapshot file without a first
 * pass over the file: the ID column comes from the header and the IDs several leads share are
 * left out at the end. The snapshot file must be the one the one-thread path writes, byte for
 * byte, whichever way the ID column is found: chosen, the only ID-named column, the best-named
 * of several with usable IDs, or, when its IDs are shared or mostly blank, another candidate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreCsvLeads, type ParallelCsvOptions } from '../../src/cli/scoring/csvLeads';
import { Progress } from '../../src/cli/scoring/leadColumns';
import { CsvSink } from '../../src/cli/scoring/leadSinks';
import { FOUR_CRITERIA_MODEL, folderWithModel } from './fourCriteriaModel';

const at = folderWithModel('leadscore-first-snapshot-');
const ONE_THREAD: ParallelCsvOptions = { workers: 1, blockBytes: 1 << 21, minFileBytes: 0 };
const TINY_BLOCKS: ParallelCsvOptions = { workers: 2, blockBytes: 300, minFileBytes: 0 };

/** Scores `input` (a first scoring: no previous columns, no snapshot to read) and returns the output, the blocks and the snapshot file's text. */
async function firstScoring(input: string, parallel: ParallelCsvOptions, snapshotFile: string, idColumn: string | null = null): Promise<{ bytes: string; blocks: number; snapshot: string; noSnapshot: string | null }> {
  const written: string[] = [];
  const sink = new CsvSink({ write: (chunk) => void written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) });
  const result = await scoreCsvLeads(input, FOUR_CRITERIA_MODEL, undefined, sink, new Progress(null), parallel, {
    idColumn,
    today: '2026-11-26',
    snapshot: { own: null, replaced: null, write: snapshotFile },
  });
  await sink.finish();
  result.snapshot?.commit();
  return { bytes: written.join(''), blocks: result.blocks, snapshot: result.snapshot === null ? '' : readFileSync(snapshotFile, 'utf8'), noSnapshot: result.noSnapshot };
}

/** 400 leads; `id(i)` and `email(i)` give each lead's cells (quoted when they need it). */
function leads(name: string, id: (i: number) => string, email: ((i: number) => string) | null): string {
  const quote = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [`Lead ID,Name,${email === null ? '' : 'Email,'}Industry,Employees,Demo,Visits`];
  for (let i = 0; i < 400; i++) {
    const cells = [id(i), `N${i}`, ...(email === null ? [] : [email(i)]), i % 3 === 0 ? 'Technology' : 'Retail', String(i * 7), i % 2 === 0 ? 'yes' : 'no', String(i % 5)];
    lines.push(cells.map(quote).join(','));
  }
  writeFileSync(at(name), lines.join('\r\n'));
  return at(name);
}

async function bothAgree(input: string, idColumn: string | null = null): Promise<string[]> {
  const one = await firstScoring(input, ONE_THREAD, at('one.snapshot.csv'), idColumn);
  const threaded = await firstScoring(input, TINY_BLOCKS, at('threaded.snapshot.csv'), idColumn);
  expect(threaded.blocks).toBeGreaterThan(20);
  expect(threaded.bytes).toBe(one.bytes);
  expect(threaded.noSnapshot).toBe(one.noSnapshot);
  expect(threaded.snapshot).toBe(one.snapshot);
  return one.snapshot.split('\r\n');
}

/** IDs as people's files hold them: other scripts, formulas, quotes, a comma, blanks, and IDs several leads share (case and spaces ignored). */
const messyId = (i: number): string =>
  i === 7 ? '' : i === 11 ? '=1+1' : i === 13 ? 'Zoë "Z", Ångström' : i % 50 === 3 ? `东京-${i}` : i === 390 ? ' c5 ' : i === 399 ? '东京-3' : `C${i}`;

describe('a first scoring on worker threads keeps the same snapshot file as one thread', () => {
  it('the only ID-named column: shared IDs (c5 and C5, 东京-3 twice) and a blank ID are left out', async () => {
    const lines = await bothAgree(leads('only.csv', messyId, null));
    expect(lines.slice(1, 3)).toEqual(['Scored on,2026-11-26', 'ID column,Lead ID']);
    expect(lines.some((l) => l.startsWith('C5,') || l.startsWith('c5') || l.startsWith('东京-3,'))).toBe(false);
    expect(lines).toContain('东京-53,30,Warm,2026-11-26');
    // 400 leads less the blank one (7) and the two pairs sharing an ID: 395.
    expect(lines.filter((l) => /^(C\d|东京|'=|"Zo)/.test(l))).toHaveLength(395);
  });

  it('the best-named of several candidates, its IDs unique: Lead ID, not Email', async () => {
    const lines = await bothAgree(leads('unique.csv', (i) => `L-${i}`, (i) => `p${i}@example.com`));
    expect(lines[2]).toBe('ID column,Lead ID');
    expect(lines.filter((l) => l.startsWith('L-'))).toHaveLength(400);
  });

  it('the best-named column with shared IDs: detection weighs Email too and keys the snapshot by it', async () => {
    const lines = await bothAgree(leads('shared.csv', (i) => `L-${i % 200}`, (i) => `p${i}@example.com`));
    expect(lines[2]).toBe('ID column,Email');
    expect(lines.filter((l) => l.startsWith('p'))).toHaveLength(400);
  });

  it('the best-named column mostly blank: Email', async () => {
    const lines = await bothAgree(leads('blank.csv', (i) => (i % 3 === 0 ? `L-${i}` : ''), (i) => `p${i}@example.com`));
    expect(lines[2]).toBe('ID column,Email');
  });

  it('a chosen ID column with shared IDs is kept, its shared IDs left out', async () => {
    const lines = await bothAgree(leads('chosen.csv', messyId, (i) => `p${i % 100}@example.com`), 'Email');
    expect(lines[2]).toBe('ID column,Email');
    expect(lines.filter((l) => l.startsWith('p'))).toHaveLength(0);
  });
});
