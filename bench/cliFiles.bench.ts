/**
 * `leadscore score` on big files, as a user runs it (the compiled command, start-up included),
 * each run in a process of its own so that its peak memory is its own. Figures, not assertions.
 *
 * 1. A 100,000-lead x 30-column workbook (shared strings, dates, the model sheet), to .xlsx
 *    and to .csv, and the .xlsx output scored again (compared with its snapshot sheet).
 *    Target (issue 16): at most 10 s and 600 MB.
 * Wall time counts start-up to exit; CPU time (all threads) is printed beside it because on a
 * busy shared host the wall time also counts waiting for a core.
 * 2. 1,000,000 leads CSV to CSV, next to DuckDB reading the same file and running the
 *    exported query (COPY ... TO CSV) in the same run. Target: at most 15 s and 500 MB, and
 *    faster than DuckDB.
 *
 * 3. Re-scoring a CSV file scored before (BENCH_RESCORE_LEADS, default 200,000 and 1,000,000),
 *    after a week: 1% of its rows deleted. The first scoring (which keeps the snapshot file), the
 *    same without a snapshot (--no-snapshot, what a first scoring cost before), and the
 *    re-score (the snapshot as the last scoring, the deleted leads reported). With
 *    BENCH_BASELINE=<git ref> the same re-score and first scoring run, in the same run, on the
 *    command line built from that ref (before), for the ratio. Target: 500 MB.
 *
 *   BENCH_XLSX_LEADS=20000 BENCH_CSV_LEADS=100000 npm run bench -- cliFiles   (0 skips a part)
 *   BENCH_XLSX_LEADS=0 BENCH_CSV_LEADS=0 BENCH_BASELINE=1bd1d88 npm run bench -- cliFiles
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { leadTableToCsv } from '../src/cli/csv';
import { writeModelSheet } from '../src/cli/modelSource';
import { sidecarPath } from '../src/cli/scoring/csvSnapshot';
import { templateById, type Model } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { modelToSql } from '../src/sql';

const AS_OF = '2026-11-01';
const XLSX_LEADS = Number(process.env.BENCH_XLSX_LEADS ?? 100_000);
const CSV_LEADS = Number(process.env.BENCH_CSV_LEADS ?? 1_000_000);
const RESCORE_LEADS = (process.env.BENCH_RESCORE_LEADS ?? '200000,1000000').split(',').map(Number).filter((n) => n > 0);
const BASELINE = process.env.BENCH_BASELINE;
const CHUNK = 50_000;
const ROOT = join(import.meta.dirname, '..');
const MODEL: Model = { ...templateById('weighted-b2b')!.model, asOf: AS_OF };

interface Measured {
  ms: number;
  cpuMs: number;
  maxRssKb: number;
  code: number;
  /** The host's load (1-minute average, from before and after the run): on a shared host it says what the wall time is worth. */
  load: [number, number];
}

/** Runs a module under bench/measure.mjs (with node's flags) and returns its time and peak memory. */
function measure(module: string, args: string[], nodeFlags: string[] = []): Measured {
  const loadBefore = loadavg()[0] ?? 0;
  const run = spawnSync(process.execPath, [...nodeFlags, join(ROOT, 'bench', 'measure.mjs'), module, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stderr.trim().split('\n').pop() ?? '{}';
  const m = JSON.parse(last) as Omit<Measured, 'load'>;
  if (m.code !== 0) throw new Error(`${module} ${args.join(' ')} failed:\n${run.stderr.slice(-2000)}`);
  return { ...m, load: [loadBefore, loadavg()[0] ?? 0] };
}

/** The flags bin/leadscore.mjs's first line gives node when it runs as `npx leadscore`. */
const BIN = join(ROOT, 'bin', 'leadscore.mjs');
const BIN_FLAGS = (/^#!.*?node\s+(.*)$/m.exec(readFileSync(BIN, 'utf8').split('\n')[0] ?? '')?.[1] ?? '').split(/\s+/).filter(Boolean);
const leadscore = (args: string[], bin = BIN): Measured => measure(bin, args, BIN_FLAGS);

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const figures = (m: Measured): string =>
  `${s(m.ms).padStart(7)} wall, ${s(m.cpuMs).padStart(6)} CPU   peak ${mb(m.maxRssKb).padStart(7)}   (load ${m.load[0].toFixed(1)} -> ${m.load[1].toFixed(1)} on ${availableParallelism()} cores)`;

async function workbook(dir: string): Promise<void> {
  const input = join(dir, 'leads.xlsx');
  // The input as Excel keeps it: shared strings, dates as dates, yes/no as words, the model sheet.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input, useSharedStrings: true, useStyles: true });
  const sheet = wb.addWorksheet('Leads');
  let headers: string[] = [];
  for (let first = 0; first < XLSX_LEADS; first += CHUNK) {
    const table = generateLeads({ count: Math.min(CHUNK, XLSX_LEADS - first), first, seed: 'bench-xlsx', asOf: AS_OF });
    if (first === 0) {
      headers = table.headers;
      sheet.addRow(headers).commit();
      headers.forEach((h, i) => {
        if (h.endsWith('Date')) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
      });
    }
    const isDate = headers.map((h) => h.endsWith('Date'));
    for (const row of table.rows) {
      sheet.addRow(row.map((v, i) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : typeof v === 'number' && isDate[i] === true ? new Date(Math.round((v - 25569) * 86_400_000)) : (v ?? null)))).commit();
    }
  }
  sheet.commit();
  writeModelSheet(wb as unknown as ExcelJS.Workbook, MODEL);
  await wb.commit();
  const size = (statSync(input).size / 1e6).toFixed(1);
  console.log(`\nleadscore score, ${XLSX_LEADS.toLocaleString('en')} leads x ${headers.length} columns (.xlsx, ${size} MB); target 10 s and 600 MB`);
  const toXlsx = leadscore(['score', input, '-o', join(dir, 'out.xlsx')]);
  console.log(`  .xlsx -> .xlsx   ${figures(toXlsx)}   (output ${(statSync(join(dir, 'out.xlsx')).size / 1e6).toFixed(1)} MB)`);
  // The next scoring of that output: compared with the snapshot sheet the first run kept (Change, Band since, deleted leads), the snapshot replaced.
  const again = leadscore(['score', join(dir, 'out.xlsx'), '-o', join(dir, 'again.xlsx')]);
  console.log(`  re-score .xlsx   ${figures(again)}   (compared with the snapshot sheet)`);
  const toCsv = leadscore(['score', input, '-o', join(dir, 'from-xlsx.csv')]);
  console.log(`  .xlsx -> .csv    ${figures(toCsv)}`);
}

/** A CSV file of generated leads, written in parts; `keep` leaves rows out (by lead number). */
function writeLeadsCsv(path: string, count: number, keep: (lead: number) => boolean = () => true): void {
  const parts: string[] = [];
  for (let first = 0; first < count; first += CHUNK) {
    const text = leadTableToCsv(generateLeads({ count: Math.min(CHUNK, count - first), first, seed: 'bench-csv', asOf: AS_OF }));
    const lines = text.split('\r\n');
    parts.push([...(first === 0 ? [lines[0]] : []), ...lines.slice(1, -1).filter((_, i) => keep(first + i))].join('\r\n') + '\r\n');
    if (parts.length >= 4 || first + CHUNK >= count) {
      writeFileSync(path, parts.join(''), { flag: first < CHUNK * 4 ? 'w' : 'a' });
      parts.length = 0;
    }
  }
}

async function csv(dir: string): Promise<void> {
  const input = join(dir, 'leads.csv');
  const modelFile = join(dir, 'model.json');
  writeFileSync(modelFile, JSON.stringify(MODEL));
  writeLeadsCsv(input, CSV_LEADS);
  const size = (statSync(input).size / 1e6).toFixed(0);
  console.log(`\n${CSV_LEADS.toLocaleString('en')} leads, CSV (${size} MB) to CSV, the Weighted B2B model; target 15 s and 500 MB, faster than DuckDB`);
  // As a user runs it (the snapshot file kept beside the output), and without the snapshot,
  // which is what DuckDB's query does too. Files of 8 MB and more are scored on one worker
  // thread per core (src/cli/scoring/parallelCsv.ts).
  const ours = leadscore(['score', input, '--model', modelFile, '-o', join(dir, 'out.csv')]);
  console.log(`  leadscore score              ${figures(ours)}`);
  rmSync(sidecarPath(join(dir, 'out.csv')), { force: true });
  const bare = leadscore(['score', input, '--model', modelFile, '-o', join(dir, 'bare.csv'), '--no-snapshot']);
  console.log(`  leadscore --no-snapshot      ${figures(bare)}`);
  // DuckDB reads the same file as text (as the engine does), through a view named as the
  // exported query expects, and writes the scored table as CSV.
  const sql = sqlOrThrow(MODEL, { dialect: 'duckdb', table: 'leads' });
  const script = join(dir, 'duck.mjs');
  writeFileSync(
    script,
    `import { DuckDBInstance } from ${JSON.stringify(join(ROOT, 'node_modules', '@duckdb', 'node-api', 'lib', 'index.js'))};
     const db = await DuckDBInstance.create(':memory:');
     const c = await db.connect();
     await c.run(${JSON.stringify(`CREATE VIEW leads AS SELECT * FROM read_csv('${input}', header = true, all_varchar = true)`)});
     const p = await c.prepare(${JSON.stringify(`COPY (${sql}) TO '${join(dir, 'duck.csv')}' (HEADER)`)});
     p.bindVarchar(1, '${AS_OF}');
     await p.run();`,
  );
  const duck = measure(script, []);
  console.log(`  DuckDB, exported query       ${figures(duck)}`);
  for (const [label, r] of [['leadscore / DuckDB          ', ours], ['--no-snapshot / DuckDB      ', bare]] as const) {
    console.log(`  ${label} ${(r.ms / duck.ms).toFixed(2)}x wall time, ${(r.cpuMs / duck.cpuMs).toFixed(2)}x CPU time, ${(r.maxRssKb / duck.maxRssKb).toFixed(2)}x memory`);
  }
}

/** The command line of another git ref (BENCH_BASELINE), built in a folder of its own with this checkout's packages: the "before" of a change. */
function baselineBin(dir: string, ref: string): string {
  const at = join(dir, 'baseline');
  mkdirSync(at);
  const archive = spawnSync('git', ['-C', ROOT, 'archive', '--format=tar', ref, 'src', 'scripts', 'bin', 'package.json'], { maxBuffer: 1 << 28 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString()}`);
  spawnSync('tar', ['-x', '-C', at], { input: archive.stdout });
  symlinkSync(join(ROOT, 'node_modules'), join(at, 'node_modules'));
  spawnSync(process.execPath, [join(at, 'scripts', 'build-cli.mjs')], { stdio: 'inherit', cwd: at });
  return join(at, 'bin', 'leadscore.mjs');
}

/** Re-scoring a CSV file scored before, a week later with 1% of its rows deleted; before (BENCH_BASELINE) and after, in one run. */
function rescore(dir: string, count: number, baseline: { ref: string; bin: string } | null): void {
  const modelFile = join(dir, 'model.json');
  writeFileSync(modelFile, JSON.stringify(MODEL));
  const input = join(dir, `rescore-${count}.csv`);
  writeLeadsCsv(input, count);
  const size = (statSync(input).size / 1e6).toFixed(0);
  console.log(`\nRe-scoring a CSV file scored before, ${count.toLocaleString('en')} leads (${size} MB), 1% of rows deleted since; target 500 MB`);
  const first = join(dir, `first-${count}.csv`);
  const run = (label: string, args: string[], bin = BIN): Measured => {
    const m = leadscore(['score', ...args, '--model', modelFile, '--force'], bin);
    console.log(`  ${label.padEnd(44)}${figures(m)}`);
    return m;
  };
  const firstPlain = run('first scoring, --no-snapshot', [input, '-o', first, '--no-snapshot']);
  const firstKept = run('first scoring, keeping the snapshot', [input, '-o', first]);
  if (baseline !== null) {
    const before = run(`first scoring, keeping it, ${baseline.ref} (before)`, [input, '-o', join(dir, `first-before-${count}.csv`)], baseline.bin);
    console.log(`  first scoring after / before: ${(firstKept.ms / before.ms).toFixed(2)}x wall, ${(firstKept.cpuMs / before.cpuMs).toFixed(2)}x CPU, ${(firstKept.maxRssKb / before.maxRssKb).toFixed(2)}x memory`);
    rmSync(join(dir, `first-before-${count}.csv`), { force: true });
    rmSync(sidecarPath(join(dir, `first-before-${count}.csv`)), { force: true });
  }
  // A week later: every 100th row of the scored file deleted (the snapshot still has them).
  const lines = readFileSync(first, 'utf8').split('\r\n');
  const edited = join(dir, `edited-${count}.csv`);
  writeFileSync(edited, lines.filter((_, i) => i === 0 || i % 100 !== 50).join('\r\n'));
  lines.length = 0;
  const after = run('re-score with the snapshot (threads)', [edited, '-o', join(dir, `again-${count}.csv`), '--snapshot', sidecarPath(first)]);
  const columns = run("re-score, the file's own columns (threads)", [edited, '-o', join(dir, `again-${count}.csv`), '--no-snapshot']);
  if (baseline !== null) {
    const before = run(`re-score, ${baseline.ref} (before)`, [edited, '-o', join(dir, `before-${count}.csv`)], baseline.bin);
    console.log(`  after / before: ${(after.ms / before.ms).toFixed(2)}x wall, ${(after.cpuMs / before.cpuMs).toFixed(2)}x CPU, ${(after.maxRssKb / before.maxRssKb).toFixed(2)}x memory (own columns: ${(columns.ms / before.ms).toFixed(2)}x wall)`);
  }
  console.log(`  re-score / first scoring: ${(after.ms / firstPlain.ms).toFixed(2)}x wall, ${(after.cpuMs / firstPlain.cpuMs).toFixed(2)}x CPU`);
  for (const f of [input, first, edited, join(dir, `again-${count}.csv`), join(dir, `before-${count}.csv`)]) rmSync(f, { force: true });
}

const dir = mkdtempSync(join(tmpdir(), 'leadscore-bench-files-'));
try {
  // The command as users run it: compiled first (what `npm ci` does through "prepare").
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  if (XLSX_LEADS > 0) await workbook(dir);
  if (CSV_LEADS > 0) await csv(dir);
  const baseline = BASELINE === undefined ? null : { ref: BASELINE, bin: baselineBin(dir, BASELINE) };
  for (const count of RESCORE_LEADS) rescore(dir, count, baseline);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The benchmark's models are valid; a refusal is a bug to see at once. */
function sqlOrThrow(...args: Parameters<typeof modelToSql>): string {
  const result = modelToSql(...args);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.value;
}
