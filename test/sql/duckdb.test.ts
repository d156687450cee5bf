import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedSql } from './exportedSql';
import { AS_OF, engineScores, leadsWithEdges, MODELS } from './leadsForSql';

const { headers, rows } = leadsWithEdges();
let connection: DuckDBConnection;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  connection = await db.connect();
  await connection.run(`CREATE TABLE leads (row_no INTEGER, ${headers.map((h) => `"${h}" VARCHAR`).join(', ')})`);
  const appender = await connection.createAppender('leads');
  rows.forEach((row, i) => {
    appender.appendInteger(i);
    for (const cell of row.slice(0, headers.length)) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  });
  appender.closeSync();
});

afterAll(() => connection?.closeSync());

describe('leadscore sql --dialect duckdb', () => {
  for (const { id, model } of MODELS) {
    it(`gives every one of ${rows.length} leads the engine's score and band: ${id}`, async () => {
      const sql = exportedSql(model, { dialect: 'duckdb' });
      const prepared = await connection.prepare(`SELECT row_no, score, band, fit, engagement FROM (${sql}) ORDER BY row_no`);
      prepared.bindVarchar(1, AS_OF);
      const result = await prepared.runAndReadAll();
      const got = result.getRowObjectsJS() as { row_no: number; score: number; band: string; fit: number; engagement: number }[];
      const want = engineScores(model, headers, rows);
      expect(got).toHaveLength(want.length);
      const mismatches = got.filter((r, i) => r.score !== want[i]?.score || r.band !== want[i]?.band || r.fit !== want[i]?.fit || r.engagement !== want[i]?.engagement);
      expect(mismatches.slice(0, 5).map((r) => ({ ...r, engine: want[r.row_no], lead: rows[r.row_no] }))).toEqual([]);
    });
  }

  it("returns the table's columns, then score, fit, engagement, band and stage, and nothing of its own", async () => {
    const prepared = await connection.prepare(`SELECT * FROM (${exportedSql(MODELS[0]!.model, { dialect: 'duckdb' })}) LIMIT 1`);
    prepared.bindVarchar(1, AS_OF);
    expect((await prepared.runAndReadAll()).columnNames()).toEqual(['row_no', ...headers, 'score', 'fit', 'engagement', 'band', 'stage']);
  });
});
