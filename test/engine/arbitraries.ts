import fc from 'fast-check';
import { AUTOMATIC_PRIORITY, DEFAULT_ACCOUNTS, NO_CAP, validateModel, type Band, type Cap, type Condition, type Criterion, type Decay, type Model } from '../../src/engine';

/** Generators of valid models and of any cell a host could hand over, for property tests. */

export const HEADERS = ['Industry', 'Title', 'Employees', 'Email', 'Visits', 'Last Seen', 'Demo'] as const;
const field = fc.constantFrom(...HEADERS);

/** Finite, not -0 (which no cell can hold), at most 4 decimals like points people type. */
const num = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: min * 4, max: max * 4 }).map((n) => (n === 0 ? 0 : n / 4));

/**
 * Numbers at the edges of what a double holds, as a hostile or careless model file may carry:
 * huge, tiny, subnormal, negative zero, beyond 2^53. Mixed in with ordinary ones.
 */
export const EXTREME_NUMBERS = [
  Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, -1e308, 1e300, 1e200, 1e20, -1e20, 9_007_199_254_740_993, 1e15, 1e9 + 0.5, -1e9,
  Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 1e-300, 1e-12, 0.005, 0.015, 0.1, -0,
];
/** Points whose share of a maximum never ends in decimals (thirds, sevenths, thousandths): every 0-100 score has a remainder to round. */
export const AWKWARD_POINTS = [1 / 3, 2 / 3, 1 / 7, 10 / 7, 0.001, 0.125, 12.345, 33.3];
const wide = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof({ arbitrary: num(min, max), weight: 3 }, { arbitrary: fc.constantFrom(...EXTREME_NUMBERS), weight: 2 }, { arbitrary: fc.constantFrom(...AWKWARD_POINTS.flatMap((x) => [x, -x])), weight: 1 });

/** Trimmed, non-empty text such as a person would type in a cell, ';' and '\' included. */
const text = fc
  .string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcXYZ 019;\\*?~-é'.split('')) })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

export const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    op: fc.constantFrom('equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches'),
    values: fc.array(text, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constantFrom('lt', 'lte', 'gt', 'gte'), value: wide(-1000, 1000) }),
  fc.tuple(wide(-100, 100), wide(0, 100)).map(([min, width]): Condition => ({ op: 'between', min, max: min + width })),
  fc.record({ op: fc.constantFrom('blank', 'notBlank', 'isTrue', 'personalEmail', 'spamLike') }),
  fc.record({ op: fc.constantFrom('withinDays', 'olderThanDays'), days: fc.integer({ min: 0, max: 400 }) }),
);

const decay: fc.Arbitrary<Decay | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('factor' as const), dateField: field, afterDays: fc.integer({ min: 0, max: 120 }), percent: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('deduct' as const), dateField: field, afterDays: fc.integer({ min: 0, max: 120 }), points: wide(0, 20) }),
  fc.record({ kind: fc.constant('halfLife' as const), dateField: field, halfLifeDays: fc.integer({ min: 1, max: 90 }) }),
);

const bound = (min: number, max: number): fc.Arbitrary<number | null> => fc.option(wide(min, max), { nil: null });
const cap: fc.Arbitrary<Cap> = fc
  .tuple(bound(-50, 0), bound(0, 80))
  .map(([min, max]) => ({ min, max }));

const criterion: fc.Arbitrary<Criterion> = fc.record({
  name: fc.oneof(fc.constant(''), text),
  group: fc.constantFrom('fit' as const, 'engagement' as const),
  field,
  condition,
  points: wide(-20, 30),
  perOccurrenceOf: fc.option(field, { nil: null }),
  decay,
  cap,
  enabled: fc.boolean(),
  note: fc.oneof(fc.constant(''), text),
});

const bands: fc.Arbitrary<Band[]> = fc
  .uniqueArray(fc.integer({ min: -20, max: 150 }), { minLength: 1, maxLength: 5 })
  .map((froms) =>
    [...froms]
      .sort((a, b) => a - b)
      .map((from, i) => ({ name: `Band ${i + 1}`, from, color: `#${(0x102030 + i * 0x111111).toString(16).toUpperCase()}` })),
  );

/** Any model that validates. 0-100 models get a total maximum so that they have a ceiling. */
export const validModel: fc.Arbitrary<Model> = fc
  .record({
    name: text,
    description: fc.oneof(fc.constant(''), text),
    criteria: fc.array(criterion, { maxLength: 8 }),
    groupCaps: fc.record({ fit: cap, engagement: cap }),
    totalCap: cap,
    scale: fc.constantFrom('points' as const, '0-100' as const),
    bands,
    stages: fc.tuple(bound(0, 60), bound(60, 150)).map(([mql, sql]) => ({ mql, sql })),
    asOf: fc.option(fc.constantFrom('2026-11-01', '2025-02-28', '2024-02-29'), { nil: null }),
    dateOrder: fc.constantFrom('MDY' as const, 'DMY' as const),
    priority: fc.constantFrom(AUTOMATIC_PRIORITY, { gradeA: 30, gradeB: 20.5, gradeC: -1, level1: 40, level2: null, level3: 0 }, { gradeA: null, gradeB: null, gradeC: 1, level1: 10, level2: 5, level3: 0.25 }),
    accounts: fc.constantFrom(DEFAULT_ACCOUNTS, { column: 'Organisation', scoring: 'top' as const, top: 2, engagedFrom: 12.5 }, { column: null, scoring: 'average' as const, top: 1, engagedFrom: -3 }),
    idColumn: fc.constantFrom(null, 'Email', 'Lead ID'),
    // As models keep them: only actions that differ from the defaults, trimmed, one line.
    priorityActions: fc.constantFrom({}, { A1: 'Call within the hour', D4: 'Ignore; archive' }, { B2: 'E-mail, then call', C1: 'Ask: budget?', D1: 'Route to partner "Acme"' }),
  })
  .map((m): Model => ({ version: 1, ...m, totalCap: m.scale === '0-100' ? { min: m.totalCap.min, max: m.totalCap.max ?? 100 } : m.totalCap }))
  .filter((m) => validateModel(m).ok);

/** A criterion that is valid on its own, so that thousands of them still make a valid model. */
const validCriterion = criterion.filter((c) => validateModel({ ...modelDefaults, criteria: [c] }).ok);
const modelDefaults: Model = { version: 1, name: 'x', description: '', criteria: [], groupCaps: { fit: NO_CAP, engagement: NO_CAP }, totalCap: NO_CAP, scale: 'points', bands: [{ name: 'All', from: 0, color: '#FFFFFF' }], stages: { mql: null, sql: null }, asOf: null, dateOrder: 'MDY', priority: AUTOMATIC_PRIORITY, accounts: DEFAULT_ACCOUNTS, idColumn: null, priorityActions: {} };

/**
 * Models with thousands of criteria (bounded, so a run stays quick): sums over many criteria
 * are where exactness and finiteness break first.
 */
export const manyCriteriaModel: fc.Arbitrary<Model> = fc
  .tuple(validModel, fc.array(validCriterion, { minLength: 500, maxLength: 3000 }))
  .map(([m, criteria]): Model => ({ ...m, criteria }))
  .filter((m) => validateModel(m).ok);

/** Whatever a cell can hold when Excel, a CSV file or a custom-function argument hands it over. */
export const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer({ min: -10, max: 60_000 }),
  fc.string(),
  fc.constantFrom('', '   ', ' 42 ', '1,200', '12%', '$1,200.50', 'abc', 'Yes', 'no', 'TRUE', '2026-10-20', '10/20/2026', '20 Oct 2026', 'asdf', 'john smith', 'a@gmail.com', 'x@acme.com'),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom('#N/A', '#VALUE!', '#DIV/0!', '#REF!', '#NAME?', '#SPILL!'),
  fc.constantFrom({ errorCode: 'notAvailable' }, { code: '#N/A' }, {}, [], { type: 'Error' }),
);

export const anyRow: fc.Arbitrary<unknown[]> = fc.array(anyCell, { minLength: 0, maxLength: HEADERS.length + 2 });

/**
 * 0-100 models whose criteria each read their own columns (C0, N0 for a count, D0 for a decay
 * date, ...), so that a test can build any lead it wants: one that matches every criterion
 * with positive points at full strength (count without end, dated on the as-of day), or one
 * that matches one criterion more than another lead. Points include thirds and sevenths, caps
 * and group and total caps that bind, negative points, and several equal criteria.
 */
export interface OwnColumnsModel {
  readonly model: Model;
  readonly headers: readonly string[];
}

const ownColumnsCriterion = (i: number): fc.Arbitrary<Criterion> =>
  fc.record({
    group: fc.constantFrom('fit' as const, 'engagement' as const),
    points: fc.oneof(num(-10, 20), fc.constantFrom(...AWKWARD_POINTS), fc.constantFrom(1, 1, 1, 5, 10)),
    counted: fc.boolean(),
    decay: fc.oneof(
      fc.constant(null),
      fc.constant({ kind: 'factor' as const, afterDays: 30, percent: 50 }),
      fc.constant({ kind: 'deduct' as const, afterDays: 90, points: 10 }),
      fc.constant({ kind: 'halfLife' as const, halfLifeDays: 21 }),
    ),
    cap: fc.tuple(fc.option(num(-20, 0), { nil: null }), fc.option(fc.oneof(num(0, 40), fc.constantFrom(...AWKWARD_POINTS)), { nil: null })),
  }).map(({ group, points, counted, decay, cap: [min, max] }): Criterion => ({
    name: `K${i}`,
    group,
    field: `C${i}`,
    condition: { op: 'notBlank' },
    points,
    perOccurrenceOf: counted ? `N${i}` : null,
    decay: decay === null ? null : { ...decay, dateField: `D${i}` },
    // A counted criterion needs a cap for the 0-100 scale to have a maximum.
    cap: { min, max: counted ? (max ?? 25) : max },
    enabled: true,
    note: '',
  }));

export const ownColumnsModel: fc.Arbitrary<OwnColumnsModel> = fc
  .integer({ min: 1, max: 13 })
  .chain((n) =>
    fc.record({
      criteria: fc.tuple(...Array.from({ length: n }, (_, i) => ownColumnsCriterion(i))),
      fitCap: fc.option(fc.oneof(num(0, 40), fc.constantFrom(...AWKWARD_POINTS)), { nil: null }),
      engagementCap: fc.option(fc.oneof(num(0, 40), fc.constantFrom(...AWKWARD_POINTS)), { nil: null }),
      totalCap: fc.option(fc.oneof(num(1, 60), fc.constantFrom(...AWKWARD_POINTS)), { nil: null }),
      totalMin: fc.option(num(-10, 0), { nil: null }),
    }),
  )
  .map(({ criteria, fitCap, engagementCap, totalCap, totalMin }) => ({
    model: {
      ...modelDefaults,
      scale: '0-100' as const,
      criteria,
      groupCaps: { fit: { min: null, max: fitCap }, engagement: { min: null, max: engagementCap } },
      totalCap: { min: totalMin, max: totalCap },
    },
    headers: criteria.flatMap((_, i) => [`C${i}`, `N${i}`, `D${i}`]),
  }))
  .filter(({ model: m }) => validateModel(m).ok);
