/**
 * The SQL export at scale (`npm run bench -- cli` or `-- sql`). Figures, not assertions.
 *
 * The same 1,000,000 generated leads, scored side by side:
 * - typed: the engine on the values as Excel hands them over (numbers, date serials, booleans,
 *   text), and DuckDB running the exported query on a table with INTEGER, DATE and BOOLEAN
 *   columns, given their types (--column-types);
 * - text: the engine on the CSV's text cells, and DuckDB on a table of VARCHAR columns.
 * DuckDB runs on one thread (the engine's one core) and on all of them. Every lead's score is
 * compared between the two in the same run.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { leadTableToCsv, parseCsv } from '../src/cli/csv';
import { compile, isBlank, isoDateFromExcelSerial, readDate, readNumber, templateById, type Model } from '../src/engine';
import { generateLeads } from '../src/sample-data/generateLeads';
import { describeColumns, modelToSql, parseColumnTypes } from '../src/sql';
import { BENCH_MODEL } from './benchModel';

const AS_OF = '2026-11-01';
const LEADS = Number(process.env.BENCH_SQL_LEADS ?? 1_000_000);
const CHUNK = 100_000;
const MODELS: { id: string; model: Model }[] = [
  { id: 'Weighted B2B', model: templateById('weighted-b2b')!.model },
  { id: 'bench (20 criteria)', model: BENCH_MODEL },
];

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The SQL type of each generated column in the typed table: counts INTEGER, dates DATE, yes/no BOOLEAN, the rest text. */
function typeOfColumn(header: string, sample: unknown[]): 'INTEGER' | 'DATE' | 'BOOLEAN' | 'VARCHAR' {
  if (header.endsWith('Date')) return 'DATE';
  if (sample.some((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (sample.filter((v) => typeof v === 'number').length > sample.length / 2) return 'INTEGER';
  return 'VARCHAR';
}

/** A generated value as a literal of its column's type (NULL when it reads as none), for the typed table. */
function typedLiteral(type: string, value: unknown): string | null {
  if (value === null || value === undefined || isBlank(value)) return null;
  if (type === 'VARCHAR') return String(value);
  if (type === 'BOOLEAN') return typeof value === 'boolean' ? String(value) : null;
  if (type === 'DATE') {
    const serial = readDate(value, 'MDY');
    return Number.isNaN(serial) ? null : isoDateFromExcelSerial(serial);
  }
  const n = readNumber(value);
  return Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? String(n) : null;
}

async function append(connection: DuckDBConnection, table: string, rows: readonly (readonly (string | null)[])[], first: number): Promise<void> {
  const appender = await connection.createAppender(table);
  rows.forEach((row, i) => {
    appender.appendInteger(first + i);
    for (const cell of row) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  });
  appender.closeSync();
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2).padStart(6)} s`;

async function main(): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const engineMs = { typed: MODELS.map(() => 0), text: MODELS.map(() => 0) };
  const engineScores = { typed: MODELS.map(() => new Float64Array(LEADS)), text: MODELS.map(() => new Float64Array(LEADS)) };
  let headers: string[] = [];
  let types: string[] = [];
  const loadStart = performance.now();
  for (let first = 0; first < LEADS; first += CHUNK) {
    const generated = generateLeads({ count: Math.min(CHUNK, LEADS - first), first, seed: 'bench-sql', asOf: AS_OF });
    const text = parseCsv(leadTableToCsv(generated));
    if (first === 0) {
      headers = generated.headers;
      types = headers.map((h, c) => typeOfColumn(h, generated.rows.slice(0, 1000).map((r) => r[c])));
      await connection.run(`CREATE TABLE leads_text (row_no INTEGER, ${headers.map((h) => `${quote(h)} VARCHAR`).join(', ')})`);
      await connection.run(`CREATE TABLE staging (row_no INTEGER, ${headers.map((h) => `${quote(h)} VARCHAR`).join(', ')})`);
    }
    for (const [kind, rows] of [['typed', generated.rows], ['text', text.rows]] as const) {
      MODELS.forEach(({ model }, k) => {
        const compiled = compile(model, headers, { asOf: AS_OF });
        if (!compiled.ok) throw new Error('model does not fit');
        const t = performance.now();
        const scored = compiled.value.scoreRows(rows);
        engineMs[kind][k] = (engineMs[kind][k] ?? 0) + performance.now() - t;
        engineScores[kind][k]?.set(scored.scores, first);
      });
    }
    await append(connection, 'leads_text', text.rows, first);
    await append(connection, 'staging', generated.rows.map((row) => row.map((v, c) => typedLiteral(types[c] ?? 'VARCHAR', v))), first);
  }
  await connection.run(`CREATE TABLE leads_typed AS SELECT row_no, ${headers.map((h, c) => `CAST(${quote(h)} AS ${types[c]}) AS ${quote(h)}`).join(', ')} FROM staging`);
  await connection.run('DROP TABLE staging');
  const loadMs = performance.now() - loadStart;

  const typedColumns = headers.filter((_, c) => types[c] !== 'VARCHAR');
  console.log(`${LEADS.toLocaleString('en')} leads, ${headers.length} columns; typed table: ${typedColumns.length} typed columns (INTEGER, DATE, BOOLEAN), the rest VARCHAR.`);
  console.log(`Generating, scoring with the engine and loading into DuckDB took ${(loadMs / 1000).toFixed(1)} s (loading is not counted below).\n`);
  console.log('model                 table   engine      DuckDB 1 thread  ratio    DuckDB all threads  ratio    leads that differ');
  for (const [k, { id, model }] of MODELS.entries()) {
    for (const kind of ['typed', 'text'] as const) {
      const table = kind === 'typed' ? 'leads_typed' : 'leads_text';
      let columnTypes;
      if (kind === 'typed') {
        const described = await connection.runAndReadAll(describeColumns(model, { dialect: 'duckdb', table }));
        columnTypes = parseColumnTypes(String(described.getRowsJS()[0]?.[0] ?? '{}'));
      }
      const sql = sqlOrThrow(model, { dialect: 'duckdb', table, columnTypes });
      const timed: number[] = [];
      for (const threads of [1, 0]) {
        await connection.run(threads === 1 ? 'SET threads = 1' : 'RESET threads');
        const prepared = await connection.prepare(`CREATE OR REPLACE TABLE scored AS SELECT row_no, score FROM (${sql})`);
        prepared.bindVarchar(1, AS_OF);
        const t = performance.now();
        await prepared.run();
        timed.push(performance.now() - t);
      }
      const got = (await connection.runAndReadAll('SELECT score FROM scored ORDER BY row_no')).getRowsJS();
      const want = engineScores[kind][k] as Float64Array;
      let differ = 0;
      got.forEach((row, i) => (Number(row[0]) !== want[i] ? differ++ : 0));
      differ += Math.abs(want.length - got.length);
      const e = engineMs[kind][k] ?? 0;
      const [one = 0, all = 0] = timed;
      console.log(
        `${id.padEnd(21)} ${kind.padEnd(6)} ${seconds(e)}    ${seconds(one)}       ${(one / e).toFixed(1).padStart(5)}x   ${seconds(all)}          ${(all / e).toFixed(1).padStart(5)}x   ${differ}`,
      );
    }
  }
  connection.closeSync();
}

await main();

/** The benchmark's models are valid; a refusal is a bug to see at once. */
function sqlOrThrow(...args: Parameters<typeof modelToSql>): string {
  const result = modelToSql(...args);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.value;
}
