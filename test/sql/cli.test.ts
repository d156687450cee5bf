/**
 * leadscore sql from the user's side: ask the database for the column types (--describe), pass
 * them back (--column-types), and run the typed query: the same scores as the text query.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { criterion, model, type Criterion } from '../../src/engine';
import { runCli } from '../cli/runCli';
import { openDuck, type Duck } from './duckdbHarness';

const AS_OF = '2026-11-01';
let duck: Duck;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-sql-cli-'));
  duck = await openDuck();
  await duck.connection.run('CREATE SCHEMA crm');
  await duck.connection.run(
    `CREATE TABLE crm."Leads" ("Lead ID" VARCHAR, "Employees" INTEGER, "Title" VARCHAR, "Demo Requested" BOOLEAN, "Trial Signed Up" BOOLEAN, "Pricing Page Visits" DECIMAL(8,2))`,
  );
  await duck.connection.run(`INSERT INTO crm."Leads" VALUES ('a', 600, 'Sales Manager', true, NULL, 2), ('b', 5, 'CTO', NULL, false, NULL), ('c', NULL, NULL, false, true, 0.5)`);
});
afterAll(() => {
  duck.close();
  rmSync(dir, { recursive: true, force: true });
});

const statement = (out: string): string => out.trim().replace(/;$/, '');

describe('leadscore sql --describe and --column-types', () => {
  it('prints the query for the types, whose JSON passed back gives a typed query with the same scores', async () => {
    const described = await runCli('sql', 'template:fit-title-size', '--table', 'crm.Leads', '--describe');
    expect(described.code).toBe(EXIT.ok);
    expect(described.out).toContain('--column-types');
    const types = String((await duck.connection.runAndReadAll(statement(described.out))).getRowsJS()[0]?.[0]);
    expect(JSON.parse(types)).toEqual({ Employees: 'INTEGER', Title: 'VARCHAR' });

    const typed = await runCli('sql', 'template:fit-title-size', '--table', 'crm.Leads', '--column-types', types);
    const untyped = await runCli('sql', 'template:fit-title-size', '--table', 'crm.Leads');
    expect(typed.code).toBe(EXIT.ok);
    expect(typed.out).not.toContain('CAST(t."Employees" AS VARCHAR)');
    const scores = async (sql: string): Promise<unknown[]> => (await duck.score(statement(sql), AS_OF, '"Lead ID", score', '1')).map((r) => r.score);
    expect(await scores(typed.out)).toEqual([20, 0, 0]);
    expect(await scores(untyped.out)).toEqual([20, 0, 0]);
  });

  it('takes the types from a file too, and reads BOOLEAN and DECIMAL columns as the text would', async () => {
    const file = join(dir, 'types.json');
    writeFileSync(file, JSON.stringify({ 'Demo Requested': 'BOOLEAN', 'Trial Signed Up': 'BOOLEAN', 'Pricing Page Visits': 'DECIMAL(8,2)' }));
    const modelFile = join(dir, 'model.json');
    const yes = (field: string, points: number): Criterion => criterion({ group: 'engagement', field, condition: { op: 'isTrue' }, points });
    const criteria = [yes('Demo Requested', 20), yes('Trial Signed Up', 15), criterion({ group: 'engagement', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 10 })];
    writeFileSync(modelFile, JSON.stringify(model({ name: 'B2B', criteria })));
    const typed = await runCli('sql', modelFile, '--table', 'crm."Leads"', '--column-types', file);
    expect(typed.code).toBe(EXIT.ok);
    expect((await duck.score(statement(typed.out), AS_OF, '"Lead ID", score', '1')).map((r) => r.score)).toEqual([30, 0, 15]);
  });

  it('refuses a table that is not a table name, and types that are not a JSON object, saying which option', async () => {
    const table = await runCli('sql', 'template:plan', '--table', 'leads; DROP TABLE victim');
    expect(table.code).toBe(EXIT.usage);
    expect(table.err).toContain("--table: the table 'leads; DROP TABLE victim' is not a table name");
    const types = await runCli('sql', 'template:plan', '--column-types', '{"Email Clicks": 5}');
    expect(types.code).toBe(EXIT.usage);
    expect(types.err).toContain("--column-types: the type of column 'Email Clicks' must be text");
    const missing = await runCli('sql', 'template:plan', '--column-types', join(dir, 'none.json'));
    expect(missing.err).toContain('is neither a JSON object nor a file');
    expect((await runCli('sql', 'template:plan', '--describe', '--column-types', '{}')).code).toBe(EXIT.usage);
  });
});
