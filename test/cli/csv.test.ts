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

  it('neutralises what a spreadsheet would run: formulas, function calls, links to other programs, sheets and workbooks', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+SUM(A1:A9)')).toBe("'+SUM(A1:A9)");
    expect(neutraliseFormula('-2+cmd|\' /C calc\'!A0')).toBe("'-2+cmd|' /C calc'!A0");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('+Sheet2!A1')).toBe("'+Sheet2!A1");
    expect(neutraliseFormula('-[book.xlsx]Sheet1!A1')).toBe("'-[book.xlsx]Sheet1!A1");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(neutraliseFormula('  =1')).toBe("'  =1");
    expect(neutraliseFormula('\uFF1D1+1')).toBe("'\uFF1D1+1");
  });

  it('leaves data alone: numbers, phone numbers, words after a dash, handles', () => {
    for (const data of ['-42', '+1.5e3', '-', '+44 20 7946 0958', '+1 (555) 123-4567', '-Engineer', '- VP Sales', '@handle', 'a=b', '-2+3', "'=already neutral"]) {
      expect(neutraliseFormula(data)).toBe(data);
    }
    const csv = toCsv(['=cmd'], [['=1+2'], [-5], ['-5'], ['+44 20 7946 0958']]);
    expect(csv).toBe("'=cmd\r\n'=1+2\r\n-5\r\n-5\r\n+44 20 7946 0958\r\n");
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
    const { exampleLeads, exampleModel, EXAMPLE_WORKBOOK_URL } = await import('../../src/cli/writeExample');
    const { XlsxPackage } = await import('../../src/cli/files/xlsxPackage');
    const { readLeadTable } = await import('../../src/cli/scoring/workbookLeads');
    const { modelFromWorkbook } = await import('../../src/cli/modelSource');
    const pkg = XlsxPackage.open(EXAMPLE_WORKBOOK_URL.pathname);
    try {
      const table = exampleLeads();
      const read = await readLeadTable(pkg, undefined);
      expect(read.headers).toEqual(table.headers);
      expect(read.rows).toHaveLength(table.rows.length);
      table.rows.forEach((row, i) => {
        const want = row.map((v) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : v === undefined || v === '' ? null : v));
        expect(read.rows[i]!.map((v) => (v === '' ? null : v))).toEqual(want);
      });
      // Date columns read as dates (their cells' number format), so CSV output can write them as ISO dates.
      const created = table.headers.indexOf('Created Date');
      const numbered = read.rows.flatMap((row, i) => (typeof row[created] === 'number' ? [i] : []));
      expect(numbered.length).toBeGreaterThan(400);
      expect(numbered.every((i) => read.dates[i]?.[created] === true)).toBe(true);
      expect((await modelFromWorkbook(pkg))?.model).toEqual(exampleModel());
    } finally {
      pkg.close();
    }
  });
});
