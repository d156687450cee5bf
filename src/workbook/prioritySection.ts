/**
 * "Who to call first" on the Insights sheet: the Priority matrix's leads (and conversion) per
 * cell, and each cell's recommended action.
 *
 * The actions live in the model, on the Lead Scoring sheet's settings table ('Action A1' ...).
 * The Insights sheet shows them by formula, so an edit there (or in the pane, which saves there)
 * shows here at once, and Excel keeps one copy of each text. A person may still type over an
 * action cell here: such a cell no longer holds the add-in's formula, and the add-in takes its
 * text into the model before it writes the sheet again (readActionEdits), so nothing typed is
 * lost to a refresh.
 */
import { DEFAULT_PRIORITY_ACTIONS, GRADES, LEVELS, MIN_LEADS_FOR_RATE, MODEL_TABLE_NAMES, PRIORITIES, SETTINGS, SETTINGS_HEADERS, type Priority, type PriorityMatrix, type PriorityMatrixCell } from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { CellBlockWrite, WorkbookGateway, WriteCell } from '../excel/gateway';
import { asText } from './formulaText';
import type { InsightsActionEdits, InsightsPriority } from './session';

const excelString = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * The formula of one action cell: the Value of its 'Action ..' row in the settings table, found
 * by name so sorting or moving the table's rows does not break it; the default while that cell
 * is empty or the table cannot be found.
 */
export function actionFormula(p: Priority): string {
  const table = MODEL_TABLE_NAMES.settings;
  const [setting, value] = SETTINGS_HEADERS;
  const lookup = `INDEX(${table}[${value}],MATCH(${excelString(SETTINGS[`action${p}`])},${table}[${setting}],0))`;
  const fallback = excelString(DEFAULT_PRIORITY_ACTIONS[p]);
  return `=IFERROR(IF(${lookup}="",${fallback},${lookup}),${fallback})`;
}

export interface PrioritySectionLayout {
  readonly writes: CellBlockWrite[];
  /** The first row below the section. */
  readonly next: number;
  /** Where each action cell is, e.g. 'G20'. */
  readonly actions: Record<Priority, string>;
}

const cellAt = (m: PriorityMatrix, p: Priority): PriorityMatrixCell => m.cells.find((c) => c.priority === p) as PriorityMatrixCell;

/** The section's cells from `row` (zero-based) down column A: the leads grid, the conversion grid (with outcomes), and one row per priority with its action. */
export function layoutPrioritySection(sheet: string, row: number, section: InsightsPriority): PrioritySectionLayout {
  const { matrix, outcome } = section;
  const writes: CellBlockWrite[] = [];
  const block = (top: number, cells: WriteCell[][], formats?: (string | null)[]): void => {
    const width = Math.max(...cells.map((r) => r.length));
    writes.push({ sheet, address: formatAddress({ row: top, column: 0, rows: cells.length, columns: width }), values: cells });
    if (formats !== undefined) {
      writes.push({ sheet, address: formatAddress({ row: top + 1, column: 0, rows: cells.length - 1, columns: width }), numberFormat: cells.slice(1).map(() => formats) });
    }
  };
  const title = (at: number, text: string): void => block(at, [[asText(text)]]);
  const gridHeader: WriteCell[] = [asText('Fit grade \\ engagement level'), ...LEVELS.map((l) => asText(l))];

  title(row, 'Who to call first: the priority matrix (rows: fit grade, A best; columns: engagement level, 1 most engaged)');
  const known = matrix.hasOutcomes ? `; ${matrix.withOutcome} with a known '${outcome ?? ''}', ${matrix.converted} converted` : '';
  title(row + 1, `${matrix.leads} leads${known}. Grade A from Fit ${matrix.thresholds.grades[0]}, B from ${matrix.thresholds.grades[1]}, C from ${matrix.thresholds.grades[2]}; level 1 from Engagement ${matrix.thresholds.levels[0]}, 2 from ${matrix.thresholds.levels[1]}, 3 from ${matrix.thresholds.levels[2]}.`);
  let top = row + 3;
  title(top, 'Leads per cell');
  const leads: WriteCell[][] = [gridHeader, ...GRADES.map((g) => [asText(g), ...LEVELS.map((l) => cellAt(matrix, `${g}${l}`).leads)])];
  block(top + 1, leads, [null, '0', '0', '0', '0']);
  top += 1 + leads.length + 1;
  if (matrix.hasOutcomes) {
    title(top, `Conversion per cell (blank where fewer than ${MIN_LEADS_FOR_RATE} leads have a known outcome: see the counts below)`);
    const rate = (c: PriorityMatrixCell): WriteCell => (c.rate === null || c.fewOutcomes ? '' : c.rate);
    const rates: WriteCell[][] = [gridHeader, ...GRADES.map((g) => [asText(g), ...LEVELS.map((l) => rate(cellAt(matrix, `${g}${l}`)))])];
    block(top + 1, rates, [null, '0.0%', '0.0%', '0.0%', '0.0%']);
    top += 1 + rates.length + 1;
  }

  title(top, "Recommended action per cell: type over an action here or edit 'Action A1' ... on the Lead Scoring sheet; the add-in keeps both in the model");
  const headers = ['Priority', 'Leads', ...(matrix.hasOutcomes ? ['Known outcome', 'Converted', 'Conversion rate'] : []), 'Recommended action'];
  const rows: WriteCell[][] = [
    headers.map((h) => asText(h)),
    ...PRIORITIES.map((p) => {
      const c = cellAt(matrix, p);
      // The action cell is written below as a formula; null leaves it to that write.
      return [asText(p), c.leads, ...(matrix.hasOutcomes ? [c.withOutcome, c.converted, c.rate ?? ''] : []), null];
    }),
  ];
  block(top + 1, rows, [null, '0', ...(matrix.hasOutcomes ? ['0', '0', '0.0%'] : []), null]);
  const actionColumn = headers.length - 1;
  const first = top + 2;
  writes.push({ sheet, address: formatAddress({ row: first, column: actionColumn, rows: 16, columns: 1 }), formulas: PRIORITIES.map((p) => [actionFormula(p)]) });
  const actions = Object.fromEntries(PRIORITIES.map((p, i) => [p, formatAddress({ row: first + i, column: actionColumn, rows: 1, columns: 1 })])) as Record<Priority, string>;
  return { writes, next: first + 16 + 1, actions };
}

/**
 * The actions typed over the add-in's formulas in the recorded action cells of `sheet`: a cell
 * holding anything but its formula is the user's, and its text (as the cell shows it) is what
 * they want. A cleared cell reads as '' (back to the default).
 */
export async function readActionEdits(gateway: WorkbookGateway, sheet: string, actions: Partial<Record<Priority, string>>): Promise<InsightsActionEdits> {
  const placed = PRIORITIES.flatMap((p) => (actions[p] === undefined ? [] : [{ p, at: parseAddress(actions[p]) }]));
  if (placed.length === 0) return {};
  const top = Math.min(...placed.map((x) => x.at.row));
  const bottom = Math.max(...placed.map((x) => x.at.row));
  const left = Math.min(...placed.map((x) => x.at.column));
  const right = Math.max(...placed.map((x) => x.at.column));
  const address = formatAddress({ row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 });
  const formulas = await gateway.readFormulas(sheet, address);
  const values = await gateway.readValues(sheet, address);
  const edits: InsightsActionEdits = {};
  for (const { p, at } of placed) {
    if (isActionFormula(formulas[at.row - top]?.[at.column - left], p)) continue;
    const value = values[at.row - top]?.[at.column - left];
    edits[p] = value === null || value === undefined ? '' : String(value).trim();
  }
  return edits;
}

/** The add-in's formula for that action, as Excel may give it back (case and spacing around the parts are Excel's to change): a formula looking up that action's setting. */
function isActionFormula(cell: WriteCell | undefined, p: Priority): boolean {
  if (typeof cell !== 'string' || !cell.trimStart().startsWith('=')) return false;
  return cell.toLowerCase().includes(excelString(SETTINGS[`action${p}`]).toLowerCase());
}
