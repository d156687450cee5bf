/**
 * Company names and e-mail addresses as CRM exports and people type them, rolled up to
 * accounts: one firm written many ways is one account; punctuation is no firm; malformed or
 * double addresses are no domain; and the account query (leadscore sql --accounts) gives the
 * engine's accounts on DuckDB and PostgreSQL for every one of these inputs.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyKey, compile, criterion, domainKey, formatProblems, model, rollUpAccounts, type Model } from '../../src/engine';
import { accountsToSql } from '../../src/sql';
import { openPostgres, type PostgresDatabase } from '../sql/postgresDatabase';

const AS_OF = '2026-11-26';
const HEADERS = ['Name', 'Company', 'Email', 'Industry', 'Demo'];
const MODEL: Model = model({
  name: 'hostile accounts',
  accounts: { column: null, scoring: 'top', top: 3, engagedFrom: null },
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
  ],
});

function rollUp(rows: readonly (readonly (string | null)[])[], m: Model = MODEL) {
  const compiled = compile(m, HEADERS, { asOf: AS_OF });
  if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
  const r = rollUpAccounts(compiled.value, rows);
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.value;
}

describe('one firm written many ways is one account', () => {
  it('full-width letters, invisible characters, quotes, articles and legal forms of many countries', () => {
    const acme = [
      'Acme', 'ＡＣＭＥ Inc.', 'Acme\u200B', 'Ac\u00ADme', '"Acme"', '«Acme»', 'The Acme Company', 'Acme Pvt. Ltd.', 'Acme Private Limited', 'Acme Ltda.',
      'Acme S.A. de C.V.', 'Acme s.r.o.', 'Acme, spol. s r.o.', 'Acme Kft.', 'Acme Zrt.', 'Acme BVBA', 'Acme NV/SA', 'Acme S.L.U.', 'Acme Sdn. Bhd.', 'PT Acme Tbk',
      'Acme A.Ş.', 'Acme AB (publ)', 'Acme e.K.', 'Acme Limited Liability Company', 'OOO Acme', 'Acme d.o.o.', 'Acme Ltée',
    ];
    for (const name of acme) expect([name, companyKey(name)]).toEqual([name, 'acme']);
    const rollup = rollUp(acme.map((company, i) => [`Lead ${i}`, company, '', 'Technology', 'no']));
    expect(rollup.accounts.map((a) => [a.key, a.contacts])).toEqual([['acme', acme.length]]);
  });

  it('Japanese, Chinese and Korean legal forms, written before or after the name and without a space', () => {
    for (const name of ['アクメ株式会社', '株式会社アクメ', '(株)アクメ', '㈱アクメ', 'アクメ（株）', 'ＡＣＭＥ株式会社']) expect([name, companyKey(name)]).toEqual([name, name.includes('ＡＣＭＥ') ? 'acme' : 'アクメ']);
    expect(companyKey('阿克米有限公司')).toBe('阿克米');
    expect(companyKey('阿克米股份有限公司')).toBe('阿克米');
    expect(companyKey('애크미 주식회사')).toBe('애크미');
  });

  it('a name that differs by accents stays its own account (Müller and Muller can be two firms); the same accent typed two ways is one', () => {
    expect(companyKey('Müller GmbH')).toBe('müller');
    expect(companyKey('Mu\u0308ller AG')).toBe('müller');
    expect(companyKey('Muller')).toBe('muller');
  });
});

describe('what is no firm', () => {
  it('a company of punctuation only is none: the lead falls back to its business e-mail domain', () => {
    for (const name of ['!!!', '&', '“”', '...', '-/-', '???', '、。', '＃']) expect([name, companyKey(name)]).toEqual([name, null]);
    const rollup = rollUp([
      ['Ann', '!!!', 'ann@acme.com', 'Technology', 'yes'],
      ['Bob', '&', 'bob@acme.com', 'Technology', 'no'],
      ['Cy', '“”', 'cy@gmail.com', 'Technology', 'no'],
    ]);
    expect(rollup.accounts.map((a) => [a.key, a.name, a.contacts])).toEqual([['acme.com', 'acme.com', 2]]);
    expect(rollup.withoutAccount).toBe(1);
  });

  it('a legal form alone, or a placeholder, is kept or refused as before', () => {
    expect(companyKey('Inc')).toBe('inc');
    expect(companyKey('N/A')).toBeNull();
    expect(companyKey('#N/A')).toBeNull();
  });
});

describe('e-mail domains', () => {
  it('plus-addressing, case, full-width and invisible characters do not split an account', () => {
    for (const email of ['ann+news@acme.com', 'ANN@ACME.COM', 'Ann <ann@Acme.Com>', 'ann@ａｃｍｅ.com', 'ann＠acme.com', 'ann@acme.com\u200B']) expect([email, domainKey(email)]).toEqual([email, 'acme.com']);
  });

  it('a subdomain and an internationalised domain and its punycode form are accounts as written', () => {
    expect(domainKey('a@mail.acme.com')).toBe('mail.acme.com');
    expect(domainKey('a@bücher.example')).toBe('bücher.example');
    expect(domainKey('a@xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });

  it('free-mail domains with country endings are never an account', () => {
    for (const email of ['a@yahoo.com.br', 'a@hotmail.co.uk', 'a@outlook.com.au', 'a@gmx.at', 'a@yahoo.co.jp', 'a@GMAIL.COM', 'a@ｇｍａｉｌ.com', 'a@yahoo.co.th', 'a@hotmail.co.za', 'a@outlook.com.vn', 'a@live.jp', 'a@zohomail.eu', 'a@yandex.com.tr']) {
      expect([email, domainKey(email)]).toEqual([email, null]);
    }
  });

  it('malformed addresses and two addresses in one cell are no domain', () => {
    for (const email of ['a@acme.com;b@beta.com', 'a@acme.com,b@beta.com', '"a@b"@acme.com', 'a@acme.com/', 'a@acme.com?x', 'a@[192.168.0.1]', '=HYPERLINK("a@x.com")', 'a@#N/A.com', 'a@acme', '@acme.com', 'a@acme..com']) {
      expect([email, domainKey(email)]).toEqual([email, null]);
    }
  });
});

describe('10,000 contacts in one account', () => {
  it('are counted, banded and summed exactly, the best lead the first of the best', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`Lead ${i}`, i % 2 === 0 ? 'Acme Inc.' : 'ACME', `l${i}@acme.com`, i % 3 === 0 ? 'Technology' : 'Retail', i % 5 === 0 ? 'yes' : 'no']);
    const [acme, ...others] = rollUp(rows).accounts;
    expect(others).toEqual([]);
    // Scores: 70 when i is a multiple of 15, 40 for other multiples of 3, 30 for other multiples of 5, else 0.
    const hot = Math.floor(9_999 / 15) + 1;
    const warm = Math.floor(9_999 / 3) + 1 - hot;
    const demoOnly = Math.floor(9_999 / 5) + 1 - hot;
    expect(acme?.contacts).toBe(10_000);
    expect(acme?.perBand).toEqual([10_000 - hot - warm - demoOnly, warm + demoOnly, hot]);
    expect(acme?.score).toBe(210);
    expect(acme?.engaged).toBe(hot + demoOnly);
    // Best: score 70, then e-mail by code point: l0, l15, l30 ... 'l0@acme.com' first.
    expect(acme?.best.email).toBe('l0@acme.com');
    expect(acme?.name).toBe('Acme Inc.');
  });
});

describe('the account query gives the engine accounts for these inputs', () => {
  const COMPANIES = [
    null, '', 'Acme', 'ＡＣＭＥ Inc.', 'Acme\u200B', 'Ac\u00ADme', '"Acme"', '«Acme»', 'The Acme Company', 'Acme Pvt. Ltd.', 'Acme S.A. de C.V.', 'Acme, spol. s r.o.',
    'PT Acme Tbk', 'Acme AB (publ)', 'OOO Acme', 'ООО "Акме"', 'アクメ株式会社', '株式会社アクメ', '(株)アクメ', 'アクメ（株）', '阿克米股份有限公司', '!!!', '&', '“”', '、。', 'Inc',
    'Müller GmbH', 'Mu\u0308ller AG', 'The', `${'x'.repeat(70)} Pvt Ltd`, 'the the acme',
  ];
  const EMAILS = [
    null, '', 'ann+news@acme.com', 'ANN@ACME.COM', 'ann@ａｃｍｅ.com', 'ann＠acme.com', 'ann@acme.com\u200B', 'a@mail.acme.com', 'a@bücher.example', 'a@xn--bcher-kva.example',
    'a@yahoo.com.br', 'a@ｇｍａｉｌ.com', 'a@acme.com;b@beta.com', '"a@b"@acme.com', 'a@acme.com/', 'a@[192.168.0.1]', '=HYPERLINK("a@x.com")', 'a@#N/A.com', 'Bob <bob@beta.io>',
    'x@beta.io\u00AD',
  ];
  const ROWS: (string | null)[][] = [];
  COMPANIES.forEach((company, c) => EMAILS.forEach((email, e) => ROWS.push([`L${c}-${e}`, company, email, (c + e) % 3 === 0 ? 'Technology' : 'Retail', (c * e) % 4 === 0 ? 'yes' : 'no'])));

  const engine = () =>
    rollUp(ROWS).accounts.map((a) => [a.name, a.key, a.score, a.band.name, a.contacts, a.engaged, a.best.name, a.best.email, a.best.score, ...a.perBand]);
  const fromSql = (row: readonly unknown[]) => row.map((v, i) => (i >= 2 && i !== 3 && i !== 6 && i !== 7 ? Number(v) : String(v)));

  let duck: DuckDBConnection;
  let pg: PostgresDatabase;
  beforeAll(async () => {
    duck = await (await DuckDBInstance.create(':memory:')).connect();
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
    for (let start = 0; start < ROWS.length; start += 100) {
      const batch = ROWS.slice(start, start + 100);
      const values = batch.map((_, i) => `(${HEADERS.map((__, k) => `$${i * HEADERS.length + k + 1}`).join(', ')})`).join(', ');
      await pg.query(`INSERT INTO leads VALUES ${values}`, batch.flat());
    }
  }, 120_000);
  afterAll(async () => {
    duck?.closeSync();
    await pg?.close();
  });

  const sqlOf = (dialect: 'duckdb' | 'postgres'): string => {
    const r = accountsToSql(MODEL, { dialect, headers: HEADERS });
    if (!r.ok) throw new Error(formatProblems(r.problems));
    return r.value;
  };

  it('meets the keys the engine gives', () => {
    const keys = engine().map((a) => a[1]);
    expect(keys).toEqual(expect.arrayContaining(['acme', 'アクメ', '阿克米', 'акме', 'müller', 'acme.com', 'mail.acme.com', 'bücher.example', 'xn--bcher-kva.example', 'beta.io']));
    expect(keys).not.toContain('!!!');
  });

  it('on DuckDB', async () => {
    const prepared = await duck.prepare(sqlOf('duckdb'));
    prepared.bindVarchar(1, AS_OF);
    expect(((await prepared.runAndReadAll()).getRows() as unknown[][]).map(fromSql)).toEqual(engine());
  });

  it('on PostgreSQL', async () => {
    expect((await pg.queryArrays(sqlOf('postgres'), [AS_OF])).map(fromSql)).toEqual(engine());
  }, 60_000);
});
