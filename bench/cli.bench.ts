/**
 * The command line and the SQL export at scale. Figures, not assertions.
 *
 * A 100,000-lead workbook scored end to end by `leadscore score` (read, score, write), in a
 * process of its own so that its peak memory is its own. (The engine against DuckDB running
 * the exported SQL is bench/cli-sql.bench.ts.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { templateById } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { writeModelSheet } from '../src/cli/modelSource';

const AS_OF = '2026-11-01';
const XLSX_LEADS = Number(process.env.BENCH_XLSX_LEADS ?? 100_000);

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

await workbookEndToEnd();

