/**
 * The "Call list" sheet: the top N leads to call, laid out to print (landscape, one page wide,
 * the header row on every page, the print area set to the list) and to share.
 *
 * The sheet is the add-in's own. Which sheet it wrote is recorded in a custom XML part (with
 * the title written to A1), so a refresh replaces exactly that sheet and says so; a sheet named
 * "Call list" that the add-in did not write (or that no longer opens with its title) is the
 * user's, and the list goes to "Call list (2)" instead.
 */
import { callList, callListTable, compile, describeCallList, type CallListColumnKind, type Model } from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { CellBlockWrite, WorkbookGateway, WriteCell } from '../excel/gateway';
import { bandTextRules } from './bandFormats';
import { callListChanges } from './callListChange';
import { asText } from './formulaText';
import type { CallListRequest, CallListResult, LeadTable } from './session';

export const CALL_LIST_SHEET = 'Call list';
export const CALL_LIST_NAMESPACE = 'urn:leadscore:calllist';
/** The list's header row (0-based): under the title and the summary line. */
const HEADER_ROW = 2;

/** Column widths in points by what a column holds: wide enough to read, narrow enough to print one page wide. */
const WIDTHS: Readonly<Record<CallListColumnKind, number>> = { rank: 24, row: 36, priority: 48, action: 100, score: 42, band: 48, change: 48, contact: 120, reason: 200 };

interface CallListRecord {
  readonly sheet: string;
  /** The text written to A1, checked before a rewrite: a sheet that no longer holds it is not replaced. */
  readonly title: string;
  /** ISO date-time of the write. */
  readonly at: string;
}

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function recordXml(record: CallListRecord): string {
  return `<calllist xmlns="${CALL_LIST_NAMESPACE}" version="1">${escapeXml(JSON.stringify(record))}</calllist>`;
}

function readRecord(xml: string | null): CallListRecord | null {
  const m = xml === null ? null : /<calllist[^>]*>([\s\S]*)<\/calllist>/.exec(xml);
  if (m === null) return null;
  try {
    const r = JSON.parse(unescapeXml(m[1] ?? '')) as Partial<CallListRecord>;
    return typeof r.sheet === 'string' && typeof r.title === 'string' ? { sheet: r.sheet, title: r.title, at: typeof r.at === 'string' ? r.at : '' } : null;
  } catch {
    return null;
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Excel's row number of lead `row` of a table whose address (header row included) is e.g. "Leads!B3:K40". */
function excelRowOf(table: LeadTable, row: number): number {
  return parseAddress(table.address).row + 2 + row;
}

/** Writes the call list of the table's leads to the add-in's Call list sheet; `now` stamps the title. */
export async function writeCallListSheet(gateway: WorkbookGateway, table: LeadTable, model: Model, request: CallListRequest, now: Date): Promise<CallListResult> {
  const compiled = compile(model, table.headers, { today: now });
  if (!compiled.ok) return { kind: 'invalid', problems: compiled.problems };
  const changeOf = await callListChanges(gateway, table, compiled.value, compiled.value.asOf);
  const list = callList(compiled.value, table.rows, {
    top: request.top,
    ...(request.everyone ? { skipGrades: [], skipBands: [] } : {}),
    ...(changeOf === null ? {} : { changeOf }),
  });
  const cells = callListTable(list, { rowColumn: { header: 'Row', of: (row) => excelRowOf(table, row) }, change: changeOf !== null });
  const title = `Call list: ${model.name}, as of ${compiled.value.asOf} (${table.name}, written ${now.toISOString().slice(0, 16).replace('T', ' ')})`;
  const summary = describeCallList(list);

  const sheets = await gateway.sheetNames();
  const recorded = readRecord(await gateway.readCustomXml(CALL_LIST_NAMESPACE));
  const named = recorded === null ? undefined : sheets.find((s) => same(s, recorded.sheet));
  const ours = named !== undefined && recorded !== null && String((await gateway.readValues(named, 'A1'))[0]?.[0] ?? '') === recorded.title ? named : undefined;
  let sheet: string;
  if (ours !== undefined) {
    sheet = ours;
    await gateway.deleteSheet(ours);
  } else {
    sheet = CALL_LIST_SHEET;
    for (let n = 2; sheets.some((s) => same(s, sheet)); n++) sheet = `${CALL_LIST_SHEET} (${n})`;
  }
  await gateway.addSheet(sheet);
  // Recorded before the cells are written: a write cut short leaves a sheet the next refresh may replace.
  await gateway.writeCustomXml(CALL_LIST_NAMESPACE, recordXml({ sheet, title, at: now.toISOString() }));

  const width = cells.headers.length;
  const text = (v: string | number): WriteCell => (typeof v === 'string' ? asText(v) : v);
  const body = formatAddress({ row: HEADER_ROW, column: 0, rows: 1 + cells.rows.length, columns: width });
  const writes: CellBlockWrite[] = [
    { sheet, address: 'A1', values: [[asText(title)]] },
    { sheet, address: 'A2', values: [[asText(summary)]] },
    { sheet, address: body, values: [cells.headers.map((h) => asText(h)), ...cells.rows.map((r) => r.map(text))] },
  ];
  await gateway.write(writes);
  const bandColumn = cells.kinds.indexOf('band');
  if (bandColumn >= 0 && cells.rows.length > 0) {
    await gateway.addConditionalFormats(sheet, formatAddress({ row: HEADER_ROW + 1, column: bandColumn, rows: cells.rows.length, columns: 1 }), bandTextRules(model.bands));
  }
  // The longer texts wrap within their columns: the action, and the reasons (side by side, one block).
  const reasonColumns = cells.kinds.flatMap((k, c) => (k === 'reason' ? [c] : []));
  const actionColumn = cells.kinds.indexOf('action');
  const wrapped = [
    ...(actionColumn >= 0 ? [{ column: actionColumn, columns: 1 }] : []),
    ...(reasonColumns.length > 0 ? [{ column: reasonColumns[0] ?? 0, columns: reasonColumns.length }] : []),
  ];
  await gateway.layoutSheet(sheet, {
    columnWidths: cells.kinds.map((k) => WIDTHS[k]),
    bold: ['A1', formatAddress({ row: HEADER_ROW, column: 0, rows: 1, columns: width })],
    wrap: cells.rows.length === 0 ? [] : wrapped.map((w) => formatAddress({ row: HEADER_ROW + 1, column: w.column, rows: cells.rows.length, columns: w.columns })),
    freezeRows: HEADER_ROW + 1,
    print: {
      orientation: 'landscape',
      pagesWide: 1,
      titleRows: `$${HEADER_ROW + 1}:$${HEADER_ROW + 1}`,
      area: formatAddress({ row: 0, column: 0, rows: HEADER_ROW + 1 + cells.rows.length, columns: width }),
      footer: `${sheet.replace(/&/g, '&&')}, page &P of &N`,
    },
  });
  const where = ours !== undefined ? `Replaced the ${sheet} sheet` : sheet === CALL_LIST_SHEET ? `Wrote the ${sheet} sheet` : `Wrote '${sheet}': a sheet named '${CALL_LIST_SHEET}' is not the add-in's, so it was left as it is`;
  return {
    kind: 'written',
    sheet,
    leads: list.entries.length,
    replaced: ours !== undefined,
    summary,
    message: `${where}: ${summary}`,
    warnings: list.warnings,
  };
}
