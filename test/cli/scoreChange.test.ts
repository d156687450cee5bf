/**
 * `leadscore score` on a CSV file it scored before: the previous run's Score, Band and Band
 * since columns are the snapshot; each lead is matched by its ID (never by row) and gets Change
 * and Band since, and the report says who moved band and what could not be compared.
 * Expected values are worked out by hand from FOUR_CRITERIA_MODEL (fourCriteriaModel.ts).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { scoreFile } from '../../src/cli/commands/score';
import { parseCsv } from '../../src/cli/csv';
import { scoreCsvLeads, type ParallelCsvOptions } from '../../src/cli/scoring/csvLeads';
import { Progress } from '../../src/cli/scoring/leadColumns';
import { CsvSink } from '../../src/cli/scoring/leadSinks';
import type { SnapshotFiles } from '../../src/cli/scoring/csvSnapshot';
import { SNAPSHOT_TITLE, type ChangeSummary } from '../../src/engine';
import { expectTheEditedLeadsChange, FOUR_CRITERIA_MODEL, folderWithModel } from './fourCriteriaModel';
import { runCli } from './runCli';

const MODEL = FOUR_CRITERIA_MODEL;
const at = folderWithModel('leadscore-change-');

const TAIL = 'Score,Band,Fit,Engagement,Stage,Priority,Change,Band since';
/**
 * A file an earlier run scored, then edited: the lead data changed since, the previous run's
 * columns still say what it scored then. Lines 2-8.
 */
const EDITED = [
  `Lead ID,Name,Industry,Employees,Demo,Visits,${TAIL}`,
  // L1: was 40 Warm; now 40+20+30+10 = 100 Hot: up, +60, Band since today.
  'L1,Ann,Technology,500,yes,5,40,Warm,40,0,,B4,+10,2026-11-10',
  // L2: was 50 Hot; now 0 Cold: down, -50, Band since today.
  'L2,Bo,Retail,10,no,0,50,Hot,40,10,,B3,new,2026-11-10',
  // L3: was 55.5 Hot since 5 Nov; now 40+10 = 50 Hot: same band, -5.5, keeps 2026-11-05.
  'L3,Cy,Technology,10,no,3,55.5,Hot,40,10,,B3,0,2026-11-05',
  // L4: added after the last run (no previous scores): 20+30 = 50 Hot, new.
  'L4,Di,Retail,500,yes,0,,,,,,,,',
  // L5 and l5 are one ID (case and spaces ignored): neither is compared.
  'L5,Ed,Technology,500,no,0,10,Cold,0,10,,D3,0,2026-11-01',
  'l5 ,Flo,Retail,10,no,3,10,Cold,0,10,,D3,0,2026-11-01',
  // No ID: not compared.
  ',Gus,Retail,10,no,0,0,Cold,0,0,,D4,0,2026-11-01',
].join('\r\n');

const ONE_THREAD: ParallelCsvOptions = { workers: 1, blockBytes: 1 << 21, minFileBytes: 0 };
const TINY_BLOCKS: ParallelCsvOptions = { workers: 2, blockBytes: 300, minFileBytes: 0 };

/** Scores a CSV file into memory as `leadscore score` does, with the snapshot files given (committed). */
async function scoreBoth(input: string, parallel: ParallelCsvOptions, snapshot: SnapshotFiles | null = null): Promise<{ bytes: string; blocks: number; change: ChangeSummary | null }> {
  const written: string[] = [];
  const sink = new CsvSink({ write: (chunk) => void written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) });
  const result = await scoreCsvLeads(input, MODEL, undefined, sink, new Progress(null), parallel, { idColumn: null, today: '2026-11-26', snapshot });
  await sink.finish();
  result.snapshot?.commit();
  return { bytes: written.join(''), blocks: result.blocks, change: result.change };
}

const changeCells = (file: string): string[][] => parseCsv(readFileSync(file, 'utf8')).rows.map((r) => [r[0] ?? '', r[6] ?? '', r[7] ?? '', ...r.slice(-2)]);

describe('leadscore score compares a CSV file with its previous scoring', () => {
  it('writes Change and Band since by ID and reports the band moves, new, duplicate and no-ID leads', async () => {
    writeFileSync(at('leads.csv'), EDITED);
    const summary = await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-26' });
    const out = parseCsv(readFileSync(at('out.csv'), 'utf8'));
    expect(out.headers.slice(-8)).toEqual(TAIL.split(','));
    expect(out.headers.filter((h) => h === 'Score')).toHaveLength(1);
    expect(changeCells(at('out.csv'))).toEqual([
      ['L1', '100', 'Hot', '+60', '2026-11-26'],
      ['L2', '0', 'Cold', '-50', '2026-11-26'],
      ['L3', '50', 'Hot', '-5.5', '2026-11-05'],
      ['L4', '50', 'Hot', 'new', '2026-11-26'],
      ['L5', '60', 'Hot', '', ''],
      ['l5 ', '10', 'Cold', '', ''],
      ['', '0', 'Cold', '', ''],
    ]);
    expectTheEditedLeadsChange(summary.change);
  });

  it('prints the report: headline, the leads that moved band, and what was not compared', async () => {
    writeFileSync(at('leads.csv'), EDITED);
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('1 lead became Hot, 1 dropped to Cold since 10 Nov (leads matched by Lead ID).');
    expect(r.out).toContain("  'L1' (row 2): Warm -> Hot, +60\n  'L2' (row 3): Hot -> Cold, -50\n");
    expect(r.out).toContain('1 lead new since the last scoring (Change: new).');
    expect(r.out).toContain('1 lead without Lead ID gets no Change or Band since (row 8).');
    expect(r.out).toContain("2 leads share Lead ID with another lead and get no Change or Band since: 'L5' (rows 6, 7).");
  });

  it('leadscore calllist shows the Change that leadscore score wrote', async () => {
    writeFileSync(at('leads.csv'), EDITED);
    await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-26' });
    const r = await runCli('calllist', at('out.csv'), '--model', at('model.json'), '--all', '-o', at('calls.csv'));
    expect(r.code).toBe(EXIT.ok);
    const calls = parseCsv(readFileSync(at('calls.csv'), 'utf8'));
    const change = calls.headers.indexOf('Change');
    const name = calls.headers.indexOf('Name');
    const byName = new Map(calls.rows.map((row) => [row[name], row[change]]));
    expect([byName.get('Ann'), byName.get('Bo'), byName.get('Cy'), byName.get('Di'), byName.get('Ed')]).toEqual(['+60', '-50', '-5.5', 'new', '']);
  });

  it('a second run on its own output: nothing moved, every Band since kept, Change 0', async () => {
    writeFileSync(at('leads.csv'), EDITED);
    await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-26' });
    const again = await scoreFile({ input: at('out.csv'), model: at('model.json'), inPlace: true, today: '2026-11-27' });
    expect(changeCells(at('out.csv'))).toEqual([
      ['L1', '100', 'Hot', '0', '2026-11-26'],
      ['L2', '0', 'Cold', '0', '2026-11-26'],
      ['L3', '50', 'Hot', '0', '2026-11-05'],
      ['L4', '50', 'Hot', '0', '2026-11-26'],
      ['L5', '60', 'Hot', '', ''],
      ['l5 ', '10', 'Cold', '', ''],
      ['', '0', 'Cold', '', ''],
    ]);
    expect(again.change).toMatchObject({ since: '2026-11-26', scored: 4, newLeads: 0, movedCount: 0 });
  });

  it('matches by --id-column, and refuses a chosen column the file lacks rather than guessing', async () => {
    // By Name, the two L5 rows are Ed and Flo: both compared; Gus too.
    writeFileSync(at('leads.csv'), EDITED);
    const byName = await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), idColumn: 'Name', today: '2026-11-26' });
    expect(byName.change).toMatchObject({ idColumn: 'Name', scored: 6, newLeads: 1, noIdCount: 0, duplicateCount: 0 });
    expect(changeCells(at('out.csv')).map((r) => r.slice(-2))[4]).toEqual(['+50', '2026-11-26']);
    await expect(scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out2.csv'), force: true, idColumn: 'Lead Id Nr' })).rejects.toThrow(/no ID column 'Lead Id Nr' \(did you mean 'Lead ID'\?\)/);
  });

  it('says --id-column is unused when the output is a workbook, rather than dropping it silently', async () => {
    writeFileSync(at('leads.csv'), EDITED);
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '--id-column', 'Lead ID', '-o', at('out.xlsx'));
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toContain("warning: --id-column 'Lead ID' is not used: leadscore score writes Change and Band since when it scores a CSV file into CSV");
  });

  it('a short row gets its missing cells blank, so its scores stand under the score headers and the next run reads them', async () => {
    // L1 lacks Demo and Visits: 40 + 20 = 60 Hot; written with the two cells blank.
    writeFileSync(at('leads.csv'), ['Lead ID,Name,Industry,Employees,Demo,Visits', 'L1,Ann,Technology,500', 'L2,Bo,Retail,10,no,0'].join('\r\n'));
    await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-26', noSnapshot: true });
    expect(readFileSync(at('out.csv'), 'utf8').split('\r\n')[1]).toBe('L1,Ann,Technology,500,,,60,Hot,60,0,,A4');
    const again = await scoreFile({ input: at('out.csv'), model: at('model.json'), inPlace: true, today: '2026-11-27', noSnapshot: true });
    expect(again.change).toMatchObject({ scored: 2, movedCount: 0 });
  });

  it('a file scored before without an ID column gets no Change, and the report says why', async () => {
    writeFileSync(at('leads.csv'), ['Name,Industry,Employees,Demo,Visits,Score,Band,Fit,Engagement,Stage,Priority', 'Ann,Technology,500,yes,5,40,Warm,40,0,,B4'].join('\r\n'));
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'));
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toContain('No Change or Band since: no column is named like a lead ID');
    expect(parseCsv(readFileSync(at('out.csv'), 'utf8')).headers.slice(-2)).toEqual(['Stage', 'Priority']);
  });

  it('re-scores on worker threads, with the same bytes and report as on one thread', async () => {
    // Many leads over tiny blocks: a threaded run would cross block ends everywhere.
    const lines = [`Lead ID,Name,Industry,Employees,Demo,Visits,${TAIL}`];
    for (let i = 0; i < 400; i++) lines.push(`C${i % 390},N${i},${i % 3 === 0 ? 'Technology' : 'Retail'},${i * 7},${i % 2 === 0 ? 'yes' : 'no'},${i % 5},${(i * 13) % 101},${['Cold', 'Warm', 'Hot'][i % 3]},0,0,,D4,0,2026-11-${String(1 + (i % 20)).padStart(2, '0')}`);
    writeFileSync(at('many.csv'), lines.join('\r\n'));
    const one = await scoreBoth(at('many.csv'), ONE_THREAD);
    const threaded = await scoreBoth(at('many.csv'), TINY_BLOCKS);
    expect(threaded.bytes).toBe(one.bytes);
    expect(threaded.change).toEqual(one.change);
    // Re-scoring runs on the worker threads too, each block compared with the previous leads of its IDs.
    expect(threaded.blocks).toBeGreaterThan(20);
    const out = one.bytes.split('\r\n');
    // C0 is also lead 390: a duplicate, not compared. Lead 10 (C10): Retail, Demo, 0 visits = 30
    // Warm; it was 130 % 101 = 29 Warm since 11 Nov: +1, the date kept.
    expect(out[1]?.endsWith(',,')).toBe(true);
    expect(out[11]?.endsWith(',+1,2026-11-11')).toBe(true);
  });

  it('on worker threads, a snapshot file gives the same output, report, removed leads and new snapshot as on one thread', async () => {
    // A fresh export (no previous columns) of 400 leads; the snapshot knows C0-C389 and two leads deleted since.
    const lines = ['Lead ID,Name,Industry,Employees,Demo,Visits'];
    for (let i = 0; i < 400; i++) lines.push(`${i === 7 ? '' : `C${i % 390}`},N${i},${i % 3 === 0 ? 'Technology' : 'Retail'},${i * 7},${i % 2 === 0 ? 'yes' : 'no'},${i % 5}`);
    writeFileSync(at('fresh.csv'), lines.join('\r\n'));
    const kept = Array.from({ length: 390 }, (_, i) => `C${i},${(i * 13) % 101},${['Cold', 'Warm', 'Hot'][i % 3]},2026-11-${String(1 + (i % 20)).padStart(2, '0')}`);
    writeFileSync(at('last.csv'), `"${SNAPSHOT_TITLE}"\r\nScored on,2026-11-20\r\nID column,Lead ID\r\nModel,M\r\n\r\nLead ID,Score,Band,Band since\r\n${kept.join('\r\n')}\r\nGONE-1,50,Hot,2026-11-02\r\nGONE-2,10,Cold,2026-11-03\r\n`);
    const one = await scoreBoth(at('fresh.csv'), ONE_THREAD, { own: at('last.csv'), replaced: null, write: at('one.snapshot.csv') });
    const threaded = await scoreBoth(at('fresh.csv'), TINY_BLOCKS, { own: at('last.csv'), replaced: null, write: at('threaded.snapshot.csv') });
    expect(threaded.blocks).toBeGreaterThan(20);
    expect(threaded.bytes).toBe(one.bytes);
    expect(threaded.change).toEqual(one.change);
    expect(readFileSync(at('threaded.snapshot.csv'), 'utf8')).toBe(readFileSync(at('one.snapshot.csv'), 'utf8'));
    expect(one.change).toMatchObject({ since: '2026-11-20', removedCount: 2, noIdCount: 1, noIdRows: [9] });
    expect((one.change as ChangeSummary).removed.map((l) => l.id)).toEqual(['GONE-1', 'GONE-2']);
    // C10 (lead 10): 30 Warm, was 29 Warm since 11 Nov: +1, the date kept; kept so in the new snapshot.
    expect(one.bytes.split('\r\n')[11]).toMatch(/^C10,.*,\+1,2026-11-11$/);
    const snapshotLines = readFileSync(at('one.snapshot.csv'), 'utf8').split('\r\n');
    expect(snapshotLines).toContain('C10,30,Warm,2026-11-11');
    // 400 leads less the one without ID (lead 7) and the 2 x 9 sharing C0-C9 but C7 (lead 7 has none): 381.
    expect(snapshotLines.filter((l) => /^C\d/.test(l))).toHaveLength(381);
    expect(snapshotLines.some((l) => l.startsWith('C0,') || l.startsWith('GONE'))).toBe(false);
  });
});

/**
 * The snapshot file kept beside a scored CSV file (leads.csv -> leads.leadscore-snapshot.csv):
 * the next run reads it as the last scoring, so a lead deleted since is reported.
 * Worked by hand from FOUR_CRITERIA_MODEL: Technology 40, Employees >= 100 20, Demo 30, Visits >= 3 10.
 */
describe('leadscore score keeps a snapshot file beside a CSV file', () => {
  const FRESH = [
    'Lead ID,Name,Industry,Employees,Demo,Visits',
    'L1,Ann,Technology,500,yes,5', // 100 Hot
    'L2,Bo,Retail,10,no,0', // 0 Cold
    'L3,Cy,Technology,10,no,3', // 50 Hot
    'L4,Di,Retail,500,yes,0', // 50 Hot
  ];
  const HEAD = `\uFEFF"${SNAPSHOT_TITLE}"\r\nScored on,2026-11-20\r\nID column,Lead ID\r\nModel,${MODEL.name}\r\n\r\nLead ID,Score,Band,Band since\r\n`;
  const firstRun = async (): Promise<void> => {
    writeFileSync(at('leads.csv'), FRESH.join('\r\n'));
    await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-20' });
  };

  it('the first run writes the snapshot next to the output, in the sheet\'s plain format, and no Change columns', async () => {
    await firstRun();
    expect(readFileSync(at('out.leadscore-snapshot.csv'), 'utf8')).toBe(`${HEAD}L1,100,Hot,2026-11-20\r\nL2,0,Cold,2026-11-20\r\nL3,50,Hot,2026-11-20\r\nL4,50,Hot,2026-11-20\r\n`);
    expect(parseCsv(readFileSync(at('out.csv'), 'utf8')).headers.slice(-1)).toEqual(['Priority']);
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('again.csv'));
    expect(r.out).toContain(`Kept this run's scores for the next run's Change in ${at('again.leadscore-snapshot.csv')}`);
  });

  it('a fresh export scored over last week\'s output reports the lead deleted since, with Change from the snapshot', async () => {
    await firstRun();
    // A week later the CRM export: L2 deleted, L3 no longer visits (40 Warm), L5 new (60 Hot).
    writeFileSync(at('leads.csv'), ['Lead ID,Name,Industry,Employees,Demo,Visits', 'L1,Ann,Technology,500,yes,5', 'L3,Cy,Technology,10,no,0', 'L4,Di,Retail,500,yes,0', 'L5,Eve,Technology,500,no,0'].join('\r\n'));
    const summary = await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), force: true, today: '2026-11-27' });
    expect(changeCells(at('out.csv'))).toEqual([
      ['L1', '100', 'Hot', '0', '2026-11-20'],
      ['L3', '40', 'Warm', '-10', '2026-11-27'],
      ['L4', '50', 'Hot', '0', '2026-11-20'],
      ['L5', '60', 'Hot', 'new', '2026-11-27'],
    ]);
    expect(summary.change).toMatchObject({ since: '2026-11-20', scored: 3, newLeads: 1, movedCount: 1, removedCount: 1 });
    expect(summary.change!.removed).toEqual([{ id: 'L2', score: 0, band: 'Cold', bandSince: '2026-11-20' }]);
    expect(readFileSync(at('out.leadscore-snapshot.csv'), 'utf8')).toBe(
      `${HEAD.replace('2026-11-20', '2026-11-27')}L1,100,Hot,2026-11-20\r\nL3,40,Warm,2026-11-27\r\nL4,50,Hot,2026-11-20\r\nL5,60,Hot,2026-11-27\r\n`,
    );
  });

  it('in place: a row deleted from the file is reported by the CLI (count and list); two more runs change nothing', async () => {
    writeFileSync(at('leads.csv'), FRESH.join('\r\n'));
    await scoreFile({ input: at('leads.csv'), model: at('model.json'), inPlace: true, today: '2026-11-20' });
    expect(readFileSync(at('leads.leadscore-snapshot.csv'), 'utf8')).toContain('\r\nL2,0,Cold,2026-11-20\r\n');
    // Someone deletes Bo's row from the scored file.
    writeFileSync(at('leads.csv'), readFileSync(at('leads.csv'), 'utf8').split('\r\n').filter((l) => !l.startsWith('L2,')).join('\r\n'));
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '--in-place');
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toContain("1 lead of the last scoring is no longer in the table (by Lead ID): 'L2'.");
    const out = readFileSync(at('leads.csv'));
    const snapshot = readFileSync(at('leads.leadscore-snapshot.csv'));
    expect(snapshot.toString('utf8')).not.toContain('L2,');
    // Two runs in a row on the same day: the same bytes, nothing moved, nobody removed.
    const again = await runCli('score', at('leads.csv'), '--model', at('model.json'), '--in-place', '--json');
    const twice = await runCli('score', at('leads.csv'), '--model', at('model.json'), '--in-place', '--json');
    expect(readFileSync(at('leads.csv')).equals(out)).toBe(true);
    expect(readFileSync(at('leads.leadscore-snapshot.csv')).equals(snapshot)).toBe(true);
    for (const run of [again, twice]) expect(JSON.parse(run.out).change).toMatchObject({ scored: 3, movedCount: 0, removedCount: 0, newLeads: 0 });
    expect(changeCells(at('leads.csv')).map((row) => row[3])).toEqual(['0', '0', '0']);
  });

  it('a separate output reads the input\'s snapshot and writes its own, leaving the input\'s as it was', async () => {
    await firstRun();
    const before = readFileSync(at('out.leadscore-snapshot.csv'));
    writeFileSync(at('out.csv'), readFileSync(at('out.csv'), 'utf8').split('\r\n').filter((l) => !l.startsWith('L4,')).join('\r\n'));
    const summary = await scoreFile({ input: at('out.csv'), model: at('model.json'), output: at('week2.csv'), today: '2026-11-27' });
    expect(summary.change).toMatchObject({ since: '2026-11-20', removedCount: 1 });
    expect(summary.snapshot).toBe(at('week2.leadscore-snapshot.csv'));
    expect(readFileSync(at('out.leadscore-snapshot.csv')).equals(before)).toBe(true);
    expect(readFileSync(at('week2.leadscore-snapshot.csv'), 'utf8')).toContain('Scored on,2026-11-27\r\n');
  });

  it('a snapshot someone edited: broken rows are left out with a warning; without its labels it is not read, and the file\'s columns are used', async () => {
    await firstRun();
    const path = at('out.leadscore-snapshot.csv');
    const text = readFileSync(path, 'utf8');
    // L2's score typed over, L4 written twice: both left out; L1 and L3 still compared.
    writeFileSync(path, text.replace('L2,0,Cold', 'L2,zero,Cold').replace('L4,50,Hot,2026-11-20\r\n', 'L4,50,Hot,2026-11-20\r\nl4,50,Hot,2026-11-20\r\n'));
    writeFileSync(at('fresh.csv'), FRESH.join('\r\n'));
    const edited = await scoreFile({ input: at('fresh.csv'), model: at('model.json'), output: at('out.csv'), force: true, today: '2026-11-27' });
    expect(edited.warnings).toEqual([`${path}: 1 score that is not a number, so its lead counts as new: B8 ('zero')`, `${path}: 1 ID written more than once was left out: 'L4' (rows 10, 11)`]);
    expect(edited.change).toMatchObject({ scored: 2, newLeads: 2, removedCount: 0 });
    // The 'Scored on' row deleted: not a snapshot any more; the file's own columns are used (out.csv was scored before).
    writeFileSync(path, readFileSync(path, 'utf8').replace(/Scored on,[^\r]*\r\n/, ''));
    writeFileSync(at('out.csv'), readFileSync(at('out.csv'), 'utf8').split('\r\n').filter((l) => !l.startsWith('L4,')).join('\r\n'));
    const broken = await runCli('score', at('out.csv'), '--model', at('model.json'), '--in-place');
    expect(broken.code).toBe(EXIT.ok);
    expect(broken.err).toContain(`warning: ${path} is not read as the last scoring: it does not hold a snapshot (it needs 'Scored on' with a date, 'ID column' and the header row Lead ID, Score, Band, Band since); Change compares with the file's own previous Score and Band`);
    // The file's columns know nothing of L4: nobody is removed; the snapshot (its title intact) is replaced by a whole one.
    expect(broken.out).not.toContain('no longer in the table');
    expect(readFileSync(path, 'utf8')).toContain('Scored on,');
  });

  it('a snapshot renamed away is not found (the file\'s columns are used); --snapshot names it', async () => {
    await firstRun();
    renameSync(at('out.leadscore-snapshot.csv'), at('week47.csv'));
    writeFileSync(at('out.csv'), readFileSync(at('out.csv'), 'utf8').split('\r\n').filter((l) => !l.startsWith('L2,')).join('\r\n'));
    const without = await scoreFile({ input: at('out.csv'), model: at('model.json'), output: at('a.csv'), today: '2026-11-27', noSnapshot: true });
    expect(without.change).toMatchObject({ removedCount: 0, scored: 3 });
    const named = await scoreFile({ input: at('out.csv'), model: at('model.json'), output: at('b.csv'), today: '2026-11-27', snapshot: at('week47.csv') });
    expect(named.change).toMatchObject({ removedCount: 1, scored: 3 });
    expect(named.snapshot).toBe(at('week47.csv'));
    expect(readFileSync(at('week47.csv'), 'utf8')).toContain('Scored on,2026-11-27\r\n');
    expect(existsSync(at('a.leadscore-snapshot.csv'))).toBe(false);
  });

  it('a snapshot kept for another ID column is said so (both columns, the file) and the file\'s own columns are compared instead', async () => {
    await firstRun();
    const byName = await runCli('score', at('out.csv'), '--model', at('model.json'), '--id-column', 'Name', '-o', at('byname.csv'), '--json');
    expect(byName.code).toBe(EXIT.ok);
    expect(byName.err).toContain(`warning: ${at('out.leadscore-snapshot.csv')} is not used as the last scoring: it identifies leads by 'Lead ID', this scoring by 'Name'; Change compares with the file's own previous Score and Band`);
    expect(JSON.parse(byName.out).change).toMatchObject({ idColumn: 'Name', scored: 4 });
    expect(readFileSync(at('byname.leadscore-snapshot.csv'), 'utf8')).toContain('ID column,Name\r\n');
  });

  it('a snapshot of another run than the one that wrote the file\'s columns is not used, and the report says why', async () => {
    await firstRun();
    // Scored again in place without keeping a snapshot: the file's columns are newer than the snapshot.
    writeFileSync(at('out.csv'), readFileSync(at('out.csv'), 'utf8').replace('L3,Cy,Technology,10,no,3', 'L3,Cy,Technology,10,no,0'));
    await scoreFile({ input: at('out.csv'), model: at('model.json'), inPlace: true, today: '2026-11-24', noSnapshot: true });
    const r = await runCli('score', at('out.csv'), '--model', at('model.json'), '--in-place');
    expect(r.err).toContain(`warning: ${at('out.leadscore-snapshot.csv')} is not used as the last scoring: it is not the snapshot of the scoring that wrote ${at('out.csv')} (lead 'L3' has 40 Warm there, 50 Hot in the snapshot)`);
    // Compared with the file's columns: L3 is Warm there too; nobody moved.
    expect(r.out).toMatch(/No lead changed band since \d+ Nov/);
  });

  it('never overwrites a file at the snapshot\'s path that is not a snapshot: stops before writing anything', async () => {
    writeFileSync(at('leads.csv'), FRESH.join('\r\n'));
    writeFileSync(at('out.leadscore-snapshot.csv'), 'Name,Notes\r\nmine,keep this\r\n');
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.output);
    expect(r.err).toContain(`${at('out.leadscore-snapshot.csv')} exists and is not a leadscore snapshot (its first cell is 'Name', not the snapshot's title)`);
    expect(r.err).toContain('--snapshot <file>');
    expect(existsSync(at('out.csv'))).toBe(false);
    expect(readFileSync(at('out.leadscore-snapshot.csv'), 'utf8')).toBe('Name,Notes\r\nmine,keep this\r\n');
    // --no-snapshot scores and leaves the file alone; --snapshot at the input itself is refused.
    expect((await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'), '--no-snapshot')).code).toBe(EXIT.ok);
    expect((await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('o2.csv'), '--snapshot', at('leads.csv'))).err).toContain('is the input file; the snapshot needs a file of its own');
  });

  it('the first scoring detects the ID column by its values: a Lead ID column mostly blank gives way to Email', async () => {
    writeFileSync(at('leads.csv'), ['Lead ID,Email,Name,Industry,Employees,Demo,Visits', ',ann@a.com,Ann,Technology,500,yes,5', 'X1,bo@b.com,Bo,Retail,10,no,0', ',cy@c.com,Cy,Technology,10,no,3'].join('\r\n'));
    const summary = await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-20' });
    expect(summary.snapshot).toBe(at('out.leadscore-snapshot.csv'));
    expect(readFileSync(at('out.leadscore-snapshot.csv'), 'utf8')).toContain('\r\nID column,Email\r\nModel,Untitled model\r\n\r\nLead ID,Score,Band,Band since\r\nann@a.com,100,Hot,2026-11-20\r\nbo@b.com,0,Cold,2026-11-20\r\ncy@c.com,50,Hot,2026-11-20\r\n');
  });

  it('an ID neutralised against formulas in the output is the same ID as in a fresh export', async () => {
    writeFileSync(at('leads.csv'), ['Lead ID,Name,Industry,Employees,Demo,Visits', '=1+1,Ann,Technology,500,yes,5', 'L2,Bo,Retail,10,no,0'].join('\r\n'));
    await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), today: '2026-11-20' });
    expect(readFileSync(at('out.csv'), 'utf8')).toContain("\r\n'=1+1,Ann");
    expect(readFileSync(at('out.leadscore-snapshot.csv'), 'utf8')).toContain("\r\n'=1+1,100,Hot,2026-11-20\r\n");
    const fresh = await scoreFile({ input: at('leads.csv'), model: at('model.json'), output: at('out.csv'), force: true, today: '2026-11-27' });
    const rescored = await scoreFile({ input: at('out.csv'), model: at('model.json'), output: at('out2.csv'), today: '2026-11-27' });
    for (const s of [fresh, rescored]) expect(s.change).toMatchObject({ scored: 2, newLeads: 0, removedCount: 0 });
  });
});
