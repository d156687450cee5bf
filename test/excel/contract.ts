import { describe, expect, it } from 'vitest';
import { GatewayError, type WorkbookGateway } from '../../src/excel/gateway';

/**
 * What every WorkbookGateway must do, as Excel does it. Each test starts from an empty workbook
 * with one sheet named "Sheet1" and builds its scene through the gateway itself.
 */
export function gatewayContract(name: string, fresh: () => WorkbookGateway): void {
  describe(`${name}: the WorkbookGateway contract`, () => {
    const leads = async (): Promise<WorkbookGateway> => {
      const g = fresh();
      await g.write([{ sheet: 'Sheet1', address: 'A1:C3', values: [['Email', 'Industry', 'Visits'], ['a@x.com', 'Tech', 3], ['b@y.org', 'Retail', 10]] }]);
      return g;
    };

    it('null leaves a cell as it is and "" clears it', async () => {
      const g = await leads();
      await g.write([{ sheet: 'Sheet1', address: 'A2:C2', values: [[null, '', 4]] }]);
      expect(await g.readValues('Sheet1', 'A2:C2')).toEqual([['a@x.com', '', 4]]);
    });

    it('refuses a write whose array does not match its block', async () => {
      const g = await leads();
      await expect(g.write([{ sheet: 'Sheet1', address: 'A1:B2', values: [['x', 'y']] }])).rejects.toBeInstanceOf(GatewayError);
      await expect(g.write([{ sheet: 'Sheet1', address: 'A1:B1', values: [['x']] }])).rejects.toMatchObject({ code: 'InvalidArgument' });
      expect(await g.readValues('Sheet1', 'A1:A1')).toEqual([['Email']]);
    });

    it('reads text as a person types it: a leading apostrophe keeps text, "=" makes a formula, numbers become numbers', async () => {
      const g = fresh();
      await g.write([{ sheet: 'Sheet1', address: 'A1:D1', values: [["'=1+1", '=1+1', '42', "'42"]] }]);
      const [row] = await g.readValues('Sheet1', 'A1:D1');
      expect([row?.[0], row?.[2], row?.[3]]).toEqual(['=1+1', 42, '42']);
      expect((await g.readFormulas('Sheet1', 'B1'))[0]?.[0]).toBe('=1+1');
    });

    it('goTo selects the block on its sheet, as a click would, and refuses an address that is not one', async () => {
      const g = fresh();
      await g.goTo('Sheet1', 'C7');
      expect(await g.selection()).toEqual({ sheet: 'Sheet1', address: 'C7' });
      await expect(g.goTo('Sheet1', 'not an address')).rejects.toBeTruthy();
    });

    it('notes (where supported): one per cell; a note is replaced only when its text is the one given as replacing', async () => {
      const g = fresh();
      if (!g.notesSupported()) return;
      expect(await g.readNote('Sheet1', 'B2')).toBeNull();
      expect(await g.writeNote('Sheet1', 'B2', 'ours, first', null)).toBe(true);
      expect(await g.writeNote('Sheet1', 'B2', 'ours, second', 'ours, first')).toBe(true);
      expect(await g.readNote('Sheet1', 'B2')).toBe('ours, second');
      // A note that is not the one we wrote (a person's, or ours edited by a person) stays.
      expect(await g.writeNote('Sheet1', 'B2', 'ours, third', 'ours, first')).toBe(false);
      expect(await g.writeNote('Sheet1', 'B2', 'ours, third', null)).toBe(false);
      expect(await g.readNote('Sheet1', 'B2')).toBe('ours, second');
      await expect(g.writeNote('Sheet1', 'B2:C2', 'x', null)).rejects.toMatchObject({ code: 'InvalidArgument' });
    });

    it('refuses a read of more than 5,000,000 cells', async () => {
      const g = fresh();
      await expect(g.readValues('Sheet1', 'A1:E1000001')).rejects.toBeInstanceOf(GatewayError);
    });

    it('tables: headers unique, columns added at the right and deleted by name', async () => {
      const g = await leads();
      const t = await g.addTable('Sheet1', 'A1:C3', 'Leads');
      expect(t).toEqual({ name: 'Leads', sheet: 'Sheet1', address: 'A1:C3', headers: ['Email', 'Industry', 'Visits'] });
      await g.addTableColumns('Leads', ['Score', 'Visits']);
      expect((await g.tables())[0]).toMatchObject({ address: 'A1:E3', headers: ['Email', 'Industry', 'Visits', 'Score', 'Visits2'] });
      await g.write([{ sheet: 'Sheet1', address: 'D2:D3', values: [[1], [2]] }]);
      await g.deleteTableColumns('Leads', ['Industry']);
      expect((await g.tables())[0]).toMatchObject({ address: 'A1:D3', headers: ['Email', 'Visits', 'Score', 'Visits2'] });
      expect(await g.readValues('Sheet1', 'A2:D2')).toEqual([['a@x.com', 3, 1, '']]);
      await expect(g.addTable('Sheet1', 'B2:C5', 'Other')).rejects.toBeInstanceOf(GatewayError);
    });

    it('a table can be resized in place, keeping its name', async () => {
      const g = await leads();
      await g.addTable('Sheet1', 'A1:C3', 'Leads');
      await g.resizeTable('Leads', 'A1:C6');
      expect((await g.tables())[0]).toMatchObject({ name: 'Leads', address: 'A1:C6' });
    });

    it('finds the current region around a cell, and the used range', async () => {
      const g = await leads();
      await g.write([{ sheet: 'Sheet1', address: 'F10', values: [['far']] }]);
      expect(await g.surroundingRegion('Sheet1', 'B2')).toBe('A1:C3');
      expect(await g.usedRange('Sheet1')).toBe('A1:F10');
      await g.addSheet('Empty');
      expect(await g.usedRange('Empty')).toBeNull();
      expect(await g.sheetNames()).toEqual(['Sheet1', 'Empty']);
    });

    it('conditional formats are added, counted and travel with deleted columns', async () => {
      const g = await leads();
      await g.addTable('Sheet1', 'A1:C3', 'Leads');
      await g.addConditionalFormats('Sheet1', 'B2:B3', [{ kind: 'textEquals', text: 'Tech', fill: '#FF0000' }]);
      await g.addConditionalFormats('Sheet1', 'C2:C3', [{ kind: 'cellValue', operator: 'greaterThanOrEqual', value: 5, fill: '#00FF00' }]);
      expect(await g.countConditionalFormats('Sheet1', 'A1:C3')).toBe(2);
      await g.deleteTableColumns('Leads', ['Industry']);
      expect(await g.countConditionalFormats('Sheet1', 'A1:C3')).toBe(1);
      await g.clearConditionalFormats('Sheet1', 'B2:B3');
      expect(await g.countConditionalFormats('Sheet1', 'A1:C3')).toBe(0);
    });

    it('names are set, replaced and deleted', async () => {
      const g = fresh();
      await g.setName('LeadScoringModel', '=Sheet1!$B$2', 'model');
      await g.setName('LeadScoringModel', '=Sheet1!$B$3', 'model');
      expect(await g.names()).toEqual([{ name: 'LeadScoringModel', formula: '=Sheet1!$B$3' }]);
      await g.deleteName('LeadScoringModel');
      expect(await g.names()).toEqual([]);
    });

    it('a custom XML part per namespace is written, replaced and deleted', async () => {
      const g = fresh();
      expect(await g.readCustomXml('urn:x')).toBeNull();
      await g.writeCustomXml('urn:x', '<a xmlns="urn:x">1</a>');
      await g.writeCustomXml('urn:x', '<a xmlns="urn:x">2</a>');
      expect(await g.readCustomXml('urn:x')).toBe('<a xmlns="urn:x">2</a>');
      await g.writeCustomXml('urn:x', null);
      expect(await g.readCustomXml('urn:x')).toBeNull();
    });

    it('a list validation source is at most 255 characters, as in Excel', async () => {
      const g = fresh();
      await expect(g.setListValidation('Sheet1', 'A1:A3', ['x'.repeat(200), 'y'.repeat(60)])).rejects.toBeInstanceOf(GatewayError);
      await g.setListValidation('Sheet1', 'A1:A3', ['Fit', 'Engagement']);
    });

    it('lays a sheet out for print, refusing what Excel refuses (not an address, no row range, a footer over 255 characters)', async () => {
      const g = await leads();
      const print = { orientation: 'landscape', pagesWide: 1, titleRows: '$1:$1', area: 'A1:C3', footer: 'Page &P of &N' } as const;
      const layout = { columnWidths: [24, 120], bold: ['A1:C1'], wrap: ['C2:C3'], freezeRows: 1, print };
      await g.layoutSheet('Sheet1', layout);
      await expect(g.layoutSheet('Sheet1', { ...layout, print: { ...print, area: 'not an address' } })).rejects.toThrow();
      await expect(g.layoutSheet('Sheet1', { ...layout, print: { ...print, titleRows: 'A1' } })).rejects.toBeInstanceOf(GatewayError);
      await expect(g.layoutSheet('Sheet1', { ...layout, print: { ...print, footer: 'x'.repeat(256) } })).rejects.toBeInstanceOf(GatewayError);
      await expect(g.layoutSheet('Sheet1', { ...layout, columnWidths: [-1] })).rejects.toBeInstanceOf(GatewayError);
      await expect(g.layoutSheet('No such sheet', layout)).rejects.toMatchObject({ code: 'ItemNotFound' });
    });

    it('reports cell changes on a sheet, and stops when unsubscribed', async () => {
      const g = fresh();
      const seen: string[] = [];
      const off = g.onChanged('Sheet1', (c) => seen.push(`${c.sheet}!${c.address}`));
      await g.write([{ sheet: 'Sheet1', address: 'B2', values: [['x']] }]);
      off();
      await g.write([{ sheet: 'Sheet1', address: 'B3', values: [['y']] }]);
      expect(seen).toEqual(['Sheet1!B2']);
    });
  });
}
