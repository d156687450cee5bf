/**
 * A PostgreSQL database for the SQL tests. By default PGlite: PostgreSQL compiled to
 * WebAssembly, in this process, nothing to install and nothing left behind. Set
 * LEADSCORE_POSTGRES_URL to a connection string to run the same tests on a real server
 * instead; they then work in a schema of their own, dropped when the database is closed.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const POSTGRES_URL_VARIABLE = 'LEADSCORE_POSTGRES_URL';

export interface PostgresDatabase {
  /** Which PostgreSQL answers, for test names and failure messages. */
  readonly description: string;
  /** Runs one statement with $1-style parameters and returns its rows (numeric columns may arrive as strings). */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** The same, each row as an array of its values in column order (for tables with many or odd column names). */
  queryArrays(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

export async function openPostgres(): Promise<PostgresDatabase> {
  const url = process.env[POSTGRES_URL_VARIABLE];
  return url === undefined || url === '' ? openPglite() : openServer(url);
}

async function openPglite(): Promise<PostgresDatabase> {
  const db = await PGlite.create();
  const version = await db.query<{ server_version: string }>('SHOW server_version');
  return {
    description: `PGlite (PostgreSQL ${version.rows[0]?.server_version ?? '?'} in WebAssembly)`,
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) => (await db.query<Row>(sql, [...params])).rows,
    queryArrays: async (sql, params = []) => (await db.query<unknown[]>(sql, [...params], { rowMode: 'array' })).rows,
    close: () => db.close(),
  };
}

async function openServer(url: string): Promise<PostgresDatabase> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`${POSTGRES_URL_VARIABLE} is set, but no PostgreSQL answers there: ${(error as Error).message}`);
  }
  // A schema per test file: several files may share one server at once, and a crashed run's
  // tables never shadow the next run's.
  const schema = `leadscore_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  const version = await client.query<{ server_version: string }>('SHOW server_version');
  return {
    description: `PostgreSQL ${version.rows[0]?.server_version ?? '?'} at ${POSTGRES_URL_VARIABLE}`,
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) => (await client.query<Row & pg.QueryResultRow>(sql, [...params])).rows,
    queryArrays: async (sql, params = []) => (await client.query<unknown[]>({ text: sql, values: [...params], rowMode: 'array' })).rows,
    close: async () => {
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
