/**
 * Attacks on the model as JSON (a model file for the command line, a model pasted into the
 * pane): prototype pollution, wrong types, extreme sizes and numbers. parseModel never throws,
 * never pollutes, and says what and where.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { criterion, formatProblems, model, parseModel, printable, validateModel, type Criterion } from '../../src/engine';

const VALID = { version: 1, name: 'Attack', criteria: [{ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Tech'] }, points: 10 }], bands: [{ name: 'Cold', from: 0, color: '#BDD7EE' }] };
const withCriterion = (fields: Record<string, unknown>): unknown => ({ ...VALID, criteria: [{ ...VALID.criteria[0], ...fields }] });
const problemsOf = (json: unknown): string => {
  const r = parseModel(json);
  return r.ok ? '' : formatProblems(r.problems);
};

afterEach(() => {
  // No attack may leave anything on the shared prototypes.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('prototype pollution', () => {
  it('a __proto__ key at the top of the file is refused as an unknown key', () => expect(problemsOf(JSON.parse('{"version":1,"criteria":[],"bands":[{"name":"a","from":0,"color":"#FFFFFF"}],"__proto__":{"polluted":1}}'))).toContain("unknown key '__proto__'"));
  it('a __proto__ key inside a criterion is refused', () => expect(problemsOf(JSON.parse(`{"version":1,"criteria":[{"group":"fit","field":"A","condition":{"op":"blank"},"points":1,"__proto__":{"polluted":1}}],"bands":[{"name":"a","from":0,"color":"#FFFFFF"}]}`))).toContain("unknown key '__proto__'"));
  it('a constructor.prototype key is refused', () => expect(problemsOf({ ...VALID, constructor: { prototype: { polluted: 1 } } })).toContain("unknown key 'constructor'"));
  it('a criterion reading a column named __proto__ is only a column name', () => expect(parseModel(withCriterion({ field: '__proto__' })).ok).toBe(true));
  it('a condition op named __proto__ is not a condition', () => expect(problemsOf(withCriterion({ condition: { op: '__proto__' } }))).toContain('"__proto__" is not a condition'));
});

describe('wrong types', () => {
  it.each([
    ['points as text', { points: '10' }, 'criterion 1, points: expected number, got "10"'],
    ['points as null', { points: null }, 'criterion 1, points: expected number, got null'],
    ['NaN as text', { points: 'NaN' }, 'criterion 1, points: expected number, got "NaN"'],
    ['a group that is not one', { group: 'admin' }, 'criterion 1, group'],
    ['values as a string, not a list', { condition: { op: 'equals', values: 'Tech' } }, 'criterion 1, condition.values'],
    ['a formula as a points value', { points: '=1+1' }, 'criterion 1, points: expected number, got "=1+1"'],
  ])('%s is refused at its path', (_name, fields, expected) => expect(problemsOf(withCriterion(fields))).toContain(expected));
  it('criteria as an object instead of a list is refused', () => expect(problemsOf({ ...VALID, criteria: { 0: VALID.criteria[0] } })).toContain('criteria: expected array'));
  it('a whole model that is a number, a string or null is refused with one problem', () => {
    for (const json of [42, 'model', null, true]) expect(parseModel(json)).toMatchObject({ ok: false, problems: [{ severity: 'error' }] });
  });
  it('a BigInt, a function and a cycle never make parseModel throw', () => {
    const cycle: Record<string, unknown> = { ...VALID };
    cycle.self = cycle;
    for (const json of [withCriterion({ points: 10n }), withCriterion({ points: () => 1 }), cycle]) expect(parseModel(json).ok).toBe(false);
  });
});

describe('versions', () => {
  it.each([
    ['a newer version', 99, 'version: made by a newer version of Lead Scoring (format version 99; this one reads up to 1)'],
    ['version 0', 0, "version: '0' is not a format version"],
    ['a negative version', -1, "version: '-1' is not a format version"],
    ['a fractional version', 1.5, "version: '1.5' is not a format version"],
    ['a huge version', 1e308, 'made by a newer version of Lead Scoring'],
    ['a version as text', '1', 'version: "1" is not a format version'],
  ])('%s is refused with a clear message', (_name, version, expected) => expect(problemsOf({ ...VALID, version })).toContain(expected));
});

describe('sizes and numbers', () => {
  it('a 10,000-level-deep value is refused without exhausting the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(problemsOf({ ...VALID, description: deep })).toContain('description: expected string');
  });
  it('a model name of a million characters is refused, and the message stays short', () => {
    const text = problemsOf({ ...VALID, name: 'n'.repeat(1_000_000) });
    expect(text).toContain("name: 1,000,000 characters; Excel takes at most 32,767 here");
    expect(text.length).toBeLessThan(5_000);
  });
  it('60,000 criteria are refused (sums would stop being exact)', () => expect(problemsOf({ ...VALID, criteria: Array.from({ length: 60_000 }, () => VALID.criteria[0]) })).toContain('criteria: 60,000 criteria (use at most 50,000)'));
  it.each([
    ['huge points', { points: 1e308 }, 'criterion 1, points: points of 1e+308 is beyond 1,000,000,000 points either way'],
    ['a huge cap', { cap: { min: null, max: 1e300 } }, 'criterion 1, cap.max: a maximum of 1e+300 is beyond 1,000,000,000 points either way (leave it empty for no limit)'],
    ['a huge negative deduction', { decay: { kind: 'deduct', dateField: 'Seen', afterDays: 1, points: -1e300 } }, 'criterion 1, decay.points'],
  ])('%s are refused at their path', (_name, fields, expected) => expect(problemsOf(withCriterion(fields))).toContain(expected));
  it('a subnormal 0-100 maximum is refused, not turned into Infinity', () => expect(problemsOf({ ...withCriterion({ points: 5e-324 }) as object, scale: '0-100' })).toContain('scale: a 0-100 scale needs a highest possible score of at least 0.01 points'));
  it('negative zero reads as zero', () => {
    const r = parseModel(JSON.parse('{"version":1,"criteria":[{"group":"fit","field":"A","condition":{"op":"gt","value":-0},"points":-0}],"bands":[{"name":"a","from":-0,"color":"#FFFFFF"}]}'));
    expect(r.ok && Object.is(r.value.criteria[0]?.points, 0) && Object.is(r.value.bands[0]?.from, 0)).toBe(true);
  });
});

describe('text that would reach a terminal or a workbook', () => {
  it('an escape sequence in a model name is refused, and shown escaped in the message', () => {
    const text = problemsOf({ ...VALID, name: 'Q4\u001b[2J\u001b[31mPWNED' });
    expect(text).toContain('name: holds the control character U+001B, which a workbook cannot store');
    expect(text).not.toMatch(/\u001b/);
  });
  it('a line break in an unknown key cannot forge a second problem line', () => {
    const text = problemsOf({ ...VALID, 'x\nerror: all good': 1 });
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toContain('\\u{a}');
  });
  it('bidirectional overrides in a message are written out, not obeyed', () => expect(printable('abc\u202edcb')).toBe('abc\\u{202e}dcb'));
  it('a band name over 255 characters is refused', () => expect(problemsOf({ ...VALID, bands: [{ name: 'B'.repeat(300), from: 0, color: '#FFFFFF' }] })).toContain('band 1, name: 300 characters; Excel takes at most 255 here'));
});

describe('models built in code (the pane, a script) get the same checks', () => {
  it.each([
    ['Infinity points', { points: Number.POSITIVE_INFINITY }],
    ['NaN points', { points: Number.NaN }],
    ['an Infinity bound', { condition: { op: 'between', min: 0, max: Number.POSITIVE_INFINITY } }],
  ])('%s are refused by validateModel', (_name, fields) => {
    const m = model({ criteria: [{ ...criterion({ group: 'fit', field: 'A', condition: { op: 'notBlank' }, points: 1 }), ...fields } as Criterion] });
    expect(validateModel(m).ok).toBe(false);
  });
});
