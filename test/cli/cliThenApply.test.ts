/**
 * A teammate scores the shared workbook with `leadscore score`, then someone opens it in Excel
 * and Applies in the pane: the pane reads the snapshot the command line kept and reports what
 * changed since that run. The file the command line wrote is loaded cell for cell into the
 * in-memory workbook (as Excel would open it: sheets, the Excel Table, notes, the custom XML
 * parts), then the real pane session Applies. Expected values are worked out by hand from
 * FOUR_CRITERIA_MODEL (fourCriteriaModel.ts).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scoreFile } from '../../src/cli/commands/score';
import { XlsxPackage } from '../../src/cli/files/xlsxPackage';
import { formatRange } from '../../src/cli/files/xml';
import { writeModelSheet } from '../../src/cli/modelSource';
import { applyRecordPart } from '../../src/cli/scoring/applyRecord';
import { sheetGrid } from '../../src/cli/scoring/workbookLeads';
import { excelSerialFromIsoDate, OWNERSHIP_NAMESPACE, ownershipToXml, SNAPSHOT_SHEET } from '../../src/engine';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { changeHeadline, changeNotes } from '../../src/insights/changeReport';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import { FOUR_CRITERIA_MODEL, folderWithModel } from './fourCriteriaModel';

const at = folderWithModel('leadscore-cli-then-apply-');

/** The workbook as Excel would show it once opened: every sheet's cells, the Excel Tables, the notes and Apply's record. */
async function openInMemory(path: string): Promise<MemoryWorkbook> {
  const book = new MemoryWorkbook();
  const pkg = XlsxPackage.open(path);
  try {
    for (const sheet of pkg.sheets) {
      book.seedSheet(sheet.name, await sheetGrid(pkg, sheet));
      for (const table of pkg.tables(sheet)) book.seedTable(sheet.name, formatRange(table.range), table.name);
      for (const [ref, text] of pkg.notes(sheet)) book.userNote(sheet.name, ref, text);
    }
    const record = applyRecordPart(pkg);
    if (record !== null) await book.writeCustomXml(OWNERSHIP_NAMESPACE, ownershipToXml(record.record));
  } finally {
    pkg.close();
  }
  return book;
}

describe('leadscore score, then Apply in the pane', () => {
  it("Apply compares with the snapshot the command line kept: Change since that run, its Band since dates, the lead gone since listed", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    sheet.addTable({
      name: 'Leads',
      ref: 'A1',
      headerRow: true,
      columns: ['Lead ID', 'Name', 'Industry', 'Employees', 'Demo', 'Visits'].map((name) => ({ name })),
      rows: [
        ['L1', 'Ann', 'Technology', 500, 'yes', 5], // 100 Hot
        ['L2', 'Bo', 'Retail', 10, 'no', 0], // 0 Cold
        ['L3', 'Cy', 'Technology', 10, 'no', 3], // 50 Hot
        ['L4', 'Di', 'Retail', 500, 'yes', 0], // 50 Hot
      ],
    });
    writeModelSheet(wb, FOUR_CRITERIA_MODEL);
    await wb.xlsx.writeFile(at('leads.xlsx'));
    // The command line's first scoring of the file: Score to Priority, and the snapshot kept.
    await scoreFile({ input: at('leads.xlsx'), output: at('scored.xlsx'), today: '2026-11-20' });

    const book = await openInMemory(at('scored.xlsx'));
    expect((await book.sheetNames()).includes(SNAPSHOT_SHEET)).toBe(true);
    // In Excel since: Bo's company is now in Technology (0 -> 40, Cold -> Warm), and L4's row was
    // overwritten by a new lead, L44: L4 is gone.
    book.userEdit('Leads', 'C3', [['Technology']]);
    book.userEdit('Leads', 'A5', [['L44']]);
    book.select('Leads', 'A2');
    const session = new WorkbookSession(book, { today: () => new Date(2026, 10, 26), debounceMs: 5 });
    expect((await session.findLeadTable()).kind).toBe('table');
    const result = await session.apply(FOUR_CRITERIA_MODEL, { mode: 'values', subScores: false });
    // No question about overwriting: the command line's columns are scoring's own (its note on each header).
    expect(result).toMatchObject({ kind: 'applied', columns: ['Score', 'Band', 'Change', 'Band since'] });
    if (result.kind !== 'applied' || result.change?.kind !== 'tracked') throw new Error('expected a tracked Apply');
    const summary = result.change.summary;
    expect(summary).toMatchObject({ since: '2026-11-20', idColumn: 'Lead ID', scored: 3, newLeads: 1, movedCount: 1, removedCount: 1 });
    expect(changeHeadline(summary)).toBe('1 lead became Warm since 20 Nov');
    expect(changeNotes(summary)).toEqual(['1 lead new since the last scoring (Change: new)', "1 lead of the last scoring is no longer in the table (by Lead ID): 'L4'"]);

    const values = await book.readValues('Leads', 'A1:J5');
    const headers = values[0] as string[];
    const col = (name: string): number => headers.indexOf(name);
    // Apply writes Change as a number (shown +40.00); 'new' as text.
    expect(values.slice(1).map((r) => ['Lead ID', 'Score', 'Band', 'Change', 'Band since'].map((h) => r[col(h)]))).toEqual([
      ['L1', 100, 'Hot', 0, excelSerialFromIsoDate('2026-11-20')],
      ['L2', 40, 'Warm', 40, excelSerialFromIsoDate('2026-11-26')],
      ['L3', 50, 'Hot', 0, excelSerialFromIsoDate('2026-11-20')],
      ['L44', 50, 'Hot', 'new', excelSerialFromIsoDate('2026-11-26')],
    ]);
  });
});
