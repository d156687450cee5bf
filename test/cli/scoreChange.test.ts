/**
 * `leadscore score` on a CSV file it scored before: the previous run's Score, Band and Band
 * since columns are the snapshot; each lead is matched by its ID (never by row) and gets Change
 * and Band since, and the report says who moved band and what could not be compared.
 * Expected values are worked out by hand from FOUR_CRITERIA_MODEL (fourCriteriaModel.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { scoreFile } from '../../src/cli/commands/score';
import { parseCsv } from '../../src/cli/csv';
import { scoreCsvLeads, type ParallelCsvOptions } from '../../src/cli/scoring/csvLeads';
import { Progress } from '../../src/cli/scoring/leadColumns';
import { CsvSink } from '../../src/cli/scoring/leadSinks';
import { FOUR_CRITERIA_MODEL, folderWithModel } from './fourCriteriaModel';
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
    const change = summary.change!;
    // The file does not record its run's date: the latest Band since in it is that day.
    expect(change.since).toBe('2026-11-10');
    expect({ scored: change.scored, newLeads: change.newLeads, moved: change.movedCount, noId: change.noIdCount, duplicates: change.duplicateCount }).toEqual({ scored: 3, newLeads: 1, moved: 2, noId: 1, duplicates: 2 });
    expect(change.moved.map((m) => [m.id, m.row, m.from, m.to, m.points])).toEqual([
      ['L1', 2, 'Warm', 'Hot', 60],
      ['L2', 3, 'Hot', 'Cold', -50],
    ]);
    expect(change.duplicates).toEqual([{ id: 'L5', rows: [6, 7] }]);
    expect(change.noIdRows).toEqual([8]);
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

  it('a file scored before without an ID column gets no Change, and the report says why', async () => {
    writeFileSync(at('leads.csv'), ['Name,Industry,Employees,Demo,Visits,Score,Band,Fit,Engagement,Stage,Priority', 'Ann,Technology,500,yes,5,40,Warm,40,0,,B4'].join('\r\n'));
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'));
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toContain('No Change or Band since: no column is named like a lead ID');
    expect(parseCsv(readFileSync(at('out.csv'), 'utf8')).headers.slice(-2)).toEqual(['Stage', 'Priority']);
  });

  it('gives the same bytes with worker threads as on one thread when a previous scoring exists', async () => {
    // Many leads over tiny blocks: a threaded run would cross block ends everywhere.
    const lines = [`Lead ID,Name,Industry,Employees,Demo,Visits,${TAIL}`];
    for (let i = 0; i < 400; i++) lines.push(`C${i % 390},N${i},${i % 3 === 0 ? 'Technology' : 'Retail'},${i * 7},${i % 2 === 0 ? 'yes' : 'no'},${i % 5},${(i * 13) % 101},${['Cold', 'Warm', 'Hot'][i % 3]},0,0,,D4,0,2026-11-${String(1 + (i % 20)).padStart(2, '0')}`);
    writeFileSync(at('many.csv'), lines.join('\r\n'));
    const run = async (parallel: ParallelCsvOptions): Promise<{ bytes: string; blocks: number; moved: number }> => {
      const written: string[] = [];
      const sink = new CsvSink({ write: (chunk) => void written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) });
      const result = await scoreCsvLeads(at('many.csv'), MODEL, undefined, sink, new Progress(null), parallel, { idColumn: null, today: '2026-11-26' });
      return { bytes: written.join(''), blocks: result.blocks, moved: result.change!.movedCount };
    };
    const one = await run({ workers: 1, blockBytes: 1 << 21, minFileBytes: 0 });
    const threaded = await run({ workers: 2, blockBytes: 300, minFileBytes: 0 });
    expect(threaded.bytes).toBe(one.bytes);
    expect(threaded.moved).toBe(one.moved);
    // The comparison is one sequential pass: with a previous scoring the file stays on one thread.
    expect(threaded.blocks).toBe(0);
    const out = one.bytes.split('\r\n');
    // C0 is also lead 390: a duplicate, not compared. Lead 10 (C10): Retail, Demo, 0 visits = 30
    // Warm; it was 130 % 101 = 29 Warm since 11 Nov: +1, the date kept.
    expect(out[1]?.endsWith(',,')).toBe(true);
    expect(out[11]?.endsWith(',+1,2026-11-11')).toBe(true);
  });
});
