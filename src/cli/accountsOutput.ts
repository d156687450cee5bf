/**
 * The accounts in the forms people share them: a plain text table on the terminal, CSV
 * (formula-like text neutralised, as every CSV leadscore writes) and a workbook with one sheet,
 * 'Accounts', laid out like the pane's Accounts sheet. All from one table of cells
 * (accountsTable), so the columns are the same everywhere.
 */
import { columnLetters, type AccountsTable, type Band } from '../engine';
import { toCsv } from './csv';
import { displayWidth, fitColumns, terminalCell } from './terminalText';
import { workbookCellValue } from './workbookCellText';

export interface AccountsDocument {
  /** "Accounts: Weighted B2B, as of 2026-11-26". */
  readonly title: string;
  /** What the table holds (describeAccounts). */
  readonly summary: string;
  readonly table: AccountsTable;
  readonly bands: readonly Band[];
}

const NUMERIC = new Set<AccountsTable['kinds'][number]>(['score', 'count', 'bandCount']);

export function accountsText(doc: AccountsDocument): string {
  const { headers, rows, kinds } = doc.table;
  const shown = terminalCell;
  const widths = headers.map((h, c) => Math.min(32, Math.max(displayWidth(shown(h)), ...rows.map((r) => displayWidth(shown(r[c]))))));
  const fit = (text: string, c: number): string => fitColumns(text, widths[c] ?? 0, NUMERIC.has(kinds[c] ?? 'account'));
  const line = (cells: readonly unknown[]): string => cells.map((v, c) => fit(shown(v), c)).join('  ').trimEnd();
  return [doc.title, doc.summary, '', ...(rows.length > 0 ? [line(headers), ...rows.map(line)] : [])].join('\n');
}

export function accountsCsv(doc: AccountsDocument): string {
  return toCsv(doc.table.headers, doc.table.rows);
}

const WIDTHS: Readonly<Record<AccountsTable['kinds'][number], number>> = { account: 28, score: 10, band: 9, count: 10, lead: 26, bandCount: 8 };

/**
 * A workbook with one sheet, 'Accounts': title, summary, then the table with band colours; header
 * row frozen and printed on every page. Text is made safe for the file (workbookCellText); a cell
 * cut to Excel's limit is reported through `warn`.
 */
export async function accountsWorkbook(doc: AccountsDocument, warn?: (message: string) => void): Promise<Uint8Array> {
  // Loaded only when a workbook is asked for: the other commands start without it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Accounts', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const { headers, rows, kinds } = doc.table;
  const text = (v: string | number, row: number, column: number, header: string): string | number =>
    workbookCellValue(v, { sheet: 'Accounts', address: `${columnLetters(column)}${row}`, column: header }, warn);
  sheet.getCell(1, 1).value = text(doc.title, 1, 0, 'title');
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = text(doc.summary, 2, 0, 'summary');
  const head = sheet.getRow(3);
  const colourOf = new Map(doc.bands.map((b) => [b.name, b.color.replace('#', '').toUpperCase()]));
  const fill = (colour: string | undefined) => (colour !== undefined && /^[0-9A-F]{6}$/.test(colour) ? { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${colour}` } } : undefined);
  headers.forEach((h, c) => {
    const cell = head.getCell(c + 1);
    cell.value = text(h, 3, c, 'header');
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    // A contacts-per-band column carries its band's colour in the header.
    const band = kinds[c] === 'bandCount' ? fill(colourOf.get(h)) : undefined;
    if (band !== undefined) cell.fill = band;
  });
  rows.forEach((r, i) => {
    const row = sheet.getRow(4 + i);
    r.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      // Text stays text: an account named "=HYPERLINK(...)" is shown, never run.
      cell.value = text(v, 4 + i, c, headers[c] ?? '');
      const band = kinds[c] === 'band' ? fill(colourOf.get(String(v))) : undefined;
      if (band !== undefined) cell.fill = band;
    });
  });
  kinds.forEach((k, c) => {
    sheet.getColumn(c + 1).width = WIDTHS[k];
  });
  if (rows.length > 0) sheet.autoFilter = `A3:${columnLetters(headers.length - 1)}${3 + rows.length}`;
  sheet.pageSetup.printTitlesRow = '3:3';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
