import { describe, expect, it } from 'vitest';
import { criterion, model } from '../../src/engine';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { ACCOUNTS_SHEET } from '../../src/workbook/accountsSheet';
import { WorkbookSession } from '../../src/workbook/workbookSession';

const now = (): Date => new Date('2026-11-26T09:30:00Z');

// Fit: Technology +40. Engagement: Demo +30, Pricing +10 (engaged from level 2: 20). Bands Cold 0, Warm 21, Hot 50.
const MODEL = model({
  name: 'Accounts',
  accounts: { column: null, scoring: 'top', top: 2, engagedFrom: null },
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Pricing', condition: { op: 'isTrue' }, points: 10 }),
  ],
});

function leadsBook(): MemoryWorkbook {
  const book = new MemoryWorkbook();
  book.seedSheet('Leads', [
    ['Name', 'Company', 'Email', 'Industry', 'Demo', 'Pricing'],
    ['Ann', 'Acme Inc.', 'ann@acme.com', 'Technology', 'yes', 'yes'], // 80
    ['Bob', 'ACME, Inc', 'bob@acme.com', 'Retail', 'no', 'yes'], // 10
    ['Di', 'acme GmbH', 'di@acme.de', 'Retail', 'yes', 'no'], // 30: acme = 80 + 30
    ['Ed', '', 'ed@gmail.com', 'Technology', 'yes', 'no'], // no account
    ['Gus', '', 'gus@beta.io', 'Retail', 'yes', 'no'], // 30: beta.io
    ['Cy', `'=cmd|" /C calc"!A0`, 'cy@core.com', 'Retail', 'no', 'no'], // 0: text that looks like a formula
  ]);
  book.seedTable('Leads', 'A1:F7', 'Leads');
  book.select('Leads', 'B2');
  return book;
}

async function session(book: MemoryWorkbook): Promise<WorkbookSession> {
  const s = new WorkbookSession(book, { today: now });
  const found = await s.findLeadTable();
  if (found.kind !== 'table') throw new Error('expected the lead table');
  return s;
}

async function cells(book: MemoryWorkbook, sheet: string): Promise<unknown[][]> {
  const used = await book.usedRange(sheet);
  return used === null ? [] : book.readValues(sheet, used);
}

describe('the Accounts sheet', () => {
  it('lists the accounts with their best lead and contacts per band, band-coloured, and changes no other sheet', async () => {
    const book = leadsBook();
    const before = await cells(book, 'Leads');
    const written = await (await session(book)).writeAccounts(MODEL);
    const summary = '3 accounts from 5 of 6 leads (1 lead with no company or business e-mail in no account); account score: the sum of the top 2; engaged from Engagement 20.';
    expect(written).toMatchObject({ kind: 'written', sheet: 'Accounts', accounts: 3, withoutAccount: 1, replaced: false, summary });
    expect(written.kind === 'written' && written.top[0]).toEqual({ name: 'Acme Inc.', score: 110, band: 'Hot', color: '#F8CBAD', contacts: 3, engaged: 2 });
    expect(await cells(book, 'Leads')).toEqual(before);
    const sheet = await cells(book, ACCOUNTS_SHEET);
    expect(sheet[0]?.[0]).toBe('Accounts: Accounts, as of 2026-11-26 (Leads, written 2026-11-26 09:30)');
    expect(sheet[1]?.[0]).toBe(summary);
    expect(sheet[2]).toEqual(['Account', 'Account score', 'Band', 'Contacts', 'Engaged contacts', 'Best lead', 'Best lead e-mail', 'Best lead score', 'Cold', 'Warm', 'Hot']);
    expect(sheet.slice(3)).toEqual([
      ['Acme Inc.', 110, 'Hot', 3, 2, 'Ann', 'ann@acme.com', 80, 1, 1, 1],
      ['beta.io', 30, 'Warm', 1, 1, 'Gus', 'gus@beta.io', 30, 0, 1, 0],
      ['=cmd|" /C calc"!A0', 0, 'Cold', 1, 0, 'Cy', 'cy@core.com', 0, 1, 0, 0],
    ]);
    // Text that looks like a formula is written as text, never entered as one.
    expect((await book.readFormulas(ACCOUNTS_SHEET, 'A6'))[0]?.[0]).toBe('=cmd|" /C calc"!A0');
    expect(book.fillAt(ACCOUNTS_SHEET, 'C4')).toBe('#F8CBAD');
    expect(book.fillAt(ACCOUNTS_SHEET, 'C5')).toBe('#FFE699');
    expect(book.layoutOf(ACCOUNTS_SHEET)).toMatchObject({ freezeRows: 3, print: { orientation: 'landscape', pagesWide: 1, titleRows: '$3:$3', area: 'A1:K6' } });
  });

  it('a refresh replaces its own sheet, after the leads changed', async () => {
    const book = leadsBook();
    const s = await session(book);
    await s.writeAccounts(MODEL);
    book.userEdit('Leads', 'B6', [['Acme']]);
    const again = await s.writeAccounts(MODEL);
    expect(again).toMatchObject({ kind: 'written', sheet: 'Accounts', replaced: true, accounts: 2 });
    expect(again.kind === 'written' && again.message).toMatch(/^Replaced the Accounts sheet: 2 accounts/);
    expect((await book.sheetNames()).filter((n) => n.startsWith('Accounts'))).toEqual(['Accounts']);
    expect((await cells(book, ACCOUNTS_SHEET))[3]?.slice(0, 5)).toEqual(['Acme Inc.', 110, 'Hot', 4, 3]);
  });

  it('never writes over an "Accounts" sheet the user made, nor one whose title the user typed over', async () => {
    const book = leadsBook();
    book.seedSheet('Accounts', [['Key accounts', 'Acme: renewal in March']]);
    const s = await session(book);
    const first = await s.writeAccounts(MODEL);
    expect(first).toMatchObject({ sheet: 'Accounts (2)', replaced: false });
    expect(first.kind === 'written' && first.message).toMatch(/a sheet named 'Accounts' is not the add-in's, so it was left as it is/);
    book.userEdit('Accounts (2)', 'A1', [['My copy']]);
    const second = await s.writeAccounts(MODEL);
    expect(second).toMatchObject({ sheet: 'Accounts (3)', replaced: false });
    expect(await cells(book, 'Accounts')).toEqual([['Key accounts', 'Acme: renewal in March']]);
    expect((await cells(book, 'Accounts (2)'))[0]?.[0]).toBe('My copy');
  });

  it('writes nothing when the leads cannot be rolled up, and says where the problem is', async () => {
    const book = leadsBook();
    const result = await (await session(book)).writeAccounts({ ...MODEL, accounts: { ...MODEL.accounts, column: 'Compnay' } });
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.problems[0]).toMatchObject({ at: { json: ['accounts', 'column'] }, hint: "did you mean 'Company'?" });
    expect(await book.sheetNames()).toEqual(['Leads']);
  });

  it("writes many accounts in blocks under Excel's request limit", async () => {
    const book = new MemoryWorkbook();
    const rows = Array.from({ length: 30_000 }, (_, i) => [`Lead ${i}`, `Company ${i} with a long enough name to weigh something ${'x'.repeat(80)}`, `l${i}@c${i}.com`, 'Technology', 'yes', 'no']);
    book.seedSheet('Leads', [['Name', 'Company', 'Email', 'Industry', 'Demo', 'Pricing'], ...rows]);
    book.seedTable('Leads', `A1:F${rows.length + 1}`, 'Leads');
    book.select('Leads', 'A2');
    const written = await (await session(book)).writeAccounts(MODEL);
    expect(written).toMatchObject({ kind: 'written', accounts: 30_000 });
    expect(await book.usedRange(ACCOUNTS_SHEET)).toBe('A1:K30003');
    // Equal scores list by name, by code point: 'Company 9999 ...' is last.
    expect(await book.readValues(ACCOUNTS_SHEET, 'A30003:D30003')).toEqual([[rows[9_999]?.[1], 70, 'Hot', 1]]);
  });
});
