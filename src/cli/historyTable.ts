/**
 * Reading a table of past leads (CSV or a workbook's lead table) for the insight commands, and
 * a model from --model or, for a workbook, its Lead Scoring sheet.
 */
import type { Model } from '../engine';
import { CliError, type Command } from './command';
import { XlsxPackage } from './files/xlsxPackage';
import { fileKind } from './leadFile';
import { modelFromJsonFile, modelFromWorkbook } from './modelSource';
import { decimalCommaNumber, scoreCsvLeads } from './scoring/csvLeads';
import { Progress } from './scoring/leadColumns';
import type { OutRow } from './scoring/leadSinks';
import { readLeadTable } from './scoring/workbookLeads';

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
  if (fileKind(input) === 'csv') {
    let headers: string[] = [];
    const rows: OutRow[] = [];
    const result = await scoreCsvLeads(
      input,
      null,
      undefined,
      {
        begin: (h) => (headers = [...h]),
        rows: async (block) => void rows.push(...block.filter((r) => r.lead)),
        finish: async () => {},
      },
      new Progress(null),
    );
    const cells = result.delimiter === ';' ? rows.map((r) => r.cells.map((c) => (typeof c === 'string' ? decimalCommaNumber(c) : c))) : rows.map((r) => [...r.cells]);
    return { headers, rows: cells, workbookModel: null };
  }
  const pkg = XlsxPackage.open(input);
  try {
    const { headers, rows } = await readLeadTable(pkg, table);
    const own = await modelFromWorkbook(pkg);
    return { headers, rows, workbookModel: own?.model ?? null };
  } finally {
    pkg.close();
  }
}

/** --model file, else the workbook's model, else null (or an error when one is required). */
export function chooseModel(modelFile: string | undefined, history: HistoryTable, input: string, required: boolean): Model | null {
  if (modelFile !== undefined) return modelFromJsonFile(modelFile);
  if (history.workbookModel !== null) return history.workbookModel;
  if (required) throw new CliError(`${input}: no model to test; give it with --model model.json${input.toLowerCase().endsWith('.csv') ? '' : " or add a 'Lead Scoring' sheet"}`);
  return null;
}
