/**
 * The plain tables `leadscore accounts` and `leadscore calllist` print: names with emoji, with
 * Japanese characters (two columns each in a terminal), with an ESC sequence that would recolour
 * or clear the terminal, and with a right-to-left override that would reorder the line. The
 * columns stay in line, no character is printed broken, and nothing in a name acts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { PRIORITY_MODEL } from '../engine/builders';
import { runCli } from '../cli/runCli';

const HEADER = ['Name', 'Company', 'Email', 'Industry', 'Employees', 'Demo', 'Webinar'];
const LEADS = [
  ['😀'.repeat(20), '😀'.repeat(20), 'a@smile.example', 'Technology', 500, 'yes', 'yes'],
  ['Bo', '株式会社アクメ東京本社営業部第一課', 'bo@acme.co.jp', 'Technology', 500, 'yes', 'no'],
  ['Cy\u001b[2J\u001b[31m', 'Red\u001b]8;;http://x.example\u0007Co', 'cy@red.example', 'Technology', 500, 'no', 'yes'],
  ['Di', 'Evil\u202Emoc.elgoog', 'di@evil.example', 'Technology', 5, 'yes', 'no'],
];

let dir: string;
let model: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-hostile-terminal-'));
  model = join(dir, 'model.json');
  writeFileSync(model, JSON.stringify(PRIORITY_MODEL));
});

function csvFile(): string {
  const path = join(dir, 'leads.csv');
  const quote = (v: string | number) => (typeof v === 'string' && /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  writeFileSync(path, [HEADER, ...LEADS].map((r) => r.map(quote).join(',')).join('\r\n'));
  return path;
}

/** Columns on a terminal, counted independently of the code under test: CJK and emoji take two. */
const columns = (line: string): number => [...line].reduce((n, ch) => n + (/[\u3040-\u30ff\u4e00-\u9fff\u{1F300}-\u{1F64F}]/u.test(ch) ? 2 : 1), 0);
const brokenCharacter = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const acting = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('terminal tables with hostile names', () => {
  it('leadscore accounts: every line of the table is as wide as the header, nothing broken or acting', async () => {
    const { code, out } = await runCli('accounts', csvFile(), '--model', model, '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    expect(out).not.toMatch(brokenCharacter);
    expect(out).not.toMatch(acting);
    expect(out).toContain('Red\\x1b]8;;http://x.example\\x07…');
    const table = out.trimEnd().split('\n').slice(3);
    expect(table).toHaveLength(5);
    // The last column is a count, right-aligned: equal widths mean every column is in line.
    expect(new Set(table.map(columns)).size).toBe(1);
  });

  it('leadscore calllist: the lead lines are in line, a long emoji name is cut at a whole character', async () => {
    const { code, out } = await runCli('calllist', csvFile(), '--model', model, '--all', '--as-of', '2026-11-26');
    expect(code).toBe(EXIT.ok);
    expect(out).not.toMatch(brokenCharacter);
    expect(out).not.toMatch(acting);
    expect(out).toContain('Cy\\x1b[2J\\x1b[31m');
    expect(out).toContain('Evil\\x202emoc.elgoog');
    const lines = out.trimEnd().split('\n');
    const header = lines[3] ?? '';
    // The Company column starts at the same terminal column on the header and every lead line.
    const companyAt = columns(header.slice(0, header.indexOf('Company')));
    const leadLines = lines.filter((l) => /^\d+ /.test(l));
    expect(leadLines).toHaveLength(4);
    for (const line of leadLines) {
      const name = ['😀', 'Bo', 'Cy', 'Di'].find((n) => line.includes(`  ${n}`)) ?? '';
      const start = line.indexOf(`  ${name}`) + 2;
      // Name column width: Company starts after it and two spaces, wherever it is on the line.
      const afterName = line.slice(start).search(/ {2}\S/) + start + 2;
      expect(columns(line.slice(0, afterName))).toBe(companyAt);
    }
  });
});
