import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { runCli } from './runCli';
import { withPriorityAction } from '../../src/engine';
import { PRIORITY_MODEL } from '../engine/builders';

// The eight leads counted by hand in test/engine/priorityMatrix.test.ts, with their outcomes.
const CSV = [
  'Industry,Employees,Demo,Webinar,Converted',
  'Technology,500,yes,yes,yes', // A1
  'Technology,200,yes,no,no', // A1
  'Technology,5,no,yes,yes', // B3
  'Retail,100,no,no,no', // C4
  'Retail,5,yes,no,', // D1, outcome unknown
  'Technology,150,no,no,no', // A4
  'Technology,500,yes,yes,yes', // A1
  'Retail,5,no,no,no', // D4
].join('\n');

describe('leadscore backtest: the priority matrix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-priority-'));
  const leads = join(dir, 'leads.csv');
  writeFileSync(leads, CSV);
  const model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify(withPriorityAction(PRIORITY_MODEL, 'D1', 'Pass to the partner team')));

  it('prints the 4 x 4 grid of leads and conversion, and the action of each cell that holds leads', async () => {
    const { code, out } = await runCli('backtest', leads, '--outcome', 'Converted', '--model', model, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    const text = out.slice(out.indexOf('Priority matrix'));
    expect(text).toContain("Priority matrix: fit grade (A best) x engagement level (1 most engaged), 8 leads, 7 with a known 'Converted' (3 converted).");
    expect(text).toContain('Grade A from Fit 45, B from 30, C from 15; level 1 from Engagement 30, 2 from 20, 3 from 10.');
    // Rows of the grid: A1 holds 3 leads of which 2 converted; too few for a rate.
    expect(text).toMatch(/grade A +3: 2 of 3 +0 +0 +1: 0 of 1\n/);
    expect(text).toMatch(/grade B +0 +0 +1: 1 of 1 +0\n/);
    expect(text).toMatch(/grade C +0 +0 +0 +1: 0 of 1\n/);
    expect(text).toMatch(/grade D +1 +0 +0 +1: 0 of 1\n/);
    expect(text).toMatch(/\n {2}A1 +3 +2 of 3 +Call now\n/);
    expect(text).toMatch(/\n {2}D1 +1 +- +Pass to the partner team\n/);
    expect(text).toMatch(/\n {2}D4 +1 +0 of 1 +Disqualify\n/);
    expect(text).toContain('(no leads in A2, A3, B1, B2, B4, C1, C2, C3, D2, D3)');
    expect(text).not.toContain('No lead reaches');
  });

  it('says which setting to change when no lead reaches grade A', async () => {
    // Grade A from 70: above the 60 Fit the best leads have.
    const strict = join(dir, 'strict.json');
    writeFileSync(strict, JSON.stringify({ ...PRIORITY_MODEL, priority: { ...PRIORITY_MODEL.priority, gradeA: 70 } }));
    const { code, out } = await runCli('backtest', leads, '--outcome', 'Converted', '--model', strict, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    expect(out).toContain("Grade A from Fit 70, B from 30, C from 15; level 1 from Engagement 30, 2 from 20, 3 from 10.\nNo lead reaches fit grade A (Fit 70): set 'Grade A from' in the model's settings.\n");
  });

  it('gives the matrix in the JSON output', async () => {
    const { code, out } = await runCli('backtest', leads, '--outcome', 'Converted', '--model', model, '--as-of', '2026-11-26', '--json');
    expect(code).toBe(EXIT.ok);
    const cells = JSON.parse(out).priority.cells as { priority: string; leads: number; withOutcome: number; converted: number; action: string }[];
    expect(cells.find((c) => c.priority === 'A1')).toMatchObject({ leads: 3, withOutcome: 3, converted: 2, action: 'Call now' });
    expect(cells.find((c) => c.priority === 'D1')).toMatchObject({ leads: 1, withOutcome: 0, action: 'Pass to the partner team' });
  });
});
