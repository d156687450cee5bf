import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, criterion, formatProblems, model, rollUpAccounts, type AccountScoring, type Model } from '../../src/engine';
import { accountsToSql } from '../../src/sql';
import { EXIT } from '../../src/cli/command';
import { runCli } from '../cli/runCli';
import { openPostgres, type PostgresDatabase } from './postgresDatabase';

/**
 * The account query against the engine's rollup, on DuckDB and PostgreSQL, over leads made to
 * meet every rule: NULL and blank companies and addresses, case and accents, legal forms,
 * placeholders, free mail, bad addresses, long names, and many ties for the best lead.
 */
const AS_OF = '2026-11-26';
const HEADERS = ['Name', 'Company', 'Email', 'Industry', 'Demo', 'Pricing'];

const COMPANIES: (string | null)[] = [
  null, '', '   ', 'Acme Inc.', 'ACME, Inc', ' acme  GmbH ', 'Acme GmbH & Co. KG', 'acme.com', 'Cafe\u0301 Noir', 'Café Noir S.A.', 'CAFÉ NOIR',
  'Zinc Ltd', 'Inc', 'Company', 'n/a', 'N/A', '#N/A', '-', 'Self-employed', 'Beta.io', "O'Brien & Co", 'Straße AG', 'Johnson & Johnson',
  `${'x'.repeat(70)} Inc`, `a${','.repeat(80)} inc`, `acme${' inc'.repeat(20)}`, 'Société Générale S.A.', 'Acme\u00a0Ltd', 'Acme\tPty Ltd', 'Ünïcode Oy',
];
const EMAILS: (string | null)[] = [
  null, '', 'ann@acme.com', 'ANN@ACME.COM', 'Bob <bob@beta.io>', 'x@gmail.com', 'y@GMAIL.com', 'bad', '@acme.com', 'a b@acme.com', 'a@acme',
  'a@acme..com', ' c@sub.acme.com ', 'Name <d@acme.com', 'e@yahoo.co.uk', 'f@Zinc.co.uk', 'g@noir.fr', 'h@web.de', 'Ida <>', 'j@acme.com.',
];
const NAMES: (string | null)[] = [null, '', 'Ann', 'ann', 'Bob', 'Émile', '\u{1F600} Smiley', '\uFF01bang', ' Cy ', 'Zoë'];
const INDUSTRIES = ['Technology', 'Retail', '', null];
const YES = ['yes', 'no', null];

function leads(count: number): (string | null)[][] {
  // mulberry32: 32-bit integer steps (Math.imul), so the stream is exact and the same everywhere.
  let seed = 20261126;
  const next = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const pick = <T>(list: readonly T[]): T => list[next(list.length)] as T;
  return Array.from({ length: count }, () => [pick(NAMES), pick(COMPANIES), pick(EMAILS), pick(INDUSTRIES), pick(YES), pick(YES)]);
}
const ROWS = leads(3000);

// Few distinct scores, so that best leads tie often; a fractional point makes hundredths matter.
const modelWith = (scoring: AccountScoring, top = 3): Model =>
  model({
    name: `accounts ${scoring}`,
    accounts: { column: null, scoring, top, engagedFrom: null },
    criteria: [
      criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
      criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Retail'] }, points: -0.01 }),
      criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
      criterion({ group: 'engagement', field: 'Pricing', condition: { op: 'isTrue' }, points: 10.33 }),
    ],
  });
const MODELS: Model[] = [modelWith('best'), modelWith('top', 2), modelWith('top', 5), modelWith('average'), { ...modelWith('average'), scale: '0-100' }];

interface AccountRow {
  account: string;
  key: string;
  score: number;
  band: string;
  contacts: number;
  engaged: number;
  bestLead: string;
  bestEmail: string;
  bestScore: number;
  perBand: number[];
}

function engineAccounts(m: Model): AccountRow[] {
  const compiled = compile(m, HEADERS, { asOf: AS_OF });
  if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
  const r = rollUpAccounts(compiled.value, ROWS);
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.value.accounts.map((a) => ({ account: a.name, key: a.key, score: a.score, band: a.band.name, contacts: a.contacts, engaged: a.engaged, bestLead: a.best.name, bestEmail: a.best.email, bestScore: a.best.score, perBand: [...a.perBand] }));
}

function sqlOf(m: Model, dialect: 'duckdb' | 'postgres'): string {
  const result = accountsToSql(m, { dialect, headers: HEADERS });
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.value;
}

const fromSql = (m: Model, row: unknown[]): AccountRow => ({
  account: String(row[0]),
  key: String(row[1]),
  score: Number(row[2]),
  band: String(row[3]),
  contacts: Number(row[4]),
  engaged: Number(row[5]),
  bestLead: String(row[6]),
  bestEmail: String(row[7]),
  bestScore: Number(row[8]),
  perBand: m.bands.map((_, i) => Number(row[9 + i])),
});

let duck: DuckDBConnection;
let pg: PostgresDatabase;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  duck = await db.connect();
  await duck.run(`CREATE TABLE leads (${HEADERS.map((h) => `"${h}" VARCHAR`).join(', ')})`);
  const appender = await duck.createAppender('leads');
  for (const row of ROWS) {
    for (const cell of row) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();

  pg = await openPostgres();
  await pg.query(`CREATE TABLE leads (${HEADERS.map((h) => `"${h}" text`).join(', ')})`);
  const width = HEADERS.length;
  for (let start = 0; start < ROWS.length; start += 500) {
    const batch = ROWS.slice(start, start + 500);
    const values = batch.map((_, i) => `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(', ')})`).join(', ');
    await pg.query(`INSERT INTO leads VALUES ${values}`, batch.flat());
  }
}, 120_000);

afterAll(async () => {
  duck?.closeSync();
  await pg?.close();
});

describe('the account query equals the engine', () => {
  it('meets every kind of key in the test leads', () => {
    const accounts = engineAccounts(MODELS[0]!);
    const keys = accounts.map((a) => a.key);
    // Company keys, domain keys, and the two meeting (acme.com typed as a company and as a domain).
    expect(keys).toEqual(expect.arrayContaining(['acme', 'café noir', 'zinc', 'inc', 'company', 'beta.io', 'acme.com', 'sub.acme.com', 'zinc.co.uk', 'noir.fr', 'straße', 'société générale']));
    expect(keys).not.toContain('gmail.com');
    expect(keys).not.toContain('n/a');
    // Many leads share a best score, so ties are decided by the tie-break, not by luck.
    expect(accounts.filter((a) => a.contacts > 20).length).toBeGreaterThan(10);
  });

  for (const m of MODELS) {
    const id = `${m.accounts.scoring}${m.accounts.scoring === 'top' ? ` ${m.accounts.top}` : ''}, ${m.scale}`;
    it(`on DuckDB: ${id}`, async () => {
      const prepared = await duck.prepare(sqlOf(m, 'duckdb'));
      prepared.bindVarchar(1, AS_OF);
      const rows = (await prepared.runAndReadAll()).getRows() as unknown[][];
      expect(rows.map((r) => fromSql(m, r))).toEqual(engineAccounts(m));
    });

    it(`on ${'PostgreSQL'}: ${id}`, async () => {
      const rows = await pg.queryArrays(sqlOf(m, 'postgres'), [AS_OF]);
      expect(rows.map((r) => fromSql(m, r))).toEqual(engineAccounts(m));
    }, 60_000);
  }

  it('names its columns, one per band, and refuses Spark', () => {
    const sql = sqlOf(MODELS[0]!, 'duckdb');
    expect(sql).toContain('AS "Cold contacts"');
    const spark = accountsToSql(MODELS[0]!, { dialect: 'spark', headers: HEADERS });
    expect(!spark.ok && formatProblems(spark.problems)).toContain('DuckDB and PostgreSQL only');
    const noColumns = accountsToSql(MODELS[0]!, { dialect: 'duckdb', headers: ['Industry', 'Demo', 'Pricing'] });
    expect(!noColumns.ok && formatProblems(noColumns.problems)).toContain('no company column and no e-mail column');
  });

  it('is printed by leadscore sql --accounts, with the columns given as a list or a JSON array', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'leadscore-accounts-sql-')), 'model.json');
    const m = MODELS[1]!;
    writeFileSync(file, JSON.stringify(m));
    for (const columns of [HEADERS.join(','), JSON.stringify(HEADERS)]) {
      const { code, out } = await runCli('sql', file, '--accounts', '--columns', columns, '--dialect', 'duckdb');
      expect(code).toBe(EXIT.ok);
      const prepared = await duck.prepare(out.trim().replace(/;$/, ''));
      prepared.bindVarchar(1, AS_OF);
      expect(((await prepared.runAndReadAll()).getRows() as unknown[][]).map((r) => fromSql(m, r))).toEqual(engineAccounts(m));
    }
    const bad = await runCli('sql', file, '--accounts', '--columns', '["Name", 3]');
    expect(bad.code).toBe(EXIT.usage);
    const spark = await runCli('sql', file, '--accounts', '--columns', HEADERS.join(','), '--dialect', 'spark');
    expect(spark.code).toBe(EXIT.input);
    expect(spark.err).toContain('DuckDB and PostgreSQL only');
  });
});

describe('user text in the account query', () => {
  it('keeps hostile band names and column headers as quoted names and literals', async () => {
    const headers = ['Na"me', 'Com"pany; DROP TABLE leads; --', 'E-mail'];
    const m = model({
      accounts: { column: 'Com"pany; DROP TABLE leads; --', scoring: 'best', top: 3, engagedFrom: 0 },
      bands: [
        { name: "Cold'); DROP TABLE leads; --", from: 0, color: '#BDD7EE' },
        { name: 'Hot" contacts, "x', from: 10, color: '#F8CBAD' },
      ],
      criteria: [criterion({ group: 'engagement', field: 'E-mail', condition: { op: 'notBlank' }, points: 10 })],
    });
    await duck.run(`CREATE TABLE victims (${headers.map((h) => `"${h.replace(/"/g, '""')}" VARCHAR`).join(', ')})`);
    await duck.run(`INSERT INTO victims VALUES ('Ann', 'Acme', 'ann@acme.com'), ('Bob', '', 'bob@beta.io'), ('Cy', 'Acme Ltd', '')`);
    const sql = accountsToSql(m, { dialect: 'duckdb', table: 'victims', headers });
    if (!sql.ok) throw new Error(formatProblems(sql.problems));
    const prepared = await duck.prepare(sql.value);
    prepared.bindVarchar(1, AS_OF);
    const result = await prepared.runAndReadAll();
    expect(result.columnNames().slice(-2)).toEqual(["Cold'); DROP TABLE leads; -- contacts", 'Hot" contacts, "x contacts']);
    const compiled = compile(m, headers, { asOf: AS_OF });
    if (!compiled.ok) throw new Error('compiles');
    const engine = rollUpAccounts(compiled.value, [['Ann', 'Acme', 'ann@acme.com'], ['Bob', '', 'bob@beta.io'], ['Cy', 'Acme Ltd', '']]);
    if (!engine.ok) throw new Error('rolls up');
    expect((result.getRows() as unknown[][]).map((r) => [r[1], Number(r[2]), r[3], Number(r[4]), Number(r[9]), Number(r[10])])).toEqual(
      engine.value.accounts.map((a) => [a.key, a.score, a.band.name, a.contacts, a.perBand[0], a.perBand[1]]),
    );
    expect((await duck.runAndReadAll('SELECT count(*) AS n FROM leads')).getRows()[0]?.[0]).toBe(3000n);
  });
});
