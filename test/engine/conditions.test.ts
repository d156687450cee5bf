/**
 * Every condition, end to end: a one-criterion model is compiled over a small table and one
 * row is scored, with the cell exactly as Excel (Office.js values, custom-function arguments,
 * CSV text) hands it over. A matching criterion gives its 10 points; a cell the condition
 * cannot read gives 0 points and an 'unusable' explanation part saying why.
 */
import { describe, expect, it } from 'vitest';
import {
  CONDITION_OPS,
  compile,
  criterion,
  formatProblems,
  model,
  type Condition,
  type DateOrder,
  type LeadScore,
  type TextOp,
} from '../../src/engine';
import { AS_OF, AS_OF_SERIAL } from './builders';

const HEADERS = ['X', 'Count', 'When'];
const POINTS = 10;

interface Options {
  readonly asOf?: string;
  readonly dateOrder?: DateOrder;
}

/** Scores one row of a model whose only criterion is `condition` on column X, worth 10 points. */
function scoreOne(condition: Condition, cell: unknown, options: Options = {}): LeadScore {
  const m = model({
    criteria: [criterion({ group: 'fit', field: 'X', condition, points: POINTS })],
    dateOrder: options.dateOrder ?? 'MDY',
  });
  const compiled = compile(m, HEADERS, { asOf: options.asOf ?? AS_OF });
  if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
  return compiled.value.scoreRow([cell, null, null]);
}

type Verdict = 'match' | 'no match' | 'unusable';

/** What scoring made of the cell, read off the score and the explanation together. */
function outcome(condition: Condition, cell: unknown, options: Options = {}): Verdict {
  const s = scoreOne(condition, cell, options);
  const kinds = s.explanation.map((p) => p.kind).join(',');
  if (s.score === POINTS && s.fit === POINTS && kinds === 'criterion') return 'match';
  if (s.score === 0 && kinds === '') return 'no match';
  if (s.score === 0 && kinds === 'unusable') return 'unusable';
  throw new Error(`inconsistent score: ${JSON.stringify(s)}`);
}

/** The explanation detail of a cell the condition could not use. */
function whyUnusable(condition: Condition, cell: unknown, options: Options = {}): string {
  const s = scoreOne(condition, cell, options);
  const part = s.explanation[0];
  expect(s.explanation).toHaveLength(1);
  expect(part?.kind).toBe('unusable');
  expect(part?.points).toBe(0);
  return part?.detail ?? '';
}

const text = (op: TextOp, ...values: string[]): Condition => ({ op, values });
const equals = (...values: string[]) => text('equals', ...values);
const notEquals = (...values: string[]) => text('notEquals', ...values);
const BLANKS: readonly unknown[] = [null, undefined, '', '   '];

describe('equals and notEquals', () => {
  it.each<[unknown, Verdict]>([
    ['Technology', 'match'],
    ['  technology  ', 'match'], // trimmed, case-insensitive
    ['TECHNOLOGY', 'match'],
    ['Tech', 'no match'], // whole value, not a prefix
    ['Technology Services', 'no match'],
  ])('Industry equals Technology, cell %j: %s', (cell, expected) => {
    expect(outcome(equals('Technology'), cell)).toBe(expected);
  });

  it('explains a match with the criterion, its points and the cell as read', () => {
    expect(scoreOne(equals('Technology', 'Healthcare'), '  healthcare ')).toEqual({
      score: 10,
      fit: 10,
      engagement: 0,
      band: { name: 'Cold', from: 0, color: '#BDD7EE' },
      bandIndex: 0,
      stage: null,
      explanation: [
        { kind: 'criterion', group: 'fit', label: 'X equals Technology or Healthcare', points: 10, detail: "X = 'healthcare'", criterionIndex: 0 },
      ],
    });
  });

  it('trims the values written in the model too', () => {
    expect(outcome(equals('  Technology '), 'technology')).toBe('match');
  });

  it('holds when any listed value does; notEquals when none does', () => {
    expect(outcome(equals('Technology', 'Healthcare'), 'Healthcare')).toBe('match');
    expect(outcome(equals('Technology', 'Healthcare'), 'Finance')).toBe('no match');
    expect(outcome(notEquals('Technology', 'Healthcare'), 'Finance')).toBe('match');
    expect(outcome(notEquals('Technology', 'Healthcare'), 'healthcare')).toBe('no match');
    expect(outcome(notEquals('Technology', 'Healthcare'), 'TECHNOLOGY')).toBe('no match');
  });

  it('compares numbers by value: "1,200" text equals 1200, and 1200 equals a "1,200" value', () => {
    expect(outcome(equals('1200'), '1,200')).toBe('match');
    expect(outcome(equals('1,200'), 1200)).toBe('match');
    expect(outcome(equals('1200'), '1200.0')).toBe('match');
    expect(outcome(equals('1200'), 1200.5)).toBe('no match');
    expect(outcome(notEquals('1200'), '1,200')).toBe('no match');
    expect(outcome(notEquals('1200'), 1201)).toBe('match');
  });

  it('reads a boolean cell as Excel shows it: TRUE equals "true" and "TRUE"', () => {
    expect(outcome(equals('true'), true)).toBe('match');
    expect(outcome(equals('TRUE'), true)).toBe('match');
    expect(outcome(equals('FALSE'), false)).toBe('match');
    expect(outcome(equals('true'), false)).toBe('no match');
    expect(outcome(notEquals('true'), false)).toBe('match');
  });
});

describe('contains, notContains, startsWith, endsWith', () => {
  it('contains any of a list, case-insensitively', () => {
    expect(outcome(text('contains', 'soft', 'ware'), 'MicroSoft')).toBe('match');
    expect(outcome(text('contains', 'soft', 'ware'), 'Hardware Inc')).toBe('match');
    expect(outcome(text('contains', 'soft', 'ware'), 'Apple')).toBe('no match');
    expect(outcome(text('contains', '20'), 1200)).toBe('match'); // a number as Excel shows it
  });

  it('notContains holds only when none of the list is in the cell', () => {
    expect(outcome(text('notContains', 'test', 'demo'), 'Acme Ltd')).toBe('match');
    expect(outcome(text('notContains', 'test', 'demo'), 'DEMO account')).toBe('no match');
    expect(outcome(text('notContains', 'test', 'demo'), 'Contest Corp')).toBe('no match');
  });

  it('startsWith and endsWith any of a list, after trimming', () => {
    expect(outcome(text('startsWith', 'VP', 'Head of'), ' vp sales')).toBe('match');
    expect(outcome(text('startsWith', 'VP', 'Head of'), 'Head of Marketing')).toBe('match');
    expect(outcome(text('startsWith', 'VP', 'Head of'), 'SVP Sales')).toBe('no match');
    expect(outcome(text('endsWith', '.edu', '.gov'), 'jo@mit.EDU  ')).toBe('match');
    expect(outcome(text('endsWith', '.edu', '.gov'), 'jo@nasa.gov')).toBe('match');
    expect(outcome(text('endsWith', '.edu', '.gov'), 'jo@edu.com')).toBe('no match');
  });
});

describe('matches (Excel wildcards)', () => {
  it.each<[string, unknown, Verdict]>([
    ['Acme*', 'ACME Corp', 'match'],
    ['Acme*', 'Acme', 'match'], // * may be empty
    ['Acme*', 'The Acme Co', 'no match'], // the whole cell must match
    ['?at', 'cat', 'match'],
    ['?at', 'at', 'no match'], // ? is exactly one character
    ['?at', 'coat', 'no match'],
    ['*@*.edu', 'jo@mit.edu', 'match'],
    ['*@*.edu', 'jo@mit.edu.au', 'no match'],
    ['5~*', '5*', 'match'], // ~* is a literal star
    ['5~*', '55', 'no match'],
    ['what~?', 'What?', 'match'], // ~? is a literal question mark
    ['what~?', 'whats', 'no match'],
    ['a~~b', 'a~b', 'match'], // ~~ is a literal tilde
  ])('%j on %j: %s', (pattern, cell, expected) => {
    expect(outcome(text('matches', pattern), cell)).toBe(expected);
  });

  it('holds when any pattern in the list matches', () => {
    expect(outcome(text('matches', 'a*', 'b*'), 'Beta')).toBe('match');
    expect(outcome(text('matches', 'a*', 'b*'), 'Gamma')).toBe('no match');
  });
});

describe('lt, lte, gt, gte, between', () => {
  const gt = (value: number): Condition => ({ op: 'gt', value });
  const gte = (value: number): Condition => ({ op: 'gte', value });
  const lt = (value: number): Condition => ({ op: 'lt', value });
  const lte = (value: number): Condition => ({ op: 'lte', value });
  const between = (min: number, max: number): Condition => ({ op: 'between', min, max });

  it('compares numbers, with strict and inclusive bounds', () => {
    expect(outcome(gt(1000), 1200)).toBe('match');
    expect(outcome(gt(1000), 1000)).toBe('no match');
    expect(outcome(gte(1000), 1000)).toBe('match');
    expect(outcome(lt(50), 49.99)).toBe('match');
    expect(outcome(lt(50), 50)).toBe('no match');
    expect(outcome(lte(50), 50)).toBe('match');
    expect(outcome(lte(50), -3)).toBe('match');
  });

  it('between includes both ends', () => {
    expect(outcome(between(10, 50), 10)).toBe('match');
    expect(outcome(between(10, 50), 50)).toBe('match');
    expect(outcome(between(10, 50), 9.99)).toBe('no match');
    expect(outcome(between(10, 50), 50.01)).toBe('no match');
  });

  it('reads numbers typed as text: "1,200", " 42 ", "12%", "$1,200.50"', () => {
    expect(outcome(gt(1000), '1,200')).toBe('match');
    expect(outcome(gte(42), ' 42 ')).toBe('match');
    expect(outcome(lt(42), ' 42 ')).toBe('no match');
    // 12% is 0.12, as Excel stores a percentage.
    expect(outcome(between(0.1, 0.13), '12%')).toBe('match');
    expect(outcome(gt(12), '12%')).toBe('no match');
    // $1,200.50 is 1200.5.
    expect(outcome(gte(1200.5), '$1,200.50')).toBe('match');
    expect(outcome(gt(1200.5), '$1,200.50')).toBe('no match');
    expect(outcome(between(1200, 1201), '$1,200.50')).toBe('match');
    expect(outcome(lt(0), '-3.5')).toBe('match');
  });

  it('does not match a blank cell, and says nothing about it', () => {
    for (const blank of BLANKS) expect(outcome(gt(-1), blank)).toBe('no match');
  });

  it("gives an 'unusable' part for text that is not a number: 'abc' is not a number", () => {
    expect(outcome(gt(0), 'abc')).toBe('unusable');
    expect(whyUnusable(gt(0), 'abc')).toBe("not scored: 'X': 'abc' is not a number");
    expect(whyUnusable(lt(0), 'abc')).toBe("not scored: 'X': 'abc' is not a number");
    expect(whyUnusable(between(0, 10), ' ten ')).toBe("not scored: 'X': 'ten' is not a number");
    // "1,5" is a European decimal, refused rather than misread as 15.
    expect(whyUnusable(gt(0), '1,5')).toBe("not scored: 'X': '1,5' is not a number");
    expect(whyUnusable(gt(0), true)).toBe("not scored: 'X': TRUE is not a number");
  });

  it('labels the unusable part with the criterion it belongs to', () => {
    const part = scoreOne(gt(1000), 'lots').explanation[0];
    expect(part).toMatchObject({ kind: 'unusable', group: 'fit', label: 'X > 1000', points: 0, criterionIndex: 0 });
  });
});

describe('blank and notBlank', () => {
  it.each(BLANKS)('a blank cell (%j) is blank and not notBlank', (cell) => {
    expect(outcome({ op: 'blank' }, cell)).toBe('match');
    expect(outcome({ op: 'notBlank' }, cell)).toBe('no match');
  });

  it.each<unknown>(['x', 0, false, ' - '])('a cell holding %j is notBlank', (cell) => {
    expect(outcome({ op: 'blank' }, cell)).toBe('no match');
    expect(outcome({ op: 'notBlank' }, cell)).toBe('match');
  });

  it('an error cell is neither: it is unusable', () => {
    expect(whyUnusable({ op: 'blank' }, '#N/A')).toBe("not scored: 'X': the cell holds the error #N/A");
    expect(whyUnusable({ op: 'notBlank' }, '#N/A')).toBe("not scored: 'X': the cell holds the error #N/A");
  });
});

describe('isTrue', () => {
  it.each<unknown>([true, 'Yes', 'y', 'TRUE', 1, 2, 'x', ' YES '])('%j is yes', (cell) => {
    expect(outcome({ op: 'isTrue' }, cell)).toBe('match');
  });

  it.each<unknown>([false, 'No', 'n', 'FALSE', 0, null, undefined, '', '  '])('%j is no', (cell) => {
    expect(outcome({ op: 'isTrue' }, cell)).toBe('no match');
  });

  it("'maybe' is neither: unusable, and the explanation says so", () => {
    expect(whyUnusable({ op: 'isTrue' }, 'maybe')).toBe("not scored: 'X': 'maybe' is neither yes nor no");
  });
});

describe('withinDays and olderThanDays', () => {
  const within = (days: number): Condition => ({ op: 'withinDays', days });
  const older = (days: number): Condition => ({ op: 'olderThanDays', days });
  // 2026-10-20 is 12 days before the as-of date 2026-11-01: serial 46327 - 12 = 46315.
  const OCT_20 = AS_OF_SERIAL - 12;

  it('measures whole days from an Excel serial date to the as-of date', () => {
    expect(OCT_20).toBe(46315);
    expect(outcome(within(14), OCT_20)).toBe('match');
    expect(outcome(within(12), OCT_20)).toBe('match'); // 12 days old is within the last 12 days
    expect(outcome(within(11), OCT_20)).toBe('no match');
    expect(outcome(older(11), OCT_20)).toBe('match');
    expect(outcome(older(12), OCT_20)).toBe('no match'); // 12 days old is not older than 12 days
  });

  it('ignores the time of day of a serial', () => {
    // 18:00 on 2026-10-20 is still 12 days old.
    expect(outcome(within(12), OCT_20 + 0.75)).toBe('match');
    expect(outcome(older(11), OCT_20 + 0.75)).toBe('match');
  });

  it('counts the as-of day itself as within 0 days', () => {
    expect(outcome(within(0), AS_OF_SERIAL)).toBe('match');
    expect(outcome(older(0), AS_OF_SERIAL)).toBe('no match');
  });

  it.each(['2026-10-20', '10/20/2026', '20 Oct 2026', 'Oct 20, 2026', '2026-10-20 14:30'])(
    'reads the text date %j as 12 days old',
    (cell) => {
      expect(outcome(within(12), cell)).toBe('match');
      expect(outcome(within(11), cell)).toBe('no match');
      expect(outcome(older(11), cell)).toBe('match');
    },
  );

  it('reads day-first text dates with the model date order DMY', () => {
    expect(outcome(within(12), '20/10/2026', { dateOrder: 'DMY' })).toBe('match');
    expect(outcome(within(11), '20/10/2026', { dateOrder: 'DMY' })).toBe('no match');
    // 05/10/2026 is 5 October (27 days old) day first, but 10 May (175 days old) month first.
    expect(outcome(within(30), '05/10/2026', { dateOrder: 'DMY' })).toBe('match');
    expect(outcome(within(30), '05/10/2026', { dateOrder: 'MDY' })).toBe('no match');
    expect(outcome(older(170), '05/10/2026', { dateOrder: 'MDY' })).toBe('match');
  });

  it('a date after the as-of date is neither within the last N days nor older', () => {
    expect(outcome(within(14), '2026-11-05')).toBe('no match');
    expect(outcome(older(0), '2026-11-05')).toBe('no match');
    expect(outcome(within(14), AS_OF_SERIAL + 1)).toBe('no match');
  });

  it('measures to the as-of date given', () => {
    // On 2026-10-25 the same date is 5 days old.
    expect(outcome(within(5), '2026-10-20', { asOf: '2026-10-25' })).toBe('match');
    expect(outcome(within(4), '2026-10-20', { asOf: '2026-10-25' })).toBe('no match');
  });

  it('a blank date matches neither and is not reported', () => {
    for (const blank of BLANKS) {
      expect(outcome(within(14), blank)).toBe('no match');
      expect(outcome(older(14), blank)).toBe('no match');
    }
  });

  it('a junk date is unusable, with the formats that would work', () => {
    const why = whyUnusable(within(14), 'next week');
    expect(why).toMatch(/^not scored: 'X': 'next week' is not a date \(Use a date such as 2026-11-05/);
    expect(whyUnusable(older(14), '2026-02-30')).toMatch(/^not scored: 'X': '2026-02-30' is not a date/);
    expect(whyUnusable(within(14), -3)).toBe("not scored: 'X': -3 is not a date serial number");
  });
});

describe('personalEmail', () => {
  it.each<[unknown, Verdict]>([
    ['jo@gmail.com', 'match'],
    ['  JO@GMAIL.COM ', 'match'],
    ['Jo Bloggs <jo@gmail.com>', 'match'],
    ['jo@hotmail.co.uk', 'match'],
    ['jo@acme.com', 'no match'],
    ['Jo Bloggs <jo@acme.com>', 'no match'],
    ['jo@mail.gmail.com', 'no match'], // only the provider's own domain
    ['not an email', 'no match'],
    ['', 'no match'],
    [null, 'no match'],
    [42, 'no match'],
  ])('%j: %s', (cell, expected) => {
    expect(outcome({ op: 'personalEmail' }, cell)).toBe(expected);
  });
});

describe('spamLike', () => {
  it.each<[unknown, Verdict]>([
    ['asdf', 'match'], // keyboard run
    ['qwerty', 'match'],
    ['aaaa', 'match'], // one repeated character
    ['john smith', 'match'], // a name typed all in lowercase
    ['John Smith', 'no match'],
    ['Liberty Property', 'no match'],
    ['', 'no match'],
    [null, 'no match'],
  ])('%j: %s', (cell, expected) => {
    expect(outcome({ op: 'spamLike' }, cell)).toBe(expected);
  });
});

describe('error values', () => {
  const EVERY_CONDITION: readonly Condition[] = [
    equals('a'),
    notEquals('a'),
    text('contains', 'a'),
    text('notContains', 'a'),
    text('startsWith', 'a'),
    text('endsWith', 'a'),
    text('matches', 'a*'),
    { op: 'lt', value: 1 },
    { op: 'lte', value: 1 },
    { op: 'gt', value: 1 },
    { op: 'gte', value: 1 },
    { op: 'between', min: 1, max: 2 },
    { op: 'blank' },
    { op: 'notBlank' },
    { op: 'isTrue' },
    { op: 'withinDays', days: 30 },
    { op: 'olderThanDays', days: 30 },
    { op: 'personalEmail' },
    { op: 'spamLike' },
  ];

  // As Office.js Range.values gives them (text), and as custom functions get them (objects).
  const ERRORS: readonly [unknown, string][] = [
    ['#N/A', '#N/A'],
    ['#VALUE!', '#VALUE!'],
    ['#DIV/0!', '#DIV/0!'],
    [{ errorCode: 'notAvailable' }, '#N/A'],
    [{ errorCode: 'invalidValue', message: 'bad' }, '#VALUE!'],
    [{ code: '#REF!' }, '#REF!'],
    [{}, '#VALUE!'],
  ];

  it('covers every condition', () => {
    expect(EVERY_CONDITION.map((c) => c.op).sort()).toEqual([...CONDITION_OPS].sort());
  });

  it.each(EVERY_CONDITION.map((c) => [c.op, c] as const))('%s never throws on an error and says which error', (_op, condition) => {
    for (const [cell, shown] of ERRORS) {
      expect(whyUnusable(condition, cell)).toBe(`not scored: 'X': the cell holds the error ${shown}`);
    }
  });

  it('counts unusable cells when scoring many rows, without an explanation', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'X', condition: { op: 'gt', value: 1 }, points: 10 })] });
    const compiled = compile(m, HEADERS, { asOf: AS_OF });
    if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
    const rows = compiled.value.scoreRows([['#N/A'], [5], ['abc'], [null], [{ errorCode: 'notAvailable' }]]);
    expect([...rows.scores]).toEqual([0, 10, 0, 0, 0]);
    expect([...rows.unusableCells]).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('negated text conditions on a blank cell', () => {
  // Nothing is known about a blank cell, so "Industry is not Retail" must not give points.
  it.each(BLANKS)('notEquals and notContains do not match %j', (cell) => {
    expect(outcome(notEquals('Retail'), cell)).toBe('no match');
    expect(outcome(text('notContains', 'test'), cell)).toBe('no match');
  });

  it('counts a cell of only non-breaking or other Unicode spaces (pasted from the web) as blank', () => {
    for (const cell of ['\u00a0', ' \u00a0 ', '\u2003', '\u3000', '\u202f\t']) {
      expect(outcome(notEquals('Retail'), cell)).toBe('no match');
      expect(outcome({ op: 'blank' }, cell)).toBe('match');
      expect(outcome({ op: 'gt', value: 0 }, cell)).toBe('no match');
    }
  });

  it('nor does any other text condition', () => {
    for (const op of ['equals', 'contains', 'startsWith', 'endsWith'] as const) {
      for (const cell of BLANKS) expect(outcome(text(op, 'a'), cell)).toBe('no match');
    }
    // Only '*' could match the empty text; a blank cell is still not scored.
    expect(outcome(text('matches', '*'), '')).toBe('no match');
    expect(outcome(text('matches', '*'), 'anything')).toBe('match');
  });
});
