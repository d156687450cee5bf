/**
 * Big CSV files are scored on worker threads, a block of whole records per job
 * (src/cli/scoring/parallelCsv.ts). These tests hold the threaded path to the single-threaded
 * one: the same file through both gives the same bytes, the same counts, the same warnings
 * and the same located errors. The blocks are made tiny (a few hundred bytes) so that quoted
 * cells over several lines, blank rows, \r\n pairs and multi-byte characters meet block ends.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { lastRecordEnd } from '../../src/cli/files/csvBlocks';
import { scoreCsvLeads, type ParallelCsvOptions } from '../../src/cli/scoring/csvLeads';
import { Progress } from '../../src/cli/scoring/leadColumns';
import { CsvSink } from '../../src/cli/scoring/leadSinks';
import { criterion, isoDateFromExcelSerial, model, templateById, type Model } from '../../src/engine';
import { generateLeads } from '../../src/sample-data/generateLeads';

const AS_OF = '2026-11-01';
const MODEL: Model = { ...templateById('weighted-b2b')!.model, asOf: AS_OF };
const ONE_THREAD: ParallelCsvOptions = { workers: 1, blockBytes: 1 << 21, minFileBytes: 0 };
const TINY_BLOCKS: ParallelCsvOptions = { workers: 2, blockBytes: 300, minFileBytes: 0 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-parallel-'));
});

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  readonly delimiter: ',' | ';' | '\t';
  /** 'mixed' picks \r\n, \n or \r for each line. */
  readonly lineEnd: '\r\n' | '\n' | '\r' | 'mixed';
  readonly bom?: boolean;
  readonly encoding?: 'utf-8' | 'windows-1252';
  readonly count: number;
  readonly seed: number;
}

/** Notes as people write them: several lines, quotes, delimiters, formulas, other scripts. */
const NOTES = [
  '',
  'called, no answer',
  'line one\nline two',
  'says "call me", then\r\nleft; back monday',
  '=HYPERLINK("http://example.com")',
  '-Engineer',
  'Zoë Ångström',
  '\uFEFFstarts with U+FEFF',
  'Tōkyō 東京 — 🚀',
  '"quoted"\n\n\nthree blank lines in',
];

/** A lead table as a CSV file of the given shape, with blank and short rows among the leads. */
function leadsFile(name: string, shape: Shape): string {
  const next = random(shape.seed);
  const table = generateLeads({ count: shape.count, seed: shape.seed, asOf: AS_OF });
  const d = shape.delimiter;
  const latin1 = shape.encoding === 'windows-1252';
  const notes = latin1 ? NOTES.filter((n) => /^[\x00-\xff]*$/.test(n)) : NOTES;
  const quoteIfNeeded = (text: string): string =>
    text.includes(d) || text.includes('"') || text.includes('\n') || text.includes('\r') || next() < 0.05 ? `"${text.replace(/"/g, '""')}"` : text;
  const cell = (header: string, value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    if (typeof value === 'number' && header.endsWith('Date')) return isoDateFromExcelSerial(value);
    // A ;-delimited file writes numbers the way a decimal-comma locale does.
    if (typeof value === 'number' && d === ';') return value >= 1000 && next() < 0.5 ? value.toLocaleString('de-DE') : String(value).replace('.', ',');
    return String(value);
  };
  const end = (): string => (shape.lineEnd === 'mixed' ? (['\r\n', '\n', '\r'] as const)[Math.floor(next() * 3)]! : shape.lineEnd);
  let text = [...table.headers, 'Notes'].map(quoteIfNeeded).join(d) + end();
  text += end(); // a blank row before the first lead
  table.rows.forEach((row, r) => {
    const cells = [...row.map((v, i) => cell(table.headers[i]!, v)), notes[Math.floor(next() * notes.length)]!].map(quoteIfNeeded);
    if (next() < 0.02) cells.length -= 3; // a short row
    text += cells.join(d) + end();
    if (next() < 0.04 || r % 97 === 5) for (let k = Math.floor(next() * 3); k >= 0; k--) text += end(); // blank rows, sometimes several
  });
  text += end() + end(); // blank rows after the last lead
  const path = join(dir, name);
  writeFileSync(path, latin1 ? Buffer.from(text, 'latin1') : Buffer.concat([Buffer.from(shape.bom === true ? '\uFEFF' : ''), Buffer.from(text, 'utf8')]));
  return path;
}

interface Scored {
  readonly bytes?: Buffer;
  readonly summary?: unknown;
  readonly warnings?: string[];
  readonly blocks?: number;
  readonly change?: unknown;
  readonly error?: string;
}

async function score(input: string, parallel: ParallelCsvOptions, model: Model = MODEL): Promise<Scored> {
  const written: Buffer[] = [];
  const sink = new CsvSink({ write: (chunk) => void written.push(Buffer.from(chunk)) });
  try {
    const result = await scoreCsvLeads(input, model, undefined, sink, new Progress(null), parallel);
    await sink.finish();
    return { bytes: Buffer.concat(written), summary: result.tally!.summary(input, 'out.csv', 'model.json', result.warnings), warnings: result.warnings, blocks: result.blocks, change: result.change };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Scores the file on one thread and on two workers with tiny blocks; they must agree in every
 * byte, and in the change report of a file scored before.
 */
async function bothAgree(input: string): Promise<Scored> {
  const one = await score(input, ONE_THREAD);
  const threaded = await score(input, TINY_BLOCKS);
  expect(one.blocks ?? 0).toBe(0);
  if (one.error !== undefined) {
    expect(threaded.error).toBe(one.error);
    return one;
  }
  expect(threaded.blocks).toBeGreaterThan(20);
  expect(threaded.error).toBeUndefined();
  expect(threaded.summary).toEqual(one.summary);
  expect(threaded.change).toEqual(one.change);
  expect(threaded.warnings).toEqual(one.warnings);
  // Compared as text first so that a difference is readable, then as bytes.
  expect(threaded.bytes!.toString('utf8')).toBe(one.bytes!.toString('utf8'));
  expect(threaded.bytes!.equals(one.bytes!)).toBe(true);
  return one;
}

describe('CSV scored on worker threads equals CSV scored on one thread', () => {
  it('comma-delimited, \\r\\n, with a BOM: quoted notes over several lines, blank and short rows, formulas, other scripts', async () => {
    const one = await bothAgree(leadsFile('comma.csv', { delimiter: ',', lineEnd: '\r\n', bom: true, count: 400, seed: 1 }));
    expect((one.summary as { leads: number }).leads).toBe(400);
    // The case is the one meant: leads over several lines and short rows are reported.
    expect(one.warnings!.join('\n')).toMatch(/fewer cells than the header[\s\S]*quoted cell over several lines/);
  }, 60_000);

  it('semicolon-delimited with decimal commas, \\n line ends', async () => {
    await bothAgree(leadsFile('semicolon.csv', { delimiter: ';', lineEnd: '\n', count: 300, seed: 2 }));
  }, 60_000);

  it('tab-delimited with \\r\\n, \\n and lone \\r line ends mixed', async () => {
    await bothAgree(leadsFile('mixed.csv', { delimiter: '\t', lineEnd: 'mixed', count: 300, seed: 3 }));
  }, 60_000);

  it('\r line ends only (old Mac files): blocks end at a \r, not at the end of the file', async () => {
    await bothAgree(leadsFile('cr.csv', { delimiter: ',', lineEnd: '\r', count: 300, seed: 8 }));
  }, 60_000);

  it('Windows-1252 (what Excel on Windows saves)', async () => {
    await bothAgree(leadsFile('ansi.csv', { delimiter: ',', lineEnd: '\r\n', encoding: 'windows-1252', count: 300, seed: 4 }));
  }, 60_000);

  it('a second run over its own output replaces the score columns and adds Change and Band since, on threads too', async () => {
    const first = await score(leadsFile('again.csv', { delimiter: ',', lineEnd: '\r\n', count: 300, seed: 5 }), ONE_THREAD);
    const scored = join(dir, 'again.scored.csv');
    writeFileSync(scored, first.bytes!);
    const again = await bothAgree(scored);
    expect(again.bytes!.toString('utf8').split('\r\n')[0]).toMatch(/,Priority,Change,Band since$/);
    expect(again.change).toMatchObject({ leads: 300, movedCount: 0 });
  }, 60_000);

  it('a quoted note far longer than a block, and a header cell over two lines', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `note line ${i}, with "quotes"`).join('\r\n');
    const text = `Lead ID,"Employees\r\n(count)",Notes\r\nL1,5000,"${long.replace(/"/g, '""')}"\r\n` + Array.from({ length: 2000 }, (_, i) => `L${i + 2},${i * 10},plain\r\n`).join('');
    const path = join(dir, 'long.csv');
    writeFileSync(path, text);
    const employees = model({ name: 'Big', asOf: AS_OF, criteria: [criterion({ group: 'fit', name: 'Big company', field: 'Employees\n(count)', condition: { op: 'gte', value: 1000 }, points: 10 })] });
    const one = await score(path, ONE_THREAD, employees);
    const threaded = await score(path, TINY_BLOCKS, employees);
    expect(one.error).toBeUndefined();
    expect(threaded.blocks).toBeGreaterThan(20);
    expect(threaded.bytes!.equals(one.bytes!)).toBe(true);
    expect(threaded.warnings).toEqual(one.warnings);
    expect(one.warnings!.join()).toContain('lines 3-202');
  }, 60_000);
});

describe('what a user sees of the threads', () => {
  it('progress on a terminal counts the leads and the share of the file read, block by block', async () => {
    const input = leadsFile('progress.csv', { delimiter: ',', lineEnd: '\r\n', count: 300, seed: 9 });
    const lines: string[] = [];
    const sink = new CsvSink({ write: () => {} });
    const result = await scoreCsvLeads(input, MODEL, undefined, sink, new Progress((line) => lines.push(line)), TINY_BLOCKS);
    expect(result.blocks).toBeGreaterThan(20);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^scoring: [\d,]+ leads, \d+% of the file read$/);
  }, 60_000);

  it('a file under 8 MB is scored on the main thread: starting workers would cost more than they save', async () => {
    const input = leadsFile('small.csv', { delimiter: ',', lineEnd: '\r\n', count: 300, seed: 10 });
    const result = await scoreCsvLeads(input, MODEL, undefined, new CsvSink({ write: () => {} }), new Progress(null));
    expect(result.blocks).toBe(0);
  });
});

describe('damaged CSV fails on worker threads with the messages and lines of one thread', () => {
  /** A good file with `damage` applied to the text of line `line` (1-based). */
  function damaged(name: string, line: number, damage: (text: string) => string): string {
    const path = leadsFile(name, { delimiter: ',', lineEnd: '\n', count: 300, seed: 6 });
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[line - 1] = damage(lines[line - 1]!);
    writeFileSync(path, lines.join('\n'));
    return path;
  }

  it('rows with cells beyond the header, far apart, are all listed with their lines', async () => {
    const path = damaged('extra.csv', 40, (t) => `${t},surplus`);
    const text = readFileSync(path, 'utf8').split('\n');
    text[500] = `${text[500]},more,cells`;
    writeFileSync(path, text.join('\n'));
    const one = await bothAgree(path);
    expect(one.error).toMatch(/the table is damaged[\s\S]*line 40: /);
  }, 60_000);

  it('text after a closing quote deep in the file is an error at its line', async () => {
    const one = await bothAgree(damaged('after-quote.csv', 321, (t) => `"quoted"x,${t}`));
    expect(one.error).toContain(', line 321, cell 1: text after the closing quote');
  }, 60_000);

  it('a quote that never closes is an error at the line it opens', async () => {
    const path = leadsFile('unclosed.csv', { delimiter: ',', lineEnd: '\n', count: 300, seed: 7 });
    const before = readFileSync(path, 'utf8');
    const at = before.split('\n').length;
    writeFileSync(path, `${before}L-9,"never closed\n${'more,text\n'.repeat(40)}`);
    const one = await bothAgree(path);
    expect(one.error).toContain(`, line ${at}: a quote opens a cell that is never closed`);
  }, 60_000);
});

describe('where a block may end', () => {
  const end = (text: string, delimiter = ','): number => lastRecordEnd(Buffer.from(text), delimiter.charCodeAt(0));

  it('after the last line feed outside a quoted cell', () => {
    expect(end('a,b\nc,d\ne,f')).toBe(8);
    expect(end('a,"b\nc"\nd,"e\nf')).toBe(8);
    expect(end('a,"b\n""c""\n"\n')).toBe(13);
    expect(end('a;"b\n";c\n', ';')).toBe(9);
  });

  it('a quote inside an unquoted cell opens nothing', () => {
    expect(end('a,b"c\nd,e\n')).toBe(10);
    expect(end('5" screen,x\ny')).toBe(12);
  });

  it('nowhere when no record ends with a line feed', () => {
    expect(end('a,b')).toBe(-1);
    expect(end('a,"b\nc')).toBe(-1);
    expect(end('a,b\r\n')).toBe(5);
    expect(end('a,"b\r"')).toBe(-1);
  });

  it('in text with \r line ends only, after the last \r outside quotes that is not the last byte', () => {
    expect(end('a,b\rc,d\re')).toBe(8);
    expect(end('a,b\rc,"d\re')).toBe(4);
    expect(end('a,b\rc,d\r')).toBe(4);
  });
});

describe('the compiled command line (build/cli)', () => {
  const out = join(__dirname, '../../build', `test-cli-${process.pid}`);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('scores a file over 8 MB on the worker script built beside it, as one thread would', async () => {
    const build = spawnSync(process.execPath, [join(__dirname, '../../scripts/build-cli.mjs'), out], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    const input = join(dir, 'big.csv');
    const row = 'L-1,Ann,Lee,ann@x.com,"Lee, Inc.",CTO,Technology,5000,Germany,Webinar,2026-09-03,4,2,0,0,1,1,2026-09-21,3,1,0,2026-10-01,0,0,Yes,No,0,0,2026-10-27,No\r\n';
    const header = 'Lead ID,First Name,Last Name,Email,Company,Title,Industry,Employees,Country,Lead Source,Created Date,Website Visits,Pricing Page Visits,Blog Visits,Datasheet Downloads,Ebook Downloads,Webinars Attended,Last Webinar Date,Email Opens,Email Clicks,Email Downloads,Last Email Date,LinkedIn Post Likes,LinkedIn Event Joins,Demo Requested,Trial Signed Up,Product Video Views,Comparison Tool Uses,Last Activity Date,Converted\r\n';
    writeFileSync(input, header + row.repeat(Math.ceil((9 << 20) / row.length)));
    const modelPath = join(dir, 'model.json');
    writeFileSync(modelPath, JSON.stringify(MODEL));
    // bin/leadscore.mjs's start, on this build.
    const runner = join(out, 'run.mjs');
    writeFileSync(runner, "import { run } from './leadscore.mjs';\nprocess.exitCode = await run(process.argv.slice(2));\n");
    const cli = (output: string) => spawnSync(process.execPath, [runner, 'score', input, '--model', modelPath, '-o', output], { encoding: 'utf8' });
    const ran = cli(join(dir, 'threaded.csv'));
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const one = await score(input, ONE_THREAD);
    expect(readFileSync(join(dir, 'threaded.csv')).equals(one.bytes!)).toBe(true);
    // Without its worker script beside it the command fails: the file above was scored on workers.
    rmSync(join(out, 'csvWorker.mjs'));
    const without = cli(join(dir, 'without-worker.csv'));
    expect(without.status).toBe(4);
    expect(without.stderr).toContain('csvWorker.mjs');
  }, 120_000);
});
