import { excelErrorOf, isoDateFromExcelSerial, type CellValue } from '../engine';
import { CsvReader } from './files/csvReader';

export interface CsvTable {
  headers: string[];
  rows: string[][];
}

/**
 * Reads CSV text as people export it (see CsvReader): BOM, , ; tab or | delimiters, any line
 * ends. Trailing blank lines are dropped; short rows are padded with "" so every row has at
 * least one cell per header; longer rows keep their extra cells.
 */
export function parseCsv(text: string): CsvTable {
  const reader = CsvReader.fromText(text);
  const data: string[][] = [];
  for (let record = reader.next(); record !== null; record = reader.next()) data.push(record.cells);
  let end = data.length;
  while (end > 0 && data[end - 1]!.every((cell) => cell === '')) end--;
  if (end === 0) return { headers: [], rows: [] };
  const headers = data[0]!.map((h) => h.trim());
  const rows: string[][] = [];
  for (let i = 1; i < end; i++) {
    const row = data[i]!;
    while (row.length < headers.length) row.push('');
    rows.push(row);
  }
  return { headers, rows };
}

/** A function call (a name then "(": Excel allows no space between them). */
const FUNCTION_CALL = /[A-Za-z_\\][A-Za-z0-9_.]*\(/;
/** What reaches outside the cell: another program (DDE "cmd|"), another sheet ("!") or workbook ("["). */
const OUTSIDE_REFERENCE = /[|!\[]/;

/**
 * CSV injection: a spreadsheet opening a CSV runs a cell that starts with = as a formula, and
 * Excel also one that starts with + - or @, so a lead named =HYPERLINK(...) could send data
 * away or start a program. A leading ' makes the spreadsheet show such a cell as text.
 *
 * The rule (docs/command-line.md): after any leading spaces, tabs or line breaks,
 * - a cell starting with = (or the full-width ＝) is always neutralised: it is a formula;
 * - a cell starting with + - or @ is neutralised when what follows would act: call a function
 *   (a name directly followed by "("), or reach another program, sheet or workbook (| ! [).
 * Everything else is data and is written as it is: -5, +44 20 7946 0958, -Engineer, -, -2+3.
 * Excel may show some of these as a number or an error (#NAME? for -Engineer), but evaluating
 * them runs nothing and reads nothing, and the file keeps what the user wrote for every other
 * program that reads it. Text already starting with ' is left alone, so a re-run changes nothing.
 */
export function neutraliseFormula(text: string): string {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
  const c = text[i];
  if (c === undefined) return text;
  if (c === '=' || c === '\uFF1D') return `'${text}`;
  if (c === '+' || c === '-' || c === '@' || c === '\uFF0B' || c === '\uFF0D' || c === '\uFF20') {
    const rest = text.slice(i + 1);
    if (FUNCTION_CALL.test(rest) || OUTSIDE_REFERENCE.test(rest) || /^\s*[=\uFF1D]/.test(rest)) return `'${text}`;
  }
  return text;
}

/** False for text neutraliseFormula certainly leaves alone (checked by its first character, fast). */
export function mayNeedNeutralising(text: string): boolean {
  const first = text.charCodeAt(0);
  // = + - @, whitespace and control characters, and the full-width forms.
  return first === 61 || first === 43 || first === 45 || first === 64 || first <= 32 || first >= 0xff00;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return neutraliseFormula(value);
  return excelErrorOf(value) ?? '#VALUE!';
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** One CSV line (with its \r\n) of cells as Excel would show them, formula-like text neutralised. */
export function csvLine(cells: readonly CellValue[]): string {
  const fields = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) fields[i] = quote(cellText(cells[i]));
  return `${fields.join(',')}\r\n`;
}

/** RFC 4180 CSV with \r\n line ends (and after the last row), cells as Excel would show them. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines: string[] = [headers.map((h) => quote(neutraliseFormula(h))).join(',')];
  return `${lines.join('\r\n')}\r\n${rows.map(csvLine).join('')}`;
}

/**
 * A lead table for humans: date columns (headers ending in "Date") as YYYY-MM-DD rather than
 * serial numbers, booleans as Yes/No. Cells the messiness made text are written as they are.
 */
export function leadTableToCsv(table: { readonly headers: readonly string[]; readonly rows: readonly (readonly CellValue[])[] }): string {
  const isDate = table.headers.map((h) => h.endsWith('Date'));
  const rows = table.rows.map((row) =>
    row.map((value, i): CellValue => {
      if (typeof value === 'boolean') return value ? 'Yes' : 'No';
      if (typeof value === 'number' && isDate[i] === true) return isoDateFromExcelSerial(value);
      return value;
    }),
  );
  return toCsv(table.headers, rows);
}
