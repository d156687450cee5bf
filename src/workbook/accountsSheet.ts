/**
 * The "Accounts" sheet: the current table's leads rolled up to accounts (the engine's
 * rollUpAccounts), one row per account with its score, band, contacts, engaged contacts, best
 * lead and contacts per band; the Band column coloured by the model's bands.
 *
 * The sheet is the add-in's own. Which sheet it wrote is recorded in a custom XML part (with
 * the title written to A1), so a refresh replaces exactly that sheet; a sheet named "Accounts"
 * that the add-in did not write (or that no longer holds its title) is the user's, and the
 * accounts go to "Accounts (2)" instead. Nothing on any other sheet changes.
 */
import { accountsTable, compile, describeAccounts, rollUpAccounts, type AccountsColumnKind, type Model } from '../engine';
import { formatAddress } from '../excel/address';
import type { CellBlockWrite, WorkbookGateway, WriteCell } from '../excel/gateway';
import { bandTextRules } from './bandFormats';
import { asText } from './formulaText';
import { BLOCK_BUDGET_BYTES, bytesOf } from './payloadBudget';
import type { AccountsResult, LeadTable } from './session';

export const ACCOUNTS_SHEET = 'Accounts';
export const ACCOUNTS_NAMESPACE = 'urn:leadscore:accounts';
/** The table's header row (0-based): under the title and the summary line. */
const HEADER_ROW = 2;

const WIDTHS: Readonly<Record<AccountsColumnKind, number>> = { account: 160, score: 60, band: 48, count: 60, lead: 150, bandCount: 42 };

interface AccountsRecord {
  readonly sheet: string;
  /** The text written to A1, checked before a rewrite: a sheet that no longer holds it is not replaced. */
  readonly title: string;
  readonly at: string;
}

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const recordXml = (r: AccountsRecord): string => `<accounts xmlns="${ACCOUNTS_NAMESPACE}" version="1">${escapeXml(JSON.stringify(r))}</accounts>`;

function readRecord(xml: string | null): AccountsRecord | null {
  const m = xml === null ? null : /<accounts[^>]*>([\s\S]*)<\/accounts>/.exec(xml);
  if (m === null) return null;
  try {
    const r = JSON.parse(unescapeXml(m[1] ?? '')) as Partial<AccountsRecord>;
    return typeof r.sheet === 'string' && typeof r.title === 'string' ? { sheet: r.sheet, title: r.title, at: typeof r.at === 'string' ? r.at : '' } : null;
  } catch {
    return null;
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

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

  const sheets = await gateway.sheetNames();
  const recorded = readRecord(await gateway.readCustomXml(ACCOUNTS_NAMESPACE));
  const named = recorded === null ? undefined : sheets.find((s) => same(s, recorded.sheet));
  const ours = named !== undefined && recorded !== null && String((await gateway.readValues(named, 'A1'))[0]?.[0] ?? '') === recorded.title ? named : undefined;
  let sheet: string;
  if (ours !== undefined) {
    sheet = ours;
    await gateway.deleteSheet(ours);
  } else {
    sheet = ACCOUNTS_SHEET;
    for (let n = 2; sheets.some((s) => same(s, sheet)); n++) sheet = `${ACCOUNTS_SHEET} (${n})`;
  }
  await gateway.addSheet(sheet);
  // Recorded before the cells are written: a write cut short leaves a sheet the next refresh may replace.
  await gateway.writeCustomXml(ACCOUNTS_NAMESPACE, recordXml({ sheet, title, at: now.toISOString() }));

  const width = cells.headers.length;
  const text = (v: string | number): WriteCell => (typeof v === 'string' ? asText(v) : v);
  await gateway.write([
    { sheet, address: 'A1', values: [[asText(title)]] },
    { sheet, address: 'A2', values: [[asText(summary)]] },
    { sheet, address: formatAddress({ row: HEADER_ROW, column: 0, rows: 1, columns: width }), values: [cells.headers.map((h) => asText(h))] },
  ]);
  // A workbook may hold tens of thousands of accounts: rows go in blocks under Excel's request limit.
  let block: CellBlockWrite[] = [];
  let blockRows: WriteCell[][] = [];
  let blockStart = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (blockRows.length === 0) return;
    block = [{ sheet, address: formatAddress({ row: HEADER_ROW + 1 + blockStart, column: 0, rows: blockRows.length, columns: width }), values: blockRows }];
    await gateway.write(block);
    blockStart += blockRows.length;
    blockRows = [];
    bytes = 0;
  };
  for (const row of cells.rows) {
    const values = row.map(text);
    const size = bytesOf(values);
    if (bytes + size > BLOCK_BUDGET_BYTES) await flush();
    blockRows.push(values);
    bytes += size;
  }
  await flush();

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
  const where = ours !== undefined ? `Replaced the ${sheet} sheet` : sheet === ACCOUNTS_SHEET ? `Wrote the ${sheet} sheet` : `Wrote '${sheet}': a sheet named '${ACCOUNTS_SHEET}' is not the add-in's, so it was left as it is`;
  return {
    kind: 'written',
    sheet,
    accounts: rollup.accounts.length,
    withoutAccount: rollup.withoutAccount,
    replaced: ours !== undefined,
    summary,
    message: `${where}: ${summary}`,
    top: rollup.accounts.slice(0, 5).map((a) => ({ name: a.name, score: a.score, band: a.band.name, color: a.band.color, contacts: a.contacts, engaged: a.engaged })),
  };
}
