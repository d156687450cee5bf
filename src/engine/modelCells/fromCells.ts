import type { MigrationChain } from '../migrate';
import { migrateModelCells, MODEL_CELLS_MIGRATIONS, withMigratedFrom, type ModelRead } from '../migrations';
import type { Model } from '../model';
import { describeLocation, modelPathOf } from '../location';
import { PRIORITIES } from '../priorityActions';
import { resultOf, type Problem, type Result } from '../problems';
import { normaliseModel } from '../normaliseModel';
import { validateModel } from '../validate';
import { BANDS_HEADERS, CRITERIA_HEADERS, SETTINGS, type ModelCellTables, type TableName } from './layout';
import { readBands } from './readBands';
import { readCriteria } from './readCriteria';
import { readSettings } from './readSettings';
import { readTable } from './tableReader';

/**
 * What could be read of cells that do not read as a model, so a reader can show it (never
 * save it as if it were the model): every criterion and band row whose cells all read, the
 * settings that read (the others at their defaults). Rows with a cell that did not read are
 * left out and listed; model-level checks (bands in order, ...) are not applied to it.
 */
export interface PartialModel {
  readonly partial: true;
  readonly model: Model;
  /** Table rows (1-based under the header row) left out because a cell in them did not read. */
  readonly rowsLeftOut: Readonly<Record<TableName, readonly number[]>>;
  /** Tables that could not be read at all (missing, or missing a column they need). */
  readonly tablesLeftOut: readonly TableName[];
}

/**
 * Reads a model back from its cells: every problem at once, located by table, row and column.
 * Cells of an older format version are migrated first (migratedFrom says from which). When the
 * cells do not read, the result carries what could be read as `partial`.
 */
export function modelFromCells(cells: ModelCellTables, chain: MigrationChain<ModelCellTables> = MODEL_CELLS_MIGRATIONS): ModelRead {
  const migrated = migrateModelCells(cells, chain);
  if (!migrated.ok) return { ok: false, problems: migrated.problems };
  return withMigratedFrom(readCurrentCells(migrated.value.stored), migrated.value);
}

function readCurrentCells(cells: ModelCellTables): Result<Model> & { readonly partial?: PartialModel } {
  const criteriaOut = readCriteria(cells.criteria);
  const bandsOut = readBands(cells.bands);
  const settingsOut = readSettings(cells.settings);
  const cellProblems = [...criteriaOut.problems, ...bandsOut.problems, ...settingsOut.problems, ...unnamedColumnProblems(cells)];
  const m: Model = normaliseModel({ ...settingsOut.value, criteria: criteriaOut.value, bands: bandsOut.value });
  const validated = validateModel(m);
  let modelProblems = validated.ok ? validated.warnings : validated.problems;
  // Rows with wrong cells are left out of m, so a check that needs every criterion (the
  // 0-100 scale's maximum) could be wrong; the others still hold, and are reported with them.
  if (criteriaOut.problems.length > 0) modelProblems = modelProblems.filter((p) => modelPathOf(p.at)?.[0] !== 'scale');
  // Point model-level problems at the cells a person would edit.
  const rows: RowNumbers = { criteria: criteriaOut.rowNumbers, bands: bandsOut.rowNumbers, settings: settingsOut.rowNumbers };
  const reported = new Set(cellProblems.map((p) => describeLocation(p.at)));
  const located = modelProblems.map((p) => relocate(p, rows)).filter((p) => !reported.has(describeLocation(p.at)));
  const read = resultOf(m, [...cellProblems, ...located]);
  return read.ok ? read : { ...read, partial: partialModel(m, rows, cellProblems) };
}

/** The model without the rows that hold a cell problem; a table problem without a row leaves its whole table out. */
function partialModel(m: Model, rows: RowNumbers, cellProblems: readonly Problem[]): PartialModel {
  const badRows: Record<TableName, Set<number>> = { criteria: new Set(), bands: new Set(), settings: new Set() };
  const badTables = new Set<TableName>();
  for (const p of cellProblems) {
    const at = 'cells' in p.at ? p.at.cells : undefined;
    // A value under an unnamed column is ignored by every row: it does not spoil the rows.
    if (p.severity !== 'error' || at === undefined || at.columnIndex !== undefined) continue;
    const { table, row } = at;
    if (row === undefined) badTables.add(table);
    else badRows[table].add(row);
  }
  const keep = <T>(items: readonly T[], table: TableName, numbers: readonly number[]): T[] =>
    badTables.has(table) ? [] : items.filter((_, i) => !badRows[table].has(numbers[i] ?? -1));
  const criteria = keep(m.criteria, 'criteria', rows.criteria);
  const bands = keep(m.bands, 'bands', rows.bands);
  const sorted = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);
  return {
    partial: true,
    model: { ...m, criteria, bands },
    rowsLeftOut: { criteria: sorted(badRows.criteria), bands: sorted(badRows.bands), settings: sorted(badRows.settings) },
    tablesLeftOut: [...badTables].filter((t) => t !== 'settings'),
  };
}

/** Values under a blank header cell would be ignored without a word: say so, at the header cell to fill in. */
function unnamedColumnProblems(cells: ModelCellTables): Problem[] {
  return (['criteria', 'bands', 'settings'] as const).flatMap((table) =>
    readTable(cells[table]).unnamedWithValues.map(
      (i): Problem => ({
        severity: 'error',
        at: { cells: { table, column: `column ${i + 1}`, columnIndex: i } },
        message: 'this column has values but no header, so they would be ignored',
        hint: "type the column's header in its first row, or clear the values",
      }),
    ),
  );
}

interface RowNumbers {
  /** The table row of each criterion and band read, by its index in the model. */
  readonly criteria: readonly number[];
  readonly bands: readonly number[];
  /** The table row of each setting present, by its lower-cased label. */
  readonly settings: ReadonlyMap<string, number>;
}

const CRITERION_COLUMNS: Readonly<Record<string, (typeof CRITERIA_HEADERS)[number]>> = {
  name: 'Criterion',
  group: 'Group',
  field: 'Column',
  condition: 'Value',
  points: 'Points',
  perOccurrenceOf: 'Per occurrence of',
  cap: 'Cap min',
  enabled: 'Enabled',
  note: 'Note',
  dateField: 'Decay date column',
  afterDays: 'Decay after days',
  percent: 'Decay amount',
  halfLifeDays: 'Decay amount',
};
const BAND_COLUMNS: Readonly<Record<string, (typeof BANDS_HEADERS)[number]>> = { name: 'Band', from: 'From', color: 'Colour' };
const SETTING_OF_PATH: Readonly<Record<string, string>> = {
  name: SETTINGS.name,
  scale: SETTINGS.scale,
  asOf: SETTINGS.asOf,
  dateOrder: SETTINGS.dateOrder,
  'stages.mql': SETTINGS.mql,
  'stages.sql': SETTINGS.sql,
  'groupCaps.fit': SETTINGS.fitMin,
  'groupCaps.fit.min': SETTINGS.fitMin,
  'groupCaps.fit.max': SETTINGS.fitMax,
  'groupCaps.engagement': SETTINGS.engagementMin,
  'groupCaps.engagement.min': SETTINGS.engagementMin,
  'groupCaps.engagement.max': SETTINGS.engagementMax,
  totalCap: SETTINGS.totalMin,
  'totalCap.min': SETTINGS.totalMin,
  'totalCap.max': SETTINGS.totalMax,
  idColumn: SETTINGS.idColumn,
  'priority.gradeA': SETTINGS.gradeA,
  'priority.gradeB': SETTINGS.gradeB,
  'priority.gradeC': SETTINGS.gradeC,
  'priority.level1': SETTINGS.level1,
  'priority.level2': SETTINGS.level2,
  'priority.level3': SETTINGS.level3,
  'accounts.column': SETTINGS.accountColumn,
  'accounts.scoring': SETTINGS.accountScoring,
  'accounts.top': SETTINGS.accountTop,
  'accounts.engagedFrom': SETTINGS.engagedFrom,
  ...Object.fromEntries(PRIORITIES.map((p) => [`priorityActions.${p}`, SETTINGS[`action${p}`]])),
};

function relocate(p: Problem, rows: RowNumbers): Problem {
  const path = modelPathOf(p.at);
  if (path === null) return p;
  const [section, index, key, subKey] = path;
  const at = (table: TableName, row: number | undefined, column: string): Problem => ({ ...p, at: { cells: { table, ...(row === undefined ? {} : { row }), column } } });
  if (section === 'criteria' && typeof index === 'number') {
    // A deduction's points are the decay amount, not the criterion's points.
    const column =
      key === 'decay' ? CRITERION_COLUMNS[String(subKey) === 'points' ? 'percent' : String(subKey)] : key === 'cap' && subKey === 'max' ? 'Cap max' : CRITERION_COLUMNS[String(key)];
    return at('criteria', rows.criteria[index] ?? index + 1, column ?? 'Column');
  }
  if (section === 'bands' && typeof index === 'number') {
    return at('bands', rows.bands[index] ?? index + 1, BAND_COLUMNS[String(key)] ?? 'Band');
  }
  const setting = SETTING_OF_PATH[path.join('.')];
  if (setting === undefined) return { ...p, at: { cells: { table: 'settings', path } } };
  return at('settings', rows.settings.get(setting.toLowerCase()), setting);
}
