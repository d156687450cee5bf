import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterion, model } from '../../src/engine';
import { exportedSql } from './exportedSql';
import { AS_OF, engineScores, leadsWithEdges, MODELS } from './leadsForSql';
import { openPostgres, type PostgresDatabase } from './postgresDatabase';

const { headers, rows } = leadsWithEdges();
let db: PostgresDatabase;

beforeAll(async () => {
  db = await openPostgres();
  console.log(`SQL equality test on ${db.description}`);
  await db.query(`CREATE TABLE leads (row_no integer, ${headers.map((h) => `"${h}" text`).join(', ')})`);
  const width = headers.length + 1;
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    const values = batch.map((_, i) => `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(', ')})`).join(', ');
    const params = batch.flatMap((row, i) => [start + i, ...row.slice(0, headers.length)]);
    await db.query(`INSERT INTO leads VALUES ${values}`, params);
  }
  await db.query('CREATE TABLE odd_values ("Company" text)');
  await db.query('INSERT INTO odd_values VALUES ($1), ($2)', ["x\\' OR 1=1; --", 'x']);
}, 120_000);

afterAll(async () => {
  await db?.close(); // undefined when opening failed
});

describe('leadscore sql --dialect postgres', () => {
  for (const { id, model } of MODELS) {
    it(`gives every one of ${rows.length} leads the engine's score and band: ${id}`, async () => {
      const sql = exportedSql(model, { dialect: 'postgres' });
      const result = await db.query<{ row_no: number; score: number; band: string; fit: number; engagement: number }>(`SELECT row_no, score, band, fit, engagement FROM (${sql}) AS scored ORDER BY row_no`, [AS_OF]);
      const want = engineScores(model, headers, rows);
      expect(result).toHaveLength(want.length);
      const got = result.map((r) => ({ ...r, score: Number(r.score), fit: Number(r.fit), engagement: Number(r.engagement) }));
      const mismatches = got.filter((r, i) => r.score !== want[i]?.score || r.band !== want[i]?.band || r.fit !== want[i]?.fit || r.engagement !== want[i]?.engagement);
      expect(mismatches.slice(0, 5).map((r) => ({ ...r, engine: want[r.row_no], lead: rows[r.row_no] }))).toEqual([]);
    }, 60_000);
  }

  it('keeps a value with a backslash and a quote literal even with standard_conforming_strings off', async () => {
    const value = "x\\' OR 1=1; --";
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Company', condition: { op: 'equals', values: [value] }, points: 10 })] });
    await db.query('SET standard_conforming_strings = off');
    try {
      const result = await db.query<{ company: string; score: number }>(`SELECT "Company" AS company, score FROM (${exportedSql(m, { dialect: 'postgres', table: 'odd_values' })}) AS scored ORDER BY 1`, [AS_OF]);
      expect(result.map((r) => [r.company, Number(r.score)])).toEqual([['x', 0], [value, 10]]);
    } finally {
      await db.query('SET standard_conforming_strings = on');
    }
  });
});
