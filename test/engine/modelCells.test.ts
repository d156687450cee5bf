/**
 * The model as worksheet cells: what the add-in writes, what a person may type instead, and
 * what they are told when a cell is wrong (every problem at once, by table, row and column;
 * rows count from 1 below each table's header row).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compile,
  criterion,
  DEFAULT_PRIORITY_ACTIONS,
  formatProblem,
  joinList,
  model,
  modelFromCells,
  modelToCells,
  PRIORITIES,
  splitList,
  type CellTable,
  type Model,
} from '../../src/engine';

type Sheet = { criteria?: CellTable; bands?: CellTable; settings?: CellTable };

const CRITERIA_HEADER = [
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
];
const BANDS: CellTable = [
  ['Band', 'From', 'Colour'],
  ['Cold', 0, '#BDD7EE'],
  ['Warm', 21, '#FFE699'],
  ['Hot', 50, '#F8CBAD'],
];

/** The model a sheet reads as; fails the test with the problems when it does not read. */
function read(sheet: Sheet): Model {
  const result = modelFromCells(sheet);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.value;
}

/** The problems of a sheet, formatted; fails the test when the sheet reads. */
function problems(sheet: Sheet): string[] {
  const result = modelFromCells(sheet);
  if (result.ok) throw new Error('expected the sheet to have problems');
  return result.problems.map(formatProblem);
}

const richModel = (): Model =>
  model({
    name: 'Inbound leads',
    description: 'Fit and engagement; reviewed monthly',
    scale: '0-100',
    asOf: '2026-11-01',
    dateOrder: 'DMY',
    priority: { gradeA: 45, gradeB: null, gradeC: 5.5, level1: null, level2: null, level3: -2 },
    accounts: { column: 'Organisation', scoring: 'top', top: 2, engagedFrom: 7.5 },
    idColumn: 'CRM id',
    stages: { mql: 40, sql: 70 },
    groupCaps: { fit: { min: 0, max: 60 }, engagement: { min: null, max: 50 } },
    totalCap: { min: 0, max: 100 },
    bands: [
      { name: 'Cold', from: 0, color: '#BDD7EE' },
      { name: 'Warm', from: 30, color: '#FFE699' },
      { name: 'Hot', from: 60, color: '#F8CBAD' },
    ],
    criteria: [
      criterion({ group: 'fit', name: 'Target industry', field: 'Industry', condition: { op: 'equals', values: ['Technology', 'Health; care', 'C:\\temp'] }, points: 15 }),
      criterion({ group: 'fit', field: 'Industry', condition: { op: 'notEquals', values: ['Retail'] }, points: 1 }),
      criterion({ group: 'fit', field: 'Company', condition: { op: 'contains', values: ['soft'] }, points: 2 }),
      criterion({ group: 'fit', field: 'Company', condition: { op: 'notContains', values: ['test', 'demo'] }, points: 1 }),
      criterion({ group: 'fit', field: 'Title', condition: { op: 'startsWith', values: ['VP'] }, points: 5 }),
      criterion({ group: 'fit', field: 'Email', condition: { op: 'endsWith', values: ['.edu'] }, points: -5 }),
      criterion({ group: 'fit', field: 'Email', condition: { op: 'matches', values: ['*@*.gov'] }, points: 3 }),
      criterion({ group: 'fit', field: 'Employees', condition: { op: 'lt', value: 10 }, points: -10 }),
      criterion({ group: 'fit', field: 'Employees', condition: { op: 'lte', value: 9.5 }, points: -1 }),
      criterion({ group: 'fit', field: 'Employees', condition: { op: 'gt', value: 1000 }, points: 10 }),
      criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 200 }, points: 5 }),
      criterion({ group: 'fit', field: 'Employees', condition: { op: 'between', min: 10, max: 50.5 }, points: 4 }),
      criterion({ group: 'fit', field: 'Phone', condition: { op: 'blank' }, points: -2 }),
      criterion({ group: 'fit', field: 'Phone', condition: { op: 'notBlank' }, points: 2 }),
      criterion({ group: 'fit', field: 'Email', condition: { op: 'personalEmail' }, points: -5 }),
      criterion({ group: 'fit', field: 'Name', condition: { op: 'spamLike' }, points: -20, enabled: false, note: 'too strict for now' }),
      criterion({ group: 'engagement', field: 'Demo requested', condition: { op: 'isTrue' }, points: 20 }),
      criterion({
        group: 'engagement',
        name: 'Visits',
        field: 'Visits',
        condition: { op: 'gt', value: 0 },
        points: 2,
        perOccurrenceOf: 'Visits',
        cap: { min: null, max: 20 },
        decay: { kind: 'factor', dateField: 'Last visit', afterDays: 30, percent: 50 },
      }),
      criterion({
        group: 'engagement',
        field: 'Last visit',
        condition: { op: 'withinDays', days: 7 },
        points: 10,
        decay: { kind: 'halfLife', dateField: 'Last visit', halfLifeDays: 14 },
      }),
      criterion({
        group: 'engagement',
        field: 'Last visit',
        condition: { op: 'olderThanDays', days: 180 },
        points: -10,
        cap: { min: -5, max: null },
        decay: { kind: 'deduct', dateField: 'Last visit', afterDays: 365, points: 5 },
      }),
    ],
  });

describe('writing a model', () => {
  it('writes the documented header rows and setting names', () => {
    const cells = modelToCells(model());
    expect(cells.criteria).toEqual([CRITERIA_HEADER]);
    expect(cells.bands).toEqual(BANDS); // the header and the default bands
    expect(cells.settings.map((row) => row[0])).toEqual([
      'Setting',
      'Model name',
      'Description',
      'Format version',
      'Scale',
      'As-of date',
      'Date order',
      'MQL at',
      'SQL at',
      'Fit minimum',
      'Fit maximum',
      'Engagement minimum',
      'Engagement maximum',
      'Total minimum',
      'Total maximum',
      'Grade A from',
      'Grade B from',
      'Grade C from',
      'Level 1 from',
      'Level 2 from',
      'Level 3 from',
      'Account column',
      'Account score',
      'Account top N',
      'Engaged from',
      'Lead ID column',
      ...['A', 'B', 'C', 'D'].flatMap((g) => [1, 2, 3, 4].map((l) => `Action ${g}${l}`)),
    ]);
  });

  it('writes one readable row per criterion', () => {
    const rows = modelToCells(richModel()).criteria;
    // Group, Criterion, Column, Condition, Value, Points, Per occurrence of, Cap min, Cap max,
    // Decay, Decay amount, Decay after days, Decay date column, Enabled, Note
    expect(rows[1]).toEqual(['Fit', 'Target industry', 'Industry', 'equals', 'Technology; Health\\; care; C:\\\\temp', 15, '', '', '', '', '', '', '', true, '']);
    expect(rows[12]).toEqual(['Fit', '', 'Employees', 'between', '10 to 50.5', 4, '', '', '', '', '', '', '', true, '']);
    expect(rows[16]).toEqual(['Fit', '', 'Name', 'looks like spam', '', -20, '', '', '', '', '', '', '', false, 'too strict for now']);
    expect(rows[18]).toEqual(['Engagement', 'Visits', 'Visits', '>', 0, 2, 'Visits', '', 20, 'lose %', 50, 30, 'Last visit', true, '']);
    expect(rows[19]).toEqual(['Engagement', '', 'Last visit', 'within last days', 7, 10, '', '', '', 'half-life', 14, '', 'Last visit', true, '']);
    expect(rows[20]).toEqual(['Engagement', '', 'Last visit', 'older than days', 180, -10, '', -5, '', 'lose points', 5, 365, 'Last visit', true, '']);
  });

  it('writes the settings as name/value pairs', () => {
    expect(modelToCells(richModel()).settings).toEqual([
      ['Setting', 'Value'],
      ['Model name', 'Inbound leads'],
      ['Description', 'Fit and engagement; reviewed monthly'],
      ['Format version', 1],
      ['Scale', '0-100'],
      ['As-of date', '2026-11-01'],
      ['Date order', 'DMY'],
      ['MQL at', 40],
      ['SQL at', 70],
      ['Fit minimum', 0],
      ['Fit maximum', 60],
      ['Engagement minimum', ''],
      ['Engagement maximum', 50],
      ['Total minimum', 0],
      ['Total maximum', 100],
      ['Grade A from', 45],
      ['Grade B from', ''],
      ['Grade C from', 5.5],
      ['Level 1 from', ''],
      ['Level 2 from', ''],
      ['Level 3 from', -2],
      ['Account column', 'Organisation'],
      ['Account score', 'sum of top N'],
      ['Account top N', 2],
      ['Engaged from', 7.5],
      ['Lead ID column', 'CRM id'],
      ...PRIORITIES.map((p) => [`Action ${p}`, DEFAULT_PRIORITY_ACTIONS[p]]),
    ]);
  });

  it('reads back exactly the model it wrote, every condition and decay included', () => {
    const m = richModel();
    expect(read(modelToCells(m))).toEqual(m);
    expect(read(modelToCells(model()))).toEqual(model());
  });
});

describe('reading a hand-typed sheet', () => {
  const handTyped: Sheet = {
    criteria: [
      // Columns in another order, some left out, and an extra column of the user's own.
      ['Points', 'column', 'Owner', 'CONDITION', 'Group', 'Value', 'Enabled', 'Criterion'],
      ['5', 'Industry', 'Ann', 'equals', 'fit', 'Technology; Healthcare', '', 'Target industry'],
      [],
      ['', '', '', '', '', '', '', ''],
      [10, 'Employees', 'Bob', 'between', 'FIT', '10 to 50', 'yes', ''],
      [' 3 ', 'Visits', '', 'more than', 'ENGAGEMENT', '0', 'no', 'Visited'],
      [2, 'Last visit', '', 'within the last', 'engagement', 30, true, ''],
    ],
    bands: [
      ['Color', 'Band', 'From'],
      ['#bdd7ee', 'Cold', 0],
      [null, null, null],
      ['#FFE699', 'Warm', '21'],
    ],
    settings: [
      ['Setting', 'Value', 'Comment'],
      ['Model name', 'Hand made', 'typed by Ann'],
      ['As-of date', 46327, 'Excel turned 2026-11-01 into its serial'],
      ['mql at', '40'],
      ['date order', 'dmy'],
    ],
  };

  it('reads it as the model the person meant', () => {
    expect(read(handTyped)).toEqual(
      model({
        name: 'Hand made',
        asOf: '2026-11-01',
        dateOrder: 'DMY',
        stages: { mql: 40, sql: null },
        bands: [
          { name: 'Cold', from: 0, color: '#BDD7EE' },
          { name: 'Warm', from: 21, color: '#FFE699' },
        ],
        criteria: [
          criterion({ group: 'fit', name: 'Target industry', field: 'Industry', condition: { op: 'equals', values: ['Technology', 'Healthcare'] }, points: 5 }),
          criterion({ group: 'fit', field: 'Employees', condition: { op: 'between', min: 10, max: 50 }, points: 10 }),
          criterion({ group: 'engagement', name: 'Visited', field: 'Visits', condition: { op: 'gt', value: 0 }, points: 3, enabled: false }),
          criterion({ group: 'engagement', field: 'Last visit', condition: { op: 'withinDays', days: 30 }, points: 2 }),
        ],
      }),
    );
  });

  it('scores with what was read', () => {
    const compiled = compile(read(handTyped), ['Industry', 'Employees', 'Visits', 'Last visit'], {});
    if (!compiled.ok) throw new Error(compiled.problems.map(formatProblem).join('\n'));
    // 5 (healthcare) + 10 (25 employees); visits are disabled; 15/10/2026 (DMY) is 17 days before 2026-11-01: + 2.
    const s = compiled.value.scoreRow(['healthcare', 25, 4, '15/10/2026']);
    expect(s.score).toBe(17);
    expect(s.fit).toBe(15);
    expect(s.engagement).toBe(2);
  });

  it('accepts other ways of writing a range, a list and an as-of date', () => {
    const sheet = (value: unknown, asOf: unknown): Sheet => ({
      criteria: [['Group', 'Column', 'Condition', 'Value', 'Points'], ['Fit', 'Employees', 'between', value, 1]],
      bands: BANDS,
      settings: [['Setting', 'Value'], ['As-of date', asOf]],
    });
    const rangeOf = (value: unknown) => read(sheet(value, '')).criteria[0]?.condition;
    expect(rangeOf('10 and 50')).toEqual({ op: 'between', min: 10, max: 50 });
    expect(rangeOf('1,000..5,000')).toEqual({ op: 'between', min: 1000, max: 5000 });
    expect(rangeOf('-5 to -1')).toEqual({ op: 'between', min: -5, max: -1 });
    expect(read(sheet('1 to 2', '2026-11-01')).asOf).toBe('2026-11-01');
    expect(read(sheet('1 to 2', 46327.5)).asOf).toBe('2026-11-01');
    expect(read(sheet('1 to 2', null)).asOf).toBeNull();
  });

  it('reads a missing settings table as the defaults', () => {
    const m = read({ criteria: [CRITERIA_HEADER], bands: BANDS });
    expect(m).toEqual(model());
  });
});

describe('reading a malformed sheet', () => {
  it('gives every problem at once, each with its table, row and column', () => {
    const sheet: Sheet = {
      criteria: [
        ['Group', 'Column', 'Condition', 'Value', 'Points', 'Decay', 'Decay amount', 'Decay after days', 'Decay date column'],
        ['Sales', 'Industry', 'equals', 'Technology', 5],
        ['Fit', 'Industry', 'equalz', 'Technology', 5],
        ['Fit', 'Employees', '>', 100, 'ten'],
        ['Engagement', 'Visits', '>', 0, 2, 'linear', 50, 30, 'Last visit'],
      ],
      bands: [
        ['Band', 'From', 'Colour'],
        ['Cold', 0, '#BDD7EE'],
        ['Warm', 20, 'yellow'],
      ],
      settings: [
        ['Setting', 'Value'],
        ['Model name', 'Broken'],
        ['Scael', '0-100'],
      ],
    };
    expect(problems(sheet)).toEqual([
      "criteria table, row 1, 'Group': 'Sales' is not a group (write 'Fit' or 'Engagement')",
      "criteria table, row 2, 'Condition': 'equalz' is not a condition (use one of: equals, not equals, contains, does not contain, starts with, ends with, matches, <, <=, >, >=, between, is blank, is not blank, is yes, within last days, older than days, is personal email, looks like spam)",
      "criteria table, row 3, 'Points': 'ten' is not a number",
      "criteria table, row 4, 'Decay': 'linear' is not a kind of decay (use lose %, lose points, half-life, or leave it empty)",
      "settings table, row 2, 'Setting': 'Scael' is not a setting (the settings are: Model name, Description, Format version, Scale, As-of date, Date order, MQL at, SQL at, Fit minimum, Fit maximum, Engagement minimum, Engagement maximum, Total minimum, Total maximum, Grade A from, Grade B from, Grade C from, Level 1 from, Level 2 from, Level 3 from, Account column, Account score, Account top N, Engaged from, Lead ID column, Action A1 to Action D4)",
      "bands table, row 2, 'Colour': 'YELLOW' is not a colour (write it as #RRGGBB, e.g. '#F8CBAD')",
    ]);
  });

  it('locates each problem for programs too: table, row, column', () => {
    const result = modelFromCells({
      criteria: [['Group', 'Column', 'Condition', 'Value', 'Points'], ['Fit', 'Employees', '>', 100, 'ten']],
      bands: [['Band', 'From', 'Colour'], ['Cold', 0, 'blue']],
    });
    expect(result.ok ? [] : result.problems.map((p) => p.at)).toEqual([
      { cells: { table: 'criteria', row: 1, column: 'Points' } },
      { cells: { table: 'bands', row: 1, column: 'Colour' } },
    ]);
  });

  it('reports a missing required column once, with the other tables still checked', () => {
    expect(
      problems({
        criteria: [['Group', 'Column', 'Condition', 'Value'], ['Fit', 'Industry', 'equals', 'Technology']],
        bands: [['Band', 'From', 'Colour'], ['Cold', 0, '#BDD7EE'], ['Warm', 'twenty', '#FFE699']],
        settings: [['Setting', 'Value'], ['Scale', 'percentage']],
      }),
    ).toEqual([
      "criteria table, column 'Points': this column is missing from the criteria table",
      "bands table, row 2, 'From': 'twenty' is not a number",
      "settings table, row 1, 'Scale': 'percentage' is not a scale (write 'points' or '0-100')",
    ]);
  });

  it('reports missing tables', () => {
    expect(problems({})).toEqual([
      "criteria table, column 'Column': the criteria table is missing (its header row is: Group, Criterion, Column, Condition, Value, Points, Per occurrence of, Cap min, Cap max, Decay, Decay amount, Decay after days, Decay date column, Enabled, Note)",
      "bands table, column 'Band': the bands table is missing (its header row is: Band, From, Colour)",
    ]);
  });

  it('reports cells a row needs and cells that cannot be read', () => {
    expect(
      problems({
        criteria: [
          CRITERIA_HEADER,
          ['', '', 'Industry', 'equals', '', 5],
          ['Fit', '', 'Employees', 'between', '10-50', 5],
          ['Fit', '', 'Employees', '>', 'many', ''],
          ['Fit', '', 'Visits', 'is yes', '', 5, '', 'none', '', 'lose %', '', 30, ''],
          ['Fit', '', 'Visits', 'is yes', '', 5, '', '', '', '', '', '', '', 'maybe'],
          ['Fit', '#REF!', 'Visits', 'is yes', '', 5],
        ],
        bands: BANDS,
      }),
    ).toEqual([
      "criteria table, row 1, 'Group': no group given (write 'Fit' or 'Engagement')",
      "criteria table, row 1, 'Value': 'equals' needs a value (separate several values with ;)",
      "criteria table, row 2, 'Value': '10-50' is not a range (write it as '10 to 50')",
      "criteria table, row 3, 'Value': 'many' is not a number",
      "criteria table, row 3, 'Points': a number is needed here",
      "criteria table, row 4, 'Cap min': 'none' is not a number",
      "criteria table, row 4, 'Decay amount': a number is needed here",
      "criteria table, row 4, 'Decay date column': decay needs a date column",
      "criteria table, row 5, 'Enabled': 'maybe' is neither yes nor no (write TRUE or FALSE)",
      "criteria table, row 6, 'Criterion': the cell holds the error #REF!",
    ]);
  });

  it('points what is wrong with the model as a whole at the cells to edit, counting blank rows', () => {
    expect(
      problems({
        criteria: [
          ['Group', 'Column', 'Condition', 'Value', 'Points', 'Decay', 'Decay amount', 'Decay after days', 'Decay date column'],
          ['Fit', 'Industry', 'equals', 'Technology', 5],
          [],
          ['Fit', 'Employees', 'between', '50 to 10', 5],
          ['Engagement', 'Visits', '>', 0, 2, 'lose %', 150, 30, 'Last visit'],
        ],
        bands: [['Band', 'From', 'Colour'], ['Cold', 0, '#BDD7EE'], [], ['Hot', 50, '#F8CBAD'], ['Warm', 20, '#FFE699']],
        settings: [['Setting', 'Value'], ['MQL at', 60], ['SQL at', 40]],
      }),
    ).toEqual([
      "criteria table, row 3, 'Value': between 50 and 10: the lower bound is above the upper",
      "criteria table, row 4, 'Decay amount': 150% is not between 0 and 100",
      "bands table, row 4, 'From': starts at 20, not above 'Hot' (50) (list bands from the lowest score to the highest)",
      "settings table, row 1, 'MQL at': MQL at 60 is above SQL at 40 (a lead becomes MQL before SQL)",
    ]);
  });

  it('reads a sheet with only warnings, located at the row to edit', () => {
    const result = modelFromCells({
      criteria: [
        ['Group', 'Criterion', 'Column', 'Condition', 'Value', 'Points'],
        ['Fit', 'Tech', 'Industry', 'equals', 'Technology', 5],
        [],
        ['Fit', 'TECH', 'Industry', 'equals', 'Software', 5],
      ],
      bands: BANDS,
    });
    expect(result.ok).toBe(true);
    expect(result.ok ? result.warnings.map(formatProblem) : []).toEqual([
      "criteria table, row 3, 'Criterion': the name 'TECH' is also used by criterion 1 (give each criterion its own name so explanations can tell them apart)",
    ]);
  });

  it('refuses a format version it does not read, with the same message as a JSON file', () => {
    expect(problems({ criteria: [CRITERIA_HEADER], bands: BANDS, settings: [['Setting', 'Value'], ['Format version', 2]] })).toEqual([
      "settings table, row 1, 'Format version': made by a newer version of Lead Scoring (format version 2; this one reads up to 1) (update the add-in or the command line to open this model)",
    ]);
    expect(problems({ criteria: [CRITERIA_HEADER], bands: BANDS, settings: [['Setting', 'Value'], ['Format version', 'two']] })).toEqual([
      "settings table, row 1, 'Format version': 'two' is not a format version (write 1)",
    ]);
  });
});

describe('lists in a cell', () => {
  it("separates values with ';' and trims them", () => {
    expect(splitList('Technology; Healthcare ;Finance')).toEqual(['Technology', 'Healthcare', 'Finance']);
    expect(splitList(' ; Technology;;')).toEqual(['Technology']);
    expect(splitList('')).toEqual([]);
  });

  it("keeps a ';' or '\\' inside a value with a backslash", () => {
    expect(joinList(['R&D; Labs', 'C:\\data', 'plain'])).toBe('R&D\\; Labs; C:\\\\data; plain');
    expect(splitList('R&D\\; Labs; C:\\\\data; plain')).toEqual(['R&D; Labs', 'C:\\data', 'plain']);
    expect(splitList('ends with\\')).toEqual(['ends with\\']); // a lone trailing backslash is itself
  });

  it('round-trips any list of trimmed, non-empty values', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ';', '\\', 'é', ',') }).filter((v) => v.trim() === v && v !== '');
    fc.assert(
      fc.property(fc.array(value), (values) => {
        expect(splitList(joinList(values))).toEqual(values);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips through the model sheet', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Dept', condition: { op: 'contains', values: ['R&D; Labs', 'a\\b', '\\;'] }, points: 1 })] });
    expect(read(modelToCells(m)).criteria[0]?.condition).toEqual({ op: 'contains', values: ['R&D; Labs', 'a\\b', '\\;'] });
  });
});
