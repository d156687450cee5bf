/**
 * An in-memory DuckDB for tests: tables made from rows, the exported query run with its as-of
 * parameter. Column names and types are taken as given (quoted), so tests can use hostile ones.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface Duck {
  readonly connection: DuckDBConnection;
  /** Creates a table: columns as name: SQL type, rows as values in the same order (null for NULL). */
  table(name: string, columns: readonly (readonly [string, string])[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Runs the exported SELECT with $1 bound to the as-of date; the rows as plain objects. */
  score(sql: string, asOf: string, select?: string, orderBy?: string): Promise<Record<string, unknown>[]>;
  tables(): Promise<string[]>;
  close(): void;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function openDuck(): Promise<Duck> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  return {
    connection,
    async table(name, columns, rows) {
      await connection.run(`CREATE TABLE ${quote(name)} (${columns.map(([c, type]) => `${quote(c)} ${type}`).join(', ')})`);
      for (const row of rows) {
        const prepared = await connection.prepare(`INSERT INTO ${quote(name)} VALUES (${row.map((_, i) => `CAST($${i + 1} AS ${columns[i]?.[1] ?? 'VARCHAR'})`).join(', ')})`);
        row.forEach((v, i) => (v === null ? prepared.bindNull(i + 1) : prepared.bindVarchar(i + 1, String(v))));
        await prepared.run();
      }
    },
    async score(sql, asOf, select = '*', orderBy) {
      const prepared = await connection.prepare(`SELECT ${select} FROM (${sql}) AS scored${orderBy === undefined ? '' : ` ORDER BY ${orderBy}`}`);
      prepared.bindVarchar(1, asOf);
      return (await prepared.runAndReadAll()).getRowObjectsJS() as Record<string, unknown>[];
    },
    async tables() {
      const result = await connection.runAndReadAll('SELECT table_name FROM information_schema.tables ORDER BY table_name');
      return result.getRowObjectsJS().map((r) => String(r.table_name));
    },
    close: () => connection.closeSync(),
  };
}
