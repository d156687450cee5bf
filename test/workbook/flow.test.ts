import { describe, expect, it } from 'vitest';
import { MODEL_SHEET, templateById, type Model } from '../../src/engine';
import { columnLetters } from '../../src/excel/address';
import type { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { previewWorkbook } from '../../src/excel/preview';
import { WorkbookSession } from '../../src/workbook/workbookSession';

const today = (): Date => new Date(2026, 10, 1);
const template = (id: string): Model => {
  const t = templateById(id);
  if (t === undefined) throw new Error(`no template ${id}`);
  return t.model;
};

async function opened(book: MemoryWorkbook = previewWorkbook()): Promise<{ book: MemoryWorkbook; session: WorkbookSession }> {
  const session = new WorkbookSession(book, { today, debounceMs: 5 });
  const found = await session.findLeadTable();
  if (found.kind !== 'table') throw new Error(`expected a table, got ${found.kind}`);
  return { book, session };
}

/** The lead table's header row and a column's body as values. */
async function column(book: MemoryWorkbook, header: string): Promise<unknown[]> {
  const [t] = (await book.tables()).filter((x) => x.name === 'Leads');
  if (t === undefined) throw new Error('no Leads table');
  const i = t.headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${t.headers.join(', ')}`);
  const all = await book.readValues(t.sheet, t.address);
  return all.slice(1).map((r) => r[i]);
}

describe('apply in values mode', () => {
  it('adds Score and Band at the right of the table, with scores the engine gives and band colours', async () => {
    const { book, session } = await opened();
    const model = template('weighted-b2b');
    const result = await session.apply(model, { mode: 'values', subScores: false });
    expect(result).toMatchObject({ kind: 'applied', rows: 500, columns: ['Score', 'Band'] });
    const [t] = await book.tables();
    expect(t?.headers.slice(-3)).toEqual(['Converted', 'Score', 'Band']);
    const bands = await column(book, 'Band');
    expect(new Set(bands)).toEqual(new Set(model.bands.map((b) => b.name)));
    // Every Band cell is filled with its band's colour, by a conditional format.
    const bandIndex = (t?.headers.length ?? 0) - 1;
    for (const [row, name] of bands.slice(0, 40).entries()) {
      const colour = model.bands.find((b) => b.name === name)?.color;
      expect(book.fillAt('Leads', `${columnLetters(bandIndex)}${row + 2}`)).toBe(colour);
    }
  });
});
