import { isoDateFromExcelSerial, type CellValue } from '../engine';
import { C, COUNT_COLUMNS, DATE_COLUMNS } from './leadColumns';
import type { SeededRandom } from './random';

/** Excel-style thousands separators for messy Employees cells: 1200 -> "1,200". */
const withThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const INDUSTRY_MESS: readonly ((s: string) => string)[] = [
  (s) => `  ${s.toLowerCase()} `,
  (s) => s.toUpperCase(),
  (s) => `${s} `,
  (s) => ` ${s}`,
];

const str = (v: CellValue): string => (typeof v === 'string' ? v : '');


/** Corrupts cells the way hand-maintained spreadsheets are corrupted; each with probability m. */
export function applyMess(row: CellValue[], mess: SeededRandom, m: number): void {
  for (const i of COUNT_COLUMNS) {
    const v = row[i];
    if (typeof v !== 'number') continue;
    if (mess.chance(m)) {
      const k = mess.int(0, 3);
      row[i] = k === 0 ? ` ${v} ` : k === 1 ? `${v} ` : k === 2 ? ` ${v}` : String(v);
    } else if (mess.chance(m / 10)) {
      row[i] = '#N/A';
    }
  }
  const employees = row[C.employees];
  if (mess.chance(m)) row[C.employees] = '';
  else if (typeof employees === 'number' && mess.chance(m)) {
    row[C.employees] = employees >= 1000 ? withThousands(employees) : ` ${employees} `;
  }
  if (mess.chance(m)) row[C.country] = '';
  if (mess.chance(m)) row[C.title] = '';
  if (mess.chance(m)) row[C.industry] = mess.pick(INDUSTRY_MESS)(str(row[C.industry]));
  if (mess.chance(m / 2)) row[C.company] = `${str(row[C.company])} `;
  for (const i of DATE_COLUMNS) {
    const v = row[i];
    if (typeof v === 'number' && mess.chance(m)) {
      const iso = isoDateFromExcelSerial(v);
      // Text dates as typed by people: ISO, or US month/day/year.
      row[i] = mess.chance(0.5) ? iso : `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
    }
  }
}
