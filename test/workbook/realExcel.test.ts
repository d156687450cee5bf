// What a real Excel does that the add-in once did not expect (issue 10), each modelled in the
// in-memory workbook first and then checked against the add-in.
import { describe, expect, it } from 'vitest';
import { columnLetters, criterion, describeLocation, model as makeModel, MODEL_SHEET, MODEL_TABLE_NAMES, modelToCells, templateById, type Model } from '../../src/engine';
import { PAYLOAD_LIMIT_BYTES } from '../../src/excel/gateway';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { bytesOf } from '../../src/workbook/payloadBudget';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import { opened, today } from './openedSession';

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


describe('a totals row (issue 10 item 4)', () => {
  /** The example leads with Excel's totals row under them: a label and a SUBTOTAL. */
  async function withTotals(): Promise<Awaited<ReturnType<typeof opened>>> {
    const book = new MemoryWorkbook();
    book.seedSheet('Leads', [['Company', 'Visits'], ['Acme', 12], ['Globex', 3], ['Total', 15]]);
    await book.write([{ sheet: 'Leads', address: 'B4', formulas: [['=SUBTOTAL(109,[Visits])']] }]);
    book.seedTable('Leads', 'A1:B4', 'Leads', { totalsRow: true });
    book.select('Leads', 'A2');
    return opened(book);
  }
  const visits = makeModel({ criteria: [criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gt', value: 5 }, points: 60 })] });

  it('is not read as a lead', async () => {
    const { session } = await withTotals();
    const table = await session.reloadTable();
    expect(table.rows).toEqual([['Acme', 12], ['Globex', 3]]);
  });

  it('is not scored: Apply writes the two leads only, and the totals row keeps its cells', async () => {
    const { book, session } = await withTotals();
    expect(await session.apply(visits, { mode: 'values', subScores: false })).toMatchObject({ kind: 'applied', rows: 2 });
    expect(await book.readValues('Leads', 'A2:D4')).toEqual([
      ['Acme', 12, 60, 'Hot'],
      ['Globex', 3, 0, 'Cold'],
      ['Total', '', '', ''],
    ]);
    expect((await book.readFormulas('Leads', 'B4'))[0]?.[0]).toBe('=SUBTOTAL(109,[Visits])');
  });
});

describe('request sizes in UTF-8 bytes (issue 10 item 5)', () => {
  it('reads a 30,000 x 12 table of Japanese text: every block under the 5 MB limit, measured in bytes', async () => {
    const headers = Array.from({ length: 12 }, (_, c) => `項目${c + 1}`);
    const rows = Array.from({ length: 30_000 }, (_, r) => headers.map((_, c) => `東京都千代田区丸の内${(r * 12 + c) % 997}番地`));
    const book = new MemoryWorkbook();
    book.seedSheet('顧客', [headers, ...rows]);
    book.seedTable('顧客', `A1:L${rows.length + 1}`, 'Leads');
    book.select('顧客', 'A2');
    book.payloads = [];
    const { session } = await opened(book);
    const table = await session.reloadTable();
    expect(table.rows.length).toBe(30_000);
    expect(table.rows[29_999]?.[11]).toBe(rows[29_999]?.[11]);
    expect(Math.max(...book.payloads)).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it('counts bytes as UTF-8 does: ASCII 1, é 2, 東 3, an emoji 4', () => {
    for (const text of ['abc', 'é', '東京', '😀', 'a😀é東']) expect(bytesOf(text), text).toBe(Buffer.byteLength(JSON.stringify(text)));
  });
});

describe('a model table the user moved (issue 10 item 8)', () => {
  it('is saved where it is now, so LeadScoringCriteria[#All] holds the saved criteria', async () => {
    const { book, session } = await opened();
    const model = template('weighted-b2b');
    await session.saveModel(model);
    book.userMoveTable(MODEL_TABLE_NAMES.criteria, 'B40');
    const heavier: Model = { ...model, criteria: model.criteria.map((c, i) => (i === 0 ? { ...c, points: c.points + 7 } : c)) };
    await session.saveModel(heavier);

    const criteria = (await book.tables()).find((t) => t.name === MODEL_TABLE_NAMES.criteria);
    expect(criteria?.address.startsWith('B40:')).toBe(true);
    // What =LEADSCORE.MODEL(LeadScoringCriteria[#All], ...) is handed: the named table's cells.
    const cells = await book.readValues(MODEL_SHEET, criteria?.address ?? 'A1');
    expect(cells).toEqual(modelToCells(heavier).criteria.map((row) => row.map((v) => v ?? '')));
    // Nothing was written at the default position, which the user may have used since.
    expect((await book.readValues(MODEL_SHEET, 'A3:B4')).flat().every((v) => v === '')).toBe(true);
    expect((await session.loadModel()).model?.criteria[0]?.points).toBe(heavier.criteria[0]?.points);
  });
});

describe('a model sheet that cannot be read is never saved over (issue 10 item 9)', () => {
  /** A saved model, then a typo typed into its Points column. */
  async function withTypo(): Promise<Awaited<ReturnType<typeof opened>>> {
    const open = await opened();
    await open.session.saveModel(template('weighted-b2b'));
    open.book.userEdit(MODEL_SHEET, 'F4', [['ten']]);
    return open;
  }

  it('loading says the sheet is unreadable, with the located problem', async () => {
    const { session } = await withTypo();
    const stored = await session.loadModel();
    expect(stored).toMatchObject({ model: null, unreadable: true });
    expect(stored.problems.map((p) => describeLocation(p.at))).toEqual([expect.stringContaining("'Lead Scoring'!F4")]);
  });

  it('loading keeps what could be read: every criterion but the mistyped one, the bands and the settings', async () => {
    const { session } = await withTypo();
    const stored = await session.loadModel();
    const m = template('weighted-b2b');
    expect(stored.partial?.model).toEqual({ ...m, criteria: m.criteria.slice(1) });
    expect(stored.partial?.rowsLeftOut.criteria).toEqual([1]);
  });

  it('saving is refused with the problems, and no cell of the workbook changes', async () => {
    const { book, session } = await withTypo();
    const before = book.snapshot();
    const result = await session.saveModel(makeModel({ criteria: [] }));
    expect(result).toMatchObject({ kind: 'refused', problems: [expect.objectContaining({ at: expect.objectContaining({ sheet: 'Lead Scoring', cell: 'F4' }) })] });
    expect(book.snapshot()).toEqual(before);
  });

  it('Apply is refused before it changes anything', async () => {
    const { book, session } = await withTypo();
    const before = book.snapshot();
    const result = await session.apply(makeModel({ criteria: [] }), { mode: 'values', subScores: false });
    expect(result).toMatchObject({ kind: 'unreadableModelSheet' });
    expect(book.snapshot()).toEqual(before);
  });

  it('the user can replace the sheet explicitly; once it reads cleanly again, saving works as before', async () => {
    const { book, session } = await withTypo();
    const replacement = template('weighted-b2b');
    expect(await session.saveModel(replacement, { replace: true })).toEqual({ kind: 'saved' });
    expect((await session.loadModel()).model?.criteria.length).toBe(replacement.criteria.length);
    book.userEdit(MODEL_SHEET, 'F4', [['ten']]);
    book.userEdit(MODEL_SHEET, 'F4', [[12]]);
    expect(await session.saveModel(replacement)).toEqual({ kind: 'saved' });
  });

  it('an empty model sheet or none at all is no reason to refuse', async () => {
    const { book, session } = await opened();
    expect(await session.saveModel(template('weighted-b2b'))).toEqual({ kind: 'saved' });
    const other = await opened(book);
    await book.deleteSheet(MODEL_SHEET);
    await book.addSheet(MODEL_SHEET);
    expect(await other.session.saveModel(template('weighted-b2b'))).toEqual({ kind: 'saved' });
  });
});

describe('the columns Apply adds (issue 10 item 7)', () => {
  /** Leads whose right-most column is a date column, formatted as dates. */
  async function datedLeads(rows: number): Promise<Awaited<ReturnType<typeof opened>>> {
    const book = new MemoryWorkbook();
    book.seedSheet('Leads', [['Company', 'Visits', 'Last visit'], ...Array.from({ length: rows }, (_, r) => [`Company ${r}`, r % 9, 46_300 + (r % 30)])]);
    await book.write([{ sheet: 'Leads', address: `C2:C${rows + 1}`, numberFormat: Array.from({ length: rows }, () => ['yyyy-mm-dd']) }]);
    book.seedTable('Leads', `A1:C${rows + 1}`, 'Leads');
    book.select('Leads', 'A2');
    return opened(book);
  }
  const visits = makeModel({ criteria: [criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gt', value: 5 }, points: 60 })] });

  for (const mode of ['values', 'formulas'] as const) {
    it(`${mode}: show scores as numbers and bands as text, not in the date format of the column on their left`, async () => {
      const { book, session } = await datedLeads(20);
      await session.apply(visits, { mode, subScores: true });
      for (const row of [2, 21]) {
        expect(['D', 'E', 'F', 'G'].map((c) => book.numberFormatAt('Leads', `${c}${row}`))).toEqual(['0.00', 'General', '0.00', '0.00']);
      }
    });
  }

  for (const calculatedColumns of [true, false]) {
    it(`formulas: every score cell gets its formula and is calculated once, ${calculatedColumns ? 'with' : 'without'} Excel's calculated-column auto-fill`, async () => {
      const rows = 2_000;
      const { book } = await datedLeads(rows);
      book.calculatedColumns = calculatedColumns;
      // A small request budget: the old block-by-block writes need many requests for 2,000 rows.
      const session = new WorkbookSession(book, { today, blockBudgetBytes: 20_000 });
      await session.findLeadTable();
      book.stats.calculatedCells = 0;
      expect(await session.apply(visits, { mode: 'formulas', subScores: false })).toMatchObject({ kind: 'applied', rows });
      const formulas = await book.readFormulas('Leads', `D2:E${rows + 1}`);
      expect(new Set(formulas.map((r) => r.join('|')))).toEqual(new Set([formulas[0]?.join('|')]));
      expect(formulas[0]?.[0]).toContain('=LEADSCORE.SCORE(');
      // Each score and band cell once, and the model cell.
      expect(book.stats.calculatedCells).toBe(rows * 2 + 1);
    });
  }
});
