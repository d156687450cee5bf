/**
 * `leadscore score` on a workbook it scored before, as on a CSV file (scoreChange.test.ts): the
 * lead sheet's previous Score, Band and Band since columns (leadscore's note on their headers)
 * are the snapshot; each lead is matched by its ID, never by row, and gets Change and Band since.
 * Expected values are worked out by hand from FOUR_CRITERIA_MODEL (fourCriteriaModel.ts).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { scoreFile, SCORE_COLUMN_NOTE } from '../../src/cli/commands/score';
import { ZipReader } from '../../src/cli/files/zip';
import { SNAPSHOT_SHEET, SNAPSHOT_TITLE } from '../../src/engine';
import { expectTheEditedLeadsChange, folderWithModel } from './fourCriteriaModel';
import { runCli } from './runCli';
import { packageProblems } from './xlsxPackageCheck';

const at = folderWithModel('leadscore-xlsx-change-');

const LEAD_HEADERS = ['Lead ID', 'Name', 'Industry', 'Employees', 'Demo', 'Visits'];
const TAIL = ['Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority', 'Change', 'Band since'];
type Cell = string | number | null;
/** A workbook an earlier run scored, then edited: the lead data changed since, the previous run's columns still say what it scored then. Rows 2-8. */
const EDITED: Cell[][] = [
  // L1: was 40 Warm; now 100 Hot: up, +60, Band since today.
  ['L1', 'Ann', 'Technology', 500, 'yes', 5, 40, 'Warm', 40, 0, null, 'B4', '+10', '2026-11-10'],
  // L2: was 50 Hot; now 0 Cold: down, -50, Band since today.
  ['L2', 'Bo', 'Retail', 10, 'no', 0, 50, 'Hot', 40, 10, null, 'B3', 'new', '2026-11-10'],
  // L3: was 55.5 Hot since 5 Nov; now 50 Hot: same band, -5.5, keeps 2026-11-05.
  ['L3', 'Cy', 'Technology', 10, 'no', 3, 55.5, 'Hot', 40, 10, null, 'B3', '0', '2026-11-05'],
  // L4: added after the last run (no previous scores): 50 Hot, new.
  ['L4', 'Di', 'Retail', 500, 'yes', 0, null, null, null, null, null, null, null, null],
  // L5 and 'l5 ' are one ID (case and spaces ignored): neither is compared.
  ['L5', 'Ed', 'Technology', 500, 'no', 0, 10, 'Cold', 0, 10, null, 'D3', '0', '2026-11-01'],
  ['l5 ', 'Flo', 'Retail', 10, 'no', 3, 10, 'Cold', 0, 10, null, 'D3', '0', '2026-11-01'],
  // No ID: not compared.
  [null, 'Gus', 'Retail', 10, 'no', 0, 0, 'Cold', 0, 0, null, 'D4', '0', '2026-11-01'],
];

async function editedWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Leads');
  sheet.addRow([...LEAD_HEADERS, ...TAIL]);
  // leadscore's note marks the columns it wrote; without it a Score column is the user's.
  TAIL.forEach((_, k) => (sheet.getRow(1).getCell(LEAD_HEADERS.length + k + 1).note = SCORE_COLUMN_NOTE));
  for (const row of EDITED) sheet.addRow(row);
  await wb.xlsx.writeFile(path);
}

/** Band since as ExcelJS reads a date cell (a number with a date format): the day at midnight UTC. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** ID, Score, Band, Change, Band since of each lead row, read back with ExcelJS. */
async function changeCells(path: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet('Leads')!;
  const headers: unknown[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c) => headers.push(c.value));
  expect(headers.slice(-8)).toEqual(TAIL);
  expect(headers.filter((h) => h === 'Score')).toHaveLength(1);
  const col = (name: string): number => headers.indexOf(name) + 1;
  const rows: unknown[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(['Lead ID', 'Score', 'Band', 'Change', 'Band since'].map((h) => row.getCell(col(h)).value ?? ''));
  }
  return rows;
}

describe('leadscore score compares a workbook with its previous scoring', () => {
  it('writes Change and Band since by ID and reports the band moves, new, duplicate and no-ID leads', async () => {
    await editedWorkbook(at('leads.xlsx'));
    const summary = await scoreFile({ input: at('leads.xlsx'), model: at('model.json'), output: at('out.xlsx'), today: '2026-11-26' });
    expect(await changeCells(at('out.xlsx'))).toEqual([
      ['L1', 100, 'Hot', '+60', day('2026-11-26')],
      ['L2', 0, 'Cold', '-50', day('2026-11-26')],
      ['L3', 50, 'Hot', '-5.5', day('2026-11-05')],
      ['L4', 50, 'Hot', 'new', day('2026-11-26')],
      ['L5', 60, 'Hot', '', ''],
      ['l5 ', 10, 'Cold', '', ''],
      ['', 0, 'Cold', '', ''],
    ]);
    expectTheEditedLeadsChange(summary.change);
  });

  it('prints the same report as for a CSV file', async () => {
    await editedWorkbook(at('leads.xlsx'));
    const r = await runCli('score', at('leads.xlsx'), '--model', at('model.json'), '-o', at('out.xlsx'));
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toContain('1 lead became Hot, 1 dropped to Cold since 10 Nov (leads matched by Lead ID).');
    expect(r.out).toContain("  'L1' (row 2): Warm -> Hot, +60\n  'L2' (row 3): Hot -> Cold, -50\n");
    expect(r.out).toContain('1 lead new since the last scoring (Change: new).');
    expect(r.out).toContain('1 lead without Lead ID gets no Change or Band since (row 8).');
    expect(r.out).toContain("2 leads share Lead ID with another lead and get no Change or Band since: 'L5' (rows 6, 7).");
  });

  it('a second run on its own output: nothing moved, every Band since kept, Change 0, no column added twice', async () => {
    await editedWorkbook(at('leads.xlsx'));
    await scoreFile({ input: at('leads.xlsx'), model: at('model.json'), output: at('out.xlsx'), today: '2026-11-26' });
    const cellStyles = (): number => {
      const zip = ZipReader.open(at('out.xlsx'));
      try {
        return [...zip.readEntry('xl/styles.xml').toString('utf8').matchAll(/<xf\b/g)].length;
      } finally {
        zip.close();
      }
    };
    const stylesOnce = cellStyles();
    const again = await scoreFile({ input: at('out.xlsx'), model: at('model.json'), inPlace: true, today: '2026-11-27' });
    // The date style Band since is written with is reused, not added again on every run.
    expect(cellStyles()).toBe(stylesOnce);
    expect(await changeCells(at('out.xlsx'))).toEqual([
      ['L1', 100, 'Hot', '0', day('2026-11-26')],
      ['L2', 0, 'Cold', '0', day('2026-11-26')],
      ['L3', 50, 'Hot', '0', day('2026-11-05')],
      ['L4', 50, 'Hot', '0', day('2026-11-26')],
      ['L5', 60, 'Hot', '', ''],
      ['l5 ', 10, 'Cold', '', ''],
      ['', 0, 'Cold', '', ''],
    ]);
    expect(again.change).toMatchObject({ since: '2026-11-26', scored: 4, newLeads: 0, movedCount: 0 });
  });

  it('a workbook scored once before Change existed gets the two columns on its next run, by --id-column', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    sheet.addRow([...LEAD_HEADERS, 'Score', 'Band']);
    for (const k of [0, 1]) sheet.getRow(1).getCell(LEAD_HEADERS.length + k + 1).note = SCORE_COLUMN_NOTE;
    sheet.addRow(['X1', 'Ann', 'Technology', 500, 'yes', 5, 40, 'Warm']);
    await wb.xlsx.writeFile(at('old.xlsx'));
    const summary = await scoreFile({ input: at('old.xlsx'), model: at('model.json'), output: at('out.xlsx'), idColumn: 'Name', today: '2026-11-26' });
    expect(summary.change).toMatchObject({ idColumn: 'Name', scored: 1, movedCount: 1 });
    expect(await changeCells(at('out.xlsx'))).toEqual([['X1', 100, 'Hot', '+60', day('2026-11-26')]]);
    await expect(scoreFile({ input: at('old.xlsx'), model: at('model.json'), output: at('out2.xlsx'), idColumn: 'Lead Id Nr' })).rejects.toThrow(/no ID column 'Lead Id Nr'/);
  });

  it('a workbook scored before whose ID column is gone: the report says why, and the old Change and Band since are emptied, not left stale', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    sheet.addRow(['Name', 'Industry', 'Employees', 'Demo', 'Visits', ...TAIL]);
    TAIL.forEach((_, k) => (sheet.getRow(1).getCell(5 + k + 1).note = SCORE_COLUMN_NOTE));
    sheet.addRow(['Ann', 'Technology', 500, 'yes', 5, 40, 'Warm', 40, 0, null, 'B4', '+10', '2026-11-10']);
    await wb.xlsx.writeFile(at('noid.xlsx'));
    const r = await runCli('score', at('noid.xlsx'), '--model', at('model.json'), '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('No Change or Band since: no column is named like a lead ID');
    expect(r.err).toContain("'Change', 'Band since' from leadscore's last run could not be brought up to date this time; emptied");
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(at('out.xlsx'));
    const row = out.getWorksheet('Leads')!.getRow(2);
    expect([row.getCell(6).value, row.getCell(12).value, row.getCell(13).value]).toEqual([100, null, null]);
  });
});

/** The snapshot sheet's cells, A-D of each row, as ExcelJS reads them (dates as Date). */
async function snapshotCells(path: string): Promise<{ state: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets = wb.worksheets.filter((s) => s.name === SNAPSHOT_SHEET);
  expect(sheets).toHaveLength(1);
  const sheet = sheets[0]!;
  const rows: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) rows.push([1, 2, 3, 4].map((c) => sheet.getRow(r).getCell(c).value ?? ''));
  return { state: sheet.state, rows };
}

/** The workbook with the leads of `ids` deleted from the Leads sheet (rows removed, as a person deletes them). */
async function withoutLeads(from: string, to: string, ids: readonly string[], edit?: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  const sheet = wb.getWorksheet('Leads')!;
  for (let r = sheet.rowCount; r >= 2; r--) if (ids.includes(String(sheet.getRow(r).getCell(1).value))) sheet.spliceRows(r, 1);
  edit?.(wb);
  await wb.xlsx.writeFile(to);
}

describe("leadscore score keeps the 'Lead Scoring Snapshot' sheet in a workbook, as Apply does", () => {
  it('writes the snapshot of this scoring in the pane\'s format: title, date, ID column, model, then each lead with an ID once', async () => {
    await editedWorkbook(at('leads.xlsx'));
    await scoreFile({ input: at('leads.xlsx'), model: at('model.json'), output: at('out.xlsx'), today: '2026-11-26' });
    const { state, rows } = await snapshotCells(at('out.xlsx'));
    expect(state).toBe('visible');
    expect(rows).toEqual([
      [SNAPSHOT_TITLE, '', '', ''],
      ['Scored on', day('2026-11-26'), '', ''],
      ['ID column', 'Lead ID', '', ''],
      ['Model', 'Untitled model', '', ''],
      ['', '', '', ''],
      ['Lead ID', 'Score', 'Band', 'Band since'],
      // The leads of the lead sheet as scored now; L5 and 'l5 ' (one ID twice) and the lead without an ID cannot be kept.
      ['L1', 100, 'Hot', day('2026-11-26')],
      ['L2', 0, 'Cold', day('2026-11-26')],
      ['L3', 50, 'Hot', day('2026-11-05')],
      ['L4', 50, 'Hot', day('2026-11-26')],
    ]);
    // Dates and scores formatted as the pane formats them.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('out.xlsx'));
    const sheet = wb.getWorksheet(SNAPSHOT_SHEET)!;
    expect([sheet.getCell('B2').numFmt, sheet.getCell('B7').numFmt, sheet.getCell('D7').numFmt]).toEqual(['yyyy-mm-dd', '0.00', 'yyyy-mm-dd']);
    expect(packageProblems(at('out.xlsx'))).toEqual([]);
    const zip = ZipReader.open(at('out.xlsx'));
    try {
      expect(zip.readEntry('docProps/app.xml').toString('utf8')).toContain(`<vt:lpstr>${SNAPSHOT_SHEET}</vt:lpstr>`);
    } finally {
      zip.close();
    }
  });

  it('a re-run reads it as the last scoring: a deleted lead is reported by ID and the sheet is replaced where it is, still hidden', async () => {
    await editedWorkbook(at('leads.xlsx'));
    await scoreFile({ input: at('leads.xlsx'), model: at('model.json'), output: at('once.xlsx'), today: '2026-11-26' });
    // L2 deleted since; the snapshot sheet hidden by someone.
    await withoutLeads(at('once.xlsx'), at('edited.xlsx'), ['L2'], (wb) => (wb.getWorksheet(SNAPSHOT_SHEET)!.state = 'hidden'));
    const summary = await scoreFile({ input: at('edited.xlsx'), model: at('model.json'), output: at('twice.xlsx'), today: '2026-11-27' });
    expect(summary.change).toMatchObject({ since: '2026-11-26', scored: 3, newLeads: 0, movedCount: 0, removedCount: 1 });
    expect(summary.change!.removed).toEqual([{ id: 'L2', score: 0, band: 'Cold', bandSince: '2026-11-26' }]);
    expect(await changeCells(at('twice.xlsx'))).toEqual([
      ['L1', 100, 'Hot', '0', day('2026-11-26')],
      ['L3', 50, 'Hot', '0', day('2026-11-05')],
      ['L4', 50, 'Hot', '0', day('2026-11-26')],
      ['L5', 60, 'Hot', '', ''],
      ['l5 ', 10, 'Cold', '', ''],
      ['', 0, 'Cold', '', ''],
    ]);
    const { state, rows } = await snapshotCells(at('twice.xlsx'));
    expect(state).toBe('hidden');
    expect(rows.slice(1, 2)).toEqual([['Scored on', day('2026-11-27'), '', '']]);
    expect(rows.slice(6)).toEqual([
      ['L1', 100, 'Hot', day('2026-11-26')],
      ['L3', 50, 'Hot', day('2026-11-05')],
      ['L4', 50, 'Hot', day('2026-11-26')],
    ]);
    expect(packageProblems(at('twice.xlsx'))).toEqual([]);

    const r = await runCli('score', at('edited.xlsx'), '--model', at('model.json'), '-o', at('printed.xlsx'));
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toContain("1 lead of the last scoring is no longer in the table (by Lead ID): 'L2'.");
  });

  it('reads a snapshot sheet another program saved (shared strings, date cells), even as the first tab, and never takes it for the leads', async () => {
    const wb = new ExcelJS.Workbook();
    const snap = wb.addWorksheet(SNAPSHOT_SHEET);
    for (const row of [[SNAPSHOT_TITLE], ['Scored on', day('2026-11-20')], ['ID column', 'Lead ID'], ['Model', 'Untitled model'], [], ['Lead ID', 'Score', 'Band', 'Band since'], ['L1', 40, 'Warm', day('2026-11-10')], ['L9', 30, 'Warm', day('2026-11-12')]]) snap.addRow(row);
    snap.getCell('B2').numFmt = 'yyyy-mm-dd';
    snap.getColumn(4).numFmt = 'yyyy-mm-dd';
    const sheet = wb.addWorksheet('Leads');
    sheet.addRow(LEAD_HEADERS);
    sheet.addRow(['L1', 'Ann', 'Technology', 500, 'yes', 5]);
    await wb.xlsx.writeFile(at('first-tab.xlsx'));
    const summary = await scoreFile({ input: at('first-tab.xlsx'), model: at('model.json'), output: at('out.xlsx'), today: '2026-11-26' });
    expect(summary.leads).toBe(1);
    expect(summary.change).toMatchObject({ since: '2026-11-20', scored: 1, movedCount: 1, removedCount: 1 });
    expect(summary.change!.removed.map((l) => l.id)).toEqual(['L9']);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(at('out.xlsx'));
    expect(out.worksheets.map((s) => s.name)).toEqual([SNAPSHOT_SHEET, 'Leads']);
    expect(packageProblems(at('out.xlsx'))).toEqual([]);
  });

  it('a snapshot sheet edited by hand: rows without an ID or a numeric score are left out with a warning naming them, the rest compared', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    sheet.addRow(LEAD_HEADERS);
    sheet.addRow(['L1', 'Ann', 'Technology', 500, 'yes', 5]); // 100 Hot
    sheet.addRow(['L2', 'Bo', 'Retail', 10, 'no', 0]); // 0 Cold
    const snap = wb.addWorksheet(SNAPSHOT_SHEET);
    for (const row of [[SNAPSHOT_TITLE], ['Scored on', '2026-11-20'], ['ID column', 'Lead ID'], ['Model', 'Untitled model'], [], ['Lead ID', 'Score', 'Band', 'Band since'], ['L1', 40, 'Warm', '2026-11-10'], ['', 30, 'Warm', '2026-11-10'], ['L2', 'lots', 'Hot', '2026-11-10']]) snap.addRow(row);
    await wb.xlsx.writeFile(at('edited-snapshot.xlsx'));
    const r = await runCli('score', at('edited-snapshot.xlsx'), '--model', at('model.json'), '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toContain(`the '${SNAPSHOT_SHEET}' sheet: 1 row without a lead ID was left out: row 8`);
    expect(r.err).toMatch(/1 score that is not a number, so its lead counts as new: B9 \(.*lots.*\)/);
    // L1 compared (+60, Warm -> Hot); L2's snapshot row was left out, so it is new.
    expect(r.out).toContain('1 lead became Hot since 20 Nov (leads matched by Lead ID).');
    expect(r.out).toContain('1 lead new since the last scoring (Change: new).');
  });

  it("never writes over a sheet of that name that is not the snapshot: it is kept as it is, and the run says so", async () => {
    await editedWorkbook(at('leads.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('leads.xlsx'));
    wb.addWorksheet(SNAPSHOT_SHEET).getCell('A1').value = 'my own notes';
    await wb.xlsx.writeFile(at('mine.xlsx'));
    const r = await runCli('score', at('mine.xlsx'), '--model', at('model.json'), '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toContain(`a sheet named '${SNAPSHOT_SHEET}' that Lead Scoring did not write is in the way: it was left as it is`);
    // Compared with the lead sheet's own columns instead, as before.
    expect(r.out).toContain('1 lead became Hot, 1 dropped to Cold since 10 Nov (leads matched by Lead ID).');
    const { rows } = await snapshotCells(at('out.xlsx'));
    expect(rows).toEqual([['my own notes', '', '', '']]);
  });
});
