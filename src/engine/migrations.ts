import { isBlank, showCell } from './cells/cellValue';
import { readNumber } from './cells/readCell';
import { migrate, type MigrationChain, type Migrated } from './migrate';
import { MODEL_VERSION, type Model } from './model';
import type { PartialModel } from './modelCells/fromCells';
import { SETTINGS, type ModelCellTables } from './modelCells/layout';
import { headerKey, readTable } from './modelCells/tableReader';
import { ok, type Result } from './problems';

/**
 * The one place older models are brought up to date: every reader (the pane, the command
 * line, =LEADSCORE.MODEL) goes through parseModel or modelFromCells, and both migrate first.
 *
 * Version 1 is the first format, so both chains are empty. When the format changes: raise
 * MODEL_VERSION, add a step to each chain (id "<to>-<what>", fromVersion the old version,
 * an `up` that also writes the new version), and freeze a fixture of the old form in
 * test/engine/fixtures; test/engine/migrate.test.ts checks the chains and replays the fixtures.
 */
export type ModelJson = Record<string, unknown>;

export const MODEL_JSON_MIGRATIONS: MigrationChain<ModelJson> = { steps: [], current: MODEL_VERSION };
export const MODEL_CELLS_MIGRATIONS: MigrationChain<ModelCellTables> = { steps: [], current: MODEL_VERSION };

/**
 * A model read from JSON or cells; migratedFrom is the format version it was written in, when it
 * was migrated. Cells that do not read also carry what could be read of them (`partial`).
 */
export type ModelRead = Result<Model> & { readonly migratedFrom?: number; readonly partial?: PartialModel };

const isObject = (v: unknown): v is ModelJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Migrates parsed JSON whose version is a number. Anything else (no version, a version that is
 * not a number, not an object at all) is passed through unchanged for the schema to report.
 */
export function migrateModelJson(json: unknown, chain: MigrationChain<ModelJson> = MODEL_JSON_MIGRATIONS): Result<Migrated<unknown>> {
  if (!isObject(json) || typeof json.version !== 'number') return ok({ stored: json, from: chain.current, applied: [] });
  return migrate(json, json.version, chain, { json: ['version'] });
}

/** Migrates a model's cell tables by the 'Format version' setting; a blank or missing one is the current version. */
export function migrateModelCells(cells: ModelCellTables, chain: MigrationChain<ModelCellTables> = MODEL_CELLS_MIGRATIONS): Result<Migrated<ModelCellTables>> {
  const settings = readTable(cells.settings);
  const versionKey = headerKey(SETTINGS.version);
  const row = settings.rows.find((r) => headerKey(settings.cell(r.cells, 'Setting')) === versionKey);
  const value = row === undefined ? undefined : settings.cell(row.cells, 'Value');
  if (row === undefined || isBlank(value)) return ok({ stored: cells, from: chain.current, applied: [] });
  const at = { cells: { table: 'settings', row: row.number, column: SETTINGS.version } } as const;
  const version = readNumber(value);
  if (Number.isNaN(version)) {
    return { ok: false, problems: [{ severity: 'error', at, message: `${showCell(value)} is not a format version`, hint: `write ${chain.current}` }] };
  }
  return migrate(cells, version, chain, at);
}

/** Adds migratedFrom to a read when a migration ran. */
export function withMigratedFrom(read: Result<Model> & { readonly partial?: PartialModel }, migrated: Migrated<unknown>): ModelRead {
  return migrated.applied.length > 0 ? { ...read, migratedFrom: migrated.from } : read;
}
