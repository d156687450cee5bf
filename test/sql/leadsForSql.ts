import { leadTableToCsv, parseCsv } from '../../src/cli/csv';
import { compile, TEMPLATES, type Model } from '../../src/engine';
import { generateLeads } from '../../src/sample-data/generateLeads';
import { BENCH_MODEL } from '../../bench/benchModel';

export const AS_OF = '2026-11-01';

/** 10,000 messy synthetic leads as a CSV gives them (text cells), the form a warehouse table loaded from CSV holds. */
export function textLeads(count = 10_000): { headers: string[]; rows: string[][] } {
  return parseCsv(leadTableToCsv(generateLeads({ count, seed: 'sql-export', asOf: AS_OF })));
}

/** Cells the generator never writes, so that every reading rule of the engine is met. */
export const EDGE_CELLS: Readonly<Record<string, readonly string[]>> = {
  Employees: ['1,200', '$1,500.50', '12%', '1e3', '-3', '.5', '1,5', 'abc', '#N/A', ' #N/A', '\u00a0 42 \u2003', '5.', '2.5E+2'],
  'Last Email Date': ['2026-10-05 14:30', '5 Oct 2026', 'Oct 5, 2026', 'October 5th 2026', 'Mon, 5 Oct 2026', '05/10/2026', '31/10/2026', '10-5-26', '2026.10.05', '2026-02-30', 'Thu 5th Nov 2026', '5-Oct-26', 'Oct 5 2026 2:30 pm', '2026-10-05T25:00', 'soon'],
  'Last Activity Date': ['2026-10-20', '10/20/2026', '20 Oct 2026', '2026-13-01', ''],
  Email: ['Ann <ann@Gmail.com>', 'bob@hotmail.co.uk ', 'x y@gmail.com', '@gmail.com', 'a@mail.gmail.com', 'c@b@yahoo.com', 'ann@gmail.com>'],
  'First Name': ['asdf', 'Qwerty', 'Liberty', 'Werther', 'jjj', 'j j j', 'john', 'Élodie', 'élodie', 'x1', 'ab@c', 'zxcv'],
  Title: ['VP Sales', 'vp', 'Head of Manager Relations', ' cto ', 'CHIEF EXECUTIVE OFFICER'],
  'Demo Requested': ['yes', 'Y', 'TRUE', '1', 'x', 'maybe', 'no', '0', 'ja', ''],
  'Blog Visits': ['3', ' 4 ', '1,000', '-2', 'many', '#N/A', '2.5'],
};

/** The leads with edge cells written over the first rows, column by column. */
export function leadsWithEdges(count = 10_000): { headers: string[]; rows: string[][] } {
  const table = textLeads(count);
  for (const [column, cells] of Object.entries(EDGE_CELLS)) {
    const at = table.headers.indexOf(column);
    if (at < 0) throw new Error(`no column ${column}`);
    cells.forEach((cell, i) => {
      const row = table.rows[i * 7 + at];
      if (row !== undefined) row[at] = cell;
    });
  }
  return table;
}

export const MODELS: readonly { id: string; model: Model }[] = [...TEMPLATES.map((t) => ({ id: t.id, model: t.model })), { id: 'bench', model: BENCH_MODEL }];

export function engineScores(model: Model, headers: readonly string[], rows: readonly string[][]): { score: number; band: string; fit: number; engagement: number }[] {
  const compiled = compile(model, headers, { asOf: AS_OF });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const scored = compiled.value.scoreRows(rows);
  return rows.map((_, i) => ({
    score: scored.scores[i] ?? Number.NaN,
    band: compiled.value.bands[scored.bandIndex[i] ?? 0]?.name ?? '',
    fit: scored.fit[i] ?? Number.NaN,
    engagement: scored.engagement[i] ?? Number.NaN,
  }));
}
