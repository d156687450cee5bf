import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { templateById, type Model } from '../engine';
import { generateLeads, type GeneratedLeads } from '../sample-data/generateLeads';
import { leadTableToCsv } from './csv';
import { writeModelSheet } from './modelSource';

const EXAMPLE = { count: 500, seed: 2026, asOf: '2026-11-01' } as const;

/**
 * The bundled example, examples/leads.csv: 500 leads, seed 2026, as of 2026-11-01, default
 * messiness (so the example shows the blanks and text numbers real sheets have). A test compares
 * the committed file with this function, so the file cannot drift from the generator.
 */
export function exampleLeadsCsv(): string {
  return leadTableToCsv(exampleLeads());
}

export function exampleLeads(): GeneratedLeads {
  return generateLeads({ ...EXAMPLE });
}

/** The example workbook's model: the Weighted B2B template, measuring ages to the day the leads were made. */
export function exampleModel(): Model {
  return { ...templateById('weighted-b2b')!.model, asOf: EXAMPLE.asOf };
}

export const EXAMPLE_LEADS_URL = new URL('../../examples/leads.csv', import.meta.url);
export const EXAMPLE_WORKBOOK_URL = new URL('../../examples/leads.xlsx', import.meta.url);

/** Excel serial to a UTC Date, as exceljs writes date cells. */
const dateOf = (serial: number): Date => new Date(Math.round((serial - 25569) * 86_400_000));

/**
 * examples/leads.xlsx: the same leads as a team keeps them in Excel (dates as dates, yes/no as
 * words, the messy cells as typed) and the model on its Lead Scoring sheet.
 */
export function exampleWorkbook(): ExcelJS.Workbook {
  const table = exampleLeads();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'leadscore';
  wb.created = new Date(Date.UTC(2026, 10, 1));
  wb.modified = wb.created;
  const sheet = wb.addWorksheet('Leads', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  const isDate = table.headers.map((h) => h.endsWith('Date'));
  for (const row of table.rows) {
    sheet.addRow(row.map((v, i) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : typeof v === 'number' && isDate[i] === true ? dateOf(v) : (v ?? null))));
  }
  table.headers.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, h.length + 2);
    if (isDate[i] === true) column.numFmt = 'yyyy-mm-dd';
  });
  writeModelSheet(wb, exampleModel());
  return wb;
}

// Write only when run as a script (npm run examples), not when a test imports it.
const argv1 = process.argv[1];
if (argv1 !== undefined && import.meta.url === pathToFileURL(argv1).href) {
  mkdirSync(new URL('.', EXAMPLE_LEADS_URL), { recursive: true });
  writeFileSync(EXAMPLE_LEADS_URL, exampleLeadsCsv(), 'utf8');
  console.log(`wrote ${fileURLToPath(EXAMPLE_LEADS_URL)}`);
  await exampleWorkbook().xlsx.writeFile(fileURLToPath(EXAMPLE_WORKBOOK_URL));
  console.log(`wrote ${fileURLToPath(EXAMPLE_WORKBOOK_URL)}`);
}
