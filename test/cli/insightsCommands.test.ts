import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { writeModelSheet } from '../../src/cli/modelSource';
import { runCli } from './runCli';
import { compile, parseModel, templateById } from '../../src/engine';

const EXAMPLE = join(__dirname, '../../examples/leads.csv');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-insights-'));
});

const run = runCli;

describe('leadscore calibrate', () => {
  it('builds a scorecard from examples/leads.csv alone, which leadscore score then uses', async () => {
    const model = join(dir, 'model.json');
    const { code, out } = await run('calibrate', EXAMPLE, '--outcome', 'Converted', '-o', model, '--as-of', '2026-11-01');
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/Hold-out AUC: scorecard 0\.\d{3}, unconstrained logistic regression 0\.\d{3} \(same split\)/);
    // Per column: its bins with leads, share, conversion and points, and its information value.
    expect(out).toMatch(/\(information value \d\.\d\d\):\n +bin +leads +share +converted +points\n/);
    expect(out).toMatch(/Lead ID: an identifier/);
    expect(out).toMatch(/Bands \(Cold \d+%, Warm \d+%, Hot \d+% of the leads\)/);
    const parsed = parseModel(JSON.parse(readFileSync(model, 'utf8')));
    expect(parsed.ok).toBe(true);
    const scored = await run('score', EXAMPLE, '--model', model, '-o', join(dir, 'scored.csv'), '--as-of', '2026-11-01');
    expect(scored.code).toBe(EXIT.ok);
    const table = parseCsv(readFileSync(join(dir, 'scored.csv'), 'utf8'));
    expect(table.headers).toContain('Score');
    expect(table.rows.length).toBe(500);
  });

  it('fits the points of a given model and reports AUC before and after as JSON', async () => {
    const modelFile = join(dir, 'b2b.json');
    writeFileSync(modelFile, JSON.stringify({ ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' }));
    const { code, out } = await run('calibrate', EXAMPLE, '--outcome', 'converted', '--model', modelFile, '--json', '--suggestions', '0');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out);
    expect(json.holdout.aucBefore).toBeGreaterThan(0.5);
    expect(json.holdout.aucAfter).toBeGreaterThan(0.5);
    expect(json.criteria.length).toBe(templateById('weighted-b2b')!.model.criteria.filter((c) => c.enabled).length);
    expect(json.criteria.every((c: { oldPoints: number | null }) => c.oldPoints !== null)).toBe(true);
    expect(json.written).toBeNull();
  });

  it('shapes the scorecard: 0-100 points, Hot at a capacity, as JSON', async () => {
    const { code, out } = await run('calibrate', EXAMPLE, '--outcome', 'Converted', '--as-of', '2026-11-01', '--scale', '0-100', '--capacity', '15%', '--json');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out);
    expect(json.maximumPoints).toBeLessThanOrEqual(100);
    expect(json.maximumPoints).toBeGreaterThanOrEqual(95);
    expect(json.bands.at(-1).share).toBeLessThanOrEqual(0.15);
    expect(json.columns[0].bins[0]).toEqual(expect.objectContaining({ label: expect.any(String), leads: expect.any(Number), rate: expect.any(Number), points: expect.any(Number) }));
    expect(json.leftOut.find((l: { column: string }) => l.column === 'Lead ID').reason).toBe('identifier');
    expect(parseModel(json.model).ok).toBe(true);
  });

  it('rejects scorecard options it cannot honour, before reading the file', async () => {
    expect((await run('calibrate', EXAMPLE, '--outcome', 'Converted', '--scale', '0-10')).err).toMatch(/--scale must be 'points' or '0-100'/);
    expect((await run('calibrate', EXAMPLE, '--outcome', 'Converted', '--pdo', '0')).err).toMatch(/--pdo must be a number of points above 0/);
    const modelFile = join(dir, 'b2b.json');
    writeFileSync(modelFile, JSON.stringify(templateById('weighted-b2b')!.model));
    const both = await run('calibrate', EXAMPLE, '--outcome', 'Converted', '--model', modelFile, '--scale', '0-100');
    expect(both.code).toBe(EXIT.usage);
    expect(both.err).toMatch(/add --scorecard/);
  });

  it('never replaces an existing output without --force', async () => {
    const model = join(dir, 'model.json');
    writeFileSync(model, 'mine');
    const { code, err } = await run('calibrate', EXAMPLE, '--outcome', 'Converted', '-o', model);
    expect(code).toBe(EXIT.output);
    expect(err).toMatch(/already exists/);
    expect(readFileSync(model, 'utf8')).toBe('mine');
  });

  it('asks for the outcome column, and names the one meant when it is misspelt', async () => {
    expect((await run('calibrate', EXAMPLE)).code).toBe(EXIT.usage);
    const wrong = await run('calibrate', EXAMPLE, '--outcome', 'Convertd');
    expect(wrong.code).toBe(EXIT.input);
    expect(wrong.err).toMatch(/did you mean 'Converted'\?/);
  });
});

describe('leadscore backtest', () => {
  it('reports AUC, bands, deciles, gain and thresholds for a model on examples/leads.csv', async () => {
    const modelFile = join(dir, 'b2b.json');
    writeFileSync(modelFile, JSON.stringify({ ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' }));
    const { code, out } = await run('backtest', EXAMPLE, '--outcome', 'Converted', '--model', modelFile, '--capacity', '20%', '--target-rate', '25%');
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/on 500 leads with a known 'Converted' \(67 converted/);
    expect(out).toMatch(/Conversion by band:\n.*band.*\n.*Cold/);
    expect(out).toMatch(/the top 20% of leads capture/);
    expect(out).toMatch(/Threshold \d+: sales can work 100 of 500 leads/);
  });

  it('prints machine-readable figures with --json, agreeing with the engine', async () => {
    const model = { ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' };
    const modelFile = join(dir, 'b2b.json');
    writeFileSync(modelFile, JSON.stringify(model));
    const { code, out } = await run('backtest', EXAMPLE, '--outcome', 'Converted', '--model', modelFile, '--json');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(out);
    // Per-band leads add up to the table and match the engine's own banding of the leads.
    const table = parseCsv(readFileSync(EXAMPLE, 'utf8'));
    const compiled = compile(model, table.headers);
    if (!compiled.ok) throw new Error('model did not compile');
    const bands = compiled.value.scoreRows(table.rows).bandIndex;
    const counts = model.bands.map((_, b) => [...bands].filter((x) => x === b).length);
    expect(json.bands.map((b: { leads: number }) => b.leads)).toEqual(counts);
    expect(json.auc).toBeGreaterThan(0.5);
  });

  it("reads an xlsx workbook's leads and uses its Lead Scoring sheet when --model is not given", async () => {
    const table = parseCsv(readFileSync(EXAMPLE, 'utf8'));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    sheet.addRow(table.headers);
    for (const row of table.rows) sheet.addRow(row);
    writeModelSheet(wb, { ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' });
    const path = join(dir, 'history.xlsx');
    await wb.xlsx.writeFile(path);
    const { code, out } = await run('backtest', path, '--outcome', 'Converted', '--json');
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(out).leads).toBe(500);
  });

  it('needs a model for a CSV file', async () => {
    const { code, err } = await run('backtest', EXAMPLE, '--outcome', 'Converted');
    expect(code).toBe(EXIT.input);
    expect(err).toMatch(/no model to test; give it with --model/);
  });
});
