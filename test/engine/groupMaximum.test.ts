import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTOMATIC_PRIORITY, compile, criterion, groupMaximum, model, priorityThresholds, templateById, validateModel, type Cap, type Condition, type Criterion, type Model } from '../../src/engine';
import { anyCell, HEADERS, validModel } from './arbitraries';
import { scoreLead } from './builders';

const fit = (field: string, condition: Condition, points: number, extra: Partial<Criterion> = {}): Criterion => criterion({ group: 'fit', field, condition, points, ...extra });
const fitMaximum = (...criteria: Criterion[]): number => groupMaximum(model({ criteria }), 'fit');
const industry = (values: string[], points: number, extra: Partial<Criterion> = {}) => fit('Industry', { op: 'equals', values }, points, extra);
const employees = (condition: Condition, points: number) => fit('Employees', condition, points);

describe('groupMaximum: the most one lead can reach in a group', () => {
  it('counts criteria on one column whose values exclude each other by the best of them', () => {
    // One industry per lead: Technology 20 beats Healthcare 10 and Education 5; countries add 10.
    expect(fitMaximum(industry(['Technology'], 20), industry(['Healthcare'], 10), industry(['Education'], 5), fit('Country', { op: 'equals', values: ['USA'] }, 10), fit('Country', { op: 'equals', values: ['France'] }, 5))).toBe(30);
  });

  it('adds criteria that share a value, and only those', () => {
    // Technology meets 20 and 5 (25); Healthcare meets 5 and 10 (15). All three never hold together (35).
    expect(fitMaximum(industry(['Technology'], 20), industry(['Technology', 'Healthcare'], 5), industry(['Healthcare'], 10))).toBe(25);
  });

  it('takes negative points on a value off that value: the best industry may then be another', () => {
    // Technology: 20 - 7.5 = 12.5 (the value is written with another case and a space; it is the same cell); Healthcare: 10.
    expect(fitMaximum(industry(['Technology'], 20), industry(['Healthcare'], 10), industry(['technology '], -7.5))).toBe(12.5);
    // Raised to 40 the negative one no longer decides: 40 - 7.5 = 32.5.
    expect(fitMaximum(industry(['Technology'], 40), industry(['Healthcare'], 10), industry(['Technology'], -7.5))).toBe(32.5);
  });

  it('counts a not-equals criterion wherever the value is not listed in it', () => {
    // Not a student +3 holds at Technology (20 + 3 = 23); Student gives -10 and no +3.
    expect(fitMaximum(industry(['Technology'], 20), fit('Industry', { op: 'notEquals', values: ['Student'] }, 3), industry(['Student'], -10))).toBe(23);
    // Not Technology +30 beats Technology +20: any other value gives 30.
    expect(fitMaximum(industry(['Technology'], 20), fit('Industry', { op: 'notEquals', values: ['Technology'] }, 30))).toBe(30);
  });

  it('adds overlapping ranges where they overlap and keeps disjoint ones apart', () => {
    // >= 10 (+5) and >= 100 (+10) hold together from 100 (15); below 50 (+3) only with >= 10 (8).
    expect(fitMaximum(employees({ op: 'gte', value: 10 }, 5), employees({ op: 'gte', value: 100 }, 10), employees({ op: 'lt', value: 50 }, 3))).toBe(15);
    // 50-200 and more than 200 never meet: the better one, 15.
    expect(fitMaximum(employees({ op: 'between', min: 50, max: 200 }, 10), employees({ op: 'gt', value: 200 }, 15))).toBe(15);
    // 50-200 and 200 or more meet at exactly 200: a company of 200 gets both.
    expect(fitMaximum(employees({ op: 'between', min: 50, max: 200 }, 10), employees({ op: 'gte', value: 200 }, 15))).toBe(25);
    // Below 10 (+4) and above 10 (+6) never meet, even at 10 itself.
    expect(fitMaximum(employees({ op: 'lt', value: 10 }, 4), employees({ op: 'gt', value: 10 }, 6), employees({ op: 'lte', value: 10 }, 1))).toBe(6);
  });

  it('lets an equals value that is a number meet ranges at that number', () => {
    // 500 meets equals '500' (+4) and >= 500 (+10); 1-10 (+2) is elsewhere: 14.
    expect(fitMaximum(employees({ op: 'equals', values: ['500'] }, 4), employees({ op: 'between', min: 1, max: 10 }, 2), employees({ op: 'gte', value: 500 }, 10))).toBe(14);
  });

  it('counts a blank cell, yes/no and an error as cells a lead can have', () => {
    // Demo: yes +20, 'No' -5; a blank Demo +1 is not worth more.
    expect(fitMaximum(fit('Demo', { op: 'isTrue' }, 20), fit('Demo', { op: 'equals', values: ['No'] }, -5), fit('Demo', { op: 'blank' }, 1))).toBe(20);
    // Only penalties: an error cell meets neither, so the column can give 0.
    expect(fitMaximum(fit('Phone', { op: 'blank' }, -5), fit('Phone', { op: 'notBlank' }, -5))).toBe(0);
    // Blank +4 against anything typed -2: blank is best.
    expect(fitMaximum(fit('Phone', { op: 'blank' }, 4), fit('Phone', { op: 'notBlank' }, -2))).toBe(4);
  });

  it('tries text searches at each listed value, and assumes they hold together elsewhere', () => {
    // At 'CEO': 15 (no search holds in 'ceo'). Elsewhere both searches may hold ('Chief Sales Manager'): 10 + 15 = 25.
    expect(fitMaximum(fit('Title', { op: 'equals', values: ['CEO'] }, 15), fit('Title', { op: 'contains', values: ['manager'] }, 10), fit('Title', { op: 'matches', values: ['*chief*'] }, 15))).toBe(25);
    // At 'Sales Manager': 10 + 5; elsewhere 5.
    expect(fitMaximum(fit('Title', { op: 'equals', values: ['Sales Manager'] }, 10), fit('Title', { op: 'contains', values: ['manager'] }, 5))).toBe(15);
  });

  it('keeps caps: per criterion, per occurrence and per group', () => {
    // 20 capped at 12; Healthcare 10 is less.
    expect(fitMaximum(industry(['Technology'], 20, { cap: { min: null, max: 12 } }), industry(['Healthcare'], 10))).toBe(12);
    // 5 per blog visit capped at 25, with 10 or more visits +5 on the same column: 30.
    expect(fitMaximum(fit('Blog Visits', { op: 'gte', value: 1 }, 5, { perOccurrenceOf: 'Blog Visits', cap: { min: null, max: 25 } }), fit('Blog Visits', { op: 'gte', value: 10 }, 5))).toBe(30);
    // Industry 20 + Country 10 = 30, within a Fit cap of 25.
    const capped: Cap = { min: null, max: 25 };
    expect(groupMaximum(model({ criteria: [industry(['Technology'], 20), fit('Country', { op: 'equals', values: ['USA'] }, 10)], groupCaps: { fit: capped, engagement: { min: null, max: null } } }), 'fit')).toBe(25);
    // A per-occurrence criterion without a cap has no limit.
    expect(fitMaximum(fit('Visits', { op: 'gte', value: 1 }, 1, { perOccurrenceOf: 'Visits' }))).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets decay take negative points toward zero, never positive points beyond themselves', () => {
    // Student -10, losing 4 points of penalty after 30 days: -6 at best; with Student also worth +8: 2.
    const decay = { kind: 'deduct', dateField: 'Last Seen', afterDays: 30, points: 4 } as const;
    expect(fitMaximum(industry(['Student'], -10, { decay }), industry(['Student'], 8))).toBe(2);
    // A positive criterion counts undecayed (a lead with a recent or blank date keeps it all).
    expect(fitMaximum(industry(['Technology'], 20, { decay: { kind: 'factor', dateField: 'Last Seen', afterDays: 30, percent: 50 } }))).toBe(20);
  });

  it('takes fields written alike as one column, and fields written differently as columns that may differ', () => {
    expect(fitMaximum(industry(['Technology'], 20), fit(' Industry ', { op: 'equals', values: ['Healthcare'] }, 10))).toBe(20);
    // A CSV file may have both 'Industry' and 'industry' headers, and the engine reads each rule's own.
    expect(fitMaximum(industry(['Technology'], 20), fit('industry', { op: 'equals', values: ['Healthcare'] }, 10))).toBe(30);
  });

  it('gives the shipped Weighted B2B model maxima that a lead reaches, so its grade A and level 1 can hold leads', () => {
    const b2b = templateById('weighted-b2b')!.model;
    // Industry 20 (one of three), Title 15 + 10 (keyword lists a title can meet together), Country 10 (one of two).
    expect(groupMaximum(b2b, 'fit')).toBe(55);
    // Pricing 20, datasheet 15, webinar 10, blog 5 a visit up to 25, email 2 + 5 + 10, each on its own column.
    expect(groupMaximum(b2b, 'engagement')).toBe(87);
    const recent = '2026-10-30';
    const lead = scoreLead(b2b, {
      Industry: 'Technology', Title: 'Chief Sales Manager', Country: 'Canada',
      'Pricing Page Visits': 2, 'Datasheet Downloads': 1, 'Webinars Attended': 1, 'Last Webinar Date': recent, 'Blog Visits': 6,
      'Email Opens': 3, 'Email Clicks': 1, 'Email Downloads': 1, 'Last Email Date': recent, 'Last Activity Date': recent,
    });
    expect([lead.fit, lead.engagement]).toEqual([55, 87]);
  });

  it('gives the Priority matrix thresholds a lead can reach: the pane test model before gave an empty grade A', () => {
    // Weighted B2B plus "Industry is Technology -7.5": Industry at best 20 - 7.5 = 12.5 (Healthcare 10),
    // Title 15 + 10 (a title can hold both keyword lists), Country 10: 47.5, not 35 + 25 + 10 = 70.
    const b2b = templateById('weighted-b2b')!.model;
    const m = { ...b2b, criteria: [...b2b.criteria, industry(['Technology'], -7.5)] };
    expect(groupMaximum(m, 'fit')).toBe(47.5);
    const t = priorityThresholds(m);
    expect(t.ok && t.value.grades).toEqual([35.63, 23.75, 11.88]);
    // Technology, a chief who manages, in the USA: 12.5 + 25 + 10 = 47.5, grade A.
    expect(scoreLead(m, { Industry: 'Technology', Title: 'Chief Product Manager', Country: 'USA' }).fit).toBe(47.5);
  });
});

/** Condition values of the exact-maximum models: texts, numbers written as text, yes/no words. */
const VOCABULARY = ['a', 'B', 'c', '1', '2.5', 'yes', 'no', 'x'];
/** Every kind of cell the conditions built from VOCABULARY and bounds 0-12 in halves tell apart: each number also written as text. */
const POOL: unknown[] = [
  ...VOCABULARY, 'A ', '', '   ', 'zzz', '#N/A', true, false,
  ...Array.from({ length: 59 }, (_, i) => -1.5 + i * 0.25).flatMap((n) => [n, n.toFixed(3)]),
];

const half = (min: number, max: number) => fc.integer({ min: min * 2, max: max * 2 }).map((n) => n / 2 + 0);
const decidedCondition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ op: fc.constantFrom('equals' as const, 'notEquals' as const), values: fc.uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constantFrom('lt' as const, 'lte' as const, 'gt' as const, 'gte' as const), value: half(0, 12) }),
  fc.tuple(half(0, 8), half(0, 4)).map(([min, width]): Condition => ({ op: 'between', min, max: min + width })),
  fc.record({ op: fc.constantFrom('blank' as const, 'notBlank' as const, 'isTrue' as const) }),
);
const exactModel: fc.Arbitrary<Model> = fc
  .tuple(
    fc.array(
      fc.record({ field: fc.constantFrom('A', 'B'), condition: decidedCondition, points: half(-20, 30), capMax: fc.option(half(0, 25), { nil: null }) }),
      { minLength: 1, maxLength: 7 },
    ),
    fc.option(half(0, 40), { nil: null }),
  )
  .map(([criteria, groupMax]) =>
    model({
      criteria: criteria.map((c) => fit(c.field, c.condition, c.points, { cap: { min: null, max: c.capMax } })),
      groupCaps: { fit: { min: null, max: groupMax }, engagement: { min: null, max: null } },
    }),
  )
  .filter((m) => validateModel(m).ok);

describe('groupMaximum against scoring', () => {
  it('is reached by some lead when every criterion can be decided from its cell (brute force over every kind of cell)', () => {
    const rows = POOL.flatMap((a) => POOL.map((b) => [a, b]));
    fc.assert(
      fc.property(exactModel, (m) => {
        const compiled = compile(m, ['A', 'B'], { asOf: '2026-11-01' });
        if (!compiled.ok) throw new Error('the model should compile');
        const scored = compiled.value.scoreRows(rows);
        let best = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < scored.count; i++) best = Math.max(best, scored.fit[i] as number);
        expect(groupMaximum(m, 'fit')).toBe(best);
      }),
      { numRuns: 100 },
    );
  });

  it('is never exceeded by a lead, for any valid model and any cells', () => {
    // Cells near what each model asks for, so criteria meet often, and anything a host hands over.
    const nearModel = (m: Model): fc.Arbitrary<unknown> => {
      const near: unknown[] = ['', 'yes', 'zzz'];
      for (const c of m.criteria) {
        const x = c.condition;
        if ('values' in x) near.push(...x.values, ...x.values.map((v) => `${v} ${v}`));
        if ('value' in x) near.push(x.value, x.value - 0.5, x.value + 0.5);
        if ('min' in x) near.push(x.min, x.max, (x.min + x.max) / 2);
      }
      return fc.oneof(fc.constantFrom(...near), anyCell);
    };
    fc.assert(
      fc.property(
        validModel.chain((m) => fc.tuple(fc.constant({ ...m, scale: 'points' as const, priority: AUTOMATIC_PRIORITY }), fc.array(fc.array(nearModel(m), { minLength: HEADERS.length, maxLength: HEADERS.length }), { minLength: 1, maxLength: 20 }))),
        ([m, rows]) => {
          const compiled = compile(m, HEADERS, { asOf: '2026-11-01' });
          if (!compiled.ok) throw new Error('the model should compile');
          const scored = compiled.value.scoreRows(rows);
          for (const group of ['fit', 'engagement'] as const) {
            const max = groupMaximum(m, group);
            // Each contribution and the group cap are rounded to a hundredth when scored.
            const slack = 0.005 * (m.criteria.length + 1) + Math.abs(max) * 1e-12;
            const given = group === 'fit' ? scored.fit : scored.engagement;
            for (let i = 0; i < scored.count; i++) expect(given[i]).toBeLessThanOrEqual(max + slack);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
