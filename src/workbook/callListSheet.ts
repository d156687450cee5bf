/**
 * The "Call list" sheet: the top N leads to call, laid out to print (landscape, one page wide,
 * the header row on every page, the print area set to the list) and to share.
 *
 * The sheet is the add-in's own (ownSheet.ts): a refresh replaces exactly the sheet it wrote and
 * says so; a sheet named "Call list" that the add-in did not write is the user's, and the list
 * goes to "Call list (2)" instead.
 */
import { callList, callListTable, compile, describeCallList, type CallListColumnKind, type Model } from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { WorkbookGateway } from '../excel/gateway';
import { bandTextRules } from './bandFormats';
import { callListChanges } from './callListChange';
import { claimOwnSheet, REPORT_HEADER_ROW as HEADER_ROW, writeReportCells, type OwnSheetKind } from './ownSheet';
import type { CallListRequest, CallListResult, LeadTable } from './session';

export const CALL_LIST_SHEET = 'Call list';
export const CALL_LIST_NAMESPACE = 'urn:leadscore:calllist';

/** Column widths in points by what a column holds: wide enough to read, narrow enough to print one page wide. */
const WIDTHS: Readonly<Record<CallListColumnKind, number>> = { rank: 24, row: 36, priority: 48, action: 100, score: 42, band: 48, change: 48, contact: 120, reason: 200 };

const CALL_LIST_KIND: OwnSheetKind = { name: CALL_LIST_SHEET, namespace: CALL_LIST_NAMESPACE, element: 'calllist' };

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

  const { sheet, replaced, where } = await claimOwnSheet(gateway, CALL_LIST_KIND, title, now);

  const width = cells.headers.length;
  await writeReportCells(gateway, sheet, { title, summary, headers: cells.headers, rows: cells.rows });
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
  return {
    kind: 'written',
    sheet,
    leads: list.entries.length,
    replaced,
    summary,
    message: `${where}: ${summary}`,
    warnings: list.warnings,
  };
}
