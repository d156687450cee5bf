import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import { exampleLeadsCsv } from '../../src/cli/writeExample';
import { gatewayContract } from './contract';

gatewayContract('MemoryWorkbook', () => {
  const book = new MemoryWorkbook();
  book.seedSheet('Sheet1');
  return book;
});

describe('MemoryWorkbook beyond the contract', () => {
  it('notes move with their cell when a table column is added or deleted, and go with a deleted cell, as in Excel', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('S', [['A', 'B', 'C'], [1, 2, 3]]);
    book.seedTable('S', 'A1:C2', 'T');
    book.userNote('S', 'C1', 'on C');
    book.userNote('S', 'B2', 'on B');
    await book.deleteTableColumns('T', ['B']);
    expect(book.notesOf('S')).toEqual({ B1: 'on C' });
    await book.addTableColumns('T', ['D']);
    expect(book.notesOf('S')).toEqual({ B1: 'on C' });
    book.notes = false;
    expect(book.notesSupported()).toBe(false);
    await expect(book.writeNote('S', 'A1', 'x', null)).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('counts requests and refuses one over 5 MB with the error Excel on the web gives', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('S');
    await book.write([{ sheet: 'S', address: 'A1', values: [['x']] }]);
    expect(book.stats.requests).toBe(1);
    const rows = Array.from({ length: 60_000 }, () => ['a hundred characters, more or less, of text in every row of this very long column of leads']);
    await expect(book.write([{ sheet: 'S', address: 'A1:A60000', values: rows }])).rejects.toMatchObject({
      code: 'RequestPayloadSizeLimitExceeded',
      message: expect.stringContaining('payload size has exceeded the limit'),
    });
    expect(book.stats.maxPayloadBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('refuses a read whose answer is over 5 MB', async () => {
    const book = new MemoryWorkbook();
    const rows = Array.from({ length: 60_000 }, () => ['a hundred characters, more or less, of text in every row of this very long column of leads']);
    book.seedSheet('S', rows);
    await expect(book.readValues('S', 'A1:A60000')).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('evaluates conditional formats to a fill colour per cell', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('S', [['Hot'], ['Warm'], ['hot'], [55], [10]]);
    await book.addConditionalFormats('S', 'A1:A3', [{ kind: 'textEquals', text: 'Hot', fill: '#F00' }, { kind: 'textContains', text: 'ar', fill: '#FF0' }]);
    await book.addConditionalFormats('S', 'A4:A5', [{ kind: 'cellValue', operator: 'between', value: 50, value2: 100, fill: '#0F0' }]);
    expect(['A1', 'A2', 'A3', 'A4', 'A5'].map((a) => book.fillAt('S', a))).toEqual(['#F00', '#FF0', '#F00', '#0F0', null]);
  });

  it('compares text and numbers in cell-value rules as Excel does: any text, even a formula\'s "", is greater than every number', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('S', [[''], ['x'], [true], [75], [10]]);
    // A formula cell holds "" until it is calculated: the fake's text is what Excel compares.
    await book.write([{ sheet: 'S', address: 'A1', formulas: [['=IF(TRUE,"","")']] }]);
    await book.addConditionalFormats('S', 'A1:A6', [{ kind: 'cellValue', operator: 'greaterThanOrEqual', value: 70, fill: '#F00' }]);
    await book.addConditionalFormats('S', 'A1:A6', [{ kind: 'cellValue', operator: 'between', value: 0, value2: 69, fill: '#0F0' }]);
    // A6 is empty: an empty cell counts as 0.
    expect(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((a) => book.fillAt('S', a))).toEqual(['#F00', '#F00', '#F00', '#F00', '#0F0', '#0F0']);
  });

  it('the preview holds the example leads (examples/leads.csv) in a table Leads on a sheet Leads', async () => {
    const book = previewWorkbook();
    const [t] = await book.tables();
    expect(t).toMatchObject({ name: 'Leads', sheet: 'Leads', address: 'A1:AD501' });
    const csvHeader = exampleLeadsCsv().split(/\r?\n/)[0];
    expect(t?.headers.join(',')).toBe(csvHeader);
    expect(await book.selection()).toEqual({ sheet: 'Leads', address: 'B2' });
  });
});
