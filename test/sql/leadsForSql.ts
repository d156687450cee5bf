import { leadTableToCsv, parseCsv } from '../../src/cli/csv';
import { compile, criterion, isBlank, isoDateFromExcelSerial, model, readDate, readNumber, TEMPLATES, type Model } from '../../src/engine';
import { readYes } from '../../src/engine/cells/readCell';
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
  'First Name': ['asdf', 'Qwerty', 'Liberty', 'Werther', 'jjj', 'j j j', 'john', 'Élodie', 'élodie', 'x1', 'ab@c', 'zxcv', '\u0001jjj', 'kkk\u0002', 'a\u0003 a a', 'anna', '#value!', '#NAME?x'],
  Title: ['VP Sales', 'vp', 'Head of Manager Relations', ' cto ', 'CHIEF EXECUTIVE OFFICER'],
  'Demo Requested': ['yes', 'Y', 'TRUE', '1', 'x', 'maybe', 'no', '0', 'ja', ''],
  'Blog Visits': ['3', ' 4 ', '1,000', '-2', 'many', '#N/A', '2.5'],
};

/** A table's cells: text, or null for SQL's NULL (a warehouse's empty cell). */
export type Cell = string | null;

/**
 * The leads with edge cells written over the first rows, column by column, and NULL in three
 * columns of every 13th row after them (rotating, so every column meets NULL many times).
 */
export function leadsWithEdges(count = 10_000): { headers: string[]; rows: Cell[][] } {
  const table: { headers: string[]; rows: Cell[][] } = textLeads(count);
  for (const [column, cells] of Object.entries(EDGE_CELLS)) {
    const at = table.headers.indexOf(column);
    if (at < 0) throw new Error(`no column ${column}`);
    cells.forEach((cell, i) => {
      const row = table.rows[i * 7 + at];
      if (row !== undefined) row[at] = cell;
    });
  }
  const width = table.headers.length;
  table.rows.forEach((row, r) => {
    if (r < 200 || r % 13 !== 5) return;
    const k = Math.floor(r / 13);
    for (const column of [k % width, (k + 7) % width, (k + 13) % width]) row[column] = null;
  });
  return table;
}

/**
 * Every condition kind, per-occurrence counts, each decay and every cap, over the columns that
 * hold NULLs and edge cells: the model that checks SQL's three-valued logic against the engine.
 */
export const EVERY_CONDITION: Model = model({
  name: 'Every condition under NULL',
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'blank' }, points: 3 }),
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'notBlank' }, points: 1 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'blank' }, points: -1.5 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'equals', values: ['500', '1,200', 'abc'] }, points: 2 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'notEquals', values: ['10'] }, points: 1 }),
    criterion({ group: 'fit', field: 'Country', condition: { op: 'notEquals', values: ['Canada', 'France'] }, points: 1.25 }),
    criterion({ group: 'fit', field: 'Company', condition: { op: 'contains', values: ['Inc', 'sys'] }, points: 1 }),
    criterion({ group: 'fit', field: 'Company', condition: { op: 'notContains', values: ['Ltd'] }, points: 1 }),
    criterion({ group: 'fit', field: 'Company', condition: { op: 'startsWith', values: ['King', 'Hill'] }, points: 1 }),
    criterion({ group: 'fit', field: 'Company', condition: { op: 'endsWith', values: ['Group', 'SA'] }, points: 1 }),
    criterion({ group: 'fit', field: 'Title', condition: { op: 'matches', values: ['*manager*', 'v? *', '*~*'] }, points: 1 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'lt', value: 10 }, points: -2 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'lte', value: 10 }, points: -1 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'gt', value: 1000 }, points: 4 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 1000 }, points: 1 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'between', min: 50, max: 500 }, points: 3 }),
    criterion({ group: 'fit', field: 'Email', condition: { op: 'personalEmail' }, points: -5 }),
    criterion({ group: 'fit', field: 'First Name', condition: { op: 'spamLike' }, points: -7 }),
    criterion({ group: 'engagement', field: 'Demo Requested', condition: { op: 'isTrue' }, points: 20 }),
    criterion({ group: 'engagement', field: 'Trial Signed Up', condition: { op: 'blank' }, points: -1 }),
    criterion({ group: 'engagement', field: 'Last Activity Date', condition: { op: 'withinDays', days: 30 }, points: 6 }),
    criterion({ group: 'engagement', field: 'Last Activity Date', condition: { op: 'olderThanDays', days: 90.5 }, points: -3 }),
    criterion({ group: 'engagement', field: 'Last Email Date', condition: { op: 'blank' }, points: -2 }),
    criterion({ group: 'engagement', field: 'Blog Visits', condition: { op: 'notBlank' }, points: 1.5, perOccurrenceOf: 'Blog Visits', cap: { min: -4, max: 12 } }),
    criterion({
      group: 'engagement',
      field: 'Website Visits',
      condition: { op: 'gte', value: 0 },
      points: 0.7,
      perOccurrenceOf: 'Website Visits',
      decay: { kind: 'halfLife', dateField: 'Last Activity Date', halfLifeDays: 21 },
      cap: { min: null, max: 9 },
    }),
    criterion({ group: 'engagement', field: 'Email Opens', condition: { op: 'gte', value: 1 }, points: 3, decay: { kind: 'factor', dateField: 'Last Email Date', afterDays: 30, percent: 40 } }),
    criterion({ group: 'engagement', field: 'Webinars Attended', condition: { op: 'notBlank' }, points: 8, perOccurrenceOf: 'Webinars Attended', decay: { kind: 'deduct', dateField: 'Last Webinar Date', afterDays: 60, points: 5 } }),
  ],
  groupCaps: { fit: { min: -10, max: 25 }, engagement: { min: null, max: 45 } },
  totalCap: { min: -5, max: 60 },
  bands: [
    { name: 'Cold', from: 0, color: '#BDD7EE' },
    { name: 'Warm', from: 15.5, color: '#FFE699' },
    { name: 'Hot', from: 30, color: '#F8CBAD' },
  ],
  stages: { mql: 20, sql: 40 },
});

/**
 * Sevenths and thirteenths on the 0-100 scale: three Fit criteria and an Engagement group
 * capped at 4 points would make 7, and a total cap of 6.5 makes the maximum; so almost every
 * score and share has a remainder to apportion. Decay and per-occurrence points make fractions
 * of units; negative points, the group caps, the total cap and the scale's 0 bound make
 * negative shares and a third share (the total's caps) beside Fit and Engagement.
 */
export const SEVENTHS: Model = model({
  name: 'Sevenths',
  scale: '0-100',
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'notBlank' }, points: 1 }),
    criterion({ group: 'fit', field: 'Title', condition: { op: 'notBlank' }, points: 1 }),
    criterion({ group: 'fit', field: 'Country', condition: { op: 'notBlank' }, points: 1 }),
    criterion({ group: 'fit', field: 'Email', condition: { op: 'personalEmail' }, points: -1 }),
    criterion({ group: 'fit', field: 'First Name', condition: { op: 'spamLike' }, points: -2.5 }),
    criterion({ group: 'engagement', field: 'Demo Requested', condition: { op: 'isTrue' }, points: 1 }),
    criterion({ group: 'engagement', field: 'Trial Signed Up', condition: { op: 'blank' }, points: -1 }),
    criterion({ group: 'engagement', field: 'Blog Visits', condition: { op: 'notBlank' }, points: 1 / 3, perOccurrenceOf: 'Blog Visits', cap: { min: -1, max: 1 } }),
    criterion({ group: 'engagement', field: 'Website Visits', condition: { op: 'gte', value: 0 }, points: 0.3, perOccurrenceOf: 'Website Visits', decay: { kind: 'halfLife', dateField: 'Last Activity Date', halfLifeDays: 13 }, cap: { min: null, max: 1 } }),
    criterion({ group: 'engagement', field: 'Email Opens', condition: { op: 'gte', value: 1 }, points: 1, decay: { kind: 'factor', dateField: 'Last Email Date', afterDays: 30, percent: 50 } }),
    criterion({ group: 'engagement', field: 'Webinars Attended', condition: { op: 'notBlank' }, points: 1, decay: { kind: 'deduct', dateField: 'Last Webinar Date', afterDays: 60, points: 0.25 } }),
    criterion({ group: 'engagement', field: 'Last Activity Date', condition: { op: 'withinDays', days: 30 }, points: 1 }),
    criterion({ group: 'engagement', field: 'Last Email Date', condition: { op: 'blank' }, points: -2 }),
  ],
  groupCaps: { fit: { min: -1, max: null }, engagement: { min: null, max: 4 } },
  totalCap: { min: null, max: 6.5 },
  bands: [
    { name: 'Cold', from: 0, color: '#BDD7EE' },
    { name: 'Warm', from: 42.86, color: '#FFE699' },
    { name: 'Hot', from: 85.71, color: '#F8CBAD' },
  ],
  stages: { mql: 57.14, sql: 100 },
});

export const MODELS: readonly { id: string; model: Model }[] = [
  ...TEMPLATES.map((t) => ({ id: t.id, model: t.model })),
  { id: 'bench', model: BENCH_MODEL },
  { id: 'bench, 0-100', model: { ...BENCH_MODEL, scale: '0-100' } },
  { id: 'every condition', model: EVERY_CONDITION },
  { id: 'every condition, 0-100, day first', model: { ...EVERY_CONDITION, scale: '0-100', dateOrder: 'DMY' } },
  { id: 'sevenths, 0-100', model: SEVENTHS },
];

export function engineScores(model: Model, headers: readonly string[], rows: readonly (readonly Cell[])[]): { score: number; band: string; fit: number; engagement: number }[] {
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

/** The SQL types of the typed lead table, for DuckDB and PostgreSQL; every other column is text. */
export const TYPED_COLUMNS: Readonly<Record<string, { duckdb: string; postgres: string; kind: 'integer' | 'decimal' | 'double' | 'date' | 'timestamp' | 'boolean' }>> = {
  Employees: { duckdb: 'INTEGER', postgres: 'integer', kind: 'integer' },
  'Pricing Page Visits': { duckdb: 'BIGINT', postgres: 'bigint', kind: 'integer' },
  'Email Opens': { duckdb: 'SMALLINT', postgres: 'smallint', kind: 'integer' },
  'Website Visits': { duckdb: 'DOUBLE', postgres: 'double precision', kind: 'double' },
  'Blog Visits': { duckdb: 'DECIMAL(10,2)', postgres: 'numeric(10,2)', kind: 'decimal' },
  'Webinars Attended': { duckdb: 'DECIMAL(12,3)', postgres: 'numeric', kind: 'decimal' },
  'Last Email Date': { duckdb: 'DATE', postgres: 'date', kind: 'date' },
  'Last Webinar Date': { duckdb: 'DATE', postgres: 'date', kind: 'date' },
  'Last Activity Date': { duckdb: 'TIMESTAMP', postgres: 'timestamp', kind: 'timestamp' },
  'Demo Requested': { duckdb: 'BOOLEAN', postgres: 'boolean', kind: 'boolean' },
  'Trial Signed Up': { duckdb: 'BOOLEAN', postgres: 'boolean', kind: 'boolean' },
};

/** Values a typed column holds that its text form writes in an unusual way (exponents, infinities, dates Excel does not have). */
const TYPED_EDGES: Readonly<Record<string, readonly string[]>> = {
  'Website Visits': ['1e20', '1.5e-7', '-0', 'Infinity', '-Infinity', 'NaN', '123456789.125', '0.00005', '0.0001', '999999999999999.9', '1e15', '2.5'],
  'Blog Visits': ['0.50', '-3.00', '12345678.99'],
  'Last Email Date': ['1900-02-15', '1899-12-31', '1900-03-01', '9999-12-31', '2026-11-01'],
  'Last Activity Date': ['2026-10-31 23:59:59.999', '1900-01-01 00:00:00', '2026-11-01 00:00:00'],
};

/**
 * The leads (with edge cells and NULLs) as a typed warehouse table holds them: each typed
 * cell is what the engine reads from the text cell, written as a literal of the column's type
 * (NULL where the text does not read as one), plus the typed edge values.
 */
export function typedLeads(count = 10_000): { headers: string[]; rows: Cell[][] } {
  const { headers, rows } = leadsWithEdges(count);
  const converters = headers.map((h) => {
    const kind = TYPED_COLUMNS[h]?.kind;
    if (kind === undefined) return (cell: Cell): Cell => cell;
    return (cell: Cell): Cell => {
      if (cell === null || isBlank(cell)) return null;
      if (kind === 'boolean') {
        const yes = readYes(cell);
        return Number.isNaN(yes) ? null : yes === 1 ? 'true' : 'false';
      }
      if (kind === 'date' || kind === 'timestamp') {
        const serial = readDate(cell, 'MDY');
        if (Number.isNaN(serial)) return null;
        const day = isoDateFromExcelSerial(serial);
        if (kind === 'date') return day;
        const seconds = Math.round((serial - Math.floor(serial)) * 86_400) % 86_400;
        return `${day} ${[Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((x) => String(x).padStart(2, '0')).join(':')}`;
      }
      const n = readNumber(cell);
      if (Number.isNaN(n) || Math.abs(n) >= 1e8) return null;
      return kind === 'integer' ? String(Math.round(n)) : kind === 'decimal' ? n.toFixed(2) : String(n);
    };
  });
  const typed = rows.map((row) => row.map((cell, c) => (converters[c] as (cell: Cell) => Cell)(cell)));
  for (const [column, values] of Object.entries(TYPED_EDGES)) {
    const at = headers.indexOf(column);
    values.forEach((value, i) => {
      const row = typed[300 + i * 11 + at];
      if (row !== undefined) row[at] = value;
    });
  }
  return { headers, rows: typed };
}
