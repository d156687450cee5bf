import Papa from 'papaparse';
import { excelErrorOf, isoDateFromExcelSerial, type CellValue } from '../engine';

export interface CsvTable {
  headers: string[];
  rows: string[][];
}

/**
 * Reads CSV as people export it: with or without a BOM, with , ; tab or | as the delimiter
 * (European Excel writes ;), with a trailing newline or several. Short rows are padded with ""
 * so every row has at least one cell per header; longer rows keep their extra cells.
 */
export function parseCsv(text: string): CsvTable {
  // Trailing line breaks go before parsing: Papa counts them as one-field rows when it guesses
  // the delimiter, which makes a ; file with a final newline look like a one-column , file.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/[\r\n]+$/, '');
  const result = Papa.parse<string[]>(body, {
    delimiter: '', // auto-detect among delimitersToGuess
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const data = result.data;
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

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV injection: Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (and,
 * after their own trimming, tab or CR) as a formula, so a lead named "=HYPERLINK(...)" could
 * exfiltrate data or run commands when someone opens the export. A leading ' makes them show it
 * as text. Plain numbers such as "-42" are left alone: they are not formulas and stay numbers.
 */
export function neutraliseFormula(text: string): string {
  if (text.length === 0) return text;
  const c = text[0];
  if (c === '=' || c === '+' || c === '-' || c === '@' || c === '\t' || c === '\r') {
    return PLAIN_NUMBER.test(text) ? text : `'${text}`;
  }
  return text;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return neutraliseFormula(value);
  return excelErrorOf(value) ?? '#VALUE!';
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** RFC 4180 CSV with \r\n line ends (and after the last row), cells as Excel would show them. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines: string[] = [headers.map((h) => quote(neutraliseFormula(h))).join(',')];
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : ',') + quote(cellText(row[i]));
    lines.push(line);
  }
  return `${lines.join('\r\n')}\r\n`;
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
