/**
 * Text as a cell of a workbook written with ExcelJS (the `accounts` and `calllist` reports)
 * must hold it. ExcelJS writes strings into the XML as they are, so:
 * - a control character (a lead name pasted with an ESC or a NUL in it) would make XML that no
 *   reader accepts: Excel offers to repair the file and drops the cell. OOXML writes such a
 *   character as _xHHHH_, which Excel shows as the character again;
 * - text that already looks like _xHHHH_ would be read back as that character, so its '_' is
 *   escaped as _x005F_ (the rule ECMA-376 gives for ST_Xstring);
 * - a lone UTF-16 surrogate cannot be written as UTF-8 at all: it becomes U+FFFD, as the
 *   encoder would make it, but here on purpose;
 * - Excel keeps at most 32,767 characters in a cell: a longer text is cut to that, ending in
 *   '…', and the caller is told (the input file keeps all of it; CSV output keeps all of it).
 */
import { MAX_CELL_CHARS } from './files/xml';

export interface WorkbookCellText {
  /** The text to give ExcelJS. */
  readonly text: string;
  /** Characters of the original left out to keep Excel's cell limit (0 when it fits). */
  readonly cut: number;
}

const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function workbookCellText(text: string): WorkbookCellText {
  let shown = text.replace(LONE_SURROGATE, '\uFFFD');
  let cut = 0;
  if (shown.length > MAX_CELL_CHARS) {
    let end = MAX_CELL_CHARS - 1;
    // Never split a surrogate pair: the half left would be the broken character removed above.
    if (/[\uD800-\uDBFF]/.test(shown[end - 1] ?? '')) end--;
    cut = shown.length - end;
    shown = `${shown.slice(0, end)}…`;
  }
  const escaped = shown
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(XML_ILLEGAL, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
  return { text: escaped, cut };
}

/** The message for a cell cut to Excel's limit: which sheet, which cell, what it was. */
export function cutCellMessage(sheet: string, address: string, column: string, length: number, cut: number): string {
  return (
    `the '${sheet}' sheet, cell ${address} (${column}): the text has ${length.toLocaleString('en-US')} characters and Excel keeps at most ` +
    `${MAX_CELL_CHARS.toLocaleString('en-US')} in a cell, so its last ${cut.toLocaleString('en-US')} are left out of the workbook ` +
    '(the input is unchanged; -o with .csv keeps the whole text)'
  );
}

/** A report cell's value for ExcelJS: numbers as they are, text made safe; a cut is reported through `warn`. */
export function workbookCellValue(value: string | number, where: { sheet: string; address: string; column: string }, warn?: (message: string) => void): string | number {
  if (typeof value !== 'string') return value;
  const fitted = workbookCellText(value);
  if (fitted.cut > 0) warn?.(cutCellMessage(where.sheet, where.address, where.column, value.length, fitted.cut));
  return fitted.text;
}
