import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { leadTableToCsv, neutraliseFormula, parseCsv, toCsv } from '../../src/cli/csv';
import { EXAMPLE_LEADS_URL, exampleLeadsCsv } from '../../src/cli/writeExample';
import { excelSerialFromIsoDate } from '../../src/engine/cells/excelDate';
import { generateLeads } from '../../src/sample-data/generateLeads';

describe('toCsv / parseCsv', () => {
  it('round-trips quotes, commas, newlines and unicode', () => {
    const headers = ['Name', 'Note', 'Company'];
    const rows = [
      ['Müller', 'said "hi", then left', 'Tanaka Systems Co., Ltd.'],
      ['O\'Brien', 'line one\nline two', ''],
      ['plain', 'crlf\r\ninside', 'x'],
    ];
    const csv = toCsv(headers, rows);
    expect(csv).toContain('"said ""hi"", then left"');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual({ headers, rows });
  });

  it('writes booleans, numbers and blanks as Excel shows them', () => {
    const csv = toCsv(['a', 'b', 'c', 'd', 'e'], [[true, false, 1.5, null, undefined], [-3, 0, '', 'x', 1e21]]);
    expect(csv).toBe('a,b,c,d,e\r\nTRUE,FALSE,1.5,,\r\n-3,0,,x,1e+21\r\n');
  });

  it('strips a BOM, trims headers, drops trailing blank lines and pads short rows', () => {
    const parsed = parseCsv('\uFEFF Name , Score\r\nAda,3\r\nBob\r\n\r\n\r\n');
    expect(parsed).toEqual({ headers: ['Name', 'Score'], rows: [['Ada', '3'], ['Bob', '']] });
    expect(parseCsv('')).toEqual({ headers: [], rows: [] });
  });

  it('detects ; tab and | delimiters', () => {
    const want = { headers: ['Name', 'Amount'], rows: [['Ada', '1,5'], ['Bob', '2,25']] };
    expect(parseCsv('Name;Amount\nAda;1,5\nBob;2,25\n')).toEqual(want);
    expect(parseCsv('Name\tAmount\nAda\t1,5\nBob\t2,25\n')).toEqual(want);
    expect(parseCsv('Name|Amount\nAda|1,5\nBob|2,25\n')).toEqual(want);
  });

  it('neutralises formula-like text (CSV injection) but not plain numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseFormula('+1+1')).toBe("'+1+1");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(neutraliseFormula('-42')).toBe('-42');
    expect(neutraliseFormula('+1.5e3')).toBe('+1.5e3');
    expect(neutraliseFormula('a=b')).toBe('a=b');
    const csv = toCsv(['=cmd'], [['=1+2'], [-5], ['-5']]);
    expect(csv).toBe("'=cmd\r\n'=1+2\r\n-5\r\n-5\r\n");
    expect(parseCsv(toCsv(['x'], [['=A1,B1']])).rows).toEqual([["'=A1,B1"]]);
  });
});

describe('leadTableToCsv', () => {
  it('writes dates as ISO and booleans as Yes/No', () => {
    const table = generateLeads({ count: 200, seed: 5, messiness: 0 });
    const parsed = parseCsv(leadTableToCsv(table));
    expect(parsed.headers).toEqual(table.headers);
    expect(parsed.rows).toHaveLength(200);
    const created = table.headers.indexOf('Created Date');
    const converted = table.headers.indexOf('Converted');
    const webinarDate = table.headers.indexOf('Last Webinar Date');
    for (const [n, row] of parsed.rows.entries()) {
      expect(row[created]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(excelSerialFromIsoDate(row[created]!)).toBe(table.rows[n]![created]);
      expect(row[converted]).toBe(table.rows[n]![converted] === true ? 'Yes' : 'No');
      if (table.rows[n]![webinarDate] === '') expect(row[webinarDate]).toBe('');
    }
  });
});

describe('examples/leads.csv', () => {
  it('is exactly what the generator produces (regenerate: npx tsx src/cli/writeExample.ts)', () => {
    // Line ends normalised in case git checks the file out with LF.
    const onDisk = readFileSync(EXAMPLE_LEADS_URL, 'utf8').replace(/\r\n/g, '\n');
    expect(onDisk).toBe(exampleLeadsCsv().replace(/\r\n/g, '\n'));
  });

  it('parses back to 500 leads with a plausible conversion rate', () => {
    const { headers, rows } = parseCsv(exampleLeadsCsv());
    expect(rows).toHaveLength(500);
    const converted = headers.indexOf('Converted');
    const rate = rows.filter((r) => r[converted] === 'Yes').length / rows.length;
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.25);
  });
});

describe('examples/leads.xlsx', () => {
  it('holds the generator’s leads and the example model on its Lead Scoring sheet (regenerate: npm run examples)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { exampleLeads, exampleModel, EXAMPLE_WORKBOOK_URL } = await import('../../src/cli/writeExample');
    const { engineValue, findModelSheet, sheetGrid } = await import('../../src/cli/leadFile');
    const { readModelSheet } = await import('../../src/engine');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE_WORKBOOK_URL.pathname);
    const table = exampleLeads();
    const sheet = wb.getWorksheet('Leads')!;
    const cells = (r: number): unknown[] => table.headers.map((_, c) => engineValue(sheet.getRow(r).getCell(c + 1).value));
    expect(cells(1)).toEqual(table.headers);
    expect(sheet.actualRowCount).toBe(table.rows.length + 1);
    table.rows.forEach((row, i) => {
      const want = row.map((v) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : v === undefined || v === '' ? null : v));
      expect(cells(i + 2).map((v) => (v === '' ? null : v))).toEqual(want);
    });
    const model = readModelSheet(sheetGrid(findModelSheet(wb)!));
    expect(model.ok && model.value).toEqual(exampleModel());
  });
});
