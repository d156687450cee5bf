/**
 * Decay by the age of a date column, end to end through compile + scoreRow. Each lead has
 * X = 'yes' (an isTrue criterion that always holds), an optional Count, and the date in When.
 */
import { describe, expect, it } from 'vitest';
import {
  compile,
  criterion,
  formatProblems,
  model,
  type CompileOptions,
  type Criterion,
  type Decay,
  type LeadScore,
  type Model,
} from '../../src/engine';
import { AS_OF, AS_OF_SERIAL } from './builders';

const HEADERS = ['X', 'Count', 'When'];
const daysAgo = (days: number): number => AS_OF_SERIAL - days;

const factor = (percent: number, afterDays: number): Decay => ({ kind: 'factor', dateField: 'When', afterDays, percent });
const deduct = (points: number, afterDays: number): Decay => ({ kind: 'deduct', dateField: 'When', afterDays, points });
const halfLife = (halfLifeDays: number): Decay => ({ kind: 'halfLife', dateField: 'When', halfLifeDays });

function compiled(m: Model, options: CompileOptions = { asOf: AS_OF }) {
  const result = compile(m, HEADERS, options);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return result.value;
}

const yes = (fields: Partial<Criterion> & Pick<Criterion, 'points'>): Criterion =>
  criterion({ group: 'engagement', field: 'X', condition: { op: 'isTrue' }, ...fields });

/** The score of one lead whose only criterion gives `points`, decayed by the date in When. */
function scoreOne(points: number, decay: Decay, when: unknown, count?: unknown): LeadScore {
  const perOccurrenceOf = count === undefined ? null : 'Count';
  return compiled(model({ criteria: [yes({ points, decay, perOccurrenceOf })] })).scoreRow(['yes', count ?? null, when]);
}

const detailOf = (s: LeadScore): string => s.explanation[0]?.detail ?? '(no explanation)';

describe('factor decay: -50% after 30 days', () => {
  it('keeps full points at exactly 30 days and halves them at 31', () => {
    expect(scoreOne(10, factor(50, 30), daysAgo(30)).score).toBe(10);
    expect(scoreOne(10, factor(50, 30), daysAgo(31)).score).toBe(5);
    expect(scoreOne(10, factor(50, 30), daysAgo(400)).score).toBe(5); // once, not per 30 days
  });

  it('explains the decay with the age of the date', () => {
    expect(detailOf(scoreOne(10, factor(50, 30), daysAgo(31)))).toBe("X = 'yes'; -50% after 30 days: 'When' is 31 days old, 10 -> 5");
    // Nothing to say while the date is young enough.
    expect(detailOf(scoreOne(10, factor(50, 30), daysAgo(30)))).toBe("X = 'yes'");
  });

  it('decays negative points toward zero too', () => {
    // -8 x (1 - 25%) = -6
    expect(scoreOne(-8, factor(25, 30), daysAgo(31)).score).toBe(-6);
  });

  it('reads the date from text as well as from a serial', () => {
    // 2026-10-01 is 31 days before 2026-11-01.
    expect(scoreOne(10, factor(50, 30), '2026-10-01').score).toBe(5);
    expect(scoreOne(10, factor(50, 30), '10/01/2026').score).toBe(5);
    expect(scoreOne(10, factor(50, 30), '2026-10-02').score).toBe(10);
  });
});

describe('deduct decay: -10 points after 90 days', () => {
  it('takes 10 points once the date is more than 90 days old', () => {
    expect(scoreOne(25, deduct(10, 90), daysAgo(90)).score).toBe(25);
    expect(scoreOne(25, deduct(10, 90), daysAgo(91)).score).toBe(15); // 25 - 10
  });

  it('never goes past zero, from either side', () => {
    expect(scoreOne(10, deduct(10, 90), daysAgo(91)).score).toBe(0); // 10 - 10
    expect(scoreOne(6, deduct(10, 90), daysAgo(91)).score).toBe(0); // not -4
    expect(scoreOne(-15, deduct(10, 90), daysAgo(91)).score).toBe(-5); // -15 moved 10 toward zero
    expect(scoreOne(-4, deduct(10, 90), daysAgo(91)).score).toBe(0); // not +6
  });

  it('explains the deduction', () => {
    expect(detailOf(scoreOne(25, deduct(10, 90), daysAgo(91)))).toBe(
      "X = 'yes'; -10 points after 90 days: 'When' is 91 days old, 25 -> 15",
    );
  });
});

describe('half-life decay', () => {
  it('halves every half-life: a 14-day half-life at 28 days leaves a quarter', () => {
    expect(scoreOne(10, halfLife(14), daysAgo(14)).score).toBe(5);
    expect(scoreOne(10, halfLife(14), daysAgo(28)).score).toBe(2.5);
    expect(scoreOne(7, halfLife(14), daysAgo(28)).score).toBe(1.75);
  });

  it('decays smoothly between half-lives, rounded to hundredths', () => {
    // 10 x 0.5^(7/14) = 10 x 0.70711 = 7.0711 -> 7.07
    expect(scoreOne(10, halfLife(14), daysAgo(7)).score).toBe(7.07);
    // 1 x 0.5^(21/14) = 0.35355 -> 0.35
    expect(scoreOne(1, halfLife(14), daysAgo(21)).score).toBe(0.35);
    // 10 x 0.5^(1/14) = 9.5168 -> 9.52
    expect(scoreOne(10, halfLife(14), daysAgo(1)).score).toBe(9.52);
  });

  it('keeps full points on the as-of day and for a date in the future', () => {
    expect(scoreOne(10, halfLife(14), daysAgo(0)).score).toBe(10);
    expect(scoreOne(10, halfLife(14), daysAgo(-5)).score).toBe(10);
  });

  it('explains with the age, and the points before and after to the hundredth', () => {
    expect(detailOf(scoreOne(10, halfLife(14), daysAgo(7)))).toBe("X = 'yes'; half-life 14 days: 'When' is 7 days old, 10 -> 7.07");
  });
});

describe('per-occurrence points with decay', () => {
  it('multiplies first, then decays: 3 x 5 = 15, halved to 7.5', () => {
    const s = scoreOne(5, factor(50, 30), daysAgo(31), 3);
    expect(s.score).toBe(7.5);
    expect(s.engagement).toBe(7.5);
    expect(detailOf(s)).toBe("X = 'yes'; 3 x 5 = 15; -50% after 30 days: 'When' is 31 days old, 15 -> 7.5");
  });

  it('reads a count typed as text', () => {
    expect(scoreOne(5, factor(50, 30), daysAgo(31), '3').score).toBe(7.5);
  });

  it('caps after decaying: 10 x 5 = 50, halved to 25, capped at 20', () => {
    const m = model({ criteria: [yes({ points: 5, perOccurrenceOf: 'Count', decay: factor(50, 30), cap: { min: null, max: 20 } })] });
    const s = compiled(m).scoreRow(['yes', 10, daysAgo(31)]);
    expect(s.score).toBe(20);
    expect(detailOf(s)).toBe("X = 'yes'; 10 x 5 = 50; -50% after 30 days: 'When' is 31 days old, 50 -> 25; capped at 20");
  });

  it('does not cap what decay has already brought under the cap', () => {
    // 6 x 5 = 30, halved to 15: under the cap of 20.
    const m = model({ criteria: [yes({ points: 5, perOccurrenceOf: 'Count', decay: factor(50, 30), cap: { min: null, max: 20 } })] });
    expect(compiled(m).scoreRow(['yes', 6, daysAgo(31)]).score).toBe(15);
  });
});

describe('a decay date that is missing, blank or unreadable', () => {
  it.each<[string, unknown]>([
    ['missing from the row', undefined],
    ['null', null],
    ['empty text', ''],
    ['only spaces', '   '],
  ])('leaves the points undecayed when the date is %s, and says the date is blank', (_what, when) => {
    const s = compiled(model({ criteria: [yes({ points: 10, decay: factor(50, 30) })] })).scoreRow(
      when === undefined ? ['yes'] : ['yes', null, when],
    );
    expect(s.score).toBe(10);
    expect(detailOf(s)).toBe("X = 'yes'; not decayed: 'When' is blank");
  });

  it('leaves the points undecayed when the date is junk, and says why', () => {
    const s = scoreOne(10, deduct(10, 90), 'last week');
    expect(s.score).toBe(10);
    expect(detailOf(s)).toMatch(/^X = 'yes'; not decayed: 'When' cannot be read: 'last week' is not a date \(Use a date such as/);
  });

  it('leaves the points undecayed when the date cell holds an error', () => {
    const s = scoreOne(10, halfLife(14), '#N/A');
    expect(s.score).toBe(10);
    expect(detailOf(s)).toBe("X = 'yes'; not decayed: 'When' cannot be read: the cell holds the error #N/A");
    expect(detailOf(scoreOne(10, halfLife(14), { errorCode: 'notAvailable' }))).toBe(
      "X = 'yes'; not decayed: 'When' cannot be read: the cell holds the error #N/A",
    );
  });

  it('leaves the points undecayed when the date is a number that is no date', () => {
    const s = scoreOne(10, halfLife(14), -1);
    expect(s.score).toBe(10);
    expect(detailOf(s)).toBe("X = 'yes'; not decayed: 'When' cannot be read: -1 is not a date serial number");
  });
});

describe('the as-of date that ages are measured to', () => {
  // 2026-10-01 (serial 46296) is 31 days before 2026-11-01 and 30 days before 2026-10-31.
  const OCT_1 = 46296;
  const decayingModel = (asOf: string | null) => model({ asOf, criteria: [yes({ points: 10, decay: factor(50, 30) })] });
  const scoreWith = (m: Model, options: CompileOptions) => compiled(m, options).scoreRow(['yes', null, OCT_1]).score;

  it("uses the model's as-of date", () => {
    expect(compiled(decayingModel('2026-11-01'), {}).asOf).toBe('2026-11-01');
    expect(scoreWith(decayingModel('2026-11-01'), {})).toBe(5); // 31 days old
    expect(scoreWith(decayingModel('2026-10-31'), {})).toBe(10); // 30 days old
  });

  it("lets the compile option override the model's as-of date", () => {
    const m = decayingModel('2026-11-01');
    expect(compiled(m, { asOf: '2026-10-31' }).asOf).toBe('2026-10-31');
    expect(scoreWith(m, { asOf: '2026-10-31' })).toBe(10);
    expect(scoreWith(m, { asOf: 46326 })).toBe(10); // 2026-10-31 as an Excel serial
    expect(scoreWith(m, { asOf: 46326.9 })).toBe(10); // the time of day does not count
    expect(scoreWith(m, { asOf: new Date(2026, 9, 31, 23, 59) })).toBe(10); // a local Date
    expect(scoreWith(decayingModel('2026-10-31'), { asOf: '2026-11-01' })).toBe(5);
  });

  it("uses today only when neither gives an as-of date, and the model's as-of date over today", () => {
    expect(compiled(decayingModel(null), { today: new Date(2026, 10, 1, 9, 30) }).asOf).toBe('2026-11-01');
    expect(scoreWith(decayingModel(null), { today: new Date(2026, 10, 1) })).toBe(5);
    expect(scoreWith(decayingModel(null), { today: new Date(2026, 9, 31) })).toBe(10);
    expect(scoreWith(decayingModel('2026-10-31'), { today: new Date(2026, 11, 25) })).toBe(10);
    expect(scoreWith(decayingModel(null), { asOf: '2026-10-31', today: new Date(2026, 11, 25) })).toBe(10);
  });

  it('refuses an as-of option that is not a date, instead of measuring to today', () => {
    const m = decayingModel(null);
    for (const asOf of ['tomorrow', '2026-02-30', 0, -5, new Date(Number.NaN)]) {
      const result = compile(m, HEADERS, { asOf });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((p) => p.at)).toEqual([{ input: 'as-of date' }]);
    }
    const bad = compile(m, HEADERS, { asOf: 'tomorrow' });
    expect(bad.ok ? '' : formatProblems(bad.problems)).toBe("as-of date: 'tomorrow' is not a date (write it as YYYY-MM-DD)");
  });
});
