/**
 * Reading lead files for the command line: CSV in any common delimiter and encoding, and
 * .xlsx workbooks through exceljs. Every failure is a CliError that names the file and what
 * is wrong with it.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import ExcelJS from 'exceljs';
import { MODEL_SHEET } from '../engine';
import { CliError } from './command';
import { parseCsv, type CsvTable } from './csv';

export type FileKind = 'csv' | 'xlsx';

export function fileKind(path: string): FileKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  throw new CliError(`${path}: unknown file type '${ext}'; leadscore reads .xlsx and .csv files`);
}

export function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`);
  }
}

/**
 * Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252, the encoding Excel on
 * Windows saves "CSV" in. Bytes that are not valid UTF-8 can only be a legacy encoding.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

export function readCsvTable(path: string, bytes: Uint8Array): CsvTable {
  if (looksBinary(bytes)) throw new CliError(`${path}: this is not a text (CSV) file; it holds binary data`);
  const table = parseCsv(decodeCsv(bytes).text);
  if (table.headers.length === 0 || table.headers.every((h) => h === '')) throw new CliError(`${path}: the file is empty; a CSV file needs a header row`);
  return table;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The signature of an OLE compound file: how Excel stores a password-protected .xlsx (and old .xls). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function loadWorkbook(path: string, bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new CliError(
      `${path}: the workbook is password-protected (encrypted) or an old .xls file; ` +
        'open it in Excel, remove the password (File > Info > Protect Workbook) or save it as .xlsx, and try again',
    );
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new CliError(`${path}: not an .xlsx workbook (it is not a zip package); is the file damaged or misnamed?`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new CliError(`${path}: the workbook cannot be read; it is damaged or not an .xlsx file (${(error as Error).message})`);
  }
  return workbook;
}

/** Days between 1899-12-30 and 1970-01-01: Excel serial = Unix days + this. */
const UNIX_EPOCH_SERIAL = 25569;

/** A cell's value as the engine takes it: number, string, boolean, null; dates as serials; formulas as their result. */
export function engineValue(value: ExcelJS.CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.getTime() / 86_400_000 + UNIX_EPOCH_SERIAL;
  if (typeof value === 'object') {
    if ('error' in value) return String(value.error);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return result === undefined ? null : engineValue(result as ExcelJS.CellValue);
    }
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return null;
}

/** A worksheet's values from A1 as rows of engine values (the used range, rectangular). */
export function sheetGrid(sheet: ExcelJS.Worksheet): (string | number | boolean | null)[][] {
  const grid: (string | number | boolean | null)[][] = [];
  const width = sheet.actualColumnCount > 0 ? sheet.columnCount : 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: (string | number | boolean | null)[] = [];
    for (let c = 1; c <= width; c++) cells.push(engineValue(row.getCell(c).value));
    grid.push(cells);
  }
  return grid;
}

export function findModelSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((s) => s.name.trim().toLowerCase() === MODEL_SHEET.toLowerCase());
}

/** Where the lead table is: its sheet, header row and first/last column (1-based, as exceljs counts). */
export interface LeadRange {
  readonly sheet: ExcelJS.Worksheet;
  readonly headerRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
  /** Last data row (inclusive); headerRow when there are no leads. */
  readonly lastRow: number;
  readonly tableName: string | null;
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
}

/**
 * The lead table: the Excel table or sheet named by --table, else the first sheet other than
 * the model sheet that has a header row.
 */
export function findLeadRange(path: string, workbook: ExcelJS.Workbook, wanted: string | undefined): LeadRange {
  const modelSheet = findModelSheet(workbook);
  if (wanted !== undefined) {
    for (const sheet of workbook.worksheets) {
      for (const t of Object.values((sheet as unknown as { tables: Record<string, { table?: TableModel; model?: TableModel }> }).tables ?? {})) {
        const m = t.table ?? t.model ?? {};
        const name = m.displayName ?? m.name ?? '';
        const ref = m.tableRef ?? m.ref;
        if (name.toLowerCase() === wanted.toLowerCase() && ref !== undefined) return rangeFromRef(sheet, ref, name);
      }
    }
    const sheet = workbook.worksheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (sheet === undefined) {
      const names = workbook.worksheets.map((s) => `'${s.name}'`).join(', ');
      throw new CliError(`${path}: no table or sheet named '${wanted}'; the sheets are ${names}`);
    }
    return usedRange(path, sheet, null);
  }
  for (const sheet of workbook.worksheets) {
    if (sheet === modelSheet || sheet.actualRowCount === 0) continue;
    return usedRange(path, sheet, null);
  }
  throw new CliError(`${path}: no sheet with a lead table; the workbook has ${workbook.worksheets.length === 0 ? 'no sheets' : `only ${workbook.worksheets.map((s) => `'${s.name}'`).join(', ')}`}`);
}

function rangeFromRef(sheet: ExcelJS.Worksheet, ref: string, name: string): LeadRange {
  const [from, to] = ref.split(':');
  const a = sheet.getCell(from ?? 'A1');
  const b = sheet.getCell(to ?? from ?? 'A1');
  return { sheet, headerRow: Number(a.row), firstColumn: Number(a.col), lastColumn: Number(b.col), lastRow: Number(b.row), tableName: name };
}

/** The first non-empty row is the header row; the table runs to the last non-empty row. */
function usedRange(path: string, sheet: ExcelJS.Worksheet, tableName: string | null): LeadRange {
  let headerRow = 0;
  for (let r = 1; r <= sheet.rowCount && headerRow === 0; r++) if (sheet.getRow(r).actualCellCount > 0) headerRow = r;
  if (headerRow === 0) throw new CliError(`${path}: sheet '${sheet.name}' is empty; it needs a header row`);
  const header = sheet.getRow(headerRow);
  let firstColumn = 0;
  let lastColumn = 0;
  header.eachCell((cell, col) => {
    if (engineValue(cell.value) === null) return;
    if (firstColumn === 0) firstColumn = col;
    lastColumn = col;
  });
  let lastRow = headerRow;
  for (let r = sheet.rowCount; r > headerRow; r--) {
    if (sheet.getRow(r).actualCellCount > 0) {
      lastRow = r;
      break;
    }
  }
  return { sheet, headerRow, firstColumn, lastColumn, lastRow, tableName };
}

export const displayName = (path: string): string => basename(path);
