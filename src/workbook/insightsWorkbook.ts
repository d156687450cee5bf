/**
 * What the Insights view writes to a workbook: the "Insights" sheet (the tables behind the
 * figures, with native charts over them) and the challenger model sheet beside the champion.
 *
 * Both sheets are the add-in's own. The Insights sheet is recorded in a custom XML part, so a
 * rewrite replaces exactly that sheet; a sheet of that name the add-in did not write is left
 * alone and the report goes to "Insights (2)". The challenger sheet is known by its tables
 * (their names carry a suffix, since table names are unique in a workbook); a sheet of that
 * name without them is never overwritten.
 */
import { layoutModelSheet, MODEL_SHEET, MODEL_TABLE_NAMES, PRIORITIES, priorityActionsOf, type Model, type Priority } from '../engine';
import { formatAddress } from '../excel/address';
import type { CellBlockWrite, ChartSpec, WorkbookGateway, WriteCell } from '../excel/gateway';
import { challengerTableName } from './challengerTables';
import { asText } from './formulaText';
import { modelTableCells, readModelFromSheet } from './modelSheetIO';
import { layoutPrioritySection, readActionEdits } from './prioritySection';
import type { InsightsActionEdits, InsightsReport, InsightsWritten, StoredModel } from './session';

export { CHALLENGER_TABLE_SUFFIX, challengerTableName } from './challengerTables';

export const INSIGHTS_SHEET = 'Insights';
export const INSIGHTS_NAMESPACE = 'urn:leadscore:insights';
export const CHALLENGER_SHEET = `${MODEL_SHEET} (challenger)`;
export const CHALLENGER_TITLE =
  'Challenger model, saved from the Insights view to compare with the model on the Lead Scoring sheet. Apply and the =LEADSCORE functions use the Lead Scoring sheet only.';


export interface InsightsSheetLayout {
  readonly writes: CellBlockWrite[];
  readonly charts: ChartSpec[];
  /** Where the Priority matrix's action cells are, when the report has one. */
  readonly actions?: Record<Priority, string>;
}

/** Rows a chart covers, and the gap to the next table. */
const CHART_ROWS = 16;
const CHART_COLUMNS = 8;

/** Where the report's cells and charts go on a sheet: tables stacked down column A, each chart to the right of its table. */
export function layoutInsightsSheet(sheet: string, report: InsightsReport): InsightsSheetLayout {
  const writes: CellBlockWrite[] = [];
  const charts: ChartSpec[] = [];
  const text = (v: string | number): WriteCell => (typeof v === 'string' ? asText(v) : v);
  const one = (row: number, value: string): CellBlockWrite => ({ sheet, address: formatAddress({ row, column: 0, rows: 1, columns: 1 }), values: [[asText(value)]] });
  writes.push(one(0, report.title));
  let row = 1;
  for (const line of report.lines) writes.push(one(row++, line));
  row++;
  // Who to call first comes before the figures behind the scores.
  let actions: Record<Priority, string> | undefined;
  if (report.priority !== undefined) {
    const section = layoutPrioritySection(sheet, row, report.priority);
    writes.push(...section.writes);
    actions = section.actions;
    row = section.next + 1;
  }
  const widest = Math.max(1, ...report.tables.map((t) => t.headers.length));
  for (const t of report.tables) {
    writes.push(one(row, t.title));
    const top = row + 1;
    const width = t.headers.length;
    const cells: WriteCell[][] = [t.headers.map((h) => asText(h)), ...t.rows.map((r) => t.headers.map((_, c) => text(r[c] ?? '')))];
    const block = { row: top, column: 0, rows: cells.length, columns: width };
    const write: CellBlockWrite = { sheet, address: formatAddress(block), values: cells };
    if (t.formats !== undefined && t.rows.length > 0) {
      const formats = t.headers.map((_, c) => t.formats?.[c] ?? null);
      writes.push(write, { sheet, address: formatAddress({ ...block, row: top + 1, rows: t.rows.length }), numberFormat: t.rows.map(() => formats) });
    } else {
      writes.push(write);
    }
    let end = top + cells.length;
    if (t.chart !== undefined && t.rows.length > 0) {
      charts.push({
        kind: t.chart.kind,
        title: t.chart.title,
        source: formatAddress({ ...block, columns: Math.min(width, Math.max(2, t.chart.columns)) }),
        position: formatAddress({ row: row, column: widest + 1, rows: CHART_ROWS, columns: CHART_COLUMNS }),
      });
      end = Math.max(end, row + CHART_ROWS);
    }
    row = end + 1;
  }
  return { writes, charts, ...(actions === undefined ? {} : { actions }) };
}

interface InsightsRecord {
  readonly sheet: string;
  /** The text written to A1, checked before a rewrite: a sheet that no longer holds it is not replaced. */
  readonly title: string;
  /** The action cells of the Priority matrix, by priority, read back before a rewrite. */
  readonly actions?: Partial<Record<Priority, string>>;
}

const escapeXml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function recordXml(record: InsightsRecord): string {
  return `<insights xmlns="${INSIGHTS_NAMESPACE}" version="1">${escapeXml(JSON.stringify(record))}</insights>`;
}

function readRecord(xml: string | null): InsightsRecord | null {
  const m = xml === null ? null : /<insights[^>]*>([\s\S]*)<\/insights>/.exec(xml);
  if (m === null) return null;
  try {
    const r = JSON.parse(unescapeXml(m[1] ?? '')) as Partial<InsightsRecord>;
    if (typeof r.sheet !== 'string' || typeof r.title !== 'string') return null;
    // Only well-formed addresses of known priorities: the part is the add-in's, but a workbook is a file anyone can edit.
    const actions = Object.fromEntries(PRIORITIES.flatMap((p) => (typeof r.actions?.[p] === 'string' && /^[A-Z]{1,3}[0-9]{1,7}$/.test(r.actions[p]) ? [[p, r.actions[p]]] : [])));
    return { sheet: r.sheet, title: r.title, actions };
  } catch {
    return null;
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The add-in's Insights sheet from the last write, if it still opens with the title written there (a sheet of that name made by someone after deleting ours is theirs, and is left alone). */
async function ourInsightsSheet(gateway: WorkbookGateway): Promise<{ sheets: string[]; sheet: string | undefined; record: InsightsRecord | null }> {
  const sheets = await gateway.sheetNames();
  const record = readRecord(await gateway.readCustomXml(INSIGHTS_NAMESPACE));
  const named = record === null ? undefined : sheets.find((s) => same(s, record.sheet));
  const ours = named !== undefined && record !== null && String((await gateway.readValues(named, 'A1'))[0]?.[0] ?? '') === record.title ? named : undefined;
  return { sheets, sheet: ours, record };
}

/** The actions typed over the formulas of the add-in's Insights sheet (none when there is no such sheet). */
export async function readInsightsActionEdits(gateway: WorkbookGateway): Promise<InsightsActionEdits> {
  const { sheet, record } = await ourInsightsSheet(gateway);
  return sheet === undefined || record?.actions === undefined ? {} : readActionEdits(gateway, sheet, record.actions);
}

/**
 * Writes the report to the add-in's Insights sheet: the sheet written last time is replaced
 * whole (cells and charts); any other sheet is left as it is. An action typed on that sheet
 * that the report does not show (not taken into the model yet) stops the rewrite, so it is not lost.
 */
export async function writeInsightsSheet(gateway: WorkbookGateway, report: InsightsReport): Promise<InsightsWritten> {
  const { sheets, sheet: ours, record } = await ourInsightsSheet(gateway);
  if (ours !== undefined && record?.actions !== undefined) {
    const edits = await readActionEdits(gateway, ours, record.actions);
    // What the new sheet will show for each action, against what was typed ('' shows the default).
    const shown = report.priority === undefined ? null : new Map(report.priority.matrix.cells.map((c) => [c.priority, c.action]));
    const typed = priorityActionsOf({ priorityActions: edits });
    const lost = PRIORITIES.filter((p) => edits[p] !== undefined && shown?.get(p) !== typed[p]);
    if (lost.length > 0) {
      throw new Error(`The sheet '${ours}' holds actions typed there that the model does not have yet (${lost.map((p) => `${p}: '${edits[p] ?? ''}'`).join(', ')}); open the Insights view so they are taken into the model, then write the sheet again.`);
    }
  }
  let sheet: string;
  if (ours !== undefined) {
    sheet = ours;
    await gateway.deleteSheet(ours);
  } else {
    sheet = INSIGHTS_SHEET;
    for (let n = 2; sheets.some((s) => same(s, sheet)); n++) sheet = `${INSIGHTS_SHEET} (${n})`;
  }
  await gateway.addSheet(sheet);
  const layout = layoutInsightsSheet(sheet, report);
  await gateway.writeCustomXml(INSIGHTS_NAMESPACE, recordXml({ sheet, title: report.title, ...(layout.actions === undefined ? {} : { actions: layout.actions }) }));
  await gateway.write(layout.writes);
  if (layout.charts.length > 0) await gateway.addCharts(sheet, layout.charts);
  return { sheet, charts: layout.charts.length };
}

/** The challenger's table names: the model sheet's, suffixed. */
async function challengerSheetState(gateway: WorkbookGateway): Promise<{ sheet: string | undefined; ours: boolean }> {
  const sheet = (await gateway.sheetNames()).find((s) => same(s, CHALLENGER_SHEET));
  if (sheet === undefined) return { sheet, ours: false };
  const names = new Set(Object.values(MODEL_TABLE_NAMES).map((n) => challengerTableName(n).toLowerCase()));
  const tables = (await gateway.tables()).filter((t) => same(t.sheet, sheet));
  return { sheet, ours: tables.some((t) => names.has(t.name.toLowerCase())) };
}

/** Saves a model to the challenger sheet, in the model sheet's layout. */
export async function saveChallenger(gateway: WorkbookGateway, model: Model): Promise<void> {
  const state = await challengerSheetState(gateway);
  if (state.sheet !== undefined && !state.ours) {
    throw new Error(`A sheet '${state.sheet}' exists that the add-in did not write; rename it to save the challenger model.`);
  }
  if (state.sheet !== undefined) await gateway.deleteSheet(state.sheet);
  await gateway.addSheet(CHALLENGER_SHEET);
  const placed = layoutModelSheet(model);
  const writes: CellBlockWrite[] = [{ sheet: CHALLENGER_SHEET, address: 'A1', values: [[asText(CHALLENGER_TITLE)]] }];
  const tables: { address: string; name: string }[] = [];
  for (const p of placed) {
    const { cells, width } = modelTableCells(p);
    const address = formatAddress({ row: p.row, column: p.column, rows: cells.length, columns: width });
    writes.push({ sheet: CHALLENGER_SHEET, address, values: cells });
    tables.push({ address, name: challengerTableName(p.name) });
  }
  await gateway.write(writes);
  for (const t of tables) await gateway.addTable(CHALLENGER_SHEET, t.address, t.name);
}

/** Reads the challenger sheet back; model null when there is none. */
export async function loadChallenger(gateway: WorkbookGateway): Promise<StoredModel> {
  const state = await challengerSheetState(gateway);
  if (state.sheet === undefined || !state.ours) return { model: null, problems: [] };
  return (await readModelFromSheet(gateway, state.sheet)) ?? { model: null, problems: [] };
}
