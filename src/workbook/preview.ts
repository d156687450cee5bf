/**
 * The browser preview's wiring: the example leads in an in-memory workbook, the real
 * WorkbookSession on it, and a read-only view of the Leads sheet for the page to draw (values
 * and the fills conditional formatting gives them), so the pane needs nothing from src/excel.
 */
import { MODEL_SHEET, templateById, type CellValue } from '../engine';
import type { MemoryWorkbook } from '../excel/memoryWorkbook';
import { formatAddress, parseAddress } from '../excel/address';
import { PREVIEW_SHEET, previewWorkbook } from './previewWorkbook';
import type { ScoringSession } from './session';
import { WorkbookSession, type WorkbookSessionOptions } from './workbookSession';

/** A session on the example leads in memory (the browser preview); the workbook is returned too, to show its cells and colours. */
export function previewSession(options: WorkbookSessionOptions = {}, leads = 500): { session: WorkbookSession; workbook: MemoryWorkbook } {
  const workbook = previewWorkbook(leads);
  return { session: new WorkbookSession(workbook, options), workbook };
}

export interface SheetPicture {
  readonly sheet: string;
  /** Rows of the used range from the top, header row first. */
  readonly values: readonly (readonly CellValue[])[];
  /** Conditional-format fill per cell ('#RRGGBB'), null where none. */
  readonly fills: readonly (readonly (string | null)[])[];
  /** Rows in the used range, header included (values may hold fewer). */
  readonly totalRows: number;
}

export interface PreviewSheet {
  /** The first `maxRows` rows of the Leads sheet as Excel would show them. */
  picture(maxRows: number): Promise<SheetPicture>;
  /** Called after any change to the Leads sheet. */
  onChanged(listener: () => void): () => void;
  /** A person clicking a row of the sheet (0 = header row), as a selection in Excel. */
  selectSheetRow(row: number): void;
}

/** A state of the workbook the preview can open in, to see (and screenshot) how the pane meets it. */
export type PreviewExample = 'sheet-typo';

export function openPreview(leads = 500, example: PreviewExample | null = null): { session: ScoringSession; sheet: PreviewSheet } {
  const { session: inner, workbook: book } = previewSession({}, leads);
  const ready = example === 'sheet-typo' ? modelSheetWithTypo(inner, book) : Promise.resolve();
  // Apply and Remove also change columns and highlighting, which raise no cell-change event.
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  const session: ScoringSession = {
    findLeadTable: () => inner.findLeadTable(),
    convertRegionToTable: (s, a) => inner.convertRegionToTable(s, a),
    reloadTable: () => inner.reloadTable(),
    goToCell: (s, c) => inner.goToCell(s, c),
    loadModel: () => ready.then(() => inner.loadModel()),
    saveModel: (m, o) => inner.saveModel(m, o),
    apply: async (m, o) => {
      const result = await inner.apply(m, o);
      changed();
      return result;
    },
    removeScoring: async () => {
      const result = await inner.removeScoring();
      changed();
      return result;
    },
    readInsightsActionEdits: () => inner.readInsightsActionEdits(),
    writeInsights: (r) => inner.writeInsights(r),
    writeCallList: (m, r) => inner.writeCallList(m, r),
    writeAccounts: (m) => inner.writeAccounts(m),
    saveChallenger: (m) => inner.saveChallenger(m),
    loadChallenger: () => inner.loadChallenger(),
    onModelEdited: (l) => inner.onModelEdited(l),
    onSelectedRowChanged: (l) => inner.onSelectedRowChanged(l),
  };
  const sheet: PreviewSheet = {
    async picture(maxRows) {
      const used = await book.usedRange(PREVIEW_SHEET);
      if (used === null) return { sheet: PREVIEW_SHEET, values: [], fills: [], totalRows: 0 };
      const block = parseAddress(used);
      const shown = { ...block, rows: Math.min(block.rows, maxRows) };
      const values = await book.readValues(PREVIEW_SHEET, formatAddress(shown));
      const fills = values.map((row, r) => row.map((_, c) => book.fillAt(PREVIEW_SHEET, formatAddress({ row: shown.row + r, column: shown.column + c, rows: 1, columns: 1 }))));
      return { sheet: PREVIEW_SHEET, values, fills, totalRows: block.rows };
    },
    onChanged(listener) {
      listeners.add(listener);
      const off = book.onChanged(PREVIEW_SHEET, () => listener());
      return () => {
        listeners.delete(listener);
        off();
      };
    },
    selectSheetRow(row) {
      book.select(PREVIEW_SHEET, formatAddress({ row, column: 1, rows: 1, columns: 1 }));
    },
  };
  return { session, sheet };
}

/** The Weighted B2B model on the Lead Scoring sheet, then 'ten' typed into its first criterion's Points. */
async function modelSheetWithTypo(session: ScoringSession, book: MemoryWorkbook): Promise<void> {
  const template = templateById('weighted-b2b');
  if (template === undefined) return;
  await session.saveModel(template.model);
  book.userEdit(MODEL_SHEET, 'F4', [['ten']]);
}
