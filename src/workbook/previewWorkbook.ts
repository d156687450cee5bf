import { formatAddress } from '../excel/address';
import type { WriteCell } from '../excel/gateway';
import { MemoryWorkbook } from '../excel/memoryWorkbook';
import { generateLeads } from '../sample-data/generateLeads';

export const PREVIEW_TABLE = 'Leads';
export const PREVIEW_SHEET = 'Leads';

/**
 * A workbook for the browser preview and tests: the example leads (the same as
 * examples/leads.csv: seed 2026, as of 2026-11-01) in an Excel table "Leads" on a sheet
 * "Leads", with the selection in the table.
 */
export function previewWorkbook(count = 500): MemoryWorkbook {
  const leads = generateLeads({ count, seed: 2026, asOf: '2026-11-01' });
  const book = new MemoryWorkbook();
  const cells: WriteCell[][] = [leads.headers, ...leads.rows.map((r) => r.map((v): WriteCell => (typeof v === 'object' && v !== null ? '#VALUE!' : v ?? '')))];
  book.seedSheet(PREVIEW_SHEET, cells);
  book.seedTable(PREVIEW_SHEET, formatAddress({ row: 0, column: 0, rows: cells.length, columns: leads.headers.length }), PREVIEW_TABLE);
  book.select(PREVIEW_SHEET, 'B2');
  return book;
}
