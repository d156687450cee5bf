// What a real Excel does that the add-in once did not expect (issue 10), each modelled in the
// in-memory workbook first and then checked against the add-in.
import { describe, expect, it } from 'vitest';
import { MODEL_SHEET, templateById, type Model } from '../../src/engine';
import { columnLetters } from '../../src/excel/address';
import { opened } from './openedSession';

const template = (id: string): Model => {
  const t = templateById(id);
  if (t === undefined) throw new Error(`no template ${id}`);
  return t.model;
};

describe('band colours on formula cells (issue 10 item 3)', () => {
  it('a row whose score formula returns "" (a blank lead row, a new row) takes no band colour', async () => {
    const { book, session } = await opened();
    const model = template('weighted-b2b');
    expect(await session.apply(model, { mode: 'formulas', subScores: false })).toMatchObject({ kind: 'applied' });
    const headers = (await book.tables()).find((t) => t.name === 'Leads')?.headers ?? [];
    const score = columnLetters(headers.indexOf('Score'));
    // Uncalculated, every Score cell holds "" in the fake, as a blank row's formula does in Excel.
    expect((await book.readValues('Leads', `${score}2`))[0]?.[0]).toBe('');
    for (const row of [2, 3, 250, 501]) expect(book.fillAt('Leads', `${score}${row}`), `row ${row}`).toBeNull();
  });
});

void MODEL_SHEET;
