import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkChain,
  criterion,
  formatProblem,
  layoutModelSheet,
  migrate,
  model,
  MODEL_CELLS_MIGRATIONS,
  MODEL_JSON_MIGRATIONS,
  MODEL_VERSION,
  modelFromCells,
  modelToCells,
  parseModel,
  readModelSheet,
  type MigrationChain,
  type MigrationStep,
  type ModelJson,
} from '../../src/engine';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

/** A made-up three-version history, to test the machinery. */
interface Stored {
  version: number;
  points?: number;
  weight?: number;
  label?: string;
}
const steps: MigrationStep<Stored>[] = [
  { id: '2-points-become-weight', fromVersion: 1, up: ({ points, ...rest }) => ({ ...rest, version: 2, weight: points ?? 0 }) },
  { id: '3-add-label', fromVersion: 2, up: (s) => ({ ...s, version: 3, label: s.label ?? 'untitled' }) },
];
const chain: MigrationChain<Stored> = { steps, current: 3 };
const at = { input: 'test' } as const;

describe('the shipped migration chains', () => {
  it('are consecutive, unique and reach the current format version, for JSON and for cells', () => {
    expect(MODEL_JSON_MIGRATIONS.current).toBe(MODEL_VERSION);
    expect(MODEL_CELLS_MIGRATIONS.current).toBe(MODEL_VERSION);
    expect(checkChain(MODEL_JSON_MIGRATIONS.steps, MODEL_VERSION)).toEqual([]);
    expect(checkChain(MODEL_CELLS_MIGRATIONS.steps, MODEL_VERSION)).toEqual([]);
  });

  // Every frozen fixture of an older version (test/engine/fixtures/*-v<N>.json) is replayed
  // through the chain: it must read, and as the model the current fixture holds.
  it('read every frozen fixture of every version to the same model', () => {
    const expected = parseModel(fixture('weighted-b2b.model-v1.json'));
    if (!expected.ok) throw new Error('the version-1 JSON fixture no longer reads');
    for (let v = 1; v <= MODEL_VERSION; v++) {
      const json = parseModel(fixture(`weighted-b2b.model-v${v}.json`));
      const cells = modelFromCells(fixture(`weighted-b2b.cells-v${v}.json`) as Parameters<typeof modelFromCells>[0]);
      expect(json.ok && json.value).toEqual(expected.value);
      expect(cells.ok && cells.value).toEqual(expected.value);
      expect(json.migratedFrom).toBe(v === MODEL_VERSION ? undefined : v);
      expect(cells.migratedFrom).toBe(v === MODEL_VERSION ? undefined : v);
    }
  });
});

describe('migration chains', () => {
  it('brings an old value up through every later step, in order', () => {
    expect(migrate<Stored>({ version: 1, points: 5 }, 1, chain, at)).toEqual({
      ok: true,
      value: { stored: { version: 3, weight: 5, label: 'untitled' }, from: 1, applied: ['2-points-become-weight', '3-add-label'] },
      warnings: [],
    });
    expect(migrate<Stored>({ version: 2, weight: 7, label: 'x' }, 2, chain, at)).toMatchObject({ ok: true, value: { applied: ['3-add-label'] } });
    expect(migrate<Stored>({ version: 3 }, 3, chain, at)).toMatchObject({ ok: true, value: { applied: [] } });
  });

  it('says clearly when the value comes from a newer version, where the version was read', () => {
    const versionCell = { sheet: 'Lead Scoring', cell: 'V6', cells: { table: 'settings', row: 3, column: 'Format version' } } as const;
    const r = migrate<Stored>({ version: 4 }, 4, chain, versionCell);
    expect(r).toEqual({
      ok: false,
      problems: [
        {
          severity: 'error',
          at: versionCell,
          message: 'made by a newer version of Lead Scoring (format version 4; this one reads up to 3)',
          hint: 'update the add-in or the command line to open this model',
        },
      ],
    });
  });

  it('refuses a version that is not a positive whole number', () => {
    expect(migrate<Stored>({ version: 0 }, Number.NaN, chain, at).ok).toBe(false);
    expect(migrate<Stored>({ version: 0 }, 1.5, chain, at).ok).toBe(false);
    expect(migrate<Stored>({ version: 0 }, 0, chain, at).ok).toBe(false);
  });

  it('checks that steps are consecutive, unique and reach the current version', () => {
    expect(checkChain(steps, 3)).toEqual([]);
    expect(checkChain([steps[1] as MigrationStep<Stored>], 2)).toEqual(["migration '3-add-label' reads version 2, expected 1"]);
    expect(checkChain([steps[0] as MigrationStep<Stored>, { ...(steps[0] as MigrationStep<Stored>), fromVersion: 2 }], 3)).toEqual(["migration id '2-points-become-weight' is used twice"]);
    expect(checkChain(steps, 4)).toEqual(['2 migration steps for version 4; expected 3']);
  });

  it('a step that throws becomes a located problem, not an exception', () => {
    const broken: MigrationChain<Stored> = { steps: [{ id: '2-broken', fromVersion: 1, up: () => { throw new Error('no points column'); } }], current: 2 };
    const r = migrate<Stored>({ version: 1 }, 1, broken, at);
    expect(r).toMatchObject({ ok: false, problems: [{ at: { input: 'test' }, message: "migration '2-broken' from format version 1 failed: no points column" }] });
  });
});

describe('the model readers migrate first and say from which version', () => {
  // A made-up version 2 in which the criteria's 'Points' column was called 'Weight' in version 1.
  const cellsChain: MigrationChain<Parameters<typeof modelFromCells>[0]> = {
    current: 2,
    steps: [
      {
        id: '2-weight-becomes-points',
        fromVersion: 1,
        up: (cells) => ({
          ...cells,
          criteria: cells.criteria?.map((row, r) => (r === 0 ? row.map((h) => (h === 'Weight' ? 'Points' : h)) : row)),
          settings: cells.settings?.map((row) => (row[0] === 'Format version' ? ['Format version', 2] : row)),
        }),
      },
    ],
  };
  const jsonChain: MigrationChain<ModelJson> = {
    current: 2,
    steps: [{ id: '2-title-becomes-name', fromVersion: 1, up: ({ title, ...rest }) => ({ ...rest, name: title, version: 2 }) }],
  };
  const m = model({ name: 'Q4', criteria: [criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Tech'] }, points: 15 })] });

  it('modelFromCells reads version-1 cells through the chain and reports migratedFrom 1', () => {
    const cells = modelToCells(m);
    const v1 = {
      criteria: cells.criteria.map((row, r) => (r === 0 ? row.map((h) => (h === 'Points' ? 'Weight' : h)) : row)),
      bands: cells.bands,
      settings: cells.settings,
    };
    const read = modelFromCells(v1, cellsChain);
    expect(read.ok && read.value.criteria[0]?.points).toBe(15);
    expect(read.migratedFrom).toBe(1);
    // Without the step, the renamed column is missing: the chain is what made it read.
    expect(modelFromCells(v1).ok).toBe(false);
  });

  it('parseModel reads version-1 JSON through the chain and reports migratedFrom 1', () => {
    const { name, ...rest } = JSON.parse(JSON.stringify(m)) as ModelJson;
    const read = parseModel({ ...rest, title: name }, jsonChain);
    expect(read.ok && read.value.name).toBe('Q4');
    expect(read.migratedFrom).toBe(1);
  });

  it('the pane, the command line and the functions share one newer-version message, located at the version cell', () => {
    const cells = modelToCells(m);
    const settings = cells.settings.map((row) => (row[0] === 'Format version' ? ['Format version', 9] : row));
    const fromCells = modelFromCells({ ...cells, settings });
    const fromJson = parseModel({ ...JSON.parse(JSON.stringify(m)), version: 9 });
    const grid: unknown[][] = [];
    for (const placed of layoutModelSheet(m)) {
      const table = placed.table === 'settings' ? settings : placed.cells;
      table.forEach((row, r) => row.forEach((v, c) => ((grid[placed.row + r] ??= [])[placed.column + c] = v)));
    }
    const fromSheet = readModelSheet(grid.map((row) => Array.from(row, (v) => v ?? '')));
    const messages = [fromCells, fromJson, fromSheet].map((r) => (r.ok ? '' : r.problems[0]?.message));
    expect(new Set(messages)).toEqual(new Set(['made by a newer version of Lead Scoring (format version 9; this one reads up to 1)']));
    expect(fromSheet.ok ? '' : formatProblem(fromSheet.problems[0]!)).toMatch(/^'Lead Scoring'!V\d+ \(settings table, row \d+, 'Format version'\): made by a newer version/);
  });
});
