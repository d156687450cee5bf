import { a1, isBlank, migrate, MODEL_SHEET, MODEL_VERSION, readNumber, sheetRef, type CellTable, type MigrationStep, type Problem } from '../engine';

/**
 * Steps that bring a model sheet's cells from an older format version to the next. Version 1
 * is the first format, so there are none yet; add one here (with a frozen fixture of the old
 * sheet in test/engine/fixtures) when the cell layout changes.
 */
export const SHEET_MIGRATIONS: readonly MigrationStep<CellTable>[] = [];

export type SheetMigration =
  | { readonly ok: true; readonly grid: CellTable; readonly from: number | null }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The 'Format version' setting of a model sheet: its value and where it is, or null. */
function versionCell(grid: CellTable): { value: unknown; row: number; column: number } | null {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'string' && v.trim().toLowerCase() === 'format version') return { value: row[c + 1], row: r, column: c + 1 };
    }
  }
  return null;
}

/** Reads the sheet's format version and migrates its cells to the current one. `from` is null when nothing changed. */
export function migrateModelSheet(grid: CellTable, sheetName: string = MODEL_SHEET, steps: readonly MigrationStep<CellTable>[] = SHEET_MIGRATIONS, current: number = MODEL_VERSION): SheetMigration {
  const cell = versionCell(grid);
  if (cell === null || isBlank(cell.value)) return { ok: true, grid, from: null };
  const version = readNumber(cell.value);
  const where = `${sheetRef(sheetName)}!${a1(cell.row, cell.column)} (settings, 'Format version')`;
  const result = migrate(grid, version, steps, where, current);
  if (!result.ok) return result;
  return { ok: true, grid: result.value, from: result.applied.length > 0 ? result.from : null };
}

