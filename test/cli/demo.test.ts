import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDemo, UsageError } from '../../src/cli/demo';
import { parseCsv } from '../../src/cli/csv';
import { compile, templateById } from '../../src/engine';

const FILE = join(__dirname, '../../examples/leads.csv');
const demo = (template = 'weighted-b2b', top = 10): Promise<string> => runDemo({ template, top, asOf: '2026-11-01', file: FILE });
const WORKBOOK = join(__dirname, '../../examples/leads.xlsx');

/** "  Warm    180   36.0%  ###..." -> ['Warm', 180] */
function bandCounts(report: string): [string, number][] {
  return [...report.matchAll(/^ {2}(Cold|Warm|Hot) +(\d+) /gm)].map((m) => [m[1] ?? '', Number(m[2])]);
}

describe('npm run demo', () => {
  it('counts every example lead in exactly one band, as the engine scores them', async () => {
    const table = parseCsv(readFileSync(FILE, 'utf8'));
    const compiled = compile(templateById('weighted-b2b')!.model, table.headers, { asOf: '2026-11-01' });
    if (!compiled.ok) throw new Error('the template does not fit the example');
    const bands = compiled.value.scoreRows(table.rows).bandIndex;
    const expected = ['Cold', 'Warm', 'Hot'].map((name, i) => [name, bands.filter((b) => b === i).length]);

    const report = await demo();
    expect(report).toContain(`${table.rows.length} leads from examples/leads.csv, scored as of 2026-11-01`);
    expect(bandCounts(report)).toEqual(expected);
  });

  it('lists the top leads from the highest score down, each with its explanation', async () => {
    const report = await demo('weighted-b2b', 5);
    const scores = [...report.matchAll(/^ {2}\d\. L-\d+ .*?: (-?[\d.]+) \(/gm)].map((m) => Number(m[1]));
    expect(scores).toHaveLength(5);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Each lead is followed by its parts: signed points, the criterion, and the cell it read.
    expect(report).toMatch(/^ {7} +\+\d+(\.\d+)? {2}.+ {2}\[.+ = .+\]$/m);
  });

  it('scores with any template', async () => {
    expect(bandCounts(await demo('b2b-software')).reduce((n, [, count]) => n + count, 0)).toBe(500);
  });

  it('names the templates when asked for one that does not exist', async () => {
    await expect(demo('nope')).rejects.toThrow(UsageError);
    await expect(demo('nope')).rejects.toThrow(/engagement, plan, weighted-b2b/);
  });

  it('scores the example workbook with the model on its Lead Scoring sheet by default, as the CSV with the template', async () => {
    const fromSheet = await runDemo({ template: undefined, top: 3, asOf: '2026-11-01', file: WORKBOOK });
    expect(fromSheet).toContain('500 leads from examples/leads.xlsx, scored as of 2026-11-01');
    expect(bandCounts(fromSheet)).toEqual(bandCounts(await demo()));
  });
});
