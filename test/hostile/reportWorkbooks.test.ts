/**
 * Hostile text in the workbooks `leadscore accounts` and `leadscore calllist` write (-o x.xlsx):
 * control characters pasted into a name, text that looks like OOXML's own _xHHHH_ escape, a
 * lone half of an emoji, and a cell longer than Excel keeps. The file must open (its XML must
 * parse), show each text as the lead has it, and say what it had to cut and where.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { xmlText } from '../../src/cli/files/xml';
import { PRIORITY_MODEL } from '../engine/builders';
import { runCli } from '../cli/runCli';

const HEADER = ['Name', 'Company', 'Email', 'Industry', 'Employees', 'Demo', 'Webinar'];
const ESCAPED_NAME = 'Ann\u0001\u001b[2J Smith';
const LOOKS_ESCAPED = 'Bob _x0041_ Jones';
const LONG_COMPANY = `Acme ${'x'.repeat(40_000)}`;

let dir: string;
let model: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-hostile-xlsx-'));
  model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify(PRIORITY_MODEL));
});

function csvFile(rows: readonly (readonly (string | number)[])[]): string {
  const path = join(dir, 'leads.csv');
  const quote = (v: string | number) => (typeof v === 'string' && /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  writeFileSync(path, [HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
  return path;
}

/** The text of every cell of the first sheet, by address, decoded as Excel decodes it (entities, then _xHHHH_). */
async function sheetTexts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const shared = [...((await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1] ?? '')).join(''),
  );
  const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
  const cells = new Map<string, string>();
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"[^>]*?t="s"[^>]*><v>(\d+)<\/v><\/c>/g)) cells.set(m[1] ?? '', shared[Number(m[2])] ?? '');
  return cells;
}

/** An XML parser (ExcelJS's) reads the whole file: a character XML cannot hold would stop it, as it makes Excel repair the file. */
async function opens(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
}

const LEADS = [
  [ESCAPED_NAME, 'Acme', 'ann@acme.com', 'Technology', 500, 'yes', 'yes'], // A1, 100
  [LOOKS_ESCAPED, 'Beta', 'bob@beta.com', 'Technology', 500, 'yes', 'no'], // A2, 90
  ['Cy \ud83d', LONG_COMPANY, 'cy@core.com', 'Technology', 5, 'yes', 'no'], // B2, 70
];

describe('leadscore calllist -o x.xlsx with hostile text', () => {
  it('writes a workbook that opens, with control characters and _xHHHH_-like text shown as the lead has them', async () => {
    const out = join(dir, 'calls.xlsx');
    const { code, err } = await runCli('calllist', csvFile(LEADS), '--model', model, '-o', out, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    await opens(out);
    const cells = await sheetTexts(out);
    const nameColumn = [...cells].find(([address, text]) => /^[A-Z]+3$/.test(address) && text === 'Name')?.[0].replace('3', '');
    expect(nameColumn).toBeDefined();
    expect(cells.get(`${nameColumn}4`)).toBe(ESCAPED_NAME);
    expect(cells.get(`${nameColumn}5`)).toBe(LOOKS_ESCAPED);
    // Half an emoji cannot be UTF-8: it is shown as the replacement character, the rest kept.
    expect(cells.get(`${nameColumn}6`)).toBe('Cy \uFFFD');
    // Excel's 32,767-character limit: cut, ending in '…', and the warning names sheet, cell and column.
    const company = [...cells].find(([, text]) => text.startsWith('Acme xxx'));
    expect(company?.[1]).toHaveLength(32_767);
    expect(company?.[1].endsWith('x…')).toBe(true);
    expect(err).toBe(
      `leadscore calllist: warning: the 'Call list' sheet, cell ${company?.[0]} (Company): the text has 40,005 characters and Excel keeps at most 32,767 in a cell, so its last 7,239 are left out of the workbook (the input is unchanged; -o with .csv keeps the whole text)\n`,
    );
  });

  it('keeps the whole text in CSV, where there is no cell limit', async () => {
    const out = join(dir, 'calls.csv');
    const { code, err } = await runCli('calllist', csvFile(LEADS), '--model', model, '-o', out, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    expect(err).toBe('');
    expect(readFileSync(out, 'utf8')).toContain(LONG_COMPANY);
  });
});

describe('leadscore accounts -o x.xlsx with hostile text', () => {
  it('writes a workbook that opens, names as the leads have them, a long account name cut with a located warning', async () => {
    const out = join(dir, 'accounts.xlsx');
    const rows = [
      ['Ann', 'Acme\u0007 Bell', 'ann@acme.com', 'Technology', 500, 'yes', 'yes'], // 100
      ['Bob', '_x0041_ Corp', 'bob@beta.com', 'Technology', 500, 'yes', 'no'], // 90
      ['Cy', LONG_COMPANY, 'cy@core.com', 'Technology', 5, 'yes', 'no'], // 70
    ];
    const { code, err } = await runCli('accounts', csvFile(rows), '--model', model, '-o', out, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    await opens(out);
    const cells = await sheetTexts(out);
    expect(cells.get('A3')).toBe('Account');
    expect(cells.get('A4')).toBe('Acme\u0007 Bell');
    expect(cells.get('A5')).toBe('_x0041_ Corp');
    expect(cells.get('A6')).toHaveLength(32_767);
    expect(err).toBe(
      "leadscore accounts: warning: the 'Accounts' sheet, cell A6 (Account): the text has 40,005 characters and Excel keeps at most 32,767 in a cell, so its last 7,239 are left out of the workbook (the input is unchanged; -o with .csv keeps the whole text)\n",
    );
  });
});
