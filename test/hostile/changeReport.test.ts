/**
 * The change since the last scoring when what it compares with is messy: a snapshot sheet
 * someone edited by hand, a previous Score column holding text or errors, a Band since in the
 * future or not a date, and lead IDs that Excel itself would turn into dates or numbers when
 * the snapshot is written. Each problem is said with the cells or leads it is about; nothing is
 * matched by guesswork and no future date is handed on to other leads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { criterion, model, SNAPSHOT_SHEET, snapshotFromCells, snapshotToCells, type Model } from '../../src/engine';
import type { CellBlockWrite } from '../../src/excel/gateway';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import type { ApplyResult } from '../../src/workbook/session';
import { WorkbookSession } from '../../src/workbook/workbookSession';
import { folderWithModel } from '../cli/fourCriteriaModel';
import { runCli } from '../cli/runCli';

// Visits of 2 or more: 30 points; a demo request: 25. Bands Cold 0-20, Warm 21-49, Hot 50+.
const m: Model = model({
  name: 'Visits and demos',
  criteria: [
    criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gte', value: 2 }, points: 30 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 25 }),
  ],
});

function book(ids: readonly string[]): MemoryWorkbook {
  const b = new MemoryWorkbook();
  b.seedSheet('Leads', [['Lead ID', 'Visits', 'Demo'], ...ids.map((id, i) => [id, i % 2 === 0 ? 5 : 0, i % 3 === 0 ? 'yes' : 'no'])]);
  b.seedTable('Leads', `A1:C${ids.length + 1}`, 'Leads');
  b.select('Leads', 'A2');
  return b;
}

async function applyOn(b: MemoryWorkbook, day: Date): Promise<ApplyResult> {
  const session = new WorkbookSession(b, { today: () => day, debounceMs: 5 });
  await session.findLeadTable();
  return session.apply(m, { mode: 'values', subScores: false });
}
const tracked = (r: ApplyResult) => (r.kind === 'applied' && r.change?.kind === 'tracked' ? r.change : null);

/**
 * Excel reads text written as a value the way it reads typed text (office-js issue 229: writing
 * '2018-12-31' gives a date): 'Mar-1' becomes a date, '12:30' a time, '(123)' and '$100'
 * numbers, unless the text starts with an apostrophe. The in-memory workbook keeps such text;
 * this wrapper turns it into numbers as Excel would (the serials only need to differ from the text).
 */
function typingLikeExcel(b: MemoryWorkbook): MemoryWorkbook {
  const typed = (v: unknown): unknown => {
    if (typeof v !== 'string' || v.startsWith("'")) return v;
    if (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[- ]\d{1,2}$/i.test(v)) return 46082;
    const time = /^(\d{1,2}):(\d{2})$/.exec(v);
    if (time !== null) return (Number(time[1]) * 60 + Number(time[2])) / 1440;
    const negative = /^\((\d+)\)$/.exec(v);
    if (negative !== null) return -Number(negative[1]);
    const currency = /^\$(\d+)$/.exec(v);
    if (currency !== null) return Number(currency[1]);
    return v;
  };
  return new Proxy(b, {
    get(target, prop) {
      if (prop === 'write') {
        return (blocks: readonly CellBlockWrite[]) => target.write(blocks.map((w) => (w.values === undefined ? w : { ...w, values: w.values.map((r) => r.map(typed)) }) as CellBlockWrite));
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('the pane: a snapshot whose IDs Excel would turn into dates or numbers', () => {
  it('keeps each ID as text, so the next Apply matches every lead instead of calling them new and removed', async () => {
    const ids = ['Mar-1', '12:30', '(123)', '$100', 'L5'];
    const b = typingLikeExcel(book(ids));
    await applyOn(b, new Date(2026, 10, 18));
    const second = tracked(await applyOn(b, new Date(2026, 10, 26)));
    expect(second?.summary).toMatchObject({ scored: 5, newLeads: 0, removedCount: 0 });
    const snap = snapshotFromCells(await b.readValues(SNAPSHOT_SHEET, 'A1:D11'));
    expect(snap.ok && snap.value.leads.map((l) => l.id)).toEqual(ids);
  });
});

describe('the pane: a snapshot sheet edited by hand', () => {
  it('reads what can be trusted, names each cell it could not use, and dates no band in the future', async () => {
    const b = book(['L1', 'L2', 'L3', 'L4', 'L5', 'L6']);
    await applyOn(b, new Date(2026, 10, 18));
    // Rows 7-12 hold L1-L6 (55 Hot, 0 Cold, 30 Warm, 25 Warm, 30 Warm, 0 Cold). Someone types over scores and dates.
    b.userEdit(SNAPSHOT_SHEET, 'B7', [['abc']]);
    b.userEdit(SNAPSHOT_SHEET, 'B8', [["'45"]]);
    b.userEdit(SNAPSHOT_SHEET, 'D9', [[58_000]]);
    b.userEdit(SNAPSHOT_SHEET, 'D10', [['last week']]);
    b.userEdit(SNAPSHOT_SHEET, 'B11', [['#N/A']]);
    const second = await applyOn(b, new Date(2026, 10, 26));
    expect(tracked(second)?.warnings).toEqual([
      "the 'Lead Scoring Snapshot' sheet: 2 scores that are not a number, so their leads count as new: B7 ('abc'), B11 (#N/A)",
      "the 'Lead Scoring Snapshot' sheet: 2 Band since cells not a date on or before the scoring of 2026-11-18, so that day is used instead: D9 (2058-10-17), D10 ('last week')",
    ]);
    // L2 compared with the 45 typed as text (same band: keeps 18 Nov); L1 and L5 new (26 Nov); L3 and L4 dated 18 Nov, never 2058.
    const values = await b.readValues('Leads', 'A2:G7');
    expect(values.map((r) => [r[0], r[5], r[6]])).toEqual([
      ['L1', 'new', 46352],
      ['L2', -45, 46344],
      ['L3', 0, 46344],
      ['L4', 0, 46344],
      ['L5', 'new', 46352],
      ['L6', 0, 46344],
    ]);
  });

  it('names the rows of an ID written twice', () => {
    const cells = snapshotToCells({ scoredOn: '2026-11-18', idColumn: 'Lead ID', model: 'M', leads: [{ id: 'a', score: 1, band: 'Cold', bandSince: null }] }).map((r) => [...r]);
    cells.push(['A\u200B', 2, 'Cold', ''], ['', 3, 'Cold', '']);
    const read = snapshotFromCells(cells);
    expect(read.ok && read.warnings).toEqual([
      "the 'Lead Scoring Snapshot' sheet: 1 row without a lead ID was left out: row 9",
      "the 'Lead Scoring Snapshot' sheet: 1 ID written more than once was left out: 'a' (rows 7, 8)",
    ]);
  });
});

describe('leadscore score: the previous run columns of a CSV file edited by hand', () => {
  const at = folderWithModel('leadscore-hostile-change-');
  const TAIL = 'Score,Band,Fit,Engagement,Stage,Priority,Change,Band since';

  it('says which previous Scores are not numbers and which Band since it does not trust, and hands no future date on', async () => {
    writeFileSync(
      at('leads.csv'),
      [
        `Lead ID,Name,Industry,Employees,Demo,Visits,${TAIL}`,
        // L1 and L2: text and an error where the last run wrote a number: new, and said.
        'L1,Ann,Technology,500,yes,5,forty,Warm,40,0,,B4,+10,2026-11-10',
        'L2,Bo,Retail,10,no,0,#N/A,Hot,40,10,,B3,new,2026-11-10',
        // L3: a Band since in 2099 would make the whole run "since 1 Jan 2099": not trusted.
        'L3,Cy,Technology,10,no,3,55.5,Hot,40,10,,B3,0,2099-01-01',
        // L4: 'last week' is no day; its band is dated from the last run (10 Nov), not from 2099.
        'L4,Di,Retail,500,yes,0,50,Hot,20,30,,C1,0,last week',
        // L5: added since (blank previous score): new, nothing to say.
        'L5,Ed,Technology,500,no,0,,,,,,,,',
      ].join('\r\n'),
    );
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('since 10 Nov (leads matched by Lead ID).');
    const said = r.out + r.err;
    expect(said).toContain("2 previous Scores are not a number, so those leads count as new: 'L1' ('forty'), 'L2' ('#N/A')");
    expect(said).toContain("1 Band since is not a day written YYYY-MM-DD, the day of the last scoring is used: 'L4' ('last week')");
    expect(said).toMatch(/1 Band since after today \(\d{4}-\d{2}-\d{2}\) is not trusted, the day of the last scoring is used: 'L3' \(2099-01-01\)/);
    const out = parseCsv(readFileSync(at('out.csv'), 'utf8'));
    expect(out.rows.map((row) => [row[0], ...row.slice(-2)])).toEqual([
      ['L1', 'new', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
      ['L2', 'new', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
      ['L3', '-5.5', '2026-11-10'],
      ['L4', '0', '2026-11-10'],
      ['L5', 'new', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
    ]);
  });
});
