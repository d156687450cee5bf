import { excelErrorOf, isBlank, showCell } from './cells/cellValue';
import { excelSerialFromIsoDate, isExcelDateSerial, isoDateFromExcelSerial } from './cells/excelDate';
import { readNumber, readYes } from './cells/readCell';
import { conditionLabel, conditionOpFromLabel, CONDITION_OPS } from './conditions/conditionLabels';
import {
  MODEL_VERSION,
  type Band,
  type Cap,
  type Condition,
  type Criterion,
  type Decay,
  type Group,
  type Model,
} from './model';
import { resultOf, type Problem, type Result } from './problems';
import { normaliseModel } from './schema';
import { validateModel } from './validate';

/**
 * The model as three small tables of plain cell values, for a worksheet people can read and
 * edit: criteria (one row each), bands, and settings (name/value pairs). Each table's first
 * row is its header. Reading back finds columns by header, skips empty rows and reports every
 * problem with its table, row and column.
 */
export type Cell = string | number | boolean;
export type CellTable = readonly (readonly unknown[])[];

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
} as const;

const LIST_SEPARATOR = ';';

// ---------------------------------------------------------------------------- writing

export function modelToCells(m: Model): ModelCells {
  const criteria: Cell[][] = [[...CRITERIA_HEADERS]];
  for (const c of m.criteria) {
    const d = c.decay;
    criteria.push([
      GROUP_CELL[c.group],
      c.name,
      c.field,
      conditionLabel(c.condition.op),
      conditionValueCell(c.condition),
      c.points,
      c.perOccurrenceOf ?? '',
      c.cap.min ?? '',
      c.cap.max ?? '',
      d === null ? '' : DECAY_CELL[d.kind],
      d === null ? '' : d.kind === 'factor' ? d.percent : d.kind === 'deduct' ? d.points : d.halfLifeDays,
      d === null || d.kind === 'halfLife' ? '' : d.afterDays,
      d === null ? '' : d.dateField,
      c.enabled,
      c.note,
    ]);
  }
  const bands: Cell[][] = [[...BANDS_HEADERS], ...m.bands.map((b): Cell[] => [b.name, b.from, b.color])];
  const settings: Cell[][] = [
    [...SETTINGS_HEADERS],
    [SETTINGS.name, m.name],
    [SETTINGS.description, m.description],
    [SETTINGS.version, m.version],
    [SETTINGS.scale, m.scale],
    [SETTINGS.asOf, m.asOf ?? ''],
    [SETTINGS.dateOrder, m.dateOrder],
    [SETTINGS.mql, m.stages.mql ?? ''],
    [SETTINGS.sql, m.stages.sql ?? ''],
    [SETTINGS.fitMin, m.groupCaps.fit.min ?? ''],
    [SETTINGS.fitMax, m.groupCaps.fit.max ?? ''],
    [SETTINGS.engagementMin, m.groupCaps.engagement.min ?? ''],
    [SETTINGS.engagementMax, m.groupCaps.engagement.max ?? ''],
    [SETTINGS.totalMin, m.totalCap.min ?? ''],
    [SETTINGS.totalMax, m.totalCap.max ?? ''],
  ];
  return { criteria, bands, settings };
}

function conditionValueCell(c: Condition): Cell {
  switch (c.op) {
    case 'equals':
    case 'notEquals':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
    case 'matches':
      return joinList(c.values);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return c.value;
    case 'between':
      return `${c.min} to ${c.max}`;
    case 'withinDays':
    case 'olderThanDays':
      return c.days;
    case 'blank':
    case 'notBlank':
    case 'isTrue':
    case 'personalEmail':
    case 'spamLike':
      return '';
  }
}

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

// ---------------------------------------------------------------------------- reading

interface TableReader {
  /** Data rows that are not entirely blank, with their 1-based row number in the table. */
  readonly rows: readonly { readonly number: number; readonly cells: readonly unknown[] }[];
  cell(row: readonly unknown[], header: string): unknown;
  has(header: string): boolean;
}

const headerKey = (h: unknown): string => (typeof h === 'string' ? h.trim().toLowerCase().replace(/\s+/g, ' ') : String(h ?? '').toLowerCase());

function readTable(table: CellTable | undefined): TableReader {
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
  };
}

class Collector {
  readonly problems: Problem[] = [];
  constructor(private readonly table: TableName) {}

  error(row: number | null, column: string, message: string, hint?: string): void {
    const where = row === null ? `${this.table} table, column '${column}'` : `${this.table} table, row ${row}, '${column}'`;
    this.problems.push({
      severity: 'error',
      where,
      message,
      path: ['cells', this.table, ...(row === null ? [] : [row]), column],
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

/** Reads a model back from its cells: every problem at once, located by table, row and column. */
export function modelFromCells(cells: { criteria?: CellTable; bands?: CellTable; settings?: CellTable }): Result<Model> {
  const criteriaOut = readCriteria(cells.criteria);
  const bandsOut = readBands(cells.bands);
  const settingsOut = readSettings(cells.settings);
  const cellProblems = [...criteriaOut.problems, ...bandsOut.problems, ...settingsOut.problems];
  const m: Model = normaliseModel({ ...settingsOut.value, criteria: criteriaOut.value, bands: bandsOut.value });
  const validated = validateModel(m);
  let modelProblems = validated.ok ? validated.warnings : validated.problems;
  // Rows with wrong cells are left out of m, so a check that needs every criterion (the
  // 0-100 scale's maximum) could be wrong; the others still hold, and are reported with them.
  if (criteriaOut.problems.length > 0) modelProblems = modelProblems.filter((p) => p.path[0] !== 'scale');
  // Point model-level problems at the cells a person would edit.
  const rows: RowNumbers = { criteria: criteriaOut.rowNumbers, bands: bandsOut.rowNumbers, settings: settingsOut.rowNumbers };
  const reported = new Set(cellProblems.map((p) => p.where));
  const located = modelProblems.map((p) => relocate(p, rows)).filter((p) => !reported.has(p.where));
  return resultOf(m, [...cellProblems, ...located]);
}

interface RowNumbers {
  /** The table row of each criterion and band read, by its index in the model. */
  readonly criteria: readonly number[];
  readonly bands: readonly number[];
  /** The table row of each setting present, by its lower-cased label. */
  readonly settings: ReadonlyMap<string, number>;
}

const CRITERION_COLUMNS: Readonly<Record<string, (typeof CRITERIA_HEADERS)[number]>> = {
  name: 'Criterion',
  group: 'Group',
  field: 'Column',
  condition: 'Value',
  points: 'Points',
  perOccurrenceOf: 'Per occurrence of',
  cap: 'Cap min',
  enabled: 'Enabled',
  note: 'Note',
  dateField: 'Decay date column',
  afterDays: 'Decay after days',
  percent: 'Decay amount',
  halfLifeDays: 'Decay amount',
};
const BAND_COLUMNS: Readonly<Record<string, (typeof BANDS_HEADERS)[number]>> = { name: 'Band', from: 'From', color: 'Colour' };
const SETTING_OF_PATH: Readonly<Record<string, string>> = {
  name: SETTINGS.name,
  scale: SETTINGS.scale,
  asOf: SETTINGS.asOf,
  dateOrder: SETTINGS.dateOrder,
  'stages.mql': SETTINGS.mql,
  'stages.sql': SETTINGS.sql,
  'groupCaps.fit': SETTINGS.fitMin,
  'groupCaps.engagement': SETTINGS.engagementMin,
  totalCap: SETTINGS.totalMin,
};

function relocate(p: Problem, rows: RowNumbers): Problem {
  const [section, index, key, subKey] = p.path;
  const at = (table: TableName, row: number | undefined, column: string): Problem => {
    const where = row === undefined ? `${table} table, '${column}'` : `${table} table, row ${row}, '${column}'`;
    return { ...p, where, path: ['cells', table, ...(row === undefined ? [] : [row]), column] };
  };
  if (section === 'criteria' && typeof index === 'number') {
    // A deduction's points are the decay amount, not the criterion's points.
    const column = key === 'decay' ? CRITERION_COLUMNS[String(subKey) === 'points' ? 'percent' : String(subKey)] : CRITERION_COLUMNS[String(key)];
    return at('criteria', rows.criteria[index] ?? index + 1, column ?? 'Column');
  }
  if (section === 'bands' && typeof index === 'number') {
    return at('bands', rows.bands[index] ?? index + 1, BAND_COLUMNS[String(key)] ?? 'Band');
  }
  const setting = SETTING_OF_PATH[p.path.join('.')];
  if (setting === undefined) return { ...p, where: `settings table (${p.where})`, path: ['cells', 'settings', ...p.path] };
  return at('settings', rows.settings.get(setting.toLowerCase()), setting);
}

function readCriteria(table: CellTable | undefined): { value: Criterion[]; problems: Problem[]; rowNumbers: number[] } {
  const out = new Collector('criteria');
  const t = readTable(table);
  const value: Criterion[] = [];
  const rowNumbers: number[] = [];
  if (table === undefined || table.length === 0) {
    out.error(null, 'Column', 'the criteria table is missing', `its header row is: ${CRITERIA_HEADERS.join(', ')}`);
    return { value, problems: out.problems, rowNumbers };
  }
  for (const required of ['Column', 'Condition', 'Points']) {
    if (!t.has(required)) out.error(null, required, 'this column is missing from the criteria table');
  }
  if (out.problems.length > 0) return { value, problems: out.problems, rowNumbers };

  for (const { number: n, cells } of t.rows) {
    const get = (h: (typeof CRITERIA_HEADERS)[number]): unknown => t.cell(cells, h);
    const groupCell = out.text(get('Group'), n, 'Group');
    const groupText = groupCell.toLowerCase();
    let group: Group = 'fit';
    if (groupText === 'engagement' || groupText === 'implicit') group = 'engagement';
    else if (groupText !== 'fit' && groupText !== 'explicit' && groupText !== '') {
      out.error(n, 'Group', `'${groupCell}' is not a group`, "write 'Fit' or 'Engagement'");
    } else if (groupText === '') out.error(n, 'Group', 'no group given', "write 'Fit' or 'Engagement'");

    const field = out.text(get('Column'), n, 'Column');
    if (field === '') out.error(n, 'Column', 'no column given', 'name the lead-table column this criterion reads');
    const condition = readCondition(out, n, out.text(get('Condition'), n, 'Condition'), get('Value'));
    const points = out.number(get('Points'), n, 'Points', true);
    const perOccurrence = out.text(get('Per occurrence of'), n, 'Per occurrence of');
    const cap: Cap = { min: out.number(get('Cap min'), n, 'Cap min', false), max: out.number(get('Cap max'), n, 'Cap max', false) };
    const decay = readDecay(out, n, get);
    const enabledCell = get('Enabled');
    let enabled = true;
    if (!isBlank(enabledCell)) {
      const yes = readYes(enabledCell);
      if (Number.isNaN(yes)) out.error(n, 'Enabled', `${showCell(enabledCell)} is neither yes nor no`, 'write TRUE or FALSE');
      else enabled = yes === 1;
    }
    if (condition === null || points === null || decay === undefined) continue;
    value.push({
      name: out.text(get('Criterion'), n, 'Criterion'),
      group,
      field,
      condition,
      points,
      perOccurrenceOf: perOccurrence === '' ? null : perOccurrence,
      decay,
      cap,
      enabled,
      note: out.text(get('Note'), n, 'Note'),
    });
    rowNumbers.push(n);
  }
  return { value, problems: out.problems, rowNumbers };
}

const BETWEEN_TEXT = /^(.+?)\s*(?:\bto\b|\band\b|\.\.|–)\s*(.+)$/i;

function readCondition(out: Collector, n: number, label: string, valueCell: unknown): Condition | null {
  if (label === '') {
    out.error(n, 'Condition', 'no condition given', `use one of: ${CONDITION_OPS.map(conditionLabel).join(', ')}`);
    return null;
  }
  const op = conditionOpFromLabel(label);
  if (op === undefined) {
    out.error(n, 'Condition', `'${label}' is not a condition`, `use one of: ${CONDITION_OPS.map(conditionLabel).join(', ')}`);
    return null;
  }
  switch (op) {
    case 'equals':
    case 'notEquals':
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith':
    case 'matches': {
      const values = splitList(out.text(valueCell, n, 'Value'));
      if (values.length === 0) {
        out.error(n, 'Value', `'${label}' needs a value`, 'separate several values with ;');
        return null;
      }
      return { op, values };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const value = out.number(valueCell, n, 'Value', true);
      return value === null ? null : { op, value };
    }
    case 'between': {
      const m = BETWEEN_TEXT.exec(out.text(valueCell, n, 'Value'));
      const min = m === null ? Number.NaN : readNumber(m[1]);
      const max = m === null ? Number.NaN : readNumber(m[2]);
      if (Number.isNaN(min) || Number.isNaN(max)) {
        out.error(n, 'Value', `${showCell(valueCell)} is not a range`, "write it as '10 to 50'");
        return null;
      }
      return { op, min, max };
    }
    case 'withinDays':
    case 'olderThanDays': {
      const days = out.number(valueCell, n, 'Value', true);
      return days === null ? null : { op, days };
    }
    case 'blank':
    case 'notBlank':
    case 'isTrue':
    case 'personalEmail':
    case 'spamLike':
      return { op };
  }
}

/** The decay of a row: null for none, undefined when the row's decay cells have errors. */
function readDecay(out: Collector, n: number, get: (h: (typeof CRITERIA_HEADERS)[number]) => unknown): Decay | null | undefined {
  const kindCell = out.text(get('Decay'), n, 'Decay');
  const kindText = kindCell.toLowerCase();
  if (kindText === '' || kindText === 'none') return null;
  const kind = (Object.keys(DECAY_CELL) as Decay['kind'][]).find((k) => DECAY_CELL[k] === kindText || k.toLowerCase() === kindText);
  if (kind === undefined) {
    out.error(n, 'Decay', `'${kindCell}' is not a kind of decay`, `use ${Object.values(DECAY_CELL).join(', ')}, or leave it empty`);
    return undefined;
  }
  const before = out.problems.length;
  const amount = out.number(get('Decay amount'), n, 'Decay amount', true);
  const dateField = out.text(get('Decay date column'), n, 'Decay date column');
  if (dateField === '') out.error(n, 'Decay date column', 'decay needs a date column');
  const afterDays = kind === 'halfLife' ? 0 : out.number(get('Decay after days'), n, 'Decay after days', true);
  if (out.problems.length > before || amount === null || afterDays === null) return undefined;
  switch (kind) {
    case 'factor':
      return { kind, dateField, afterDays, percent: amount };
    case 'deduct':
      return { kind, dateField, afterDays, points: amount };
    case 'halfLife':
      return { kind, dateField, halfLifeDays: amount };
  }
}

function readBands(table: CellTable | undefined): { value: Band[]; problems: Problem[]; rowNumbers: number[] } {
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

type Settings = Omit<Model, 'criteria' | 'bands'>;

function readSettings(table: CellTable | undefined): { value: Settings; problems: Problem[]; rowNumbers: Map<string, number> } {
  const out = new Collector('settings');
  const byName = new Map<string, { value: unknown; row: number; typed: string }>();
  const t = readTable(table);
  for (const { number: n, cells } of t.rows) {
    const typed = out.text(t.cell(cells, 'Setting'), n, 'Setting');
    const name = headerKey(typed);
    if (name !== '') byName.set(name, { value: t.cell(cells, 'Value'), row: n, typed });
  }
  const known = new Set(Object.values(SETTINGS).map((s) => s.toLowerCase()));
  for (const [name, { row, typed }] of byName) {
    if (!known.has(name)) out.error(row, 'Setting', `'${typed}' is not a setting`, `the settings are: ${Object.values(SETTINGS).join(', ')}`);
  }
  const raw = (label: string): { value: unknown; row: number } => byName.get(label.toLowerCase()) ?? { value: '', row: 0 };
  const text = (label: string): string => {
    const s = raw(label);
    return out.text(s.value, s.row, label);
  };
  const num = (label: string): number | null => {
    const s = raw(label);
    return out.number(s.value, s.row, label, false);
  };

  const versionCell = raw(SETTINGS.version);
  const version = isBlank(versionCell.value) ? MODEL_VERSION : readNumber(versionCell.value);
  if (version !== MODEL_VERSION) {
    out.error(versionCell.row, SETTINGS.version, `format version ${showCell(versionCell.value)} is not one this version reads (${MODEL_VERSION})`, 'update the add-in');
  }
  const scaleText = text(SETTINGS.scale).toLowerCase();
  const scale = scaleText === '0-100' || scaleText === '0 to 100' || scaleText === 'percent' ? '0-100' : 'points';
  if (scaleText !== '' && scaleText !== 'points' && scale === 'points') {
    out.error(raw(SETTINGS.scale).row, SETTINGS.scale, `'${scaleText}' is not a scale`, "write 'points' or '0-100'");
  }
  const orderText = text(SETTINGS.dateOrder).toUpperCase();
  if (orderText !== '' && orderText !== 'MDY' && orderText !== 'DMY') {
    out.error(raw(SETTINGS.dateOrder).row, SETTINGS.dateOrder, `'${orderText}' is not a date order`, "write 'MDY' (month first) or 'DMY' (day first)");
  }
  return {
    value: {
      version: MODEL_VERSION,
      name: text(SETTINGS.name) || 'Untitled model',
      description: text(SETTINGS.description),
      scale,
      asOf: readAsOf(out, raw(SETTINGS.asOf)),
      dateOrder: orderText === 'DMY' ? 'DMY' : 'MDY',
      stages: { mql: num(SETTINGS.mql), sql: num(SETTINGS.sql) },
      groupCaps: {
        fit: { min: num(SETTINGS.fitMin), max: num(SETTINGS.fitMax) },
        engagement: { min: num(SETTINGS.engagementMin), max: num(SETTINGS.engagementMax) },
      },
      totalCap: { min: num(SETTINGS.totalMin), max: num(SETTINGS.totalMax) },
    },
    problems: out.problems,
    rowNumbers: new Map([...byName].map(([name, { row }]) => [name, row])),
  };
}

/** Excel turns a typed date into a serial number; both that and 'YYYY-MM-DD' text are read. */
function readAsOf(out: Collector, cell: { value: unknown; row: number }): string | null {
  if (isBlank(cell.value)) return null;
  if (typeof cell.value === 'number' && isExcelDateSerial(cell.value)) return isoDateFromExcelSerial(cell.value);
  const text = out.text(cell.value, cell.row, SETTINGS.asOf);
  if (!Number.isNaN(excelSerialFromIsoDate(text))) return text;
  out.error(cell.row, SETTINGS.asOf, `${showCell(cell.value)} is not a date`, 'write it as YYYY-MM-DD, or leave it empty for today');
  return null;
}
