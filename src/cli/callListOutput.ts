/**
 * The call list in the forms people share it: a plain text table on the terminal, CSV (formula-
 * like text neutralised, as every CSV leadscore writes), Markdown (for a chat or a wiki page)
 * and a workbook laid out to print (landscape, one page wide, header row on every page).
 * All from one table of cells (callListTable), so the columns are the same everywhere.
 */
import { columnLetters, type Band, type CallListTable } from '../engine';
import { toCsv } from './csv';
import { displayWidth, fitColumns, terminalCell } from './terminalText';
import { workbookCellValue } from './workbookCellText';

export interface CallListDocument {
  /** "Call list: Weighted B2B, 26 Nov 2026". */
  readonly title: string;
  /** What the list holds and leaves out (describeCallList). */
  readonly summary: string;
  readonly table: CallListTable;
  readonly bands: readonly Band[];
}

/** The terminal: one line per lead with the short columns, the reasons indented on the line below. */
export function callListText(doc: CallListDocument): string {
  const { headers, rows, kinds } = doc.table;
  const main = headers.map((_, c) => c).filter((c) => kinds[c] !== 'reason');
  const reasons = headers.map((_, c) => c).filter((c) => kinds[c] === 'reason');
  const shown = terminalCell;
  const widths = main.map((c) => Math.min(32, Math.max(displayWidth(shown(headers[c])), ...rows.map((r) => displayWidth(shown(r[c]))))));
  const numeric = main.map((c) => kinds[c] === 'rank' || kinds[c] === 'row' || kinds[c] === 'score' || kinds[c] === 'change');
  const fit = (text: string, i: number): string => fitColumns(text, widths[i] ?? 0, numeric[i] === true);
  const line = (cells: readonly unknown[]): string => main.map((c, i) => fit(shown(cells[c]), i)).join('  ').trimEnd();
  const out = [doc.title, doc.summary, ''];
  if (rows.length > 0) out.push(line(headers));
  const indent = ' '.repeat((widths[0] ?? 1) + 2);
  for (const r of rows) {
    out.push(line(r));
    const why = reasons.map((c) => shown(r[c])).filter((t) => t !== '');
    if (why.length > 0) out.push(`${indent}${why.join(' · ')}`);
  }
  return out.join('\n');
}

export function callListCsv(doc: CallListDocument): string {
  return toCsv(doc.table.headers, doc.table.rows);
}

/**
 * Markdown renders HTML and links: a cell holding <img onerror=...> or [text](javascript:...)
 * would act in a viewer that renders it. Every character with a meaning in Markdown or HTML is
 * escaped, and a line break would end the table row.
 */
export function markdownCell(value: unknown): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

export function callListMarkdown(doc: CallListDocument): string {
  const { headers, rows, kinds } = doc.table;
  const align = kinds.map((k) => (k === 'rank' || k === 'row' || k === 'score' || k === 'change' ? '---:' : '---'));
  return [
    `# ${markdownCell(doc.title)}`,
    '',
    markdownCell(doc.summary),
    '',
    `| ${headers.map(markdownCell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Column widths in characters, by kind: wide enough to read, narrow enough to print one page wide. */
const WIDTHS: Readonly<Record<CallListTable['kinds'][number], number>> = { rank: 5, row: 7, priority: 9, action: 18, score: 8, band: 9, change: 9, contact: 22, reason: 38 };

/**
 * A workbook with one sheet, 'Call list', ready to print: landscape, one page wide, header row on
 * every page (paper size: the printer's). Text is made safe for the file (workbookCellText); a
 * cell cut to Excel's limit is reported through `warn`.
 */
export async function callListWorkbook(doc: CallListDocument, warn?: (message: string) => void): Promise<Uint8Array> {
  // Loaded only when a workbook is asked for: the other commands start without it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Call list', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const { headers, rows, kinds } = doc.table;
  const text = (v: string | number, row: number, column: number, header: string): string | number =>
    workbookCellValue(v, { sheet: 'Call list', address: `${columnLetters(column)}${row}`, column: header }, warn);
  sheet.getCell(1, 1).value = text(doc.title, 1, 0, 'title');
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = text(doc.summary, 2, 0, 'summary');
  const head = sheet.getRow(3);
  headers.forEach((h, c) => {
    const cell = head.getCell(c + 1);
    cell.value = text(h, 3, c, 'header');
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  const colourOf = new Map(doc.bands.map((b) => [b.name, b.color.replace('#', '').toUpperCase()]));
  rows.forEach((r, i) => {
    const row = sheet.getRow(4 + i);
    r.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      // Text stays text: a lead named "=HYPERLINK(...)" is shown, never run.
      cell.value = text(v, 4 + i, c, headers[c] ?? '');
      if (kinds[c] === 'reason') cell.alignment = { wrapText: true, vertical: 'top' };
      else cell.alignment = { vertical: 'top' };
      const colour = kinds[c] === 'band' ? colourOf.get(String(v)) : undefined;
      if (colour !== undefined && /^[0-9A-F]{6}$/.test(colour)) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour}` } };
    });
  });
  kinds.forEach((k, c) => {
    sheet.getColumn(c + 1).width = WIDTHS[k];
  });
  const last = `${columnLetters(headers.length - 1)}${3 + Math.max(1, rows.length)}`;
  sheet.pageSetup.printArea = `A1:${last}`;
  sheet.pageSetup.printTitlesRow = '3:3';
  sheet.headerFooter.oddFooter = '&L&A&RPage &P of &N';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
