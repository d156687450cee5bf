import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { model } from '../../src/engine';
import { FOUR_CRITERIA_MODEL, folderWithModel } from './fourCriteriaModel';
import { runCli } from './runCli';

const MODEL = FOUR_CRITERIA_MODEL;
const at = folderWithModel('leadscore-columns-');

describe('leadscore score writes Priority and recognises the columns of this and the earlier version', () => {
  it('writes Priority after Stage: the fit grade and engagement level', async () => {
    writeFileSync(
      at('leads.csv'),
      ['Name,Industry,Employees,Demo,Visits', 'Ann,Technology,500,yes,5', 'Bo,Technology,10,no,3', 'Cy,Retail,10,no,0'].join('\r\n'),
    );
    const r = await runCli('score', at('leads.csv'), '--model', at('model.json'), '-o', at('out.csv'));
    expect(r.code).toBe(EXIT.ok);
    const out = parseCsv(readFileSync(at('out.csv'), 'utf8'));
    expect(out.headers.slice(-6)).toEqual(['Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
    // Ann: fit 60 (A), engagement 40 (1). Bo: fit 40 (B), engagement 10 (3). Cy: 0 and 0: D4.
    expect(out.rows.map((row) => row.slice(-6))).toEqual([
      ['100', 'Hot', '60', '40', '', 'A1'],
      ['50', 'Hot', '40', '10', '', 'B3'],
      ['0', 'Cold', '0', '0', '', 'D4'],
    ]);
  });

  it('re-scores a CSV file the five-column version wrote: its columns are replaced, not refused or kept', async () => {
    writeFileSync(
      at('old.csv'),
      ['Name,Industry,Employees,Demo,Visits,Score,Band,Fit,Engagement,Stage', 'Ann,Technology,500,yes,5,1,Cold,1,0,', 'Bo,Retail,10,no,0,70,Hot,40,30,MQL'].join('\r\n'),
    );
    const r = await runCli('score', at('old.csv'), '--model', at('model.json'), '--in-place');
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    const out = parseCsv(readFileSync(at('old.csv'), 'utf8'));
    expect(out.headers).toEqual(['Name', 'Industry', 'Employees', 'Demo', 'Visits', 'Score', 'Band', 'Fit', 'Engagement', 'Stage', 'Priority']);
    expect(out.rows.map((row) => [row[5], row[10]])).toEqual([
      ['100', 'A1'],
      ['0', 'D4'],
    ]);
    // And a second run recognises the six it wrote.
    expect((await runCli('score', at('old.csv'), '--model', at('model.json'), '--in-place')).code).toBe(EXIT.ok);
    expect(parseCsv(readFileSync(at('old.csv'), 'utf8')).headers).toHaveLength(11);
  });

  it('a model that cannot grade (no Fit criteria, no thresholds set) leaves Priority blank', async () => {
    writeFileSync(at('engagement.json'), JSON.stringify(model({ criteria: [MODEL.criteria[2]!] })));
    writeFileSync(at('leads.csv'), ['Name,Demo', 'Ann,yes'].join('\r\n'));
    expect((await runCli('score', at('leads.csv'), '--model', at('engagement.json'), '-o', at('out.csv'))).code).toBe(EXIT.ok);
    expect(parseCsv(readFileSync(at('out.csv'), 'utf8')).rows[0]?.slice(-2)).toEqual(['', '']);
  });
});
