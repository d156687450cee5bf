import type { Band } from '../model';
import type { Problem } from '../problems';
import { BANDS_HEADERS, type CellTable } from './layout';
import { Collector, readTable } from './tableReader';

export function readBands(table: CellTable | undefined): { value: Band[]; problems: Problem[]; rowNumbers: number[] } {
  const out = new Collector('bands');
  const t = readTable(table);
  const value: Band[] = [];
  const rowNumbers: number[] = [];
  if (table === undefined || table.length === 0) {
    out.error(null, 'Band', 'the bands table is missing', `its header row is: ${BANDS_HEADERS.join(', ')}`);
    return { value, problems: out.problems, rowNumbers };
  }
  for (const h of BANDS_HEADERS) if (!t.has(h)) out.error(null, h, 'this column is missing from the bands table');
  if (out.problems.length > 0) return { value, problems: out.problems, rowNumbers };
  for (const { number: n, cells } of t.rows) {
    const name = out.text(t.cell(cells, 'Band'), n, 'Band');
    const from = out.number(t.cell(cells, 'From'), n, 'From', true);
    const color = out.text(t.cell(cells, 'Colour'), n, 'Colour');
    if (from === null) continue;
    value.push({ name, from, color });
    rowNumbers.push(n);
  }
  if (value.length === 0 && out.problems.length === 0) out.error(null, 'Band', 'there are no bands', 'add at least one, e.g. Cold from 0');
  return { value, problems: out.problems, rowNumbers };
}
