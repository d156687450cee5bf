import type { Band, CellValue } from '../engine';
import type { LeadTable } from '../workbook/session';

/**
 * Who a lead row is, as a person reading the sheet would say it: the lead's name (a Name
 * column, or First and Last Name, or the first text column), its company, and the row number
 * Excel shows for it.
 */
export interface LeadIdentity {
  readonly name: string;
  readonly company: string;
  /** The row number in Excel's row headers (the table's header row counts). */
  readonly excelRow: number | null;
}

const NAME = /^(full\s*name|name|contact(\s*name)?|lead(\s*name)?)$/i;
const FIRST = /^first\s*name$/i;
const LAST = /^(last\s*name|surname|family\s*name)$/i;
const COMPANY = /^(company|company\s*name|account|account\s*name|organi[sz]ation|employer)$/i;

const text = (v: CellValue | undefined): string => (v === null || v === undefined || typeof v === 'boolean' ? '' : String(v).trim());

export function leadIdentity(table: Pick<LeadTable, 'headers' | 'rows' | 'address' | 'columns'>, rowIndex: number): LeadIdentity {
  const row = table.rows[rowIndex] ?? [];
  const at = (re: RegExp): string => {
    const i = table.headers.findIndex((h) => re.test(h.trim()));
    return i < 0 ? '' : text(row[i]);
  };
  let name = at(NAME);
  if (name === '') name = [at(FIRST), at(LAST)].filter((p) => p !== '').join(' ');
  if (name === '') {
    const firstText = table.columns.find((c) => c.kind === 'text' || c.kind === 'category');
    name = firstText === undefined ? '' : text(row[table.headers.indexOf(firstText.name)]);
  }
  return { name, company: at(COMPANY), excelRow: excelRowOf(table.address, rowIndex) };
}

/**
 * Excel's row number of lead `rowIndex` (0 = the first row under the header) in a table whose
 * address (header row included) is e.g. "Leads!A1:AD501" or "'My leads'!$B$3:$K$40".
 */
export function excelRowOf(address: string, rowIndex: number): number | null {
  const range = address.slice(address.lastIndexOf('!') + 1);
  const m = /^\$?[A-Z]{1,3}\$?(\d+)/i.exec(range);
  if (m === null) return null;
  return Number(m[1]) + 1 + rowIndex;
}

/** What it takes to reach the next band up: its name and the points missing, or null at the top. */
export function nextBand(bands: readonly Band[], score: number): { band: Band; points: number } | null {
  // The first band also holds every score below its bound, so a lead under it is already in it.
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  const above = sorted.slice(1).find((b) => b.from > score);
  return above === undefined ? null : { band: above, points: Math.round((above.from - score) * 100) / 100 };
}
