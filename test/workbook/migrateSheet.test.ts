import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkChain, MODEL_CELLS_MIGRATIONS, MODEL_SHEET, MODEL_SHEET_ORIGIN, MODEL_SHEET_TITLE, MODEL_VERSION, parseModel, type Cell } from '../../src/engine';
import { formatAddress } from '../../src/excel/address';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { WorkbookSession } from '../../src/workbook/workbookSession';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../engine/fixtures', name), 'utf8'));

/** A workbook whose model sheet holds the frozen version-1 cells, as another program (the command line) would have written them. */
function workbookWithV1Sheet(): MemoryWorkbook {
  const cells = fixture('weighted-b2b.cells-v1.json') as Record<'criteria' | 'bands' | 'settings', Cell[][]>;
  const book = new MemoryWorkbook();
  book.seedSheet(MODEL_SHEET, [[MODEL_SHEET_TITLE]]);
  for (const table of ['criteria', 'bands', 'settings'] as const) {
    const rows = cells[table].map((r) => r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
    const origin = MODEL_SHEET_ORIGIN[table];
    book.userEdit(MODEL_SHEET, formatAddress({ row: origin.row, column: origin.column, rows: rows.length, columns: rows[0]?.length ?? 1 }), rows);
  }
  return book;
}

describe('model sheet versions', () => {
  it('the shipped chain is valid for the current version (1: no steps yet)', () => {
    expect(checkChain(MODEL_CELLS_MIGRATIONS.steps, MODEL_VERSION)).toEqual([]);
  });

  it('a frozen version-1 sheet loads as the frozen version-1 model, unmigrated', async () => {
    const stored = await new WorkbookSession(workbookWithV1Sheet()).loadModel();
    const expected = parseModel(fixture('weighted-b2b.model-v1.json'));
    if (!expected.ok) throw new Error('fixture does not parse');
    expect(stored.problems).toEqual([]);
    expect(stored.model).toEqual(expected.value);
    expect(stored.migratedFrom).toBeUndefined();
  });
});
