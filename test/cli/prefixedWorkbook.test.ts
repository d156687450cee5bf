/**
 * Some generators (the Open XML SDK among them) write SpreadsheetML with a namespace prefix on
 * every element: <x:worksheet xmlns:x="...main">, <x:row>, <x:c>. Excel reads those files, so
 * leadscore must too, and what it adds must carry the same prefix (an unprefixed <c> inside
 * <x:row> would be in no namespace, and Excel would call the file damaged).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { openAtomic } from '../../src/cli/files/atomicFile';
import { ZipReader, ZipWriter } from '../../src/cli/files/zip';
import { criterion, model } from '../../src/engine';
import { runCli } from './runCli';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-prefixed-'));
});

/** A workbook as the Open XML SDK writes one: every SpreadsheetML element prefixed x:, shared and inline strings, a date style. */
function prefixedWorkbook(path: string): void {
  const out = openAtomic(path);
  const zip = new ZipWriter(out);
  zip.add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/></Types>`,
  );
  zip.add('_rels/.rels', `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG_RELS}"><Relationship Type="${RELS}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`);
  zip.add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG_RELS}"><Relationship Type="${RELS}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R2"/>` +
      `<Relationship Type="${RELS}/sharedStrings" Target="/xl/sharedStrings.xml" Id="R3"/><Relationship Type="${RELS}/styles" Target="/xl/styles.xml" Id="R4"/></Relationships>`,
  );
  zip.add('xl/workbook.xml', `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${RELS}" xmlns:x="${MAIN}"><x:sheets><x:sheet name="Leads" sheetId="1" r:id="R2"/></x:sheets></x:workbook>`);
  const strings = ['Name', 'Employees', 'Signed up', 'Ann', 'Cy'];
  zip.add('xl/sharedStrings.xml', `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="${MAIN}" count="5" uniqueCount="5">${strings.map((s) => `<x:si><x:t>${s}</x:t></x:si>`).join('')}</x:sst>`);
  zip.add(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></x:numFmts>` +
      '<x:fonts count="1"><x:font/></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
      '<x:borders count="1"><x:border/></x:borders><x:cellStyleXfs count="1"><x:xf/></x:cellStyleXfs><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>',
  );
  const shared = (ref: string, index: number): string => `<x:c r="${ref}" t="s"><x:v>${index}</x:v></x:c>`;
  const number = (ref: string, value: number, style = ''): string => `<x:c r="${ref}"${style}><x:v>${value}</x:v></x:c>`;
  const rows = [
    `<x:row r="1">${shared('A1', 0)}${shared('B1', 1)}${shared('C1', 2)}</x:row>`,
    // 2026-10-20 as an Excel serial, with the date style.
    `<x:row r="2">${shared('A2', 3)}${number('B2', 5000)}${number('C2', 46315, ' s="1"')}</x:row>`,
    `<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>Bo</x:t></x:is></x:c>${number('B3', 10)}</x:row>`,
    `<x:row r="4">${shared('A4', 4)}${number('B4', 2000)}${number('C4', 45000, ' s="1"')}</x:row>`,
  ];
  zip.add('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:r="${RELS}" xmlns:x="${MAIN}"><x:sheetData>${rows.join('')}</x:sheetData></x:worksheet>`);
  zip.finish();
  out.commit();
}

/** +10 for 1,000 employees or more, +3 for Ann, +5 for signing up in the last 30 days. */
const MODEL = model({
  name: 'Prefixed',
  asOf: '2026-11-01',
  criteria: [
    criterion({ group: 'fit', name: 'Big company', field: 'Employees', condition: { op: 'gte', value: 1000 }, points: 10 }),
    criterion({ group: 'fit', name: 'Ann', field: 'Name', condition: { op: 'equals', values: ['Ann'] }, points: 3 }),
    criterion({ group: 'engagement', name: 'Recent sign-up', field: 'Signed up', condition: { op: 'withinDays', days: 30 }, points: 5 }),
  ],
});

describe('workbooks whose SpreadsheetML elements carry a namespace prefix (x:worksheet)', () => {
  it('are read cell for cell (shared and inline strings, numbers, dates) and scored', async () => {
    const input = join(dir, 'prefixed.xlsx');
    prefixedWorkbook(input);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(MODEL));
    const run = await runCli('score', input, '--model', join(dir, 'model.json'), '-o', join(dir, 'out.csv'));
    expect(run.err).toBe('');
    expect(run.code).toBe(EXIT.ok);
    const table = parseCsv(readFileSync(join(dir, 'out.csv'), 'utf8'));
    expect(table.headers).toEqual(['Name', 'Employees', 'Signed up', 'Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
    expect(table.rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['Ann', '5000', '2026-10-20', '18'],
      ['Bo', '10', '', '0'],
      ['Cy', '2000', '2023-03-15', '10'],
    ]);
  });

  it('are written back with the same prefix on every element leadscore adds, and read again', async () => {
    const input = join(dir, 'prefixed.xlsx');
    prefixedWorkbook(input);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(MODEL));
    const run = await runCli('score', input, '--model', join(dir, 'model.json'), '-o', join(dir, 'out.xlsx'));
    expect(run.err).toBe('');
    expect(run.code).toBe(EXIT.ok);

    const zip = ZipReader.open(join(dir, 'out.xlsx'));
    const sheet = zip.readEntry('xl/worksheets/sheet1.xml').toString('utf8');
    const styles = zip.readEntry('xl/styles.xml').toString('utf8');
    zip.close();
    // Every element of the sheet and the styles is in the x: namespace: none without a prefix.
    expect(sheet.match(/<\/?(?!x:)[A-Za-z]+[\s/>]/g) ?? []).toEqual([]);
    expect(styles.replace(/^<\?xml[^>]*>/, '').match(/<\/?(?!x:)[A-Za-z]+[\s/>]/g) ?? []).toEqual([]);
    expect(sheet).toContain('<x:c r="D2"');
    expect(sheet).toContain('<x:conditionalFormatting');
    expect(styles).toContain('<x:dxfs count="');

    // The written workbook reads back with the scores where they were written.
    const again = await runCli('score', join(dir, 'out.xlsx'), '--model', join(dir, 'model.json'), '-o', join(dir, 'again.csv'));
    expect(again.code).toBe(EXIT.ok);
    const table = parseCsv(readFileSync(join(dir, 'again.csv'), 'utf8'));
    expect(table.headers).toEqual(['Name', 'Employees', 'Signed up', 'Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
    expect(table.rows.map((r) => r[3])).toEqual(['18', '0', '10']);
  });
});
