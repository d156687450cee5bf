import { describe, expect, it } from 'vitest';
import { PAYLOAD_LIMIT_BYTES } from '../../src/excel/gateway';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { CALL_LIST_SHEET } from '../../src/workbook/callListSheet';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import { PRIORITY_MODEL } from '../engine/builders';
import { snapshotToCells, SNAPSHOT_SHEET } from '../../src/engine';
import { OWNERSHIP_NAMESPACE, ownershipToXml } from '../../src/workbook/ownership';

const now = (): Date => new Date('2026-11-26T09:30:00Z');

/** PRIORITY_MODEL's leads in a table at B3 (header row 3, leads on rows 4-9). */
function leadsBook(): MemoryWorkbook {
  const book = new MemoryWorkbook();
  book.seedSheet('Leads', [
    ['CRM export', '', '', '', '', '', '', ''],
    ['', '', '', '', '', '', '', ''],
    ['', 'Name', 'Company', 'Email', 'Industry', 'Employees', 'Demo', 'Webinar'],
    ['', 'Ada', 'Acme', 'ada@acme.com', 'Technology', 5, 'yes', 'no'], //                  row 4: B1, 70
    ['', 'Ben', 'Beta', 'ben@beta.com', 'Technology', 500, 'yes', 'yes'], //               row 5: A1, 100
    ['', `'=cmd|" /C calc"!A0`, 'Core', 'cy@core.com', 'Technology', 500, 'no', 'yes'], //  row 6: A3, 70 (text that looks like a formula, typed with Excel's apostrophe)
    ['', 'Di', 'Dyn', 'di@dyn.com', 'Retail', 5, 'yes', 'yes'], //                         row 7: D1, 40 (grade D)
    ['', 'Ed', 'Echo', 'ed@echo.com', 'Retail', 100, 'no', 'no'], //                       row 8: C4, 20 (Cold)
    ['', '', '', '', '', '', '', ''], //                                                    row 9: blank
  ]);
  book.seedTable('Leads', 'B3:H9', 'Leads');
  book.select('Leads', 'C5');
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

describe('the Call list sheet', () => {
  it('lists the leads to call with their Excel rows, reasons and contacts, and changes no other sheet', async () => {
    const book = leadsBook();
    const before = await cells(book, 'Leads');
    const s = await session(book);
    const written = await s.writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    expect(written).toMatchObject({ kind: 'written', sheet: 'Call list', leads: 3, replaced: false, summary: 'All 3 leads to call, from 5 leads (1 Cold and 1 grade D leads not called).' });
    expect(await cells(book, 'Leads')).toEqual(before);
    const sheet = await cells(book, CALL_LIST_SHEET);
    expect(sheet[0]?.[0]).toBe("Call list: Untitled model, as of 2026-11-26 (Leads, written 2026-11-26 09:30)");
    expect(sheet[1]?.[0]).toBe('All 3 leads to call, from 5 leads (1 Cold and 1 grade D leads not called).');
    expect(sheet[2]).toEqual(['#', 'Row', 'Priority', 'Action', 'Score', 'Band', 'Name', 'Company', 'Email', 'Reason 1', 'Reason 2', 'Reason 3']);
    expect(sheet.slice(3)).toEqual([
      [1, 5, 'A1', 'Call now', 100, 'Hot', 'Ben', 'Beta', 'ben@beta.com', 'Industry is Technology (+40)', 'Demo is yes (+30)', 'Employees is 500 (+20)'],
      [2, 4, 'B1', 'Call now', 70, 'Hot', 'Ada', 'Acme', 'ada@acme.com', 'Industry is Technology (+40)', 'Demo is yes (+30)', ''],
      // Text that looks like a formula is written as text, never entered as one.
      [3, 6, 'A3', 'Nurture: invite to a demo', 70, 'Hot', '=cmd|" /C calc"!A0', 'Core', 'cy@core.com', 'Industry is Technology (+40)', 'Employees is 500 (+20)', 'Webinar is yes (+10)'],
    ]);
    expect((await book.readFormulas(CALL_LIST_SHEET, 'G6'))[0]?.[0]).toBe('=cmd|" /C calc"!A0');
    expect(book.fillAt(CALL_LIST_SHEET, 'F4')).toBe(PRIORITY_MODEL.bands[2]?.color);
  });

  it('is laid out to print: landscape, one page wide, the header row on every page, the print area the list', async () => {
    const book = leadsBook();
    await (await session(book)).writeCallList(PRIORITY_MODEL, { top: 2, everyone: false });
    expect(book.layoutOf(CALL_LIST_SHEET)).toEqual({
      columnWidths: [24, 36, 48, 100, 42, 48, 120, 120, 120, 200, 200, 200],
      bold: ['A1', 'A3:L3'],
      wrap: ['D4:D5', 'J4:L5'],
      freezeRows: 3,
      print: { orientation: 'landscape', pagesWide: 1, titleRows: '$3:$3', area: 'A1:L5', footer: 'Call list, page &P of &N' },
    });
  });

  it('lists grade D and Cold leads too when asked, and no more than there are', async () => {
    const book = leadsBook();
    const written = await (await session(book)).writeCallList(PRIORITY_MODEL, { top: 50, everyone: true });
    expect(written).toMatchObject({ leads: 5 });
    expect((await cells(book, CALL_LIST_SHEET)).slice(3).map((r) => [r[1], r[2]])).toEqual([[5, 'A1'], [4, 'B1'], [6, 'A3'], [7, 'D1'], [8, 'C4']]);
  });

  it('a refresh replaces its own sheet and says so', async () => {
    const book = leadsBook();
    const s = await session(book);
    await s.writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    const again = await s.writeCallList(PRIORITY_MODEL, { top: 1, everyone: false });
    expect(again).toMatchObject({ kind: 'written', sheet: 'Call list', replaced: true });
    expect(again.kind === 'written' && again.message).toMatch(/^Replaced the Call list sheet: The top 1 of 3 leads/);
    expect((await book.sheetNames()).filter((n) => n.startsWith('Call list'))).toEqual(['Call list']);
    expect(await cells(book, CALL_LIST_SHEET)).toHaveLength(4);
  });

  it('never writes over a "Call list" sheet the user made: the list goes to "Call list (2)", and stays there', async () => {
    const book = leadsBook();
    book.seedSheet('Call list', [['My own call notes', 'Ring Ada on Monday']]);
    const s = await session(book);
    const first = await s.writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    expect(first).toMatchObject({ sheet: 'Call list (2)', replaced: false });
    expect(first.kind === 'written' && first.message).toMatch(/a sheet named 'Call list' is not the add-in's, so it was left as it is/);
    const second = await s.writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    expect(second).toMatchObject({ sheet: 'Call list (2)', replaced: true });
    expect(await cells(book, 'Call list')).toEqual([['My own call notes', 'Ring Ada on Monday']]);
  });

  it('leaves alone a sheet that took the recorded name but no longer opens with the title written there', async () => {
    const book = leadsBook();
    const s = await session(book);
    await s.writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    // The user typed over the title: the sheet is theirs now.
    book.userEdit('Call list', 'A1', [['Calls for Monday (mine)']]);
    const next = await s.writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    expect(next).toMatchObject({ sheet: 'Call list (2)', replaced: false });
    expect((await cells(book, 'Call list'))[0]?.[0]).toBe('Calls for Monday (mine)');
  });

  it('writes nothing for a model that does not fit the table, and says why', async () => {
    const book = leadsBook();
    const broken = { ...PRIORITY_MODEL, criteria: [{ ...PRIORITY_MODEL.criteria[0]!, field: 'Industy' }] };
    const result = await (await session(book)).writeCallList(broken, { top: 10, everyone: false });
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.problems[0]?.hint).toMatch(/did you mean 'Industry'/);
    expect(await book.sheetNames()).toEqual(['Leads']);
  });
  it('shows the change since last time from the Change column Apply added, as the sheet shows it', async () => {
    const book = leadsBook();
    // A Change column Apply added (its record says so): Ada +12 points, Ben new, Cy unknown.
    book.userEdit('Leads', 'I3:I9', [['Change'], [12], ['new'], [''], [-3], [''], ['']]);
    await book.resizeTable('Leads', 'B3:I9');
    await book.writeCustomXml(OWNERSHIP_NAMESPACE, ownershipToXml({ table: 'Leads', columns: ['Change'], names: [], cells: [], mode: 'values' }));
    await (await session(book)).writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    const sheet = await cells(book, CALL_LIST_SHEET);
    expect(sheet[2]?.slice(0, 8)).toEqual(['#', 'Row', 'Priority', 'Action', 'Score', 'Band', 'Change', 'Name']);
    expect(sheet.slice(3).map((r) => [r[7], r[6]])).toEqual([['Ben', 'new'], ['Ada', '+12'], [`=cmd|" /C calc"!A0`, '']]);
  });

  it('without a Change column, compares the scores now with the last scoring\'s snapshot, lead by ID', async () => {
    const book = leadsBook();
    // Last scoring on 18 Nov: Ben 90 (Hot), Ada 40 (Warm); Cy was not there.
    book.seedSheet(SNAPSHOT_SHEET, snapshotToCells({
      scoredOn: '2026-11-18',
      idColumn: 'Email',
      model: 'Untitled model',
      leads: [{ id: 'ben@beta.com', score: 90, band: 'Hot', bandSince: '2026-11-01' }, { id: 'ada@acme.com', score: 40, band: 'Warm', bandSince: null }],
    }));
    await (await session(book)).writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    const sheet = await cells(book, CALL_LIST_SHEET);
    expect(sheet[2]?.[6]).toBe('Change');
    // Ben 100 now (+10), Ada 70 (+30), Cy new.
    expect(sheet.slice(3).map((r) => [r[7], r[6]])).toEqual([['Ben', '+10'], ['Ada', '+30'], [`=cmd|" /C calc"!A0`, 'new']]);
  });

  it('has no Change column when the workbook holds neither a Change column nor a snapshot', async () => {
    const book = leadsBook();
    await (await session(book)).writeCallList(PRIORITY_MODEL, { top: 10, everyone: false });
    expect((await cells(book, CALL_LIST_SHEET))[2]).not.toContain('Change');
  });

  it('writes a long list of long non-ASCII contacts in requests under Excel\'s limit, every row landing', async () => {
    const book = new MemoryWorkbook();
    const company = (i: number): string => `株式会社${'東京営業開発'.repeat(60)}${i}`; // about 1.1 KB of UTF-8 each
    const leads = Array.from({ length: 10_000 }, (_, i) => ['', `Lead ${i}`, company(i), `l${i}@example.jp`, 'Technology', 500, 'yes', 'yes']);
    book.seedSheet('Leads', [['', '', '', '', '', '', '', ''], ['', '', '', '', '', '', '', ''], ['', 'Name', 'Company', 'Email', 'Industry', 'Employees', 'Demo', 'Webinar'], ...leads]);
    book.seedTable('Leads', `B3:H${3 + leads.length}`, 'Leads');
    book.select('Leads', 'C5');
    book.payloads = [];
    const written = await (await session(book)).writeCallList(PRIORITY_MODEL, { top: 10_000, everyone: true });
    expect(written).toMatchObject({ kind: 'written', leads: 10_000 });
    // One request of the whole list would be about 13 MB, over the 5 MB Excel on the web takes.
    expect(Math.max(...book.payloads)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(await book.usedRange(CALL_LIST_SHEET)).toBe('A1:L10003');
    expect((await book.readValues(CALL_LIST_SHEET, 'A10003:H10003'))[0]).toEqual([10_000, 10_003, 'A1', 'Call now', 100, 'Hot', 'Lead 9999', company(9_999)]);
  });
});

