import { columnLetters, type CellValue } from '../engine';
import { formatAddress, parseAddress } from './address';
import type {
  CellBlockWrite,
  ChartSpec,
  ConditionalRule,
  NamedItem,
  SelectionInfo,
  SheetChange,
  SheetLayout,
  TableInfo,
  Unsubscribe,
  WorkbookGateway,
  WriteCell,
} from './gateway';

/**
 * The gateway on a real workbook. Each method is one Excel.run with as few syncs as it can
 * (reads: load everything, sync once; writes: queue everything, sync once).
 *
 * ExcelApi requirement sets used: 1.4 (names.add, getUsedRangeOrNullObject, named table
 * columns), 1.5 (custom XML parts), 1.6 (conditional formats), 1.7 (getSurroundingRegion),
 * 1.1 (charts), 1.8 (data validation), 1.9 (workbook-wide onChanged / onSelectionChanged, PageLayout), 1.13 (table.resize);
 * above that floor, only where notesSupported() says so: 1.18 (cell notes).
 */

/** Excel's address without its sheet: "Leads!A1:B2" -> "A1:B2". */
const bare = (address: string): string => address.slice(address.lastIndexOf('!') + 1);

type Cells = (string | number | boolean)[][];
/** Office's typings do not admit null, yet the API documents it as "leave this cell alone". */
const cells = (rows: readonly (readonly WriteCell[])[]): Cells => rows as unknown as Cells;

/**
 * A table's header row and data body, loaded. Not table.getRange(): that includes the totals
 * row, which would be read and scored as a lead.
 */
function headerAndBody(table: Excel.Table): { header: Excel.Range; body: Excel.Range } {
  const header = table.getHeaderRowRange();
  header.load('address,values');
  const body = table.getDataBodyRange();
  body.load('address');
  return { header, body };
}

/** "A1:D1" and "A2:D500" -> "A1:D500". */
function spanOf(header: string, body: string): string {
  const h = parseAddress(bare(header));
  const b = parseAddress(bare(body));
  return formatAddress({ row: h.row, column: h.column, rows: b.row + b.rows - h.row, columns: h.columns });
}

/** A number as Excel reads it in a rule's formula: 9.99E+307, not JavaScript's 9.99e+307. */
const excelNumber = (n: number): string => String(n).toUpperCase();

function applyRule(range: Excel.Range, rule: ConditionalRule): void {
  if (rule.kind === 'textContains') {
    const cf = range.conditionalFormats.add(Excel.ConditionalFormatType.containsText);
    cf.textComparison.format.fill.color = rule.fill;
    cf.textComparison.rule = { operator: Excel.ConditionalTextOperator.contains, text: rule.text };
    return;
  }
  const cf = range.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
  cf.cellValue.format.fill.color = rule.fill;
  if (rule.kind === 'textEquals') {
    cf.cellValue.rule = { formula1: `="${rule.text.replace(/"/g, '""')}"`, operator: Excel.ConditionalCellValueOperator.equalTo };
    return;
  }
  const operator = {
    greaterThanOrEqual: Excel.ConditionalCellValueOperator.greaterThanOrEqual,
    lessThan: Excel.ConditionalCellValueOperator.lessThan,
    between: Excel.ConditionalCellValueOperator.between,
  }[rule.operator];
  cf.cellValue.rule =
    rule.operator === 'between'
      ? { formula1: excelNumber(rule.value), formula2: excelNumber(rule.value2 ?? rule.value), operator }
      : { formula1: excelNumber(rule.value), operator };
}

export class OfficeWorkbook implements WorkbookGateway {
  async selection(): Promise<SelectionInfo> {
    return Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load('address');
      // The selection is always on the active sheet.
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      return { sheet: sheet.name, address: bare(range.address) };
    });
  }

  async goTo(sheet: string, address: string): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  async sheetNames(): Promise<string[]> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async tables(): Promise<TableInfo[]> {
    return Excel.run(async (context) => {
      const tables = context.workbook.tables;
      tables.load('items/name');
      await context.sync();
      const parts = tables.items.map((t) => {
        const { header, body } = headerAndBody(t);
        const sheet = t.worksheet;
        sheet.load('name');
        return { name: t.name, header, body, sheet };
      });
      await context.sync();
      return parts.map((p) => ({
        name: p.name,
        sheet: p.sheet.name,
        address: spanOf(p.header.address, p.body.address),
        headers: (p.header.values[0] ?? []).map((h: unknown) => String(h)),
      }));
    });
  }

  async readValues(sheet: string, address: string): Promise<CellValue[][]> {
    return Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet).getRange(address);
      range.load('values');
      await context.sync();
      return range.values as CellValue[][];
    });
  }

  async readFormulas(sheet: string, address: string): Promise<WriteCell[][]> {
    return Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet).getRange(address);
      range.load('formulas');
      await context.sync();
      return range.formulas as WriteCell[][];
    });
  }

  async usedRange(sheet: string): Promise<string | null> {
    return Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
      used.load('address');
      await context.sync();
      return used.isNullObject ? null : bare(used.address);
    });
  }

  async surroundingRegion(sheet: string, address: string): Promise<string> {
    return Excel.run(async (context) => {
      const region = context.workbook.worksheets.getItem(sheet).getRange(address).getSurroundingRegion();
      region.load('address');
      await context.sync();
      return bare(region.address);
    });
  }

  async write(blocks: readonly CellBlockWrite[]): Promise<void> {
    await Excel.run(async (context) => {
      for (const w of blocks) {
        const range = context.workbook.worksheets.getItem(w.sheet).getRange(w.address);
        // The number format first, so text-formatted cells take their values as text.
        if (w.numberFormat !== undefined) range.numberFormat = cells(w.numberFormat);
        if (w.values !== undefined) range.values = cells(w.values);
        if (w.formulas !== undefined) range.formulas = cells(w.formulas);
      }
      await context.sync();
    });
  }

  async setNumberFormats(sheet: string, address: string, formats: readonly string[]): Promise<void> {
    await Excel.run(async (context) => {
      const block = context.workbook.worksheets.getItem(sheet).getRange(address);
      const first = block.getRow(0);
      first.numberFormat = [[...formats]];
      if (parseAddress(address).rows > 1) first.autoFill(block, Excel.AutoFillType.fillFormats);
      await context.sync();
    });
  }

  async fillFormulas(sheet: string, address: string, formulas: readonly string[]): Promise<void> {
    await Excel.run(async (context) => {
      const block = context.workbook.worksheets.getItem(sheet).getRange(address);
      const first = block.getRow(0);
      first.formulas = [[...formulas]];
      const last = block.getLastRow();
      last.load('formulas');
      await context.sync();
      // Filled by Excel's calculated-column auto-fill already (the user's AutoCorrect option on)?
      const lastRow: unknown[] = last.formulas[0] ?? [];
      const filled = formulas.every((f, c) => lastRow[c] === f);
      if (filled) return;
      first.autoFill(block, Excel.AutoFillType.fillCopy);
      await context.sync();
    });
  }

  async addSheet(name: string): Promise<void> {
    await Excel.run(async (context) => {
      context.workbook.worksheets.add(name);
      await context.sync();
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(name).delete();
      await context.sync();
    });
  }

  async addTable(sheet: string, address: string, name: string | null): Promise<TableInfo> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const table = ws.tables.add(ws.getRange(address), true);
      if (name !== null) table.name = name;
      table.load('name');
      const { header, body } = headerAndBody(table);
      await context.sync();
      return { name: table.name, sheet, address: spanOf(header.address, body.address), headers: (header.values[0] ?? []).map((h: unknown) => String(h)) };
    });
  }

  async resizeTable(table: string, address: string): Promise<void> {
    await Excel.run(async (context) => {
      const t = context.workbook.tables.getItem(table);
      t.resize(t.worksheet.getRange(address));
      await context.sync();
    });
  }

  async addTableColumns(table: string, headers: readonly string[]): Promise<void> {
    await Excel.run(async (context) => {
      const t = context.workbook.tables.getItem(table);
      // No values: the body is written afterwards in blocks under the payload limit.
      for (const h of headers) t.columns.add(undefined, undefined, h);
      await context.sync();
    });
  }

  async deleteTableColumns(table: string, headers: readonly string[]): Promise<void> {
    await Excel.run(async (context) => {
      const t = context.workbook.tables.getItem(table);
      for (const h of headers) t.columns.getItem(h).delete();
      await context.sync();
    });
  }

  async names(): Promise<NamedItem[]> {
    return Excel.run(async (context) => {
      const names = context.workbook.names;
      names.load('items/name,items/formula');
      await context.sync();
      return names.items.map((n) => ({ name: n.name, formula: String(n.formula) }));
    });
  }

  async setName(name: string, formula: string, comment: string): Promise<void> {
    await Excel.run(async (context) => {
      const existing = context.workbook.names.getItemOrNullObject(name);
      existing.load('name');
      await context.sync();
      if (!existing.isNullObject) existing.delete();
      context.workbook.names.add(name, formula, comment);
      await context.sync();
    });
  }

  async deleteName(name: string): Promise<void> {
    await Excel.run(async (context) => {
      context.workbook.names.getItem(name).delete();
      await context.sync();
    });
  }

  async addConditionalFormats(sheet: string, address: string, rules: readonly ConditionalRule[]): Promise<void> {
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet).getRange(address);
      for (const rule of rules) applyRule(range, rule);
      await context.sync();
    });
  }

  async countConditionalFormats(sheet: string, address: string): Promise<number> {
    return Excel.run(async (context) => {
      const count = context.workbook.worksheets.getItem(sheet).getRange(address).conditionalFormats.getCount();
      await context.sync();
      // A ClientResult is filled in by sync(); it has no load() (the plugin's rule cannot tell).
      // eslint-disable-next-line office-addins/load-object-before-read
      return count.value;
    });
  }

  async clearConditionalFormats(sheet: string, address: string): Promise<void> {
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(sheet).getRange(address).conditionalFormats.clearAll();
      await context.sync();
    });
  }

  async setListValidation(sheet: string, address: string, items: readonly string[]): Promise<void> {
    await Excel.run(async (context) => {
      const validation = context.workbook.worksheets.getItem(sheet).getRange(address).dataValidation;
      validation.clear();
      validation.rule = { list: { inCellDropDown: true, source: items.join(',') } };
      validation.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: 'Lead Scoring', message: `Choose one of: ${items.join(', ')}` };
      await context.sync();
    });
  }

  async addCharts(sheet: string, charts: readonly ChartSpec[]): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      for (const spec of charts) {
        const type = spec.kind === 'line' ? Excel.ChartType.line : Excel.ChartType.columnClustered;
        const chart = ws.charts.add(type, ws.getRange(bare(spec.source)), Excel.ChartSeriesBy.columns);
        chart.title.text = spec.title;
        const [from = '', to] = bare(spec.position).split(':');
        chart.setPosition(from, to);
      }
      await context.sync();
    });
  }

  notesSupported(): boolean {
    // Office.context is there once Office.onReady has run; outside a host (tests, the preview) it is not.
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.18') === true;
  }

  async writeNote(sheet: string, cell: string, text: string, replacing: string | null): Promise<boolean> {
    return Excel.run(async (context) => {
      const notes = context.workbook.worksheets.getItem(sheet).notes;
      const existing = notes.getItemOrNullObject(cell);
      existing.load('content');
      await context.sync();
      if (!existing.isNullObject) {
        // A cell has one note; someone else's is theirs to keep.
        if (existing.content !== replacing) return false;
        existing.content = text;
      } else {
        notes.add(cell, text);
      }
      await context.sync();
      return true;
    });
  }

  async readNote(sheet: string, cell: string): Promise<string | null> {
    return Excel.run(async (context) => {
      const note = context.workbook.worksheets.getItem(sheet).notes.getItemOrNullObject(cell);
      note.load('content');
      await context.sync();
      return note.isNullObject ? null : note.content;
    });
  }

  async layoutSheet(sheet: string, layout: SheetLayout): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      layout.columnWidths.forEach((width, i) => {
        const letters = columnLetters(i);
        ws.getRange(`${letters}:${letters}`).format.columnWidth = width;
      });
      for (const a of layout.bold) ws.getRange(bare(a)).format.font.bold = true;
      for (const a of layout.wrap) {
        const range = ws.getRange(bare(a));
        range.format.wrapText = true;
        range.format.verticalAlignment = Excel.VerticalAlignment.top;
      }
      if (layout.freezeRows > 0) ws.freezePanes.freezeRows(layout.freezeRows);
      const p = layout.print;
      if (p !== null) {
        ws.pageLayout.orientation = p.orientation === 'landscape' ? Excel.PageOrientation.landscape : Excel.PageOrientation.portrait;
        // Set as one object (PageLayoutZoomOptions): fields set one by one are ignored. 0 pages tall: as many as it takes.
        ws.pageLayout.zoom = { horizontalFitToPages: p.pagesWide, verticalFitToPages: 0 };
        ws.pageLayout.centerHorizontally = true;
        ws.pageLayout.setPrintArea(bare(p.area));
        if (p.titleRows !== null) ws.pageLayout.setPrintTitleRows(p.titleRows);
        ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = p.footer;
      }
      await context.sync();
    });
  }

  async readCustomXml(namespace: string): Promise<string | null> {
    return Excel.run(async (context) => {
      const part = context.workbook.customXmlParts.getByNamespace(namespace).getOnlyItemOrNullObject();
      part.load('id');
      await context.sync();
      if (part.isNullObject) return null;
      const xml = part.getXml();
      await context.sync();
      // A ClientResult is filled in by sync(); it has no load().
      // eslint-disable-next-line office-addins/load-object-before-read
      return xml.value;
    });
  }

  async writeCustomXml(namespace: string, xml: string | null): Promise<void> {
    await Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(namespace);
      parts.load('items/id');
      await context.sync();
      // 'items/id' loads only the ids; the rule does not read slash paths as loading 'items'.
      // eslint-disable-next-line office-addins/load-object-before-read
      for (const p of parts.items) p.delete();
      if (xml !== null) context.workbook.customXmlParts.add(xml);
      await context.sync();
    });
  }

  onChanged(sheet: string, listener: (change: SheetChange) => void): Unsubscribe {
    return this.subscribe((sheets) => sheets.onChanged, (e: Excel.WorksheetChangedEventArgs) => this.withSheetName(e.worksheetId, (name) => {
      if (name.toLowerCase() === sheet.toLowerCase()) listener({ sheet: name, address: bare(e.address) });
    }));
  }

  onSelectionChanged(listener: (selection: SelectionInfo) => void): Unsubscribe {
    return this.subscribe((sheets) => sheets.onSelectionChanged, (e: Excel.WorksheetSelectionChangedEventArgs) =>
      this.withSheetName(e.worksheetId, (name) => listener({ sheet: name, address: bare(e.address) })),
    );
  }

  /** Registers a workbook-wide worksheet event (so sheets added later are covered); unsubscribing removes it. */
  private subscribe<E>(
    pick: (sheets: Excel.WorksheetCollection) => OfficeExtension.EventHandlers<E>,
    handler: (e: E) => Promise<void>,
  ): Unsubscribe {
    const registered = Excel.run(async (context) => {
      const result = pick(context.workbook.worksheets).add(handler);
      await context.sync();
      return result;
    });
    return () => {
      void registered.then((result) =>
        Excel.run(result.context, async (context) => {
          result.remove();
          await context.sync();
        }),
      );
    };
  }

  private async withSheetName(worksheetId: string, then: (name: string) => void): Promise<void> {
    const name = await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(worksheetId);
      ws.load('name');
      await context.sync();
      return ws.name;
    });
    then(name);
  }
}
