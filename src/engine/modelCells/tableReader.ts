import { excelErrorOf, isBlank, showCell } from '../cells/cellValue';
import { readNumber } from '../cells/readCell';
import type { Problem } from '../problems';
import type { CellTable, TableName } from './layout';

export interface TableReader {
  /** Data rows that are not entirely blank, with their 1-based row number in the table. */
  readonly rows: readonly { readonly number: number; readonly cells: readonly unknown[] }[];
  cell(row: readonly unknown[], header: string): unknown;
  has(header: string): boolean;
  /** Columns (0-based) whose header cell is blank though cells below it hold values: those values would be ignored. */
  readonly unnamedWithValues: readonly number[];
}

/** A header or setting name as compared: NFKC, trimmed, lower-cased, spaces collapsed. */
export const headerKey = (h: unknown): string => (typeof h === 'string' ? h.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') : String(h ?? '').toLowerCase());

export function readTable(table: CellTable | undefined): TableReader {
  const [head = [], ...body] = table ?? [];
  const index = new Map<string, number>();
  head.forEach((h, i) => {
    const k = headerKey(h);
    if (k !== '' && !index.has(k)) index.set(k, i);
  });
  // British and American spellings both work for the colour column.
  if (!index.has('colour') && index.has('color')) index.set('colour', index.get('color') ?? -1);
  return {
    rows: body.map((cells, i) => ({ number: i + 1, cells })).filter((r) => !r.cells.every(isBlank)),
    cell: (row, header) => {
      const i = index.get(headerKey(header));
      return i === undefined ? undefined : row[i];
    },
    has: (header) => index.has(headerKey(header)),
    unnamedWithValues: unnamedWithValues(head, body),
  };
}

function unnamedWithValues(head: readonly unknown[], body: CellTable): number[] {
  const width = body.reduce((w, row) => Math.max(w, row.length), head.length);
  const columns: number[] = [];
  for (let i = 0; i < width; i++) {
    if (headerKey(head[i]) === '' && body.some((row) => !isBlank(row[i]))) columns.push(i);
  }
  return columns;
}

export class Collector {
  readonly problems: Problem[] = [];
  constructor(private readonly table: TableName) {}

  error(row: number | null, column: string, message: string, hint?: string): void {
    this.problems.push({
      severity: 'error',
      at: { cells: { table: this.table, ...(row === null ? {} : { row }), column } },
      message,
      ...(hint === undefined ? {} : { hint }),
    });
  }

  text(value: unknown, row: number, column: string): string {
    if (isBlank(value)) return '';
    if (excelErrorOf(value) !== null) {
      this.error(row, column, `the cell holds the error ${excelErrorOf(value) ?? ''}`);
      return '';
    }
    return typeof value === 'string' ? value.trim() : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
  }

  /** A number, or null for a blank cell when the number is optional. */
  number(value: unknown, row: number, column: string, required: boolean): number | null {
    if (isBlank(value)) {
      if (required) this.error(row, column, 'a number is needed here');
      return null;
    }
    const n = readNumber(value);
    if (Number.isNaN(n)) {
      this.error(row, column, `${showCell(value)} is not a number`);
      return null;
    }
    return n;
  }
}
