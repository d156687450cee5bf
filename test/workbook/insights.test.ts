import { describe, expect, it } from 'vitest';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import { opened, today } from './openedSession';
import { criterion, model as makeModel, MODEL_SHEET, templateById, type Model } from '../../src/engine';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { backtest, calibrate } from '../../src/insights';
import { insightsReport } from '../../src/taskpane/insightsReport';
import { CHALLENGER_SHEET, INSIGHTS_SHEET } from '../../src/workbook/insightsWorkbook';
import type { InsightsReport } from '../../src/workbook/session';
import { WorkbookSession } from '../../src/workbook/workbookSession';

const b2b = (): Model => {
  const t = templateById('weighted-b2b');
  if (t === undefined) throw new Error('no template');
  return t.model;
};

/** Every sheet but one, as a person could see it. */
function sheetsBut(book: MemoryWorkbook, name: string): unknown {
  const snap = book.snapshot() as { sheets: { name: string }[]; tables: { sheet: string }[] };
  return { ...snap, xml: undefined, sheets: snap.sheets.filter((s) => s.name !== name), tables: snap.tables.filter((t) => t.sheet !== name) };
}

/** The report the pane writes, from a backtest of the template on the example leads. */
async function reportOf(session: WorkbookSession, m: Model = b2b()): Promise<InsightsReport> {
  const table = await session.reloadTable();
  const bt = backtest(m, table.headers, table.rows, 'Converted', { today: today(), capacity: { kind: 'share', share: 0.2 } });
  if (!bt.ok) throw new Error('backtest failed');
  return insightsReport(bt.value, bt.value.capacityThreshold, null);
}

/** Cells of a sheet, as text, for finding what was written. */
async function cellsOf(book: MemoryWorkbook, sheet: string): Promise<unknown[][]> {
  const used = await book.usedRange(sheet);
  return used === null ? [] : book.readValues(sheet, used);
}

/** The block under a title cell: header row and body, until a blank row. */
function tableUnder(cells: unknown[][], title: string): unknown[][] {
  const at = cells.findIndex((r) => r[0] === title);
  if (at < 0) throw new Error(`no '${title}' on the sheet`);
  const out: unknown[][] = [];
  for (let r = at + 1; r < cells.length && (cells[r]?.[0] ?? '') !== ''; r++) out.push((cells[r] ?? []).filter((v) => v !== ''));
  return out;
}

describe('the Insights sheet', () => {
  it('holds the tables behind the figures, a column chart over conversion by band and a line chart over the gain; no other sheet changes', async () => {
    const { book, session } = await opened();
    const before = sheetsBut(book, INSIGHTS_SHEET);
    const report = await reportOf(session);
    const written = await session.writeInsights(report);
    expect(written).toEqual({ sheet: 'Insights', charts: 2 });
    expect(sheetsBut(book, INSIGHTS_SHEET)).toEqual(before);

    const cells = await cellsOf(book, 'Insights');
    expect(cells[0]?.[0]).toBe(report.title);
    expect(cells.some((r) => typeof r[0] === 'string' && r[0].startsWith('AUC '))).toBe(true);
    // The band table: one row per band of the model, leads adding up to the 500 example leads.
    const bands = tableUnder(cells, 'Conversion by band');
    expect(bands[0]?.slice(0, 3)).toEqual(['Band', 'Conversion rate', 'Leads']);
    expect(bands.slice(1).map((r) => r[0])).toEqual(b2b().bands.map((b) => b.name));
    expect(bands.slice(1).reduce((s, r) => s + Number(r[2]), 0)).toBe(500);
    // The gain curve climbs to every conversion at the top 100%.
    const gain = tableUnder(cells, 'Cumulative gain');
    const captured = gain.slice(1).map((r) => Number(r[1]));
    expect(captured[0]).toBe(0);
    expect(captured[captured.length - 1]).toBeCloseTo(1, 9);
    expect(captured.every((g, i) => i === 0 || g >= (captured[i - 1] ?? 0))).toBe(true);
    expect(book.numberFormatAt('Insights', `B${cells.findIndex((r) => r[0] === 'Conversion by band') + 3}`)).toBe('0.0%');

    const charts = book.chartsOn('Insights');
    expect(charts.map((c) => c.kind)).toEqual(['columnClustered', 'line']);
    // Each chart reads its table: the band names and rates, then the gain's share columns.
    const [column, line] = charts;
    const bandSource = await book.readValues('Insights', column?.source ?? '');
    expect(bandSource.map((r) => r[0])).toEqual(['Band', ...b2b().bands.map((b) => b.name)]);
    expect(bandSource[0]?.[1]).toBe('Conversion rate');
    const gainSource = await book.readValues('Insights', line?.source ?? '');
    expect(gainSource[0]).toEqual(['Leads worked (top, by score)', 'Share of conversions captured', 'Random order']);
    expect(gainSource.length).toBe(gain.length);
    expect(column?.title).toMatch(/Conversion rate by band/);
    expect(line?.title).toMatch(/Cumulative gain/);
  });

  it('a rewrite replaces the add-in\'s Insights sheet whole (cells and charts), and makes no second sheet', async () => {
    const { book, session } = await opened();
    await session.writeInsights(await reportOf(session));
    await session.writeInsights({ title: 'Second report', lines: [], tables: [{ title: 'Only table', headers: ['A', 'B'], rows: [['x', 1]], chart: { kind: 'line', title: 'One line', columns: 2 } }] });
    const sheets = await book.sheetNames();
    expect(sheets.filter((s) => s.toLowerCase().startsWith('insights'))).toEqual(['Insights']);
    const cells = await cellsOf(book, 'Insights');
    expect(cells[0]?.[0]).toBe('Second report');
    expect(cells.flat()).not.toContain('Conversion by band');
    expect(book.chartsOn('Insights').map((c) => c.title)).toEqual(['One line']);
  });

  it('never writes over an "Insights" sheet the add-in did not create: the report goes to "Insights (2)", and stays there', async () => {
    const book = previewWorkbook();
    book.seedSheet('Insights', [['My own notes', 42]]);
    const { session } = await opened(book);
    const mine = await cellsOf(book, 'Insights');
    const first = await session.writeInsights(await reportOf(session));
    expect(first.sheet).toBe('Insights (2)');
    expect(await cellsOf(book, 'Insights')).toEqual(mine);
    expect(book.chartsOn('Insights')).toEqual([]);
    const second = await session.writeInsights(await reportOf(session));
    expect(second.sheet).toBe('Insights (2)');
    expect((await book.sheetNames()).filter((s) => s.startsWith('Insights'))).toEqual(['Insights', 'Insights (2)']);
  });

  it('a sheet the user made under the same name after deleting the add-in\'s is theirs: it is left alone', async () => {
    const { book, session } = await opened();
    await session.writeInsights(await reportOf(session));
    await book.deleteSheet('Insights');
    book.seedSheet('Insights', [['Their own Insights', 7]]);
    const written = await session.writeInsights(await reportOf(session));
    expect(written.sheet).toBe('Insights (2)');
    expect(await cellsOf(book, 'Insights')).toEqual([['Their own Insights', 7]]);
  });

  it('text that looks like a formula is written as text', async () => {
    const { book, session } = await opened();
    await session.writeInsights({ title: '=cmd|calc', lines: ['+1 line'], tables: [] });
    const cells = await cellsOf(book, 'Insights');
    expect(cells[0]?.[0]).toBe('=cmd|calc');
    expect(cells[1]?.[0]).toBe('+1 line');
  });
});

describe('the challenger model', () => {
  it('is saved beside the champion in the model sheet layout, loads back equal, and leaves the champion and the lead table alone', async () => {
    const { book, session } = await opened();
    const champion = b2b();
    await session.saveModel(champion);
    const table = await session.reloadTable();
    const cal = calibrate(champion, table.headers, table.rows, 'Converted', { today: today() });
    if (!cal.ok) throw new Error('calibration failed');
    const before = sheetsBut(book, CHALLENGER_SHEET);

    await session.saveChallenger(cal.value.model);
    expect(sheetsBut(book, CHALLENGER_SHEET)).toEqual(before);
    expect((await session.loadChallenger()).model).toEqual(cal.value.model);
    expect((await session.loadModel()).model).toEqual(champion);
    // Table names are unique in a workbook: the challenger's carry a suffix.
    const names = (await book.tables()).map((t) => t.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect((await book.tables()).filter((t) => t.sheet === CHALLENGER_SHEET).map((t) => t.name).sort()).toEqual(['LeadScoringBandsChallenger', 'LeadScoringCriteriaChallenger', 'LeadScoringSettingsChallenger']);
    // The lead table is still the one found, even with the selection on the challenger sheet.
    book.select(CHALLENGER_SHEET, 'A5');
    const found = await session.findLeadTable();
    expect(found.kind === 'table' ? found.table.name : found.kind).not.toMatch(/Challenger/);
  });

  it('saving again replaces the challenger; with none saved, load says so', async () => {
    const { session } = await opened();
    expect(await session.loadChallenger()).toEqual({ model: null, problems: [] });
    await session.saveChallenger(b2b());
    const small = makeModel({ name: 'Small', criteria: [criterion({ group: 'fit', name: 'Tech', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 7 })] });
    await session.saveChallenger(small);
    const loaded = await session.loadChallenger();
    expect(loaded.problems).toEqual([]);
    expect(loaded.model).toEqual(small);
  });

  it('never overwrites a sheet of that name the add-in did not write', async () => {
    const book = previewWorkbook();
    book.seedSheet(CHALLENGER_SHEET, [['my notes']]);
    const { session } = await opened(book);
    await expect(session.saveChallenger(b2b())).rejects.toThrow(/did not write; rename it/);
    expect(await cellsOf(book, CHALLENGER_SHEET)).toEqual([['my notes']]);
    expect((await session.loadChallenger()).model).toBeNull();
    expect(MODEL_SHEET).not.toBe(CHALLENGER_SHEET);
  });
});
