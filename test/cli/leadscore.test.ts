import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { leadTableToCsv, parseCsv } from '../../src/cli/csv';
import { runCli } from './runCli';
import { writeModelSheet } from '../../src/cli/modelSource';
import { compile, templateById, type Model } from '../../src/engine';
import { generateLeads } from '../../src/sample-data/generateLeads';

const MODEL: Model = { ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-cli-'));
});

const run = runCli;

const leads = (count = 60): { headers: string[]; rows: string[][] } => parseCsv(leadTableToCsv(generateLeads({ count, seed: 'cli', asOf: '2026-11-01' })));

/** A workbook as a team keeps it: leads, the model sheet, and a notes sheet with a formula. */
async function teamWorkbook(path: string, edit?: (wb: ExcelJS.Workbook) => void): Promise<{ headers: string[]; rows: string[][] }> {
  const table = leads();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Leads');
  sheet.addRow(table.headers);
  for (const row of table.rows) sheet.addRow(row);
  sheet.getColumn(2).width = 31;
  sheet.getColumn(8).numFmt = '#,##0';
  writeModelSheet(wb, MODEL);
  const notes = wb.addWorksheet('Notes');
  notes.getCell('A1').value = 2;
  notes.getCell('A2').value = 3;
  notes.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 5 };
  edit?.(wb);
  await wb.xlsx.writeFile(path);
  return table;
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const headerIndex = (sheet: ExcelJS.Worksheet, name: string): number => {
  let at = -1;
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.value === name) at = col;
  });
  return at;
};

describe('leadscore', () => {
  it('lists its commands and exit codes, and refuses what it does not know with exit 2', async () => {
    const help = await run('--help');
    expect(help.code).toBe(EXIT.ok);
    expect(help.out).toMatch(/score .*\n.*sql/);
    expect(help.out).toContain('Exit codes: 0 ok, 1 unusable input, 2 wrong usage');
    expect((await run('nope')).code).toBe(EXIT.usage);
    const bad = await run('score', 'x.csv', '--bogus');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('--bogus');
    expect((await run('score', '--help')).out).toContain('--in-place');
  });
});

describe('npx leadscore (bin/leadscore.mjs)', () => {
  it('runs the compiled command line as a program, with its exit codes', () => {
    // What `npm ci` runs through "prepare": the bin then starts from build/cli, not through tsx.
    const build = spawnSync(process.execPath, [join(__dirname, '../../scripts/build-cli.mjs')], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    expect(existsSync(join(__dirname, '../../build/cli/leadscore.mjs'))).toBe(true);
    const bin = join(__dirname, '../../bin/leadscore.mjs');
    const ok = spawnSync(process.execPath, [bin, 'sql', 'template:plan', '--dialect', 'postgres'], { encoding: 'utf8' });
    expect(ok.status).toBe(EXIT.ok);
    expect(ok.stdout).toMatch(/^-- Lead scoring model 'Email and pricing plan' for postgres/);
    expect(ok.stdout).toContain('$1');
    const usage = spawnSync(process.execPath, [bin, 'sql', 'template:plan', '--dialect', 'oracle'], { encoding: 'utf8' });
    expect(usage.status).toBe(EXIT.usage);
    expect(usage.stderr).toContain('--dialect must be one of duckdb, postgres, spark');
  }, 60_000);
});

describe('leadscore score, workbooks', () => {
  it("scores with the model sheet, writes Score and Band as the engine scores, keeps the rest of the workbook", async () => {
    const input = join(dir, 'team.xlsx');
    const table = await teamWorkbook(input);
    const { code, out, err } = await run('score', input, '--json');
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    const summary = JSON.parse(out) as { output: string; leads: number; modelSource: string };
    expect(summary.output).toBe(join(dir, 'team.scored.xlsx'));
    expect(summary.leads).toBe(60);
    expect(summary.modelSource).toBe("sheet 'Lead Scoring'");

    const wb = await load(summary.output);
    // The leads have an ID column (detected), so the snapshot of this scoring is kept for the next one.
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Leads', 'Lead Scoring', 'Notes', 'Lead Scoring Snapshot']);
    const notes = wb.getWorksheet('Notes')!;
    expect(notes.getCell('A3').value).toMatchObject({ formula: 'SUM(A1:A2)' });
    const sheet = wb.getWorksheet('Leads')!;
    expect(sheet.getColumn(2).width).toBe(31);
    expect(sheet.getColumn(8).numFmt).toBe('#,##0');
    const scoreCol = headerIndex(sheet, 'Score');
    const bandCol = headerIndex(sheet, 'Band');
    expect(scoreCol).toBe(table.headers.length + 1);
    const compiled = compile(MODEL, table.headers);
    if (!compiled.ok) throw new Error('model');
    const scored = compiled.value.scoreRows(table.rows);
    for (let i = 0; i < table.rows.length; i++) {
      expect(sheet.getRow(i + 2).getCell(scoreCol).value).toBe(scored.scores[i]);
      expect(sheet.getRow(i + 2).getCell(bandCol).value).toBe(MODEL.bands[scored.bandIndex[i] ?? 0]!.name);
    }
    // The band colours as native conditional formats, one rule per band, on the Band and Score columns.
    const formats = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[] }[] }).conditionalFormattings;
    expect(formats.map((f) => f.ref).sort()).toEqual([`${sheet.getColumn(bandCol).letter}2:${sheet.getColumn(bandCol).letter}61`, `${sheet.getColumn(scoreCol).letter}2:${sheet.getColumn(scoreCol).letter}61`].sort());
    for (const f of formats) {
      expect(f.rules.map((r) => r.style.fill.bgColor.argb)).toEqual(MODEL.bands.map((b) => `FF${b.color.slice(1).toUpperCase()}`));
      expect(f.rules.every((r) => r.type === 'expression' && !/LEADSCORE/i.test(r.formulae[0] ?? ''))).toBe(true);
    }
  });

  it('refreshes its own columns on a second run in place, and never adds them twice', async () => {
    const input = join(dir, 'team.xlsx');
    await teamWorkbook(input);
    expect((await run('score', input, '-o', join(dir, 'once.xlsx'))).code).toBe(EXIT.ok);
    const again = await run('score', join(dir, 'once.xlsx'), '--in-place');
    expect(again.err).toBe('');
    const sheet = (await load(join(dir, 'once.xlsx'))).getWorksheet('Leads')!;
    const headers: unknown[] = [];
    sheet.getRow(1).eachCell((c) => headers.push(c.value));
    expect(headers.filter((h) => h === 'Score')).toHaveLength(1);
    // The second run compares with the first by lead ID: Change and Band since follow the score columns.
    expect(headers.slice(-8)).toEqual(['Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority', 'Change', 'Band since']);
  });

  it("never overwrites the user's own Score column", async () => {
    const input = join(dir, 'own.xlsx');
    await teamWorkbook(input, (wb) => {
      const s = wb.getWorksheet('Leads')!;
      s.getCell(1, 31).value = 'Score';
      s.getCell(2, 31).value = 'my own';
    });
    const r = await run('score', input);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("already has a column named 'Score' that leadscore did not write");
    expect(existsSync(join(dir, 'own.scored.xlsx'))).toBe(false);
  });

  it('never writes over its input or an existing file unless asked', async () => {
    const input = join(dir, 'team.xlsx');
    await teamWorkbook(input);
    const before = readFileSync(input);
    const same = await run('score', input, '-o', input);
    expect(same.code).toBe(EXIT.output);
    expect(same.err).toContain('--in-place');
    expect(readFileSync(input).equals(before)).toBe(true);
    writeFileSync(join(dir, 'taken.xlsx'), 'mine');
    const taken = await run('score', input, '-o', join(dir, 'taken.xlsx'));
    expect(taken.code).toBe(EXIT.output);
    expect(readFileSync(join(dir, 'taken.xlsx'), 'utf8')).toBe('mine');
    expect((await run('score', input, '-o', join(dir, 'taken.xlsx'), '--force')).code).toBe(EXIT.ok);
  });

  it('locates errors on the model sheet by cell', async () => {
    const input = join(dir, 'broken.xlsx');
    await teamWorkbook(input, (wb) => {
      const s = wb.getWorksheet('Lead Scoring')!;
      let pointsCol = 0;
      s.getRow(3).eachCell((c, col) => {
        if (c.value === 'Points') pointsCol = col;
      });
      s.getCell(5, pointsCol).value = 'lots';
    });
    const r = await run('score', input);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/'Lead Scoring'!\w+5/);
    expect(r.err).toContain('lots');
    expect(readdirSync(dir)).toEqual(['broken.xlsx']);
  });

  it('says which column is missing, and which table when --table names none', async () => {
    const input = join(dir, 'team.xlsx');
    await teamWorkbook(input, (wb) => {
      wb.getWorksheet('Leads')!.getCell(1, 7).value = 'Sector';
    });
    const missing = await run('score', input);
    expect(missing.code).toBe(EXIT.input);
    expect(missing.err).toContain("unknown column 'Industry'");
    const table = await run('score', input, '--table', 'Prospects');
    expect(table.code).toBe(EXIT.input);
    expect(table.err).toContain("no table or sheet named 'Prospects'; the sheets are 'Leads', 'Lead Scoring', 'Notes'");
  });

  it('scores the Excel table named by --table, wherever it sits on its sheet', async () => {
    const input = join(dir, 'tables.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Pipeline');
    sheet.getCell('A1').value = 'Q4 pipeline';
    sheet.addTable({ name: 'Prospects', ref: 'B3', headerRow: true, columns: [{ name: 'Lead ID' }, { name: 'Industry' }], rows: [['L1', 'Technology'], ['L2', 'Retail']] });
    writeModelSheet(wb, { ...MODEL, criteria: MODEL.criteria.filter((c) => c.field === 'Industry') });
    await wb.xlsx.writeFile(input);
    const r = await run('score', input, '--table', 'prospects', '-o', join(dir, 'out.xlsx'));
    expect(r.err).toBe('');
    const out = (await load(join(dir, 'out.xlsx'))).getWorksheet('Pipeline')!;
    expect([out.getCell('D3').value, out.getCell('D4').value, out.getCell('D5').value, out.getCell('E4').value]).toEqual(['Score', 20, 0, 'Cold']);
    expect(out.getCell('A1').value).toBe('Q4 pipeline');
  });

  it('refuses a damaged, a password-protected and a misnamed file, leaving nothing behind', async () => {
    const good = join(dir, 'team.xlsx');
    await teamWorkbook(good);
    const bytes = readFileSync(good);
    writeFileSync(join(dir, 'cut.xlsx'), bytes.subarray(0, bytes.length / 2));
    const cut = await run('score', join(dir, 'cut.xlsx'));
    expect(cut.code).toBe(EXIT.input);
    expect(cut.err).toContain('cut.xlsx: the workbook cannot be read');
    // Excel saves a workbook with a password as an encrypted OLE compound file.
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    writeFileSync(join(dir, 'locked.xlsx'), cfb);
    const locked = await run('score', join(dir, 'locked.xlsx'));
    expect(locked.code).toBe(EXIT.input);
    expect(locked.err).toContain('password-protected');
    writeFileSync(join(dir, 'text.xlsx'), 'Lead ID,Name\n1,Ann\n');
    expect((await run('score', join(dir, 'text.xlsx'))).err).toContain('not an .xlsx workbook');
    expect(readdirSync(dir).filter((f) => f.includes('scored') || f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('leadscore score, CSV', () => {
  const modelFile = (): string => {
    const path = join(dir, 'model.json');
    writeFileSync(path, JSON.stringify(MODEL));
    return path;
  };

  it('reads ; delimited Windows-1252 text and UTF-8 with a BOM alike', async () => {
    const table = leads(20);
    table.rows[0]![table.headers.indexOf('Company')] = 'Müller Öl GmbH';
    const text = [table.headers, ...table.rows].map((r) => r.join(';')).join('\r\n');
    writeFileSync(join(dir, 'win.csv'), Buffer.from(text, 'latin1'));
    writeFileSync(join(dir, 'bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/;/g, '\t'), 'utf8')]));
    for (const name of ['win', 'bom']) {
      const r = await run('score', join(dir, `${name}.csv`), '--model', modelFile(), '-o', join(dir, `${name}.out.csv`));
      expect(r.err).toBe('');
      const out = parseCsv(readFileSync(join(dir, `${name}.out.csv`), 'utf8'));
      expect(out.headers.slice(-6)).toEqual(['Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
      expect(out.rows[0]![table.headers.indexOf('Company')]).toBe('Müller Öl GmbH');
      expect(out.rows).toHaveLength(20);
    }
  });

  it('never writes formula-like text as a formula, in CSV or in a workbook', async () => {
    const table = leads(5);
    const attack = "=cmd|' /C calc'!A0";
    table.rows[1]![table.headers.indexOf('First Name')] = attack;
    writeFileSync(join(dir, 'in.csv'), leadTableToCsvText(table));
    expect((await run('score', join(dir, 'in.csv'), '--model', modelFile(), '-o', join(dir, 'out.csv'))).code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toContain(`'${attack}`);
    expect((await run('score', join(dir, 'in.csv'), '--model', modelFile(), '-o', join(dir, 'out.xlsx'))).code).toBe(EXIT.ok);
    const cell = (await load(join(dir, 'out.xlsx'))).getWorksheet('Leads')!.getRow(3).getCell(table.headers.indexOf('First Name') + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(attack);
  });

  it('asks for a model for a CSV file, and reports a JSON model that is not valid', async () => {
    writeFileSync(join(dir, 'in.csv'), leadTableToCsvText(leads(3)));
    expect((await run('score', join(dir, 'in.csv'))).code).toBe(EXIT.usage);
    writeFileSync(join(dir, 'bad.json'), '{"version": 1, "criteria": [');
    const bad = await run('score', join(dir, 'in.csv'), '--model', join(dir, 'bad.json'));
    expect(bad.code).toBe(EXIT.input);
    expect(bad.err).toContain('bad.json: not valid JSON');
  });
});

function leadTableToCsvText(table: { headers: string[]; rows: string[][] }): string {
  const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [table.headers, ...table.rows].map((r) => r.map(q).join(',')).join('\r\n');
}
