import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { OfficeWorkbook } from '../../src/excel/officeWorkbook';

/**
 * OfficeWorkbook on office-addin-mock. The mock is a fixed object tree that checks the load/sync
 * protocol (a property read without load() and sync() gives an error text instead of its value),
 * so these tests check that each call loads what it reads, syncs before reading, and translates
 * gateway calls into the right Excel objects and properties.
 *
 * What the mock cannot do, and so is covered by the contract suite on MemoryWorkbook only: state
 * (a write is not visible to a later read), collections (items/...) such as tables, names, sheets
 * and custom XML parts, null objects (isNullObject is never loaded), and events.
 */
type Data = Record<string, unknown>;

function installExcel(workbook: Data): OfficeMockObject & Record<string, unknown> {
  const excel = new OfficeMockObject({
    context: { workbook },
    run: async function (this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  }) as OfficeMockObject & Record<string, unknown>;
  // Enums are plain values in Office.js, not objects to load: set them outside the mock's tree.
  Object.assign(excel, {
    ConditionalFormatType: { containsText: 'ContainsText', cellValue: 'CellValue' },
    ConditionalTextOperator: { contains: 'Contains' },
    ConditionalCellValueOperator: { equalTo: 'EqualTo', greaterThanOrEqual: 'GreaterThanOrEqual', lessThan: 'LessThan', between: 'Between' },
    DataValidationAlertStyle: { stop: 'Stop' },
  });
  (globalThis as Record<string, unknown>).Excel = excel;
  return excel;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
});

describe('OfficeWorkbook: cell notes only where the host has ExcelApi 1.18', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });
  it('asks Office for ExcelApi 1.18, and answers no outside a host', () => {
    expect(new OfficeWorkbook().notesSupported()).toBe(false);
    const asked: string[] = [];
    const host = (supported: boolean) => ({ context: { requirements: { isSetSupported: (set: string, version: string) => (asked.push(`${set} ${version}`), supported) } } });
    (globalThis as Record<string, unknown>).Office = host(false);
    expect(new OfficeWorkbook().notesSupported()).toBe(false);
    (globalThis as Record<string, unknown>).Office = host(true);
    expect(new OfficeWorkbook().notesSupported()).toBe(true);
    expect(asked).toEqual(['ExcelApi 1.18', 'ExcelApi 1.18']);
  });
});

describe('OfficeWorkbook on office-addin-mock', () => {
  it('selection: loads the address and the active sheet name, and strips the sheet from the address', async () => {
    installExcel({
      selected: { address: 'Leads!C5:D9' },
      getSelectedRange: function (this: Data) {
        return this.selected;
      },
      worksheets: {
        active: { name: 'Leads' },
        getActiveWorksheet: function (this: Data) {
          return this.active;
        },
      },
    });
    expect(await new OfficeWorkbook().selection()).toEqual({ sheet: 'Leads', address: 'C5:D9' });
  });

  it('goTo: activates the sheet, then selects the block on it', async () => {
    const done: string[] = [];
    installExcel({
      worksheets: {
        sheet: {
          block: { select: () => done.push('select') },
          activate: () => done.push('activate'),
          getRange: function (this: Data, address: string) {
            done.push(`range ${address}`);
            return this.block;
          },
        },
        getItem: function (this: Data, name: string) {
          done.push(`sheet ${name}`);
          return this.sheet;
        },
      },
    });
    await new OfficeWorkbook().goTo('Lead Scoring', 'F4');
    expect(done).toEqual(['sheet Lead Scoring', 'activate', 'range F4', 'select']);
  });

  it('readValues and readFormulas: the named sheet and block, loaded and synced', async () => {
    const asked: string[] = [];
    installExcel({
      worksheets: {
        sheet: {
          block: { values: [['Email', 3]], formulas: [['Email', '=1+2']] },
          getRange: function (this: Data, address: string) {
            asked.push(address);
            return this.block;
          },
        },
        getItem: function (this: Data, name: string) {
          asked.push(name);
          return this.sheet;
        },
      },
    });
    const book = new OfficeWorkbook();
    expect(await book.readValues('Leads', 'A1:B1')).toEqual([['Email', 3]]);
    expect(await book.readFormulas('Leads', 'A1:B1')).toEqual([['Email', '=1+2']]);
    expect(asked).toEqual(['Leads', 'A1:B1', 'Leads', 'A1:B1']);
  });

  it('surroundingRegion: the region is loaded, and its address comes back without the sheet', async () => {
    installExcel({
      worksheets: {
        sheet: {
          region: { address: "'My Leads'!A1:AD501" },
          getRange: function (this: Data & { region: Data }) {
            return { getSurroundingRegion: () => this.region };
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    expect(await new OfficeWorkbook().surroundingRegion('My Leads', 'B2')).toBe('A1:AD501');
  });

  it('write: number format first, then values and formulas, on the block named, in one sync', async () => {
    const excel = installExcel({
      worksheets: {
        sheet: {
          block: {},
          getRange: function (this: Data) {
            return this.block;
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    await new OfficeWorkbook().write([{ sheet: 'Leads', address: 'AE2:AF2', values: [[12, "'=Hot"]], numberFormat: [['0', null]] }]);
    const block = (excel.context as { workbook: { worksheets: { sheet: { block: Data } } } }).workbook.worksheets.sheet.block;
    expect(block.values).toEqual([[12, "'=Hot"]]);
    expect(block.numberFormat).toEqual([['0', null]]);
    expect(block.formulas).toBeUndefined();
  });

  it('addTable: the address spans the header row and the data body, never the totals row that getRange() includes', async () => {
    installExcel({
      worksheets: {
        sheet: {
          tables: {
            made: {
              name: 'Leads',
              range: { address: 'Leads!A1:B4' },
              header: { address: 'Leads!A1:B1', values: [['Company', 'Visits']] },
              body: { address: 'Leads!A2:B3' },
              getRange: function (this: Data) {
                return this.range;
              },
              getHeaderRowRange: function (this: Data) {
                return this.header;
              },
              getDataBodyRange: function (this: Data) {
                return this.body;
              },
            },
            add: function (this: Data) {
              return this.made;
            },
          },
          getRange: function () {
            return {};
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    expect(await new OfficeWorkbook().addTable('Leads', 'A1:B4', 'Leads')).toEqual({ name: 'Leads', sheet: 'Leads', address: 'A1:B3', headers: ['Company', 'Visits'] });
  });

  it('a score rule bound is written as Excel reads numbers (9.99E+307)', async () => {
    const excel = installExcel({
      worksheets: {
        sheet: {
          block: {
            conditionalFormats: {
              made: { cellValue: { format: { fill: {} } }, textComparison: { format: { fill: {} } } },
              add: function (this: Data & { made: Data }) {
                return this.made;
              },
            },
          },
          getRange: function (this: Data) {
            return this.block;
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    await new OfficeWorkbook().addConditionalFormats('Leads', 'AE2:AE501', [{ kind: 'cellValue', operator: 'between', value: 50, value2: 9.99e307, fill: '#F8CBAD' }]);
    const made = (excel.context as { workbook: { worksheets: { sheet: { block: { conditionalFormats: { made: { cellValue: { rule: unknown } } } } } } } }).workbook.worksheets.sheet.block.conditionalFormats.made;
    expect(made.cellValue.rule).toEqual({ formula1: '50', formula2: '9.99E+307', operator: 'Between' });
  });

  for (const autoFilled of [true, false]) {
    it(`fillFormulas: the first row is written; filled down only when Excel's calculated-column auto-fill did not (${autoFilled ? 'it did' : 'it did not'})`, async () => {
      const fills: unknown[][] = [];
      const excel = installExcel({
        worksheets: {
          sheet: {
            block: {
              first: {
                autoFill: function (destination: unknown, type: unknown) {
                  fills.push([destination, type]);
                },
              },
              last: { formulas: [autoFilled ? ['=A', '=B'] : ['', '']] },
              getRow: function (this: Data) {
                return this.first;
              },
              getLastRow: function (this: Data) {
                return this.last;
              },
            },
            getRange: function (this: Data) {
              return this.block;
            },
          },
          getItem: function (this: Data) {
            return this.sheet;
          },
        },
      });
      Object.assign(excel, { AutoFillType: { fillCopy: 'FillCopy', fillFormats: 'FillFormats' } });
      await new OfficeWorkbook().fillFormulas('Leads', 'D2:E100001', ['=A', '=B']);
      const block = (excel.context as { workbook: { worksheets: { sheet: { block: { first: Data } } } } }).workbook.worksheets.sheet.block;
      expect(block.first.formulas).toEqual([['=A', '=B']]);
      expect(fills).toEqual(autoFilled ? [] : [[block, 'FillCopy']]);
    });
  }

  it('conditional formats: a band name rule is a cell-value equal-to rule with the quoted text and the band colour', async () => {
    const excel = installExcel({
      worksheets: {
        sheet: {
          block: {
            conditionalFormats: {
              made: { cellValue: { format: { fill: {} } }, textComparison: { format: { fill: {} } } },
              add: function (this: Data & { made: Data }, type: string) {
                (this.made as Data).type = type;
                return this.made;
              },
            },
          },
          getRange: function (this: Data) {
            return this.block;
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    await new OfficeWorkbook().addConditionalFormats('Leads', 'AF2:AF501', [{ kind: 'textEquals', text: 'Say "hi"', fill: '#F8CBAD' }]);
    const made = (excel.context as { workbook: { worksheets: { sheet: { block: { conditionalFormats: { made: Record<string, unknown> } } } } } }).workbook.worksheets.sheet.block.conditionalFormats.made;
    expect(made.type).toBe('CellValue');
    const cellValue = made.cellValue as { rule: unknown; format: { fill: { color: string } } };
    expect(cellValue.rule).toEqual({ formula1: '="Say ""hi"""', operator: 'EqualTo' });
    expect(cellValue.format.fill.color).toBe('#F8CBAD');
  });

  it('list validation: cleared, then an in-cell dropdown of the items, refusing other input', async () => {
    const excel = installExcel({
      worksheets: {
        sheet: {
          block: {
            dataValidation: {
              cleared: false,
              clear: function (this: Data) {
                this.cleared = true;
              },
            },
          },
          getRange: function (this: Data) {
            return this.block;
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    await new OfficeWorkbook().setListValidation('Lead Scoring', 'A4:A20', ['Fit', 'Engagement']);
    const dv = (excel.context as { workbook: { worksheets: { sheet: { block: { dataValidation: Record<string, unknown> } } } } }).workbook.worksheets.sheet.block.dataValidation;
    expect(dv.rule).toEqual({ list: { inCellDropDown: true, source: 'Fit,Engagement' } });
    expect(dv.errorAlert).toMatchObject({ showAlert: true, style: 'Stop' });
  });
  it('charts: each added over its source block, series by columns, then titled and placed over its cells', async () => {
    const ranges: string[] = [];
    const added: { type: string; seriesBy: string; title: { text?: string }; position: unknown[] }[] = [];
    const excel = installExcel({
      worksheets: {
        sheet: {
          block: {},
          getRange: function (this: Data, address: string) {
            ranges.push(address);
            return this.block;
          },
          charts: {
            add: function (type: string, _source: unknown, seriesBy: string) {
              const chart = {
                type,
                seriesBy,
                title: {} as { text?: string },
                position: [] as unknown[],
                setPosition(from: unknown, to: unknown) {
                  chart.position = [from, to];
                },
              };
              added.push(chart);
              return chart;
            },
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    Object.assign(excel, { ChartType: { columnClustered: 'ColumnClustered', line: 'Line' }, ChartSeriesBy: { columns: 'Columns' } });
    await new OfficeWorkbook().addCharts('Insights', [
      { kind: 'columnClustered', title: 'Conversion rate by band', source: 'Insights!A6:B9', position: 'H5:O20' },
      { kind: 'line', title: 'Cumulative gain', source: 'A12:C24', position: 'H22:O37' },
    ]);
    expect(ranges).toEqual(['A6:B9', 'A12:C24']);
    expect(added.map((c) => [c.type, c.seriesBy, c.title.text, c.position])).toEqual([
      ['ColumnClustered', 'Columns', 'Conversion rate by band', ['H5', 'O20']],
      ['Line', 'Columns', 'Cumulative gain', ['H22', 'O37']],
    ]);
  });
  it('layoutSheet: column widths, bold, wrapping, frozen rows and the page layout set on the named sheet, zoom as one object', async () => {
    const ranges: Record<string, { format: Data }> = {};
    const frozen: number[] = [];
    const printed: { area?: unknown; titles?: unknown } = {};
    const excel = installExcel({
      worksheets: {
        sheet: {
          getRange: function (address: string) {
            ranges[address] ??= { format: { font: {} } };
            return ranges[address];
          },
          freezePanes: {
            freezeRows(n: number) {
              frozen.push(n);
            },
          },
          pageLayout: {
            headersFooters: { defaultForAllPages: {} },
            setPrintArea(area: unknown) {
              printed.area = area;
            },
            setPrintTitleRows(rows: unknown) {
              printed.titles = rows;
            },
          },
        },
        getItem: function (this: Data) {
          return this.sheet;
        },
      },
    });
    Object.assign(excel, { VerticalAlignment: { top: 'Top' }, PageOrientation: { landscape: 'Landscape', portrait: 'Portrait' } });
    await new OfficeWorkbook().layoutSheet('Call list', {
      columnWidths: [24, 200],
      bold: ['A1'],
      wrap: ["'Call list'!I4:K9"],
      freezeRows: 3,
      print: { orientation: 'landscape', pagesWide: 1, titleRows: '$3:$3', area: 'A1:K9', footer: 'Call list, page &P of &N' },
    });
    expect(ranges['A:A']?.format.columnWidth).toBe(24);
    expect(ranges['B:B']?.format.columnWidth).toBe(200);
    expect((ranges.A1?.format.font as Data).bold).toBe(true);
    expect(ranges['I4:K9']?.format).toMatchObject({ wrapText: true, verticalAlignment: 'Top' });
    expect(frozen).toEqual([3]);
    const sheet = ((excel.context as Data).workbook as Data).worksheets as Data;
    const page = (sheet.sheet as Data).pageLayout as Data;
    expect(page).toMatchObject({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, centerHorizontally: true });
    expect(printed).toEqual({ area: 'A1:K9', titles: '$3:$3' });
    expect(((page.headersFooters as Data).defaultForAllPages as Data).centerFooter).toBe('Call list, page &P of &N');
  });
});
