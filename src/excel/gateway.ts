/**
 * Everything the add-in does to a workbook, as a few coarse operations. Each call is one
 * request to Excel (one Excel.run with as few syncs as the API allows), so callers batch by
 * passing many blocks to one call, and split big writes into calls under the payload limit.
 *
 * Two implementations: OfficeWorkbook (Excel.run) and MemoryWorkbook (tests, browser preview),
 * both checked by the same contract tests (test/excel/contract.ts).
 */
import type { CellValue } from '../engine';

/** What a write puts in one cell: null leaves the cell as it is, "" clears it. */
export type WriteCell = string | number | boolean | null;

/** Excel on the web refuses a request (or response) larger than 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel refuses to read more than 5,000,000 cells at once. */
export const READ_CELL_LIMIT = 5_000_000;

export interface CellBlockWrite {
  readonly sheet: string;
  /** A rectangular A1 address, e.g. "AE2:AE5001"; the arrays must have exactly its shape. */
  readonly address: string;
  /** Values as a person types them: text starting with "=" becomes a formula, "'=x" stays the text "=x". */
  readonly values?: readonly (readonly WriteCell[])[];
  readonly formulas?: readonly (readonly WriteCell[])[];
  readonly numberFormat?: readonly (readonly WriteCell[])[];
}

export interface TableInfo {
  readonly name: string;
  readonly sheet: string;
  /**
   * The header row and the data body, without the sheet, e.g. "A1:AD501". A totals row is left
   * out (Excel's table.getRange() includes it): it is not a lead, and nothing is written to it.
   */
  readonly address: string;
  readonly headers: readonly string[];
}

export type ConditionalRule =
  /** Fill cells whose text contains `text` (case-insensitive, as Excel does). */
  | { readonly kind: 'textContains'; readonly text: string; readonly fill: string }
  /** Fill cells whose value is exactly `text` (case-insensitive, as Excel's = is). */
  | { readonly kind: 'textEquals'; readonly text: string; readonly fill: string }
  /** Fill cells whose value compares to the number(s). */
  | {
      readonly kind: 'cellValue';
      readonly operator: 'greaterThanOrEqual' | 'lessThan' | 'between';
      readonly value: number;
      /** Upper bound for 'between' (inclusive). */
      readonly value2?: number;
      readonly fill: string;
    };

export interface NamedItem {
  readonly name: string;
  /** The formula the name refers to, e.g. "='Lead Scoring'!$B$2". */
  readonly formula: string;
}

/** A native Excel chart over a block of cells: first row the series names, first column the categories. */
export interface ChartSpec {
  readonly kind: 'columnClustered' | 'line';
  readonly title: string;
  /** The data block without the sheet, header row and category column included, e.g. "A4:B7". */
  readonly source: string;
  /** The cells the chart covers, e.g. "E4:L18". */
  readonly position: string;
}

/** How a sheet is printed (Excel's PageLayout, ExcelApi 1.9). */
export interface PrintLayout {
  readonly orientation: 'landscape' | 'portrait';
  /** Scaled to fit this many pages wide; as many pages tall as it takes. */
  readonly pagesWide: number;
  /** Rows printed at the top of every page, e.g. "$3:$3"; null for none. */
  readonly titleRows: string | null;
  /** The block printed, e.g. "A1:L28". */
  readonly area: string;
  /** Centred footer text in Excel's header codes, e.g. "Page &P of &N". */
  readonly footer: string;
}

/** How a sheet written for people reads on screen and on paper; applied in one request. */
export interface SheetLayout {
  /** Widths of the first columns, from A, in points (ExcelApi 1.2). */
  readonly columnWidths: readonly number[];
  /** Blocks in bold (ExcelApi 1.1). */
  readonly bold: readonly string[];
  /** Blocks whose text wraps within the column, aligned to the top of the row (ExcelApi 1.1). */
  readonly wrap: readonly string[];
  /** Rows kept in view while scrolling (freezePanes, ExcelApi 1.7); 0 for none. */
  readonly freezeRows: number;
  readonly print: PrintLayout | null;
}

export interface SelectionInfo {
  readonly sheet: string;
  /** The selected range, e.g. "C5" or "C5:D9". */
  readonly address: string;
}

export interface SheetChange {
  readonly sheet: string;
  readonly address: string;
}

export type Unsubscribe = () => void;

export interface WorkbookGateway {
  selection(): Promise<SelectionInfo>;
  /** Shows a sheet and selects a block on it, as clicking there would (ExcelApi 1.1). */
  goTo(sheet: string, address: string): Promise<void>;
  sheetNames(): Promise<string[]>;
  /** Every Excel table in the workbook, with its sheet, address and headers. */
  tables(): Promise<TableInfo[]>;
  /** Values of a block (read limit: 5,000,000 cells). */
  readValues(sheet: string, address: string): Promise<CellValue[][]>;
  /** Formulas of a block: the formula text, or the value for cells without one. */
  readFormulas(sheet: string, address: string): Promise<WriteCell[][]>;
  /** The used range's address, or null for an empty sheet. */
  usedRange(sheet: string): Promise<string | null>;
  /** The current region around a cell (Ctrl+A): the block bounded by blank rows and columns. */
  surroundingRegion(sheet: string, address: string): Promise<string>;
  /** Writes blocks in one request, in order. */
  write(blocks: readonly CellBlockWrite[]): Promise<void>;
  /**
   * Gives every row of a block the same number formats, one per column, in one small request
   * whatever the number of rows (the first row is set, then filled down: Range.autoFill with
   * FillFormats, ExcelApi 1.9).
   */
  setNumberFormats(sheet: string, address: string, formats: readonly string[]): Promise<void>;
  /**
   * Puts the same row of formulas into every row of a block, each cell entered once: the first
   * row is written; in a table column Excel's calculated-column auto-fill may fill the rest
   * itself (office-js#2093, #5909), and what it did not fill is filled down (FillCopy).
   * Block by block writes would make that auto-fill recalculate the whole column per block.
   */
  fillFormulas(sheet: string, address: string, formulas: readonly string[]): Promise<void>;

  addSheet(name: string): Promise<void>;
  deleteSheet(name: string): Promise<void>;

  addTable(sheet: string, address: string, name: string | null): Promise<TableInfo>;
  /** Moves a table's bottom-right corner; the header row stays where it is. */
  resizeTable(table: string, address: string): Promise<void>;
  /** Appends empty columns with these headers at the table's right edge. */
  addTableColumns(table: string, headers: readonly string[]): Promise<void>;
  /** Deletes table columns by header; cells to their right move left, with their formats. */
  deleteTableColumns(table: string, headers: readonly string[]): Promise<void>;

  names(): Promise<NamedItem[]>;
  setName(name: string, formula: string, comment: string): Promise<void>;
  deleteName(name: string): Promise<void>;

  addConditionalFormats(sheet: string, address: string, rules: readonly ConditionalRule[]): Promise<void>;
  /** Number of conditional formats touching the block. */
  countConditionalFormats(sheet: string, address: string): Promise<number>;
  clearConditionalFormats(sheet: string, address: string): Promise<void>;

  /** An in-cell dropdown list; a cell outside the list is refused. */
  setListValidation(sheet: string, address: string, items: readonly string[]): Promise<void>;

  /** Adds native charts to a sheet, series by columns (ExcelApi 1.1). Deleting the sheet deletes them. */
  addCharts(sheet: string, charts: readonly ChartSpec[]): Promise<void>;

  /**
   * Whether this Excel has cell notes (ExcelApi 1.18, above the add-in's floor of 1.13). When
   * not, writeNote is not called and what a note would say is shown in the pane instead.
   */
  notesSupported(): boolean;
  /**
   * Puts `text` as the note of one cell (ExcelApi 1.18): adds it, or replaces the cell's note
   * when that note's text is `replacing` (what this add-in wrote there before). A note anyone
   * else wrote is kept as it is, and false returned. A cell has at most one note.
   */
  writeNote(sheet: string, cell: string, text: string, replacing: string | null): Promise<boolean>;
  /** The text of one cell's note, or null when it has none (ExcelApi 1.18). */
  readNote(sheet: string, cell: string): Promise<string | null>;
  /** Column widths, bold, wrapping, frozen rows and print settings of a sheet (all ExcelApi 1.9 or lower). */
  layoutSheet(sheet: string, layout: SheetLayout): Promise<void>;

  /** The XML part of this namespace, or null. Parts travel with the file and are hidden from users. */
  readCustomXml(namespace: string): Promise<string | null>;
  /** Replaces the namespace's part; null deletes it. */
  writeCustomXml(namespace: string, xml: string | null): Promise<void>;

  /** Cell edits on a sheet (by anyone: the user typing, pasting, or this add-in). */
  onChanged(sheet: string, listener: (change: SheetChange) => void): Unsubscribe;
  onSelectionChanged(listener: (selection: SelectionInfo) => void): Unsubscribe;
}

/** The error Excel gives for a request over the payload limit (code and message as Office.js reports them). */
export class GatewayError extends Error {
  constructor(
    readonly code: 'RequestPayloadSizeLimitExceeded' | 'ResponsePayloadSizeLimitExceeded' | 'InvalidArgument' | 'ItemNotFound' | 'ItemAlreadyExists' | 'InvalidOperation',
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}
