/**
 * The "Accounts" sheet: the current table's leads rolled up to accounts (the engine's
 * rollUpAccounts), one row per account with its score, band, contacts, engaged contacts, best
 * lead and contacts per band; the Band column coloured by the model's bands.
 *
 * The sheet is the add-in's own (ownSheet.ts): a refresh replaces exactly the sheet it wrote; a
 * sheet named "Accounts" that the add-in did not write is the user's, and the accounts go to
 * "Accounts (2)" instead. Nothing on any other sheet changes.
 */
import { accountsTable, compile, describeAccounts, rollUpAccounts, type AccountsColumnKind, type Model } from '../engine';
import { formatAddress } from '../excel/address';
import type { WorkbookGateway } from '../excel/gateway';
import { bandTextRules } from './bandFormats';
import { claimOwnSheet, REPORT_HEADER_ROW as HEADER_ROW, writeReportCells, type OwnSheetKind } from './ownSheet';
import type { AccountsResult, LeadTable } from './session';

export const ACCOUNTS_SHEET = 'Accounts';
export const ACCOUNTS_NAMESPACE = 'urn:leadscore:accounts';

const WIDTHS: Readonly<Record<AccountsColumnKind, number>> = { account: 160, score: 60, band: 48, count: 60, lead: 150, bandCount: 42 };

const ACCOUNTS_KIND: OwnSheetKind = { name: ACCOUNTS_SHEET, namespace: ACCOUNTS_NAMESPACE, element: 'accounts' };

/** Writes the accounts of the table's leads to the add-in's Accounts sheet; `now` stamps the title. */
export async function writeAccountsSheet(gateway: WorkbookGateway, table: LeadTable, model: Model, now: Date): Promise<AccountsResult> {
  const compiled = compile(model, table.headers, { today: now });
  if (!compiled.ok) return { kind: 'invalid', problems: compiled.problems };
  const rolled = rollUpAccounts(compiled.value, table.rows);
  if (!rolled.ok) return { kind: 'invalid', problems: rolled.problems };
  const rollup = rolled.value;
  const cells = accountsTable(rollup);
  const title = `Accounts: ${model.name}, as of ${compiled.value.asOf} (${table.name}, written ${now.toISOString().slice(0, 16).replace('T', ' ')})`;
  const summary = describeAccounts(rollup);

  const { sheet, replaced, where } = await claimOwnSheet(gateway, ACCOUNTS_KIND, title, now);

  const width = cells.headers.length;
  await writeReportCells(gateway, sheet, { title, summary, headers: cells.headers, rows: cells.rows });

  const bandColumn = cells.kinds.indexOf('band');
  if (cells.rows.length > 0) {
    await gateway.addConditionalFormats(sheet, formatAddress({ row: HEADER_ROW + 1, column: bandColumn, rows: cells.rows.length, columns: 1 }), bandTextRules(model.bands));
  }
  await gateway.layoutSheet(sheet, {
    columnWidths: cells.kinds.map((k) => WIDTHS[k]),
    bold: ['A1', formatAddress({ row: HEADER_ROW, column: 0, rows: 1, columns: width })],
    wrap: [],
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
    accounts: rollup.accounts.length,
    withoutAccount: rollup.withoutAccount,
    replaced,
    summary,
    message: `${where}: ${summary}`,
    top: rollup.accounts.slice(0, 5).map((a) => ({ name: a.name, score: a.score, band: a.band.name, color: a.band.color, contacts: a.contacts, engaged: a.engaged })),
  };
}
