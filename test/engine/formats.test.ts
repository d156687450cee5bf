import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AUTOMATIC_PRIORITY, DEFAULT_ACCOUNTS, MODEL_VERSION, modelFromCells, parseModel, type Model, type ModelRead, type ProblemAt } from '../../src/engine';

// Models live for years in workbooks and files. These fixtures are frozen copies of the
// version-1 formats: if a change to the engine stops reading them as they were written,
// that change needs a new format version and a migration, not an edit of the fixture.
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
// A complete model written out with every field (the Weighted B2B template as of version 1).
const savedJson = fixture('weighted-b2b.model-v1.json');
// Files written before the priority, account and ID column settings and the actions existed read with their defaults:
// automatic thresholds; best lead, engaged from the Priority matrix's level 2; a detected ID column; the default actions.
const savedModel = { ...(savedJson as object), priority: AUTOMATIC_PRIORITY, accounts: DEFAULT_ACCOUNTS, idColumn: null, priorityActions: {} };

describe('saved models of format version 1', () => {
  it('is the format this version writes', () => {
    expect(MODEL_VERSION).toBe(1);
  });

  it('reads a version-1 JSON file as the model it was', () => {
    const read = parseModel(savedJson);
    expect(read.ok && read.value).toEqual(savedModel);
    expect(read.migratedFrom).toBeUndefined();
  });

  it('reads version-1 cells (criteria, bands, settings tables) as the model they were', () => {
    const read = modelFromCells(fixture('weighted-b2b.cells-v1.json') as Parameters<typeof modelFromCells>[0]);
    expect(read.ok && read.value).toEqual(savedModel);
    expect(read.migratedFrom).toBeUndefined();
  });

  it('types a read as a result to check, not a model to use blindly', () => {
    expectTypeOf(parseModel).returns.toEqualTypeOf<ModelRead>();
    const read = parseModel({});
    if (read.ok) expectTypeOf(read.value).toEqualTypeOf<Model>();
    else expectTypeOf(read.problems[0]?.at).toEqualTypeOf<ProblemAt | undefined>();
  });
});
