import type ExcelJS from 'exceljs';
import { formatProblems, layoutModelSheet, MODEL_SHEET, MODEL_SHEET_TITLE, parseModel, readModelSheet, type Model } from '../engine';
import { CliError } from './command';
import type { XlsxPackage } from './files/xlsxPackage';
import { readInput } from './leadFile';
import { findModelSheet, sheetGrid } from './scoring/workbookLeads';

/** A model from a JSON file (the format parseModel reads), with problems located in the file. */
export function modelFromJsonFile(path: string): Model {
  const text = readInput(path).toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = parseModel(json);
  if (!parsed.ok) throw new CliError(`${path}: the model has errors:\n${formatProblems(parsed.problems)}`);
  return parsed.value;
}

/** The model on a workbook's Lead Scoring sheet (problems located by sheet cell), or null when it has none. */
export async function modelFromWorkbook(pkg: XlsxPackage): Promise<{ model: Model; source: string } | null> {
  const sheet = findModelSheet(pkg);
  if (sheet === undefined) return null;
  const read = readModelSheet(await sheetGrid(pkg, sheet), sheet.name);
  if (!read.ok) throw new CliError(`${pkg.path}: the '${sheet.name}' sheet has errors:\n${formatProblems(read.problems)}`);
  return { model: read.value, source: `sheet '${sheet.name}'` };
}

/** Writes the model as the three tables of the Lead Scoring sheet, where the pane writes them (examples and test fixtures). */
export function writeModelSheet(workbook: ExcelJS.Workbook, model: Model): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(MODEL_SHEET);
  sheet.getCell('A1').value = MODEL_SHEET_TITLE;
  sheet.getCell('A1').font = { bold: true };
  for (const placed of layoutModelSheet(model)) {
    placed.cells.forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = sheet.getCell(placed.row + r + 1, placed.column + c + 1);
        cell.value = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
        if (r === 0) cell.font = { bold: true };
      });
    });
  }
  return sheet;
}
