/**
 * The command line and the SQL export at scale. Figures, not assertions.
 *
 * 1. The same 1,000,000 leads scored by the engine and by DuckDB running the exported SQL,
 *    side by side, with the ratio (and a check that the first leads agree).
 * 2. A 100,000-lead workbook scored end to end by `leadscore score` (read, score, write), in
 *    a process of its own so that its peak memory is its own.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { leadTableToCsv, parseCsv } from '../src/cli/csv';
import { compile, templateById, type Model } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { modelToSql } from '../src/sql';
import { writeModelSheet } from '../src/cli/modelSource';
import { BENCH_MODEL } from './benchModel';

const AS_OF = '2026-11-01';
const LEADS = Number(process.env.BENCH_SQL_LEADS ?? 1_000_000);
const CHUNK = 100_000;
const XLSX_LEADS = Number(process.env.BENCH_XLSX_LEADS ?? 100_000);

async function sqlVersusEngine(): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const models: { id: string; model: Model }[] = [{ id: 'weighted-b2b', model: templateById('weighted-b2b')!.model }, { id: 'bench (20 criteria)', model: BENCH_MODEL }];
  const engineMs = models.map(() => 0);
  const firstScores: Map<string, number>[] = [];
  let headers: string[] = [];
  let loadMs = 0;
  for (let first = 0; first < LEADS; first += CHUNK) {
    // Text cells, as a warehouse table loaded from CSV holds them; the engine scores the same text.
    const table = parseCsv(leadTableToCsv(generateLeads({ count: Math.min(CHUNK, LEADS - first), first, seed: 'bench-sql', asOf: AS_OF })));
    if (first === 0) {
      headers = table.headers;
      await connection.run(`CREATE TABLE leads (${headers.map((h) => `"${h}" VARCHAR`).join(', ')})`);
    }
    models.forEach(({ model }, k) => {
      const compiled = compile(model, headers, { asOf: AS_OF });
      if (!compiled.ok) throw new Error('model does not fit');
      const t = performance.now();
      const scored = compiled.value.scoreRows(table.rows);
      engineMs[k] = (engineMs[k] ?? 0) + performance.now() - t;
      if (first === 0) firstScores[k] = new Map(table.rows.slice(0, 1000).map((row, i) => [row[0] ?? '', scored.scores[i] ?? Number.NaN]));
    });
    const t = performance.now();
    const appender = await connection.createAppender('leads');
    for (const row of table.rows) {
      for (let c = 0; c < headers.length; c++) appender.appendVarchar(row[c] ?? '');
      appender.endRow();
    }
    appender.closeSync();
    loadMs += performance.now() - t;
  }
  console.log(`${LEADS.toLocaleString('en')} leads as text; loading them into DuckDB took ${(loadMs / 1000).toFixed(1)} s (not counted below)`);
  console.log('model                  engine        DuckDB SQL    SQL / engine   first 1,000 agree');
  for (const [k, { id, model }] of models.entries()) {
    const sql = sqlOrThrow(model, { dialect: 'duckdb' });
    const t = performance.now();
    const prepared = await connection.prepare(`CREATE OR REPLACE TABLE scored AS SELECT "Lead ID" AS id, score FROM (${sql})`);
    prepared.bindVarchar(1, AS_OF);
    await prepared.run();
    const sqlMs = performance.now() - t;
    const want = firstScores[k] ?? new Map<string, number>();
    const check = await connection.runAndReadAll(`SELECT id, score FROM scored WHERE id IN (${[...want.keys()].map((id) => `'${id}'`).join(', ')})`);
    const got = check.getRowObjectsJS();
    const agree = got.length === want.size && got.every((r) => Number(r.score) === want.get(String(r.id)));
    const e = engineMs[k] ?? 0;
    console.log(`${id.padEnd(22)} ${(e / 1000).toFixed(2).padStart(6)} s     ${(sqlMs / 1000).toFixed(2).padStart(6)} s     ${(sqlMs / e).toFixed(1).padStart(6)}x        ${agree ? 'yes' : 'NO'}`);
  }
  connection.closeSync();
}

async function workbookEndToEnd(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-bench-'));
  try {
    const input = join(dir, 'leads.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    const table = generateLeads({ count: XLSX_LEADS, seed: 'bench-xlsx', asOf: AS_OF });
    sheet.addRow(table.headers);
    for (const row of table.rows) sheet.addRow(row.map((v) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : (v ?? null))));
    writeModelSheet(wb, { ...templateById('weighted-b2b')!.model, asOf: AS_OF });
    await wb.xlsx.writeFile(input);
    const script = `
      const { scoreFile } = await import(${JSON.stringify(join(import.meta.dirname, '..', 'src', 'cli', 'commands', 'score.ts'))});
      const t = performance.now();
      const s = await scoreFile({ input: ${JSON.stringify(input)}, output: ${JSON.stringify(join(dir, 'out.xlsx'))} });
      console.log(JSON.stringify({ ms: performance.now() - t, leads: s.leads, maxRssKb: process.resourceUsage().maxRSS }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; leads: number; maxRssKb: number };
    console.log(
      `\nleadscore score, ${r.leads.toLocaleString('en')}-lead workbook (${(statSync(input).size / 1e6).toFixed(1)} MB): ` +
        `${(r.ms / 1000).toFixed(1)} s end to end (read, score, write), peak memory ${(r.maxRssKb / 1024).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await sqlVersusEngine();
await workbookEndToEnd();

/** The benchmark's models are valid; a refusal is a bug to see at once. */
function sqlOrThrow(...args: Parameters<typeof modelToSql>): string {
  const result = modelToSql(...args);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.value;
}
