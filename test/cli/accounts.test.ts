import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { criterion, model as makeModel } from '../../src/engine';
import { runCli } from './runCli';

// Fit: Technology +40. Engagement: Demo +30, Pricing +10 (engaged from level 2: 20). Bands Cold 0, Warm 21, Hot 50.
const MODEL = makeModel({
  name: 'Accounts test',
  accounts: { column: null, scoring: 'top', top: 2, engagedFrom: null },
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Pricing', condition: { op: 'isTrue' }, points: 10 }),
  ],
});
const HEADER = ['Name', 'Company', 'Email', 'Industry', 'Demo', 'Pricing'];
const LEADS = [
  ['Ann', 'Acme Inc.', 'ann@acme.com', 'Technology', 'yes', 'yes'], // 80
  ['Bob', 'ACME, Inc', 'bob@acme.com', 'Retail', 'no', 'yes'], // 10
  ['Di', 'acme GmbH', 'di@acme.de', 'Retail', 'yes', 'no'], // 30: acme top 2 = 80 + 30 = 110
  ['Ed', '', 'ed@gmail.com', 'Technology', 'yes', 'no'], // free mail: no account
  ['Gus', '', 'gus@beta.io', 'Retail', 'yes', 'no'], // 30: beta.io
  ['=HYPERLINK("http://x.example","Cy")', '=cmd|x', 'cy@core.com', 'Retail', 'no', 'no'], // 0
];

let dir: string;
let modelFile: string;
function csvFile(rows: readonly (readonly string[])[] = LEADS, header: readonly string[] = HEADER): string {
  const path = join(dir, 'leads.csv');
  const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(path, [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-accounts-'));
  modelFile = join(dir, 'model.json');
  writeFileSync(modelFile, JSON.stringify(MODEL));
});

describe('leadscore accounts', () => {
  it('prints one line per account, best first, with what the table holds', async () => {
    const { code, out, err } = await runCli('accounts', csvFile(), '--model', modelFile, '--as-of', '2026-11-26');
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Accounts: Accounts test, as of 2026-11-26');
    expect(lines[1]).toBe('3 accounts from 5 of 6 leads (1 lead with no company or business e-mail in no account); account score: the sum of the top 2; engaged from Engagement 20.');
    expect(lines[3]).toMatch(/^Account +Account score +Band +Contacts +Engaged contacts +Best lead +Best lead e-mail +Best lead score +Cold +Warm +Hot$/);
    expect(lines[4]).toMatch(/^Acme Inc\. +110 +Hot +3 +2 +Ann +ann@acme\.com +80 +1 +1 +1$/);
    expect(lines[5]).toMatch(/^beta\.io +30 +Warm +1 +1 +Gus /);
    expect(lines[6]).toMatch(/^=cmd\|x +0 +Cold +1 +0 +=HYPERLINK/);
    expect(lines).toHaveLength(7);
  });

  it('writes the same table to CSV, formula-like text neutralised', async () => {
    const out = join(dir, 'accounts.csv');
    const { code } = await runCli('accounts', csvFile(), '--model', modelFile, '-o', out, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    const { headers, rows } = parseCsv(readFileSync(out, 'utf8'));
    expect(headers).toEqual(['Account', 'Account score', 'Band', 'Contacts', 'Engaged contacts', 'Best lead', 'Best lead e-mail', 'Best lead score', 'Cold', 'Warm', 'Hot']);
    expect(rows[0]).toEqual(['Acme Inc.', '110', 'Hot', '3', '2', 'Ann', 'ann@acme.com', '80', '1', '1', '1']);
    expect(rows[2]?.[0]).toBe("'=cmd|x");
    expect(rows[2]?.[5]).toBe('\'=HYPERLINK("http://x.example","Cy")');
  });

  it('writes an Accounts sheet with band colours, text kept as text', async () => {
    const out = join(dir, 'accounts.xlsx');
    const { code } = await runCli('accounts', csvFile(), '--model', modelFile, '-o', out, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('Accounts');
    expect(sheet).toBeDefined();
    expect(sheet?.getRow(3).values).toEqual([undefined, 'Account', 'Account score', 'Band', 'Contacts', 'Engaged contacts', 'Best lead', 'Best lead e-mail', 'Best lead score', 'Cold', 'Warm', 'Hot']);
    expect(sheet?.getRow(4).values).toEqual([undefined, 'Acme Inc.', 110, 'Hot', 3, 2, 'Ann', 'ann@acme.com', 80, 1, 1, 1]);
    const band = sheet?.getCell('C4').fill;
    expect(band?.type === 'pattern' && band.fgColor?.argb).toBe('FFF8CBAD');
    expect(sheet?.getCell('A6').value).toBe('=cmd|x');
    expect(sheet?.getCell('A6').formula).toBeUndefined();
  });

  it('gives the same figures as JSON', async () => {
    const { code, out } = await runCli('accounts', csvFile(), '--model', modelFile, '--json', '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out) as { leads: number; withoutAccount: number; byDomain: number; accounts: { key: string; score: number; perBand: Record<string, number>; best: { name: string } }[] };
    expect([json.leads, json.withoutAccount, json.byDomain]).toEqual([6, 1, 1]);
    expect(json.accounts.map((a) => [a.key, a.score, a.best.name])).toEqual([['acme', 110, 'Ann'], ['beta.io', 30, 'Gus'], ['=cmd|x', 0, '=HYPERLINK("http://x.example","Cy")']]);
    expect(json.accounts[0]?.perBand).toEqual({ Cold: 1, Warm: 1, Hot: 1 });
  });

  it('stops with the located problem when leads cannot be rolled up, and refuses other output types', async () => {
    writeFileSync(modelFile, JSON.stringify({ ...MODEL, accounts: { ...MODEL.accounts, column: 'Compnay' } }));
    const typo = await runCli('accounts', csvFile(), '--model', modelFile);
    expect(typo.code).toBe(EXIT.input);
    expect(typo.err).toContain("accounts.column: unknown column 'Compnay' (did you mean 'Company'?)");
    writeFileSync(modelFile, JSON.stringify(MODEL));
    const neither = await runCli('accounts', csvFile(LEADS.map((r) => r.slice(3)), HEADER.slice(3)), '--model', modelFile);
    expect(neither.code).toBe(EXIT.input);
    expect(neither.err).toContain('no company column and no e-mail column');
    const md = await runCli('accounts', csvFile(), '--model', modelFile, '-o', join(dir, 'a.md'));
    expect(md.code).toBe(EXIT.usage);
  });

  it('reads a workbook with its own model sheet', async () => {
    const { code, out } = await runCli('accounts', 'examples/leads.xlsx', '--json');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out) as { leads: number; withoutAccount: number; accounts: { contacts: number }[] };
    expect(json.leads).toBe(500);
    expect(json.accounts.reduce((sum, a) => sum + a.contacts, 0) + json.withoutAccount).toBe(500);
  });
});
