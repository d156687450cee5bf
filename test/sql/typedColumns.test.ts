/**
 * The export on a typed warehouse table (INTEGER, BIGINT, SMALLINT, DOUBLE, DECIMAL, DATE,
 * TIMESTAMP, BOOLEAN next to text, with NULLs), DuckDB and PostgreSQL: the column types come
 * from the describe query run on the table itself, as a user would pass them back, and every
 * lead gets the score the engine gives the table's text form (what CAST(... AS text) writes).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeColumns, parseColumnTypes } from '../../src/sql';
import { exportedSql } from './exportedSql';
import { AS_OF, engineScores, MODELS, TYPED_COLUMNS, typedLeads, type Cell } from './leadsForSql';
import { openPostgres, type PostgresDatabase } from './postgresDatabase';

const { headers, rows } = typedLeads();
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** The typed table, made from a text staging table by casts. */
const typedSelect = (dialect: 'duckdb' | 'postgres'): string =>
  `SELECT row_no, ${headers.map((h) => (TYPED_COLUMNS[h] === undefined ? quote(h) : `CAST(${quote(h)} AS ${TYPED_COLUMNS[h][dialect]}) AS ${quote(h)}`)).join(', ')} FROM staging`;
const textForm = (dialect: 'duckdb' | 'postgres'): string => `SELECT ${headers.map((h) => `CAST(${quote(h)} AS ${dialect === 'duckdb' ? 'VARCHAR' : 'text'}) AS ${quote(h)}`).join(', ')} FROM typed_leads ORDER BY row_no`;

type Scored = { row_no: number; score: number; band: string; fit: number; engagement: number };
function mismatches(got: Scored[], want: ReturnType<typeof engineScores>, text: Cell[][]): unknown[] {
  return got
    .filter((r, i) => r.score !== want[i]?.score || r.band !== want[i]?.band || r.fit !== want[i]?.fit || r.engagement !== want[i]?.engagement)
    .slice(0, 5)
    .map((r) => ({ ...r, engine: want[r.row_no], lead: Object.fromEntries(headers.map((h, c) => [h, text[r.row_no]?.[c]])) }));
}

describe('typed columns on DuckDB', () => {
  let connection: DuckDBConnection;
  let text: Cell[][];
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(`CREATE TABLE staging (row_no INTEGER, ${headers.map((h) => `${quote(h)} VARCHAR`).join(', ')})`);
    const appender = await connection.createAppender('staging');
    rows.forEach((row, i) => {
      appender.appendInteger(i);
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else appender.appendVarchar(cell);
      }
      appender.endRow();
    });
    appender.closeSync();
    await connection.run(`CREATE TABLE typed_leads AS ${typedSelect('duckdb')}`);
    text = (await connection.runAndReadAll(textForm('duckdb'))).getRowsJS() as Cell[][];
  });
  afterAll(() => connection?.closeSync());

  for (const { id, model } of MODELS) {
    it(`scores every one of ${rows.length} typed leads as the engine scores their text: ${id}`, async () => {
      const described = await connection.runAndReadAll(describeColumns(model, { dialect: 'duckdb', table: 'typed_leads' }));
      const columnTypes = parseColumnTypes(String(described.getRowsJS()[0]?.[0] ?? '{}'));
      const sql = exportedSql(model, { dialect: 'duckdb', table: 'typed_leads', columnTypes });
      const prepared = await connection.prepare(`SELECT row_no, score, band, fit, engagement FROM (${sql}) ORDER BY row_no`);
      prepared.bindVarchar(1, AS_OF);
      const got = (await prepared.runAndReadAll()).getRowObjectsJS() as Scored[];
      const want = engineScores(model, headers, text);
      expect(got).toHaveLength(want.length);
      expect(mismatches(got, want, text)).toEqual([]);
    });
  }

  it('reads DATE, TIMESTAMP, INTEGER and BOOLEAN columns directly, never through their text', async () => {
    const bench = MODELS.find((m) => m.id === 'bench')?.model;
    if (bench === undefined) throw new Error('no bench model');
    const described = await connection.runAndReadAll(describeColumns(bench, { dialect: 'duckdb', table: 'typed_leads' }));
    const columnTypes = parseColumnTypes(String(described.getRowsJS()[0]?.[0] ?? '{}'));
    expect(columnTypes).toMatchObject({ 'Last Email Date': 'DATE', 'Last Activity Date': 'TIMESTAMP', Employees: 'INTEGER', 'Demo Requested': 'BOOLEAN' });
    const sql = exportedSql(bench, { dialect: 'duckdb', table: 'typed_leads', columnTypes });
    for (const column of ['Last Email Date', 'Last Webinar Date', 'Last Activity Date', 'Employees', 'Demo Requested', 'Pricing Page Visits']) {
      expect(sql).not.toContain(`CAST(t.${quote(column)} AS VARCHAR)`);
    }
    // Without the types, the same columns are read from their text.
    expect(exportedSql(bench, { dialect: 'duckdb', table: 'typed_leads' })).toContain('CAST(t."Last Email Date" AS VARCHAR)');
  });
});

describe('typed columns on PostgreSQL', () => {
  let db: PostgresDatabase;
  let text: Cell[][];
  beforeAll(async () => {
    db = await openPostgres();
    await db.query(`CREATE TABLE staging (row_no integer, ${headers.map((h) => `${quote(h)} text`).join(', ')})`);
    const width = headers.length + 1;
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      const values = batch.map((_, i) => `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(', ')})`).join(', ');
      await db.query(`INSERT INTO staging VALUES ${values}`, batch.flatMap((row, i) => [start + i, ...row]));
    }
    await db.query(`CREATE TABLE typed_leads AS ${typedSelect('postgres')}`);
    text = (await db.queryArrays(textForm('postgres'))) as Cell[][];
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  for (const { id, model } of MODELS) {
    it(`scores every one of ${rows.length} typed leads as the engine scores their text: ${id}`, async () => {
      const described = await db.queryArrays(describeColumns(model, { dialect: 'postgres', table: 'typed_leads' }));
      const types = described[0]?.[0];
      const columnTypes = parseColumnTypes(typeof types === 'string' ? types : JSON.stringify(types ?? {}));
      const sql = exportedSql(model, { dialect: 'postgres', table: 'typed_leads', columnTypes });
      const result = await db.query<Scored>(`SELECT row_no, score, band, fit, engagement FROM (${sql}) AS scored ORDER BY row_no`, [AS_OF]);
      const got = result.map((r) => ({ ...r, score: Number(r.score), fit: Number(r.fit), engagement: Number(r.engagement) }));
      const want = engineScores(model, headers, text);
      expect(got).toHaveLength(want.length);
      expect(mismatches(got, want, text)).toEqual([]);
    }, 60_000);
  }
});
