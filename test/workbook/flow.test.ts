import { describe, expect, it } from 'vitest';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import { opened, today } from './openedSession';
import { columnLetters, compile, criterion, describeLocation, model as makeModel, MODEL_SHEET, templateById, type Model } from '../../src/engine';
import { PAYLOAD_LIMIT_BYTES } from '../../src/excel/gateway';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { columnRef } from '../../src/workbook/formulaText';
import { WorkbookSession } from '../../src/workbook/workbookSession';

const template = (id: string): Model => {
  const t = templateById(id);
  if (t === undefined) throw new Error(`no template ${id}`);
  return t.model;
};

async function leadsTable(book: MemoryWorkbook): Promise<{ headers: readonly string[]; body: unknown[][]; sheet: string }> {
  const t = (await book.tables()).find((x) => x.name === 'Leads');
  if (t === undefined) throw new Error('no Leads table');
  return { headers: t.headers, body: (await book.readValues(t.sheet, t.address)).slice(1), sheet: t.sheet };
}

async function column(book: MemoryWorkbook, header: string): Promise<unknown[]> {
  const { headers, body } = await leadsTable(book);
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${headers.join(', ')}`);
  return body.map((r) => r[i]);
}

/** The workbook apart from the model sheet and its tables. */
function outsideModelSheet(book: MemoryWorkbook): unknown {
  const snap = book.snapshot() as { sheets: { name: string }[]; tables: { sheet: string }[] };
  return { ...snap, sheets: snap.sheets.filter((s) => s.name !== MODEL_SHEET), tables: snap.tables.filter((t) => t.sheet !== MODEL_SHEET) };
}

/** The engine's scores for the lead cells as they are in the workbook. */
async function engineScores(book: MemoryWorkbook, m: Model, leadColumns: number): Promise<number[]> {
  const { headers, body } = await leadsTable(book);
  const compiled = compile(m, headers.slice(0, leadColumns), { today: today() });
  if (!compiled.ok) throw new Error('model does not compile');
  return Array.from(compiled.value.scoreRows(body.map((r) => r.slice(0, leadColumns))).scores, (s) => Math.round(s * 100) / 100);
}

describe('apply', () => {
  it('values mode: adds Score and Band at the right, with the engine scores and band colours from conditional formats', async () => {
    const { book, session } = await opened();
    const model = template('weighted-b2b');
    const result = await session.apply(model, { mode: 'values', subScores: false });
    expect(result).toMatchObject({ kind: 'applied', rows: 500, columns: ['Score', 'Band', 'Change', 'Band since'] });
    const { headers } = await leadsTable(book);
    expect(headers.slice(-5)).toEqual(['Converted', 'Score', 'Band', 'Change', 'Band since']);
    expect(await column(book, 'Score')).toEqual(await engineScores(book, model, 30));
    const bands = await column(book, 'Band');
    expect(new Set(bands)).toEqual(new Set(model.bands.map((b) => b.name)));
    const scoreLetter = columnLetters(headers.length - 4);
    const bandLetter = columnLetters(headers.length - 3);
    for (const [row, name] of bands.entries()) {
      const colour = model.bands.find((b) => b.name === name)?.color;
      expect(book.fillAt('Leads', `${bandLetter}${row + 2}`)).toBe(colour);
      expect(book.fillAt('Leads', `${scoreLetter}${row + 2}`)).toBe(colour);
    }
  });

  it('formulas mode: a named model cell and row formulas over the lead columns only (not circular)', async () => {
    const { book, session } = await opened();
    const result = await session.apply(template('weighted-b2b'), { mode: 'formulas', subScores: true });
    expect(result).toMatchObject({ kind: 'applied', columns: ['Score', 'Band', 'Fit', 'Engagement', 'Change', 'Band since'] });
    const names = await book.names();
    expect(names).toEqual([{ name: 'LeadScoringModel', formula: "='Lead Scoring'!$B$2" }]);
    const modelCell = (await book.readFormulas(MODEL_SHEET, 'B2'))[0]?.[0];
    expect(modelCell).toBe(
      '=LEADSCORE.MODEL(LeadScoringCriteria[#All],LeadScoringBands[#All],LeadScoringSettings[#All],Leads[[#Headers],[Lead ID]:[Converted]])',
    );
    const rows = await book.readFormulas('Leads', 'AE2:AH3');
    expect(rows[0]).toEqual([
      '=LEADSCORE.SCORE(LeadScoringModel,Leads[@[Lead ID]:[Converted]])',
      '=LEADSCORE.BAND(LeadScoringModel,Leads[@[Lead ID]:[Converted]])',
      '=LEADSCORE.FIT(LeadScoringModel,Leads[@[Lead ID]:[Converted]])',
      '=LEADSCORE.ENGAGEMENT(LeadScoringModel,Leads[@[Lead ID]:[Converted]])',
    ]);
    expect(rows[1]).toEqual(rows[0]);
  });

  it('escapes special characters of column names in structured references', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('Data', [['Deal [EUR]', "O'Brien #", 'Visits'], [1, 'x', 3], [2, 'y', 4]]);
    book.seedTable('Data', 'A1:C3', 'Deals');
    book.select('Data', 'A2');
    const session = new WorkbookSession(book, { today });
    expect((await session.findLeadTable()).kind).toBe('table');
    const m = makeModel({ criteria: [criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gt', value: 3 }, points: 5 })] });
    await session.apply(m, { mode: 'formulas', subScores: false });
    const score = (await book.readFormulas('Data', 'D2'))[0]?.[0];
    expect(score).toBe("=LEADSCORE.SCORE(LeadScoringModel,Deals[@[Deal '[EUR']]:[Visits]])");
    const modelCell = (await book.readFormulas(MODEL_SHEET, 'B2'))[0]?.[0];
    expect(modelCell).toContain("Deals[[#Headers],[Deal '[EUR']]:[Visits]]");
    expect(columnRef("O'Brien #")).toBe("[O''Brien '#]");
  });

  it('re-applying after a weight change rewrites the same columns, without piling up rules', async () => {
    const { book, session } = await opened();
    const model = template('weighted-b2b');
    await session.apply(model, { mode: 'values', subScores: false });
    const before = await column(book, 'Score');
    const rulesBefore = await book.countConditionalFormats('Leads', 'A1:AZ501');
    const heavier: Model = { ...model, criteria: model.criteria.map((c, i) => (i === 0 ? { ...c, points: c.points + 40 } : c)) };
    const result = await session.apply(heavier, { mode: 'values', subScores: false });
    expect(result.kind).toBe('applied');
    const { headers } = await leadsTable(book);
    expect(headers.filter((h) => h === 'Score' || h === 'Band')).toEqual(['Score', 'Band']);
    const after = await column(book, 'Score');
    expect(after).toEqual(await engineScores(book, heavier, 30));
    expect(after).not.toEqual(before);
    expect(await book.countConditionalFormats('Leads', 'A1:AZ501')).toBe(rulesBefore);
    // The model sheet now holds the new weight.
    expect((await session.loadModel()).model?.criteria[0]?.points).toBe(heavier.criteria[0]?.points);
  });
});

describe('apply refuses', () => {
  it('a model that does not fit the table, with located problems and the workbook untouched', async () => {
    const { book, session } = await opened();
    const before = book.snapshot();
    const m = makeModel({ criteria: [criterion({ group: 'fit', field: 'Industy', condition: { op: 'equals', values: ['Tech'] }, points: 5 })] });
    const result = await session.apply(m, { mode: 'values', subScores: false });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.problems[0]?.message).toContain('Industy');
    expect(book.snapshot()).toEqual(before);
  });

  it('when there is no lead table, with a message instead of an exception', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('Empty');
    const result = await new WorkbookSession(book).apply(template('weighted-b2b'), { mode: 'values', subScores: false });
    expect(result).toMatchObject({ kind: 'invalid', problems: [{ message: expect.stringContaining('select a cell in your leads') }] });
  });
});

describe('remove scoring', () => {
  it.each(['values', 'formulas'] as const)('after a %s apply, leaves the workbook as it was, apart from the model sheet', async (mode) => {
    const { book, session } = await opened();
    const before = outsideModelSheet(book);
    await session.apply(template('weighted-b2b'), { mode, subScores: true });
    expect(outsideModelSheet(book)).not.toEqual(before);
    const removed = await session.removeScoring();
    expect(removed.columns).toEqual(['Score', 'Band', 'Fit', 'Engagement', 'Change', 'Band since']);
    expect(removed.rules).toBeGreaterThan(0);
    expect(outsideModelSheet(book)).toEqual(before);
    // The model is still there for next time.
    expect((await session.loadModel()).model?.name).toBe(template('weighted-b2b').name);
  });

  it('an Apply cut short leaves nothing unowned: Remove still restores the workbook', async () => {
    const book = previewWorkbook();
    const before = outsideModelSheet(book);
    // The connection drops while the rows are written (after the model sheet and the model cell).
    const flaky = new Proxy(book, {
      get(target, prop, receiver) {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (prop !== 'fillFormulas' || typeof v !== 'function') return typeof v === 'function' ? v.bind(target) : v;
        return () => Promise.reject(new Error('connection lost'));
      },
    });
    const session = new WorkbookSession(flaky, { today, blockBudgetBytes: 4000 });
    await session.findLeadTable();
    await expect(session.apply(template('weighted-b2b'), { mode: 'formulas', subScores: true })).rejects.toThrow('connection lost');
    expect((await leadsTable(book)).headers).toContain('Score');
    await new WorkbookSession(book, { today }).removeScoring();
    expect(outsideModelSheet(book)).toEqual(before);
  });

  it('switching from formulas to values takes the model cell and its name away too', async () => {
    const { book, session } = await opened();
    const before = outsideModelSheet(book);
    await session.apply(template('weighted-b2b'), { mode: 'formulas', subScores: false });
    await session.apply(template('weighted-b2b'), { mode: 'values', subScores: false });
    expect(await book.names()).toEqual([]);
    expect(await book.readFormulas(MODEL_SHEET, 'A2:B2')).toEqual([['', '']]);
    await session.removeScoring();
    expect(outsideModelSheet(book)).toEqual(before);
  });

  it('still finds what Apply added after the table was renamed', async () => {
    const { book, session } = await opened();
    await session.apply(template('weighted-b2b'), { mode: 'values', subScores: false });
    book.userRenameTable('Leads', 'Prospects');
    const reopened = new WorkbookSession(book, { today });
    const found = await reopened.findLeadTable();
    expect(found).toMatchObject({ kind: 'table', table: { name: 'Prospects', scoringColumns: ['Score', 'Band', 'Change', 'Band since'] } });
    expect((await reopened.removeScoring()).columns).toEqual(['Score', 'Band', 'Change', 'Band since']);
  });

  it('a reopened workbook (a new session) still knows what Apply added', async () => {
    const { book, session } = await opened();
    const before = outsideModelSheet(book);
    await session.apply(template('weighted-b2b'), { mode: 'values', subScores: false });
    const reopened = new WorkbookSession(book, { today });
    expect((await reopened.removeScoring()).columns).toEqual(['Score', 'Band', 'Change', 'Band since']);
    expect(outsideModelSheet(book)).toEqual(before);
  });
});

describe('two lead tables', () => {
  it('scoring a second table moves the scoring there: the first goes back to how it was', async () => {
    const book = previewWorkbook(20);
    book.seedSheet('More', [['Email', 'Visits'], ['a@x.com', 5], ['b@y.org', 1]]);
    book.seedTable('More', 'A1:B3', 'More');
    const first = outsideModelSheet(book);
    const { session } = await opened(book);
    await session.apply(template('weighted-b2b'), { mode: 'values', subScores: false });
    book.select('More', 'A2');
    expect(await session.findLeadTable()).toMatchObject({ kind: 'table', table: { name: 'More' } });
    const m = makeModel({ criteria: [criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 2 }, points: 10 })] });
    expect(await session.apply(m, { mode: 'values', subScores: false })).toMatchObject({ kind: 'applied', rows: 2 });
    expect((await leadsTable(book)).headers).not.toContain('Score');
    expect((await session.removeScoring()).columns).toEqual(['Score', 'Band', 'Change', 'Band since']);
    expect(outsideModelSheet(book)).toEqual(first);
  });
});

describe('a foreign column is protected', () => {
  async function withOwnScore(): Promise<{ book: MemoryWorkbook; session: WorkbookSession }> {
    const book = new MemoryWorkbook();
    book.seedSheet('Leads', [['Email', 'Visits', 'Score'], ['a@x.com', 5, 'mine'], ['b@y.com', 1, 'also mine']]);
    book.seedTable('Leads', 'A1:C3', 'Leads');
    book.select('Leads', 'A2');
    return opened(book);
  }
  const m = makeModel({ criteria: [criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 2 }, points: 10 })] });

  it('apply asks first and changes nothing', async () => {
    const { book, session } = await withOwnScore();
    const before = book.snapshot();
    const result = await session.apply(m, { mode: 'values', subScores: false });
    expect(result).toMatchObject({ kind: 'conflict', columns: ['Score'] });
    expect(book.snapshot()).toEqual(before);
  });

  it('with consent, the column is overwritten and then removed like the others', async () => {
    const { book, session } = await withOwnScore();
    const result = await session.apply(m, { mode: 'values', subScores: false, allowOverwrite: ['Score'] });
    expect(result.kind).toBe('applied');
    expect(await column(book, 'Score')).toEqual([10, 0]);
  });

  it('remove never touches a column scoring did not add', async () => {
    const { book, session } = await withOwnScore();
    await session.apply(m, { mode: 'values', subScores: false, allowOverwrite: ['Score'] });
    await book.addTableColumns('Leads', ['Notes']);
    await session.removeScoring();
    expect((await leadsTable(book)).headers).toEqual(['Email', 'Visits', 'Notes']);
  });
});

describe('a large table', () => {
  it.each(['values', 'formulas'] as const)('100,000 rows in %s mode: every request stays under 5 MB', async (mode) => {
    const book = previewWorkbook(100_000);
    book.payloads = [];
    const { session } = await opened(book);
    const result = await session.apply(template('weighted-b2b'), { mode, subScores: true });
    expect(result).toMatchObject({ kind: 'applied', rows: 100_000 });
    expect(book.stats.maxPayloadBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    const [last] = await book.readValues('Leads', 'A100001');
    expect(last).toBeDefined();
    console.log(`100k ${mode}: ${result.kind === 'applied' ? result.requests : 0} requests in apply, ${book.stats.requests} in all, max payload ${book.stats.maxPayloadBytes} bytes`);
  }, 120_000);

  it('the memory workbook refuses a request over the limit, as Excel on the web does', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('S');
    const big = Array.from({ length: 300_000 }, () => ['twenty characters..']);
    await expect(book.write([{ sheet: 'S', address: 'A1:A300000', values: big }])).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
});

describe('the model sheet', () => {
  it('round-trips a model, and formula-like text stays text', async () => {
    const { book, session } = await opened();
    const m = makeModel({
      name: '=HYPERLINK("http://evil")',
      description: '+1 for tidy sheets',
      criteria: [
        criterion({ group: 'fit', name: '@risk', field: 'Title', condition: { op: 'startsWith', values: ['=cmd', '-VP', '007'] }, points: 5, note: '-3 last year' }),
      ],
    });
    await session.saveModel(m);
    const loaded = await session.loadModel();
    expect(loaded.problems).toEqual([]);
    expect(loaded.model).toEqual(m);
    const name = (await book.readValues(MODEL_SHEET, 'V4'))[0]?.[0];
    expect(name).toBe('=HYPERLINK("http://evil")');
    expect((book.snapshot() as { sheets: { name: string; formulas: unknown[] }[] }).sheets.find((s) => s.name === MODEL_SHEET)?.formulas).toEqual([]);
  });

  it('writes the three tables as Excel tables with dropdowns', async () => {
    const { book, session } = await opened();
    await session.saveModel(template('weighted-b2b'));
    expect((await book.tables()).filter((t) => t.sheet === MODEL_SHEET).map((t) => t.name)).toEqual(['LeadScoringCriteria', 'LeadScoringBands', 'LeadScoringSettings']);
    expect(book.validationAt(MODEL_SHEET, 'A4')).toEqual(['Fit', 'Engagement']);
    expect(book.validationAt(MODEL_SHEET, 'D4')).toContain('between');
    expect(book.validationAt(MODEL_SHEET, 'N4')).toEqual(['TRUE', 'FALSE']);
  });

  it('a shorter model after a longer one leaves no stale rows', async () => {
    const { session } = await opened();
    await session.saveModel(template('weighted-b2b'));
    const short = makeModel({ criteria: [criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Tech'] }, points: 3 })] });
    await session.saveModel(short);
    expect((await session.loadModel()).model).toEqual(short);
  });

  it('a malformed sheet gives located errors', async () => {
    const { book, session } = await opened();
    await session.saveModel(template('weighted-b2b'));
    book.userEdit(MODEL_SHEET, 'F4', [['ten']]);
    book.userEdit(MODEL_SHEET, 'D5', [['roughly']]);
    const loaded = await session.loadModel();
    expect(loaded.model).toBeNull();
    expect(loaded.problems.map((p) => describeLocation(p.at))).toEqual(expect.arrayContaining([expect.stringContaining("'Lead Scoring'!F4"), expect.stringContaining("'Lead Scoring'!D5")]));
  });

  it('a sheet from a newer version says so', async () => {
    const { book, session } = await opened();
    await session.saveModel(template('weighted-b2b'));
    book.userEdit(MODEL_SHEET, 'V6', [[7]]);
    const loaded = await session.loadModel();
    expect(loaded.problems[0]?.message).toContain('newer version');
    expect(loaded.problems[0] && describeLocation(loaded.problems[0].at)).toContain("'Lead Scoring'!V6");
  });

  it('an edit made in cells reaches the pane, once, after the edits settle', async () => {
    const { book, session } = await opened();
    await session.saveModel(template('weighted-b2b'));
    const heard: (number | undefined)[] = [];
    const off = session.onModelEdited((stored) => heard.push(stored.model?.criteria[0]?.points));
    book.userEdit(MODEL_SHEET, 'F4', [[41]]);
    book.userEdit(MODEL_SHEET, 'F4', [[42]]);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([42]);
    off();
  });

  it("the pane's own save is not reported back as an edit", async () => {
    const { session } = await opened();
    const heard: unknown[] = [];
    session.onModelEdited((s) => heard.push(s));
    await session.saveModel(template('weighted-b2b'));
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([]);
  });
});

describe('finding the lead table', () => {
  it('reports a plain range as a region, and converts it with consent', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('Raw', [['Email', 'Industry', 'Visits'], ['a@x.com', 'Tech', 3], ['b@y.org', 'Retail', 10]]);
    book.select('Raw', 'B3');
    const session = new WorkbookSession(book, { today });
    expect(await session.findLeadTable()).toEqual({ kind: 'region', sheet: 'Raw', address: 'A1:C3', headers: ['Email', 'Industry', 'Visits'] });
    const table = await session.convertRegionToTable('Raw', 'A1:C3');
    expect(table).toMatchObject({ name: 'Leads', headers: ['Email', 'Industry', 'Visits'], rows: [['a@x.com', 'Tech', 3], ['b@y.org', 'Retail', 10]] });
    expect(table.columns.map((c) => c.kind)).toEqual(['email', 'category', 'number']);
  });

  it('detects column kinds of the example leads', async () => {
    const { session } = await opened();
    const found = await session.findLeadTable();
    if (found.kind !== 'table') throw new Error('no table');
    const kind = (name: string): string | undefined => found.table.columns.find((c) => c.name === name)?.kind;
    expect([kind('Email'), kind('Industry'), kind('Employees'), kind('Created Date'), kind('Company')]).toEqual(['email', 'category', 'number', 'date', 'text']);
    expect(found.table.columns.find((c) => c.name === 'Industry')?.distinct.length).toBeGreaterThan(2);
  });

  it('lists scoring columns apart from the lead columns', async () => {
    const { session } = await opened();
    await session.apply(template('weighted-b2b'), { mode: 'values', subScores: false });
    const table = await session.reloadTable();
    expect(table.scoringColumns).toEqual(['Score', 'Band', 'Change', 'Band since']);
    expect(table.headers).not.toContain('Score');
    expect(table.rows[0]).toHaveLength(30);
  });

  it('says there is nothing when the selection is on an empty cell', async () => {
    const book = new MemoryWorkbook();
    book.seedSheet('Empty');
    const found = await new WorkbookSession(book).findLeadTable();
    expect(found.kind).toBe('none');
  });

  it('follows the selected lead row', async () => {
    const { book, session } = await opened();
    const rows: (number | null)[] = [];
    session.onSelectedRowChanged((r) => rows.push(r));
    book.select('Leads', 'C10');
    book.select('Leads', 'D10');
    book.select('Leads', 'A1');
    book.select('Leads', 'C2');
    expect(rows).toEqual([8, null, 0]);
  });
});
