/**
 * The priority matrix's recommended actions are text the user writes (in the pane, on the
 * Lead Scoring sheet, over the Insights sheet's cells, in the model JSON). A formula, a line
 * break or a paragraph is refused at its field with a message that says what and where; an
 * empty action is the default; quotes, pipes, commas and markup reach every output intact and
 * inert.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { parseCsv } from '../../src/cli/csv';
import { DEFAULT_PRIORITY_ACTIONS, formatProblems, priorityActionOf, validateModel, withPriorityAction, type Model } from '../../src/engine';
import { PRIORITY_MODEL } from '../engine/builders';
import { runCli } from '../cli/runCli';

const problemsOf = (action: string): string => {
  const m: Model = { ...PRIORITY_MODEL, priorityActions: { A1: action } };
  const r = validateModel(m);
  return r.ok ? '' : formatProblems(r.problems);
};

describe('action texts the model refuses, at their field', () => {
  it('a formula, also full-width or after spaces and tabs', () => {
    for (const action of ['=HYPERLINK("http://x.example","y")', ' \t=1+1', '＝SUM(1)', '＋cmd|x', '－1+1', '＠SUM(A1)', '@SUM(A1)', '+cmd|x']) {
      expect([action, problemsOf(action)]).toEqual([action, expect.stringMatching(/priorityActions\.A1.*which Excel reads as the start of a formula/)]);
    }
  });

  it('more than 120 characters, or a line break', () => {
    expect(problemsOf('x'.repeat(300))).toMatch(/priorityActions\.A1.*300 characters; Excel takes at most 120 here/);
    expect(problemsOf('Call\nnow')).toMatch(/priorityActions\.A1.*has a line break/);
  });
});

describe('action texts that are kept', () => {
  it('an empty or blank action is the default; 120 characters are kept', () => {
    expect(priorityActionOf(withPriorityAction(PRIORITY_MODEL, 'A1', '   '), 'A1')).toBe(DEFAULT_PRIORITY_ACTIONS.A1);
    expect(problemsOf('x'.repeat(120))).toBe('');
  });

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadscore-hostile-actions-'));
  });

  it('quotes, pipes, commas, backticks and markup reach CSV, Markdown and the workbook as written, and inert', async () => {
    const action = 'Call "today", | `ask` <b>budget</b> [x](javascript:alert(1))';
    expect(problemsOf(action)).toBe('');
    const model = join(dir, 'model.json');
    writeFileSync(model, JSON.stringify({ ...PRIORITY_MODEL, priorityActions: { A1: action } }));
    const leads = join(dir, 'leads.csv');
    writeFileSync(leads, 'Name,Industry,Employees,Demo,Webinar\r\nAnn,Technology,500,yes,yes\r\n');
    for (const ext of ['csv', 'md', 'xlsx']) {
      const r = await runCli('calllist', leads, '--model', model, '-o', join(dir, `calls.${ext}`), '--as-of', '2026-11-26');
      expect([ext, r.code, r.err]).toEqual([ext, EXIT.ok, '']);
    }
    const csv = parseCsv(readFileSync(join(dir, 'calls.csv'), 'utf8'));
    expect(csv.rows[0]?.[csv.headers.indexOf('Action')]).toBe(action);
    const md = readFileSync(join(dir, 'calls.md'), 'utf8');
    expect(md).toContain('Call "today", \\| \\`ask\\` &lt;b&gt;budget&lt;/b&gt; \\[x\\]\\(javascript:alert\\(1\\)\\)');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(dir, 'calls.xlsx')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Call list');
    const header = (sheet?.getRow(3).values as unknown[]).indexOf('Action');
    expect(sheet?.getRow(4).getCell(header).value).toBe(action);
  });
});
