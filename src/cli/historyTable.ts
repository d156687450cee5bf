/**
 * Reading a table of past leads (CSV or a workbook's lead table) for the insight commands, and
 * a model from --model or, for a workbook, its Lead Scoring sheet.
 */
import type ExcelJS from 'exceljs';
import type { Model } from '../engine';
import { CliError, type Command } from './command';
import { engineValue, fileKind, findLeadRange, findModelSheet, loadWorkbook, readCsvTable, readInput } from './leadFile';
import { modelFromJsonFile, modelFromSheet } from './modelSource';

/** The options every command over a history of outcomes takes: where the leads and outcomes are, and the day. */
export const HISTORY_OPTIONS: Command['options'] = {
  outcome: { type: 'string', description: 'the column holding the outcome (yes/no, won/lost, 1/0, TRUE/FALSE, converted/not converted)' },
  table: { type: 'string', short: 't', description: 'the Excel table or sheet holding the leads' },
  'as-of': { type: 'string', description: "the day ages are measured to, YYYY-MM-DD (default: the model's as-of, else today)" },
};

export interface HistoryTable {
  readonly headers: string[];
  readonly rows: unknown[][];
  /** The workbook's own model, when it has a Lead Scoring sheet. */
  readonly workbookModel: Model | null;
}

export async function readHistoryTable(input: string, table: string | undefined): Promise<HistoryTable> {
  const bytes = readInput(input);
  if (fileKind(input) === 'csv') {
    const t = readCsvTable(input, bytes);
    return { headers: t.headers, rows: t.rows, workbookModel: null };
  }
  const workbook = await loadWorkbook(input, bytes);
  const range = findLeadRange(input, workbook, table);
  const { sheet, headerRow, firstColumn, lastColumn, lastRow } = range;
  const cell = (row: ExcelJS.Row, c: number) => engineValue(row.getCell(c).value);
  const headers: string[] = [];
  for (let c = firstColumn; c <= lastColumn; c++) {
    const v = cell(sheet.getRow(headerRow), c);
    headers.push(v === null ? '' : String(v).trim());
  }
  const rows: unknown[][] = [];
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    const cells: unknown[] = [];
    for (let c = firstColumn; c <= lastColumn; c++) cells.push(cell(row, c));
    rows.push(cells);
  }
  const modelSheet = findModelSheet(workbook);
  return { headers, rows, workbookModel: modelSheet === undefined ? null : modelFromSheet(input, modelSheet) };
}

/** --model file, else the workbook's model, else null (or an error when one is required). */
export function chooseModel(modelFile: string | undefined, history: HistoryTable, input: string, required: boolean): Model | null {
  if (modelFile !== undefined) return modelFromJsonFile(modelFile);
  if (history.workbookModel !== null) return history.workbookModel;
  if (required) throw new CliError(`${input}: no model to test; give it with --model model.json${input.toLowerCase().endsWith('.csv') ? '' : " or add a 'Lead Scoring' sheet"}`);
  return null;
}
