/**
 * Attacks on the SQL export (issue 17, items 1, 3 and 11): user text that tries to leave its
 * literal, identifier or comment, and patterns that try to make the query slow. Each case runs
 * the exported query on DuckDB next to a victim table and checks the table is still there and
 * the scores are the engine's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { criterion, model, type Criterion, type Model } from '../../src/engine';
import { modelToSql } from '../../src/sql';
import { exportedSql } from '../sql/exportedSql';
import { scoreLead } from '../engine/builders';
import { openDuck, type Duck } from '../sql/duckdbHarness';

const AS_OF = '2026-11-01';
const DROP = '; DROP TABLE victim; --';
/** Characters some SQL client or engine takes as the end of a line, which a model name may hold. */
const LINE_BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029'];
/** The others, control characters a workbook cannot store: the engine refuses a model that holds them. */
const CONTROL_BREAKS = ['\u000b', '\u000c', '\u0085'];

let duck: Duck;
beforeEach(async () => {
  duck = await openDuck();
  await duck.table('victim', [['secret', 'VARCHAR']], [['still here']]);
});
afterEach(() => duck.close());

/** A one-criterion model over the given column; hostile parts are passed in by each case. */
function modelOf(c: Partial<Criterion> & Pick<Criterion, 'field' | 'condition'>, extra: Partial<Model> = {}): Model {
  return model({ name: 'Attack', criteria: [criterion({ group: 'fit', points: 10, ...c })], ...extra });
}

/** Loads the cells into a leads table, runs the export, and checks it against the engine, lead by lead. */
async function runAgainstEngine(m: Model, column: string, cells: readonly (string | null)[]): Promise<Record<string, unknown>[]> {
  await duck.table('leads', [['row_no', 'INTEGER'], [column, 'VARCHAR']], cells.map((cell, i) => [i, cell]));
  const rows = await duck.score(exportedSql(m, { dialect: 'duckdb' }), AS_OF, 'row_no, score, band', 'row_no');
  expect(rows.map((r) => r.score)).toEqual(cells.map((cell) => scoreLead(m, { [column]: cell }).score));
  expect(await duck.tables()).toContain('victim');
  return rows;
}

describe('SQL injection through user text', () => {
  for (const br of LINE_BREAKS) {
    it(`a model name with ${JSON.stringify(br)} cannot end the header comment`, async () => {
      const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } }, { name: `Q4${br}${DROP}` });
      const sql = exportedSql(m, { dialect: 'duckdb' });
      const header = sql.split('\n')[0] ?? '';
      expect(header).toMatch(/^-- Lead scoring model 'Q4 ; DROP TABLE victim; --' for duckdb/);
      expect(header).not.toMatch(/[\r\u000b\u000c\u0085\u2028\u2029]/);
      await runAgainstEngine(m, 'Industry', ['Tech', 'x']);
    });
  }

  for (const br of CONTROL_BREAKS) {
    it(`a model name with ${JSON.stringify(br)} is refused with a located problem, and no query is made`, () => {
      const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } }, { name: `Q4${br}${DROP}` });
      const result = modelToSql(m, { dialect: 'duckdb' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/control character/));
    });
  }

  it('the same model name is inert in the PostgreSQL and Spark exports', () => {
    const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } }, { name: `Q4\r${DROP}` });
    for (const dialect of ['postgres', 'spark'] as const) {
      const comments = exportedSql(m, { dialect }).split(/\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/).filter((line) => line.includes('DROP'));
      expect(comments.every((line) => line.startsWith('-- '))).toBe(true);
    }
  });

  it('a column name with quotes and a statement is read as that column', async () => {
    const column = `In"dus"try${DROP}`;
    const m = modelOf({ field: column, condition: { op: 'equals', values: ['Tech'] } });
    const rows = await runAgainstEngine(m, column, ['Tech', 'Other', null]);
    expect(rows.map((r) => r.score)).toEqual([10, 0, 0]);
  });

  it('a compared value with quotes, backslashes and a statement matches only itself', async () => {
    const value = `O'Brien\\' ${DROP}`;
    const m = modelOf({ field: 'Company', condition: { op: 'equals', values: [value] } });
    const rows = await runAgainstEngine(m, 'Company', [value, "O'Brien", 'x']);
    expect(rows.map((r) => r.score)).toEqual([10, 0, 0]);
  });

  for (const op of ['contains', 'startsWith', 'endsWith', 'notContains', 'matches'] as const) {
    it(`a ${op} value with quotes and LIKE characters is taken literally`, async () => {
      const value = `50%_off'\\${DROP}`;
      const m = modelOf({ field: 'Note', condition: { op, values: [value] } });
      await runAgainstEngine(m, 'Note', [value, `x ${value} y`, '50 off', '5000off', null]);
    });
  }

  it('a wildcard pattern keeps * and ? as wildcards around hostile text', async () => {
    const m = modelOf({ field: 'Note', condition: { op: 'matches', values: [`*'${DROP}?`] } });
    const rows = await runAgainstEngine(m, 'Note', [`a'${DROP}b`, `'${DROP}`, 'a']);
    expect(rows.map((r) => r.score)).toEqual([10, 0, 0]);
  });

  it('band names with quotes and line breaks come back exactly', async () => {
    const bands = [
      { name: `Cold'${DROP}`, from: 0, color: '#BDD7EE' },
      { name: `Hot\r\n'); DROP TABLE victim; --`, from: 5, color: '#F8CBAD' },
    ];
    const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } }, { bands });
    const rows = await runAgainstEngine(m, 'Industry', ['Tech', 'x']);
    expect(rows.map((r) => r.band)).toEqual([bands[1]?.name, bands[0]?.name]);
  });

  it('a criterion name and note never reach the SQL', () => {
    const m = modelOf({ name: `Name${DROP}`, note: `Note${DROP}`, field: 'Industry', condition: { op: 'equals', values: ['Tech'] } });
    expect(exportedSql(m, { dialect: 'duckdb' })).not.toContain('DROP');
  });

  it('a table option that is not a table name is refused, with what to write instead', () => {
    const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } });
    for (const table of [`leads${DROP}`, 'leads) AS t; DROP TABLE victim; --', '(SELECT 1)', 'a..b', '"open', '']) {
      expect(modelToSql(m, { dialect: 'duckdb', table })).toMatchObject({ ok: false, problems: [{ at: { input: 'table option' }, message: expect.stringMatching(/is not a table name .*e\.g\. crm\.leads/) }] });
    }
  });

  it('a quoted table name with quotes inside reaches only that table', async () => {
    await duck.table('my "leads"', [['Industry', 'VARCHAR']], [['Tech']]);
    const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } });
    const rows = await duck.score(exportedSql(m, { dialect: 'duckdb', table: '"my ""leads"""' }), AS_OF, 'score');
    expect(rows).toEqual([{ score: 10 }]);
    expect(await duck.tables()).toContain('victim');
  });
});

describe('wildcard patterns cannot make the query slow (issue 17, item 3)', () => {
  // DuckDB's LIKE ... ESCAPE backtracks: %a%a%a%a%b took 26.5 s on 200 characters. The shape of
  // the query is checked, not its time: no ESCAPE in DuckDB, and ESCAPE elsewhere only when needed.
  const patterns = (values: string[]): Model => modelOf({ field: 'Title', condition: { op: 'matches', values } });

  it('DuckDB never gets ESCAPE: a plain pattern is LIKE, one with % _ or \\ in its text or several together are one RE2 expression', () => {
    const each = (values: string[]): string => exportedSql(patterns(values), { dialect: 'duckdb' });
    for (const values of [['*a*a*a*a*b'], ['*vp*sales*manager*'], ['*100%*'], ['a_b*'], ['c:\\*'], ['*a*a*a*a*b', '*100%*', 'VP *']]) expect(each(values)).not.toMatch(/ESCAPE/i);
    expect(each(['*a*a*a*a*b'])).toContain("LIKE '%a%a%a%a%b'");
    expect(each(['*vp*sales*manager*'])).toContain("LIKE '%vp%sales%manager%'");
    expect(each(['*100%*'])).toContain("regexp_full_match(__leadscore_c0_l, '(?s).*100\\%.*')");
    expect(each(['*a*a*a*a*b', '*100%*', 'VP *'])).toContain("regexp_full_match(__leadscore_c0_l, '(?s)(?:.*a.*a.*a.*a.*b|.*100\\%.*|vp .*)')");
  });

  it('PostgreSQL and Spark get ESCAPE only for a pattern with % _ or \\ in its text', () => {
    for (const dialect of ['postgres', 'spark'] as const) {
      expect(exportedSql(patterns(['*a*a*a*a*b', 'VP *']), { dialect })).not.toMatch(/ESCAPE/i);
      expect(exportedSql(patterns(['*100%*']), { dialect }).match(/ESCAPE/g)).toHaveLength(1);
    }
  });

  it('the slow pattern on a long cell still answers as the engine does', async () => {
    const m = patterns(['*a*a*a*a*b', '*a*a*a*a*%']);
    await runAgainstEngine(m, 'Title', ['a'.repeat(2000), `${'a'.repeat(2000)}b`, `${'a'.repeat(2000)}%`, null]);
  });
});

describe('band edge cases (issue 17, item 11)', () => {
  it('a one-band model gives valid SQL that names the band for every lead', async () => {
    const m = modelOf({ field: 'Industry', condition: { op: 'equals', values: ['Tech'] } }, { bands: [{ name: 'All', from: 0, color: '#FFFFFF' }] });
    const sql = exportedSql(m, { dialect: 'duckdb' });
    expect(sql).not.toMatch(/CASE\s+ELSE/);
    const rows = await runAgainstEngine(m, 'Industry', ['Tech', 'x', null]);
    expect(rows.map((r) => r.band)).toEqual(['All', 'All', 'All']);
  });
});
