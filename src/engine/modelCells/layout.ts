import type { Decay, Group } from '../model';

/**
 * The model as three small tables of plain cell values, for a worksheet people can read and
 * edit: criteria (one row each), bands, and settings (name/value pairs). Each table's first
 * row is its header. Reading back finds columns by header, skips empty rows and reports every
 * problem with its table, row and column.
 */
export type Cell = string | number | boolean;
export type CellTable = readonly (readonly unknown[])[];

/** The three tables as read from a sheet or passed to a function; any may be missing. */
export interface ModelCellTables {
  readonly criteria?: CellTable;
  readonly bands?: CellTable;
  readonly settings?: CellTable;
}

export interface ModelCells {
  readonly criteria: Cell[][];
  readonly bands: Cell[][];
  readonly settings: Cell[][];
}

export type TableName = 'criteria' | 'bands' | 'settings';

export const CRITERIA_HEADERS = [
  'Group',
  'Criterion',
  'Column',
  'Condition',
  'Value',
  'Points',
  'Per occurrence of',
  'Cap min',
  'Cap max',
  'Decay',
  'Decay amount',
  'Decay after days',
  'Decay date column',
  'Enabled',
  'Note',
] as const;
export const BANDS_HEADERS = ['Band', 'From', 'Colour'] as const;
export const SETTINGS_HEADERS = ['Setting', 'Value'] as const;

export const GROUP_CELL: Readonly<Record<Group, string>> = { fit: 'Fit', engagement: 'Engagement' };
export const DECAY_CELL: Readonly<Record<Decay['kind'], string>> = { factor: 'lose %', deduct: 'lose points', halfLife: 'half-life' };

/** Setting labels, in the order they are written. */
export const SETTINGS = {
  name: 'Model name',
  description: 'Description',
  version: 'Format version',
  scale: 'Scale',
  asOf: 'As-of date',
  dateOrder: 'Date order',
  mql: 'MQL at',
  sql: 'SQL at',
  fitMin: 'Fit minimum',
  fitMax: 'Fit maximum',
  engagementMin: 'Engagement minimum',
  engagementMax: 'Engagement maximum',
  totalMin: 'Total minimum',
  totalMax: 'Total maximum',
  gradeA: 'Grade A from',
  gradeB: 'Grade B from',
  gradeC: 'Grade C from',
  level1: 'Level 1 from',
  level2: 'Level 2 from',
  level3: 'Level 3 from',
  accountColumn: 'Account column',
  accountScoring: 'Account score',
  accountTop: 'Account top N',
  engagedFrom: 'Engaged from',
  idColumn: 'Lead ID column',
  // The Priority matrix's recommended actions (priorityActions.ts), one row per cell.
  actionA1: 'Action A1',
  actionA2: 'Action A2',
  actionA3: 'Action A3',
  actionA4: 'Action A4',
  actionB1: 'Action B1',
  actionB2: 'Action B2',
  actionB3: 'Action B3',
  actionB4: 'Action B4',
  actionC1: 'Action C1',
  actionC2: 'Action C2',
  actionC3: 'Action C3',
  actionC4: 'Action C4',
  actionD1: 'Action D1',
  actionD2: 'Action D2',
  actionD3: 'Action D3',
  actionD4: 'Action D4',
} as const;

/** The 'Account score' cell for each way of scoring an account. */
export const ACCOUNT_SCORING_CELL = { best: 'best lead', top: 'sum of top N', average: 'average' } as const;

const LIST_SEPARATOR = ';';

/** "Technology; Health\;care": a backslash keeps a ';' or '\' inside one value. */
export function joinList(values: readonly string[]): string {
  return values.map((v) => v.replace(/[\\;]/g, (ch) => `\\${ch}`)).join(`${LIST_SEPARATOR} `);
}

export function splitList(text: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (ch === LIST_SEPARATOR) {
      values.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  values.push(current.trim());
  return values.filter((v) => v !== '');
}
