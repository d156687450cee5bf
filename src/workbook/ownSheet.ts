/**
 * The sheets the add-in writes as reports and owns: the Accounts and Call list sheets.
 *
 * Which sheet was written is recorded in a custom XML part, with the title written to A1, so a
 * refresh replaces exactly that sheet. A sheet of that name the add-in did not write (or that no
 * longer opens with its title) is the user's: the add-in takes "Name (2)" instead and never
 * writes over it.
 */
import { formatAddress } from '../excel/address';
import type { WorkbookGateway, WriteCell } from '../excel/gateway';
import { asText } from './formulaText';
import { BLOCK_BUDGET_BYTES, bytesOf } from './payloadBudget';

export interface OwnSheetKind {
  /** The sheet's name when no sheet of that name is the user's, e.g. "Accounts". */
  readonly name: string;
  /** The custom XML namespace of its record, e.g. "urn:leadscore:accounts". */
  readonly namespace: string;
  /** The record's root element, e.g. "accounts". */
  readonly element: string;
}

interface OwnSheetRecord {
  readonly sheet: string;
  /** The text written to A1, checked before a rewrite: a sheet that no longer holds it is not replaced. */
  readonly title: string;
  /** ISO date-time of the write. */
  readonly at: string;
}

export interface ClaimedSheet {
  readonly sheet: string;
  /** True when the add-in's earlier sheet was deleted to be written again. */
  readonly replaced: boolean;
  /** For the status line: replaced, written, or written beside a user's sheet of the same name. */
  readonly where: string;
}

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function recordXml(kind: OwnSheetKind, record: OwnSheetRecord): string {
  return `<${kind.element} xmlns="${kind.namespace}" version="1">${escapeXml(JSON.stringify(record))}</${kind.element}>`;
}

function readRecord(kind: OwnSheetKind, xml: string | null): OwnSheetRecord | null {
  const m = xml === null ? null : new RegExp(`<${kind.element}[^>]*>([\\s\\S]*)</${kind.element}>`).exec(xml);
  if (m === null) return null;
  try {
    const r = JSON.parse(unescapeXml(m[1] ?? '')) as Partial<OwnSheetRecord>;
    return typeof r.sheet === 'string' && typeof r.title === 'string' ? { sheet: r.sheet, title: r.title, at: typeof r.at === 'string' ? r.at : '' } : null;
  } catch {
    return null;
  }
}

/**
 * Deletes the add-in's earlier sheet of this kind (only when it still opens with its recorded
 * title), adds the sheet to write, and records it before any cell is written: a write cut short
 * leaves a sheet the next refresh may replace.
 */
export async function claimOwnSheet(gateway: WorkbookGateway, kind: OwnSheetKind, title: string, now: Date): Promise<ClaimedSheet> {
  const sheets = await gateway.sheetNames();
  const recorded = readRecord(kind, await gateway.readCustomXml(kind.namespace));
  const named = recorded === null ? undefined : sheets.find((s) => same(s, recorded.sheet));
  const ours = named !== undefined && recorded !== null && String((await gateway.readValues(named, 'A1'))[0]?.[0] ?? '') === recorded.title ? named : undefined;
  let sheet: string;
  if (ours !== undefined) {
    sheet = ours;
    await gateway.deleteSheet(ours);
  } else {
    sheet = kind.name;
    for (let n = 2; sheets.some((s) => same(s, sheet)); n++) sheet = `${kind.name} (${n})`;
  }
  await gateway.addSheet(sheet);
  await gateway.writeCustomXml(kind.namespace, recordXml(kind, { sheet, title, at: now.toISOString() }));
  const where =
    ours !== undefined ? `Replaced the ${sheet} sheet` : sheet === kind.name ? `Wrote the ${sheet} sheet` : `Wrote '${sheet}': a sheet named '${kind.name}' is not the add-in's, so it was left as it is`;
  return { sheet, replaced: ours !== undefined, where };
}

/**
 * Writes rows from sheet row `firstRow` (0-based) in blocks under Excel's request limit: a report
 * may hold tens of thousands of rows, and one request over the limit fails whole.
 */
export async function writeRowsInBlocks(gateway: WorkbookGateway, sheet: string, firstRow: number, width: number, rows: readonly (readonly WriteCell[])[]): Promise<void> {
  let blockRows: (readonly WriteCell[])[] = [];
  let blockStart = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (blockRows.length === 0) return;
    await gateway.write([{ sheet, address: formatAddress({ row: firstRow + blockStart, column: 0, rows: blockRows.length, columns: width }), values: blockRows }]);
    blockStart += blockRows.length;
    blockRows = [];
    bytes = 0;
  };
  for (const values of rows) {
    const size = bytesOf(values);
    if (bytes + size > BLOCK_BUDGET_BYTES) await flush();
    blockRows.push(values);
    bytes += size;
  }
  await flush();
}

/** The row (0-based) of a report's column headers: under its title (A1) and summary line (A2). */
export const REPORT_HEADER_ROW = 2;

/**
 * Writes a report onto its sheet: the title in A1, the summary in A2, the column headers, then
 * the rows in blocks. Text is written as text, so a value that looks like a formula stays one.
 */
export async function writeReportCells(
  gateway: WorkbookGateway,
  sheet: string,
  report: { readonly title: string; readonly summary: string; readonly headers: readonly string[]; readonly rows: readonly (readonly (string | number)[])[] },
): Promise<void> {
  const width = report.headers.length;
  const cell = (v: string | number): WriteCell => (typeof v === 'string' ? asText(v) : v);
  await gateway.write([
    { sheet, address: 'A1', values: [[asText(report.title)]] },
    { sheet, address: 'A2', values: [[asText(report.summary)]] },
    { sheet, address: formatAddress({ row: REPORT_HEADER_ROW, column: 0, rows: 1, columns: width }), values: [report.headers.map((h) => asText(h))] },
  ]);
  await writeRowsInBlocks(gateway, sheet, REPORT_HEADER_ROW + 1, width, report.rows.map((row) => row.map(cell)));
}
