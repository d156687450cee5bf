/**
 * What a user is told about a broken model: every problem at once, each with where it is,
 * what is wrong and (when there is something useful to say) what to do. Through compile for
 * models built in code, and through parseModel for JSON files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeLocation,
  modelPathOf,
  compile,
  criterion,
  formatProblem,
  model,
  parseModel,
  validateModel,
  type Criterion,
  type Model,
  type Problem,
} from '../../src/engine';

const HEADERS = ['Company', 'Industry', 'Employees', 'Email', 'Last visit', 'Visits'];
const AS_OF = '2026-11-01';

const industryIs = (fields: Partial<Criterion> = {}): Criterion =>
  criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 10, ...fields });
const visits = (fields: Partial<Criterion> = {}): Criterion =>
  criterion({ group: 'engagement', field: 'Visits', condition: { op: 'gt', value: 0 }, points: 2, ...fields });

/** The formatted problems of compiling `m` over HEADERS; [] when it compiles. */
function compileProblems(m: Model, headers: readonly string[] = HEADERS): string[] {
  const result = compile(m, headers, { asOf: AS_OF });
  return result.ok ? result.warnings.map(formatProblem) : result.problems.map(formatProblem);
}

function problemsOf(m: Model): readonly Problem[] {
  const result = compile(m, HEADERS, { asOf: AS_OF });
  return result.ok ? result.warnings : result.problems;
}

/** parseModel's problems, formatted; fails the test when the input parses. */
function parseProblems(json: unknown): string[] {
  const result = parseModel(json);
  if (result.ok) throw new Error(`expected problems, parsed: ${JSON.stringify(json)}`);
  return result.problems.map(formatProblem);
}

/** A minimal valid JSON model, to break one thing at a time. */
const validJson = (): Record<string, unknown> => ({
  version: 1,
  criteria: [{ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 10 }],
  bands: [{ name: 'Cold', from: 0, color: '#BDD7EE' }],
});

describe('every problem at once', () => {
  it('reports four distinct mistakes as four problems, each located', () => {
    const m = model({
      criteria: [
        criterion({ group: 'fit', field: 'Employees', condition: { op: 'between', min: 50, max: 10 }, points: 5 }),
        industryIs(),
        visits(),
        industryIs({ field: 'Industy' }),
      ],
      bands: [{ name: 'Cold', from: 0, color: 'blue' }],
      stages: { mql: 60, sql: 40 },
    });
    expect(compileProblems(m).sort()).toEqual(
      [
        'criterion 1, condition: between 50 and 10: the lower bound is above the upper',
        "band 1, color: 'blue' is not a colour (write it as #RRGGBB, e.g. '#F8CBAD')",
        'stages.mql: MQL at 60 is above SQL at 40 (a lead becomes MQL before SQL)',
        "criterion 4, field: unknown column 'Industy' (did you mean 'Industry'?)",
      ].sort(),
    );
    expect(problemsOf(m).every((p) => p.severity === 'error')).toBe(true);
  });
});

describe('unknown columns', () => {
  it("suggests the column the user most likely meant: criterion 4, field 'Industy'", () => {
    const m = model({ criteria: [industryIs(), visits(), industryIs({ name: 'Tech' }), industryIs({ field: 'Industy' })] });
    const problems = problemsOf(m);
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toBe("criterion 4, field: unknown column 'Industy' (did you mean 'Industry'?)");
    expect(problems[0]).toMatchObject({ severity: 'error', at: { json: ['criteria', 3, 'field'] } });
  });

  it('finds a column whatever its case and spacing, without a problem', () => {
    const m = model({ criteria: [industryIs({ field: ' industry ' }), criterion({ group: 'engagement', field: 'LAST  VISIT', condition: { op: 'withinDays', days: 7 }, points: 5 })] });
    expect(compileProblems(m)).toEqual([]);
  });

  it("lists the table's columns when nothing is close", () => {
    expect(compileProblems(model({ criteria: [industryIs({ field: 'Annual revenue' })] }))).toEqual([
      "criterion 1, field: unknown column 'Annual revenue' (the table's columns are 'Company', 'Industry', 'Employees', 'Email', 'Last visit', 'Visits')",
    ]);
  });

  it('only warns about a disabled criterion, and the model still compiles and scores', () => {
    const m = model({ criteria: [industryIs(), industryIs({ field: 'Industy', enabled: false })] });
    const result = compile(m, HEADERS, { asOf: AS_OF });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map((p) => [p.severity, formatProblem(p)])).toEqual([
      ['warning', "criterion 2, field: unknown column 'Industy' (the criterion is disabled, so it is not scored) (did you mean 'Industry'?)"],
    ]);
    expect(result.value.scoreRow(['Acme', 'Technology']).score).toBe(10);
  });

  it('checks the per-occurrence count column and the decay date column too', () => {
    const m = model({
      criteria: [
        visits({ perOccurrenceOf: 'Visit' }),
        visits({ decay: { kind: 'factor', dateField: 'Last visited', afterDays: 30, percent: 50 } }),
      ],
    });
    expect(compileProblems(m)).toEqual([
      "criterion 1, perOccurrenceOf: unknown column 'Visit' (did you mean 'Visits'?)",
      "criterion 2, decay.dateField: unknown column 'Last visited' (did you mean 'Last visit'?)",
    ]);
  });
});

describe('bands and stages', () => {
  const withBands = (bands: Model['bands']): string[] => compileProblems(model({ criteria: [industryIs()], bands }));

  it('requires bands from the lowest score to the highest', () => {
    expect(
      withBands([
        { name: 'Cold', from: 0, color: '#BDD7EE' },
        { name: 'Hot', from: 50, color: '#F8CBAD' },
        { name: 'Warm', from: 20, color: '#FFE699' },
      ]),
    ).toEqual(["band 3, from: starts at 20, not above 'Hot' (50) (list bands from the lowest score to the highest)"]);
    expect(
      withBands([
        { name: 'Cold', from: 0, color: '#BDD7EE' },
        { name: 'Warm', from: 0, color: '#FFE699' },
      ]),
    ).toEqual(["band 2, from: starts at 0, not above 'Cold' (0) (list bands from the lowest score to the highest)"]);
  });

  it('requires #RRGGBB colours', () => {
    expect(withBands([{ name: 'Cold', from: 0, color: 'red' }])).toEqual([
      "band 1, color: 'red' is not a colour (write it as #RRGGBB, e.g. '#F8CBAD')",
    ]);
    expect(withBands([{ name: 'Cold', from: 0, color: '#FFF' }])).toEqual([
      "band 1, color: '#FFF' is not a colour (write it as #RRGGBB, e.g. '#F8CBAD')",
    ]);
    expect(withBands([{ name: 'Cold', from: 0, color: '#bdd7ee' }])).toEqual([]);
  });

  it('refuses two bands of the same name, whatever the case, and a band without a name', () => {
    expect(
      withBands([
        { name: 'Cold', from: 0, color: '#BDD7EE' },
        { name: 'Warm', from: 20, color: '#FFE699' },
        { name: 'warm', from: 50, color: '#F8CBAD' },
        { name: '', from: 80, color: '#F8CBAD' },
      ]),
    ).toEqual(["band 3, name: the band name 'warm' is used twice", 'band 4, name: the band has no name']);
  });

  it('refuses MQL above SQL, but allows them equal or either alone', () => {
    const withStages = (mql: number | null, sql: number | null) => compileProblems(model({ criteria: [industryIs()], stages: { mql, sql } }));
    expect(withStages(60, 40)).toEqual(['stages.mql: MQL at 60 is above SQL at 40 (a lead becomes MQL before SQL)']);
    expect(withStages(40, 40)).toEqual([]);
    expect(withStages(60, null)).toEqual([]);
    expect(withStages(null, 40)).toEqual([]);
  });
});

describe('criterion settings', () => {
  it('refuses a cap whose minimum is above its maximum, on a criterion, a group or the total', () => {
    const m = model({
      criteria: [industryIs({ cap: { min: 10, max: 5 } })],
      groupCaps: { fit: { min: null, max: null }, engagement: { min: 30, max: 20 } },
      totalCap: { min: 100, max: 50 },
    });
    expect(compileProblems(m)).toEqual([
      'criterion 1, cap: minimum 10 is above maximum 5',
      'groupCaps.engagement: minimum 30 is above maximum 20',
      'totalCap: minimum 100 is above maximum 50',
    ]);
  });

  it('refuses between with its bounds the wrong way round, but not equal bounds', () => {
    const between = (min: number, max: number) =>
      compileProblems(model({ criteria: [criterion({ group: 'fit', field: 'Employees', condition: { op: 'between', min, max }, points: 5 })] }));
    expect(between(500, 50)).toEqual(['criterion 1, condition: between 500 and 50: the lower bound is above the upper']);
    expect(between(50, 50)).toEqual([]);
  });

  it('refuses decay settings that make no sense', () => {
    const decays: Criterion['decay'][] = [
      { kind: 'factor', dateField: 'Last visit', afterDays: 30, percent: 150 },
      { kind: 'factor', dateField: 'Last visit', afterDays: -1, percent: 50 },
      { kind: 'deduct', dateField: 'Last visit', afterDays: 90, points: -10 },
      { kind: 'halfLife', dateField: 'Last visit', halfLifeDays: -14 },
      { kind: 'halfLife', dateField: 'Last visit', halfLifeDays: 0 },
    ];
    expect(compileProblems(model({ criteria: decays.map((decay) => visits({ decay })) }))).toEqual([
      'criterion 1, decay.percent: 150% is not between 0 and 100',
      'criterion 2, decay.afterDays: -1 days is negative',
      'criterion 3, decay.points: deducting -10 points (write the deduction as a positive number of points to lose)',
      'criterion 4, decay.halfLifeDays: a half-life of -14 days (a half-life must be more than 0 days)',
      'criterion 5, decay.halfLifeDays: a half-life of 0 days (a half-life must be more than 0 days)',
    ]);
  });

  it('refuses an empty list value and negative days', () => {
    const m = model({
      criteria: [
        industryIs({ condition: { op: 'equals', values: ['Technology', ''] } }),
        criterion({ group: 'engagement', field: 'Last visit', condition: { op: 'withinDays', days: -7 }, points: 5 }),
      ],
    });
    expect(compileProblems(m)).toEqual([
      'criterion 1, condition.values.1: an empty value (use "is blank" to test for empty cells)',
      'criterion 2, condition.days: -7 days is negative',
    ]);
  });

  it('warns, without failing, about two criteria of the same name', () => {
    const result = compile(model({ criteria: [industryIs({ name: 'Tech' }), visits({ name: 'tech' })] }), HEADERS, { asOf: AS_OF });
    expect(result.ok).toBe(true);
    expect(result.ok ? result.warnings.map(formatProblem) : []).toEqual([
      "criterion 2, name: the name 'tech' is also used by criterion 1 (give each criterion its own name so explanations can tell them apart)",
    ]);
  });
});

describe('the 0-100 scale', () => {
  it('refuses uncapped per-occurrence points, which make the maximum unlimited', () => {
    const m = model({ scale: '0-100', criteria: [industryIs(), visits({ perOccurrenceOf: 'Visits' })] });
    expect(compileProblems(m)).toEqual([
      'scale: a 0-100 scale needs a highest possible score, and per-occurrence points make it unlimited (set a cap on each per-occurrence criterion, a group maximum or a total maximum)',
    ]);
  });

  it('accepts them under a total maximum, and scores as a percentage of it', () => {
    const m = model({ scale: '0-100', totalCap: { min: null, max: 40 }, criteria: [industryIs(), visits({ perOccurrenceOf: 'Visits' })] });
    const result = compile(m, HEADERS, { asOf: AS_OF });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.pointsPerScorePoint).toBe(0.4); // 40 raw points are 100
    // 10 (Technology) + 5 visits x 2 = 20 raw points, 20 / 40 = 50%.
    expect(result.value.scoreRow(['Acme', 'Technology', 100, 'a@acme.com', null, 5]).score).toBe(50);
  });

  it('accepts them under a criterion cap', () => {
    const m = model({ scale: '0-100', criteria: [industryIs(), visits({ perOccurrenceOf: 'Visits', cap: { min: null, max: 10 } })] });
    expect(compileProblems(m)).toEqual([]);
  });

  it('refuses a model that cannot give any positive points', () => {
    const m = model({ scale: '0-100', criteria: [industryIs({ points: -5 })] });
    expect(compileProblems(m)).toEqual(['scale: a 0-100 scale needs at least one criterion that can give positive points']);
  });
});

describe("the model's as-of date", () => {
  it.each(['2026-13-01', '2026-02-30', '01/11/2026', 'today'])('refuses %j', (asOf) => {
    expect(compileProblems(model({ criteria: [industryIs()], asOf }))).toEqual([
      `asOf: '${asOf}' is not a date (write it as YYYY-MM-DD, or leave it empty for today)`,
    ]);
  });

  it('accepts a real date and null (today)', () => {
    expect(validateModel(model({ asOf: '2028-02-29' })).ok).toBe(true);
    expect(validateModel(model({ asOf: null })).ok).toBe(true);
  });

  it('reads an empty as-of date in a JSON file as none, as the hint says ("leave it empty for today")', () => {
    const asOfOf = (asOf: unknown) => {
      const result = parseModel({ ...validJson(), asOf });
      return result.ok ? result.value.asOf : result.problems.map(formatProblem);
    };
    expect(asOfOf('')).toBeNull();
    expect(asOfOf('  ')).toBeNull();
    expect(asOfOf(' 2026-11-01 ')).toBe('2026-11-01');
    expect(asOfOf('next Monday')).toEqual(["asOf: 'next Monday' is not a date (write it as YYYY-MM-DD, or leave it empty for today)"]);
  });
});

describe('parseModel', () => {
  it('reads a minimal JSON model, filling in the defaults', () => {
    const result = parseModel(validJson());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(
      model({
        criteria: [industryIs()],
        bands: [{ name: 'Cold', from: 0, color: '#BDD7EE' }],
      }),
    );
  });

  it.each<[string, unknown, string[]]>([
    ['null', null, ['model: expected object, got null']],
    ['a number', 42, ['model: expected object, got 42']],
    ['a string', 'x', ['model: expected object, got "x"']],
    ['an array', [], ['model: expected object, got []']],
  ])('refuses %s with one problem about the whole model', (_what, json, expected) => {
    expect(parseProblems(json)).toEqual(expected);
  });

  it('says everything that is missing from {}', () => {
    expect(parseProblems({})).toEqual([
      'version: missing (expected format version 1) (write 1)',
      'criteria: missing (expected array)',
      'bands: missing (expected array)',
    ]);
  });

  it('says a model from a newer version needs a newer add-in, and refuses an unknown older version', () => {
    expect(parseProblems({ version: 99 })).toEqual([
      'version: made by a newer version of Lead Scoring (format version 99; this one reads up to 1) (update the add-in or the command line to open this model)',
    ]);
    expect(parseProblems({ ...validJson(), version: 0 })).toEqual(["version: '0' is not a format version (write 1)"]);
    expect(parseProblems({ ...validJson(), version: 1.5 })).toEqual(["version: '1.5' is not a format version (write 1)"]);
    expect(parseProblems({ ...validJson(), version: '1' })).toEqual(['version: "1" is not a format version (write 1)']);
  });

  it('reports misspelt keys rather than ignoring them', () => {
    const json = validJson();
    json.critera = [];
    json.criteria = [{ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, pionts: 10 }];
    expect(parseProblems(json)).toEqual([
      'criterion 1, points: missing (expected number)',
      "criterion 1: unknown key 'pionts'",
      "model: unknown key 'critera'",
    ]);
  });

  it('reports every value of the wrong type, with what it got', () => {
    const json = {
      ...validJson(),
      criteria: [{ group: 'fit', field: 3, condition: { op: 'gt', value: '5' }, points: '10', enabled: 'yes' }],
      bands: [{ name: 'Cold', from: '0', color: '#BDD7EE' }],
    };
    expect(parseProblems(json)).toEqual([
      'criterion 1, field: expected string, got 3',
      'criterion 1, condition.value: expected number, got "5"',
      'criterion 1, points: expected number, got "10"',
      'criterion 1, enabled: expected boolean, got "yes"',
      'band 1, from: expected number, got "0"',
    ]);
  });

  it('names the unknown condition or decay, and lists the ones there are', () => {
    const json = {
      ...validJson(),
      criteria: [
        { group: 'fit', field: 'Industry', condition: { op: 'equalz', values: ['Technology'] }, points: 10 },
        { group: 'fit', field: 'Industry', condition: { values: ['Technology'] }, points: 10 },
        { group: 'fit', field: 'Industry', condition: { op: 'isTrue' }, points: 10, decay: { kind: 'linear', dateField: 'When' } },
      ],
    };
    expect(parseProblems(json)).toEqual([
      `criterion 1, condition.op: "equalz" is not a condition (use one of: equals, notEquals, contains, notContains, startsWith, endsWith, matches, lt, lte, gt, gte, between, blank, notBlank, isTrue, withinDays, olderThanDays, personalEmail, spamLike)`,
      `criterion 2, condition.op: no condition given (use one of: equals, notEquals, contains, notContains, startsWith, endsWith, matches, lt, lte, gt, gte, between, blank, notBlank, isTrue, withinDays, olderThanDays, personalEmail, spamLike)`,
      'criterion 3, decay.kind: "linear" is not a kind of decay (use one of: factor, deduct, halfLife)',
    ]);
  });

  it('checks meaning once the structure is right', () => {
    const json = { ...validJson(), stages: { mql: 60, sql: 40 }, bands: [{ name: 'Cold', from: 0, color: 'blue' }] };
    expect(parseProblems(json)).toEqual([
      "band 1, color: 'BLUE' is not a colour (write it as #RRGGBB, e.g. '#F8CBAD')",
      'stages.mql: MQL at 60 is above SQL at 40 (a lead becomes MQL before SQL)',
    ]);
  });

  it('reports values that are not JSON (a BigInt, a cycle, Infinity) instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const withFrom = (from: unknown) => ({ ...validJson(), bands: [{ name: 'Cold', from, color: '#BDD7EE' }] });
    expect(parseProblems(withFrom(10n))).toEqual(['band 1, from: expected number, got 10n']);
    expect(parseProblems(withFrom(Number.POSITIVE_INFINITY))).toEqual(['band 1, from: expected number, got Infinity']);
    expect(parseProblems(withFrom(cyclic))).toHaveLength(1);
    expect(parseProblems({ ...validJson(), version: 1n })).toHaveLength(1);
  });

  const assertNeverThrows = (json: unknown): void => {
    const result = parseModel(json);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(p.severity).toBe('error');
      expect(describeLocation(p.at).length).toBeGreaterThan(0);
      expect(p.message.length).toBeGreaterThan(0);
      expect(Array.isArray(modelPathOf(p.at))).toBe(true);
    }
  };

  it('never throws on any JSON value, and always says what is wrong', () => {
    fc.assert(fc.property(fc.jsonValue(), assertNeverThrows), { numRuns: 500 });
  });

  it('never throws on anything at all', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    fc.assert(fc.property(anything, assertNeverThrows), { numRuns: 500 });
  });

  it('never throws on a real model with one value replaced by anything', () => {
    // Random values rarely get past the top level; this puts them deep inside a model.
    const slots: ((json: Record<string, unknown>, v: unknown) => void)[] = [
      (j, v) => (j.version = v),
      (j, v) => (j.criteria = [v]),
      (j, v) => (j.bands = [{ name: 'Cold', from: v, color: '#BDD7EE' }]),
      (j, v) => (j.criteria = [{ group: 'fit', field: 'Industry', condition: v, points: 10 }]),
      (j, v) => (j.criteria = [{ group: 'fit', field: 'Industry', condition: { op: 'gt', value: v }, points: 10 }]),
      (j, v) => (j.criteria = [{ group: 'fit', field: 'Industry', condition: { op: 'isTrue' }, points: 10, decay: v }]),
      (j, v) => (j.stages = { mql: v, sql: null }),
      (j, v) => (j.asOf = v),
    ];
    fc.assert(
      fc.property(fc.nat(slots.length - 1), fc.anything({ withBigInt: true, withMap: true, withDate: true }), (slot, v) => {
        const json = validJson();
        slots[slot]!(json, v);
        assertNeverThrows(json);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('band limits', () => {
  it('refuses more bands than a byte can index, with the limit in the hint', () => {
    const bands = Array.from({ length: 256 }, (_, i) => ({ name: `B${i}`, from: i, color: '#FFFFFF' }));
    const result = validateModel(model({ bands }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map(formatProblem)).toContain('bands: 256 bands (use at most 255)');
  });
});
