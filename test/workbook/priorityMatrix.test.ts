import { describe, expect, it } from 'vitest';
import { opened } from './openedSession';
import { DEFAULT_PRIORITY_ACTIONS, MODEL_SHEET, PRIORITIES, templateById, withPriorityAction, type Model, type Priority } from '../../src/engine';
import type { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { backtest, priorityConversion } from '../../src/insights';
import { insightsReport } from '../../src/taskpane/insightsReport';
import { INSIGHTS_SHEET } from '../../src/workbook/insightsWorkbook';
import type { InsightsReport } from '../../src/workbook/session';
import type { WorkbookSession } from '../../src/workbook/workbookSession';

const b2b = (): Model => {
  const t = templateById('weighted-b2b');
  if (t === undefined) throw new Error('no template');
  return t.model;
};

/** The report the pane writes: the backtest and the priority matrix of the model on the example leads. */
async function reportOf(session: WorkbookSession, m: Model): Promise<InsightsReport> {
  const table = await session.reloadTable();
  const bt = backtest(m, table.headers, table.rows, 'Converted', { asOf: '2026-11-01' });
  const matrix = priorityConversion(m, table.headers, table.rows, { outcome: 'Converted', asOf: '2026-11-01' });
  if (!bt.ok || !matrix.ok) throw new Error('backtest failed');
  return insightsReport(bt.value, null, null, { matrix: matrix.value, outcome: 'Converted' });
}

async function cells(book: MemoryWorkbook, sheet: string, what: 'values' | 'formulas' = 'values'): Promise<unknown[][]> {
  const used = await book.usedRange(sheet);
  if (used === null) return [];
  return what === 'values' ? book.readValues(sheet, used) : book.readFormulas(sheet, used);
}

/** Where each priority's action cell is on the Insights sheet: the row whose first cell is the priority, last filled column. */
async function actionCells(book: MemoryWorkbook): Promise<Map<Priority, { row: number; column: number; formula: unknown }>> {
  const grid = await cells(book, INSIGHTS_SHEET, 'formulas');
  const header = grid.findIndex((r) => r[0] === 'Priority');
  const column = (grid[header] ?? []).indexOf('Recommended action');
  return new Map(PRIORITIES.map((p, i) => [p, { row: header + 1 + i, column, formula: grid[header + 1 + i]?.[column] }]));
}

const a1 = (row: number, column: number): string => `${String.fromCharCode(65 + column)}${row + 1}`;

/** What Excel shows for an action formula: its lookup in the settings table, done here as Excel would (by the Setting's name; empty gives the default). */
async function shown(book: MemoryWorkbook, formula: unknown): Promise<string> {
  const m = /MATCH\("Action ([A-D][1-4])",LeadScoringSettings\[Setting\],0\)/.exec(String(formula));
  if (m === null) throw new Error(`not an action formula: ${String(formula)}`);
  const p = m[1] as Priority;
  const table = (await book.tables()).find((t) => t.name === 'LeadScoringSettings');
  if (table === undefined) return DEFAULT_PRIORITY_ACTIONS[p];
  const rows = await book.readValues(table.sheet, table.address);
  const value = rows.find((r) => r[0] === `Action ${p}`)?.[1];
  return value === undefined || value === '' ? DEFAULT_PRIORITY_ACTIONS[p] : String(value);
}

describe('the priority matrix on the Insights sheet', () => {
  it('shows leads and conversion per cell, hand-checkable from the matrix, and each action by formula from the Lead Scoring sheet', async () => {
    const { book, session } = await opened();
    const m = withPriorityAction(b2b(), 'D1', 'Pass to the partner team');
    await session.saveModel(m);
    const report = await reportOf(session, m);
    await session.writeInsights(report);

    const grid = await cells(book, INSIGHTS_SHEET);
    const at = grid.findIndex((r) => r[0] === 'Leads per cell');
    expect(grid[at + 1]?.slice(0, 5)).toEqual(['Fit grade \\ engagement level', '1', '2', '3', '4']);
    const leads = grid.slice(at + 2, at + 6).map((r) => r.slice(0, 5));
    const matrix = report.priority?.matrix;
    expect(leads).toEqual(['A', 'B', 'C', 'D'].map((g) => [g, ...['1', '2', '3', '4'].map((l) => matrix?.cells.find((c) => c.priority === `${g}${l}`)?.leads)]));
    expect(leads.flatMap((r) => r.slice(1) as number[]).reduce((a, b) => a + b, 0)).toBe(500);
    expect(grid.some((r) => typeof r[0] === 'string' && r[0].startsWith('Conversion per cell'))).toBe(true);

    const actions = await actionCells(book);
    for (const p of PRIORITIES) expect(await shown(book, actions.get(p)?.formula)).toBe(p === 'D1' ? 'Pass to the partner team' : DEFAULT_PRIORITY_ACTIONS[p]);
    expect(await session.readInsightsActionEdits()).toEqual({});
  });

  it('an action edited on the Lead Scoring sheet shows on the Insights sheet without a rewrite, and reads back into the model', async () => {
    const { book, session } = await opened();
    await session.saveModel(b2b());
    await session.writeInsights(await reportOf(session, b2b()));
    const settings = (await book.tables()).find((t) => t.name === 'LeadScoringSettings');
    if (settings === undefined) throw new Error('no settings table');
    const rows = await book.readValues(MODEL_SHEET, settings.address);
    const row = rows.findIndex((r) => r[0] === 'Action B2');
    const top = Number(/\d+/.exec(settings.address)?.[0]) - 1;
    const column = /^([A-Z]+)/.exec(settings.address)?.[1] ?? 'A';
    await book.write([{ sheet: MODEL_SHEET, address: `${String.fromCharCode(column.charCodeAt(0) + 1)}${top + row + 1}`, values: [['Call within 48 hours']] }]);
    expect(await shown(book, (await actionCells(book)).get('B2')?.formula)).toBe('Call within 48 hours');
    const loaded = await session.loadModel();
    expect(loaded.model?.priorityActions).toEqual({ B2: 'Call within 48 hours' });
  });

  it('keeps an action typed over its formula on the Insights sheet: a rewrite that would lose it is refused; taken into the model, it is kept', async () => {
    const { book, session } = await opened();
    const m = b2b();
    await session.saveModel(m);
    await session.writeInsights(await reportOf(session, m));
    const a3 = (await actionCells(book)).get('A3');
    if (a3 === undefined) throw new Error('no A3 cell');
    await book.write([{ sheet: INSIGHTS_SHEET, address: a1(a3.row, a3.column), values: [['Book a demo this week']] }]);
    const c4 = (await actionCells(book)).get('C4');
    if (c4 === undefined) throw new Error('no C4 cell');
    await book.write([{ sheet: INSIGHTS_SHEET, address: a1(c4.row, c4.column), values: [['']] }]);

    // C4 cleared means its default, which the model has already: only A3 is new.
    const edits = await session.readInsightsActionEdits();
    expect(edits).toEqual({ A3: 'Book a demo this week', C4: '' });

    // Refreshing from the model as it was would lose A3: refused, and the typed text is still there.
    await expect(session.writeInsights(await reportOf(session, m))).rejects.toThrow(/holds actions typed there that the model does not have yet \(A3: 'Book a demo this week'\)/);
    expect((await cells(book, INSIGHTS_SHEET))[a3.row]?.[a3.column]).toBe('Book a demo this week');

    // The pane takes it into the model, saves it, and writes again: the cell is the formula once more, showing the text from the model sheet.
    const taken = withPriorityAction(withPriorityAction(m, 'A3', edits.A3 ?? ''), 'C4', edits.C4 ?? '');
    await session.saveModel(taken);
    await session.writeInsights(await reportOf(session, taken));
    const after = (await actionCells(book)).get('A3');
    expect(String(after?.formula)).toMatch(/^=IFERROR\(/);
    expect(await shown(book, after?.formula)).toBe('Book a demo this week');
    expect(await session.readInsightsActionEdits()).toEqual({});
    expect((await session.loadModel()).model?.priorityActions).toEqual({ A3: 'Book a demo this week' });
  });
});
