import { describe, expect, it } from 'vitest';
import { compile, criterion, excelSerialFromIsoDate, model, type Model } from '../../src/engine';
import { digestOfHandle } from '../../src/functions/handle';
import { ModelRegistry } from '../../src/functions/registry';
import { errorCell, FakeError, functions, leads, registerWeightedB2B, tablesOf, TODAY, weightedB2B } from './excel';

const withPoints = (m: Model, index: number, points: number): Model => ({
  ...m,
  criteria: m.criteria.map((c, i) => (i === index ? { ...c, points } : c)),
});

function messageOf(value: unknown): string {
  const cell = Array.isArray(value) ? (value as unknown[][])[0]?.[0] : value;
  expect(cell).toBeInstanceOf(FakeError);
  return (cell as FakeError).message;
}

describe('LEADSCORE.MODEL handle', () => {
  const { headers } = leads(1);

  it('reads well in a cell and ends with a digest', () => {
    const handle = registerWeightedB2B(functions(), headers);
    expect(handle).toMatch(/^Lead model 'Weighted B2B' · 14 criteria · #[0-9a-f]{8}$/);
    expect(digestOfHandle(handle)).not.toBeNull();
  });

  it('stays the same, without compiling again, when nothing changed', () => {
    const f = functions();
    const first = registerWeightedB2B(f, headers);
    const again = registerWeightedB2B(f, headers);
    expect(again).toBe(first);
    expect(f.registry.compilations).toBe(1);
  });

  it('changes when a weight changes, so Excel recalculates every dependent score', () => {
    const f = functions();
    const before = registerWeightedB2B(f, headers);
    const after = registerWeightedB2B(f, headers, withPoints(weightedB2B(), 0, 99));
    expect(after).not.toBe(before);
    expect(f.registry.compilations).toBe(2);
  });

  it('changes when the lead headers change', () => {
    const f = functions();
    const before = registerWeightedB2B(f, headers);
    const after = registerWeightedB2B(f, [...headers, 'Extra column']);
    expect(after).not.toBe(before);
  });

  it('is the same in a new runtime for the same model (content, not session)', () => {
    expect(registerWeightedB2B(functions(), headers)).toBe(registerWeightedB2B(functions(), headers));
  });
});

describe('bad models and arguments give #VALUE! saying what and where', () => {
  const { headers, rows } = leads(3);

  it('an invalid cell in the criteria table', () => {
    const t = tablesOf(weightedB2B());
    (t.criteria[4] as unknown[])[5] = 'ten';
    const result = functions().model(t.criteria, t.bands, t.settings, [headers]);
    expect(result).toBeInstanceOf(FakeError);
    expect((result as FakeError).code).toBe('invalidValue');
    expect((result as FakeError).message).toContain("criteria table, row 4, 'Points'");
    expect((result as FakeError).message).toContain("'ten' is not a number");
  });

  it('a criterion naming a column the lead table does not have', () => {
    const t = tablesOf(weightedB2B());
    const result = functions().model(t.criteria, t.bands, t.settings, [headers.map((h) => (h === 'Country' ? 'Land' : h))]);
    const message = (result as FakeError).message;
    expect(message).toContain("unknown column 'Country'");
    const rowOfCountry = t.criteria.findIndex((row) => row[2] === 'Country');
    expect(rowOfCountry).toBeGreaterThan(0);
    expect(message).toContain(`criteria table, row ${rowOfCountry}, 'Column': unknown column 'Country'`);
  });

  it('a model table that is an error cell (a deleted table)', () => {
    const t = tablesOf(weightedB2B());
    const result = functions().model(errorCell('#REF!'), t.bands, t.settings, [headers]);
    expect((result as FakeError).message).toContain('criteria argument is #REF!');
  });

  it('headers that are not one row, or hold an error', () => {
    const t = tablesOf(weightedB2B());
    const f = functions();
    expect(messageOf(f.model(t.criteria, t.bands, t.settings, [headers, headers]))).toContain('one row');
    expect(messageOf(f.model(t.criteria, t.bands, t.settings, [['Name', errorCell('#N/A')]]))).toContain('header 2 of the headers argument is #N/A');
  });

  it('a model argument that is an error, empty, or not a handle', () => {
    const f = functions();
    expect(messageOf(f.score(errorCell('#VALUE!'), [rows[0]]))).toContain('model argument is #VALUE!');
    expect(messageOf(f.score('', [rows[0]]))).toContain('model argument is empty');
    expect(messageOf(f.score('Acme', [rows[0]]))).toContain("'Acme' is not a model");
  });

  it('a lead whose columns do not match the headers', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    expect(messageOf(f.score(handle, [(rows[0] ?? []).slice(1)]))).toContain(`the lead has ${headers.length - 1} columns, but the model's header row has ${headers.length}`);
  });

  it('an as-of that is not a date', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    expect(messageOf(f.score(handle, [rows[0]], 'soon'))).toContain('"soon" is not a date');
    expect(messageOf(f.score(handle, [rows[0]], errorCell('#DIV/0!')))).toContain('asOf argument is #DIV/0!');
  });

  it('never throws, whatever the arguments', () => {
    const f = functions();
    const odd: unknown[] = [undefined, null, 42, true, {}, [[]], [[null]], errorCell('#N/A'), 'Lead model x #00000000'];
    for (const a of odd) {
      for (const b of odd) {
        expect(() => f.model(a, b, a, b)).not.toThrow();
        for (const fn of [f.score, f.band, f.stage, f.fit, f.engagement, f.explain]) expect(() => fn(a, b, a)).not.toThrow();
        expect(() => f.problems(a, b, a, b)).not.toThrow();
      }
    }
  });
});

describe('scores', () => {
  const { headers, rows } = leads(200);
  const reference = compile(weightedB2B(), headers, { today: TODAY });
  if (!reference.ok) throw new Error('weighted-b2b does not compile');
  const expected = reference.value.scoreRows(rows);

  it('one row gives the engine score; many rows give the same scores as a column', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    const column = f.score(handle, rows);
    expect(column).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      expect(f.score(handle, [row])).toEqual([[expected.scores[i]]]);
      expect(column[i]).toEqual([expected.scores[i]]);
    });
  });

  it('band, stage, fit and engagement agree with the engine in both shapes', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    const bands = f.band(handle, rows);
    const stages = f.stage(handle, rows);
    const fits = f.fit(handle, rows);
    const engagements = f.engagement(handle, rows);
    rows.forEach((row, i) => {
      const lead = reference.value.scoreRow(row);
      expect(bands[i]).toEqual([lead.band.name]);
      expect(stages[i]).toEqual([lead.stage ?? '']);
      expect(fits[i]).toEqual([lead.fit]);
      expect(engagements[i]).toEqual([lead.engagement]);
      expect(f.stage(handle, [row])).toEqual([[lead.stage ?? '']]);
    });
  });

  it('a blank row gives an empty cell, so a whole-column range does not fill with zeros', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    const blank = headers.map(() => '');
    expect(f.score(handle, [rows[0], blank, headers.map(() => null)])).toEqual([[expected.scores[0]], [''], ['']]);
  });

  it('a lead with a bad cell and error cells still scores; the cell counts for nothing', () => {
    const m = model({
      name: 'Two criteria',
      criteria: [
        criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 100 }, points: 10, name: 'Big' }),
        criterion({ group: 'fit', field: 'Country', condition: { op: 'equals', values: ['Germany'] }, points: 5, name: 'Germany' }),
      ],
    });
    const f = functions();
    const handle = registerWeightedB2B(f, ['Employees', 'Country'], m);
    expect(f.score(handle, [[500, 'Germany']])).toEqual([[15]]);
    expect(f.score(handle, [['lots', 'Germany']])).toEqual([[5]]);
    expect(f.score(handle, [[errorCell('#N/A'), 'Germany'], [500, errorCell('#REF!')]])).toEqual([[5], [10]]);
    const explained = f.explain(handle, [[errorCell('#N/A'), 'Germany']]);
    expect(explained.map((r) => r[1])).toEqual(['Criterion', 'Big', 'Germany']);
    expect(String(explained[1]?.[3])).toContain('#N/A');
  });
});

describe('as-of date', () => {
  const m = model({
    name: 'Recent visit',
    asOf: '2026-06-30',
    criteria: [criterion({ group: 'engagement', field: 'Last Visit', condition: { op: 'withinDays', days: 30 }, points: 10, name: 'Visited lately' })],
  });
  const visit = excelSerialFromIsoDate('2026-06-15');

  it('the model setting applies without an argument; the argument overrides it', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, ['Last Visit'], m);
    expect(f.score(handle, [[visit]])).toEqual([[10]]);
    expect(f.score(handle, [[visit]], excelSerialFromIsoDate('2026-09-01'))).toEqual([[0]]);
    expect(f.score(handle, [[visit]], '2026-07-01')).toEqual([[10]]);
    expect(f.score(handle, [[visit]], '')).toEqual([[10]]);
  });

  it('without a setting or an argument, today counts; each day is compiled once', () => {
    const f = functions({ registry: new ModelRegistry({ today: () => new Date(2026, 6, 1) }) });
    const handle = registerWeightedB2B(f, ['Last Visit'], { ...m, asOf: null });
    expect(f.score(handle, [[visit]])).toEqual([[10]]);
    for (let i = 0; i < 5; i++) f.score(handle, [[visit]], '2026-12-01');
    expect(f.score(handle, [[visit]], '2026-12-01')).toEqual([[0]]);
    expect(f.registry.compilations).toBe(2);
  });
});

describe('LEADSCORE.EXPLAIN', () => {
  const { headers, rows } = leads(300);

  it('has one row per contributing criterion or cap, and its points add up to SCORE exactly', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    for (const row of rows) {
      const table = f.explain(handle, [row]);
      expect(table[0]).toEqual(['Group', 'Criterion', 'Points', 'Detail']);
      const cents = table.slice(1).reduce((sum, r) => sum + Math.round(Number(r[2]) * 100), 0);
      const score = Number(f.score(handle, [row])[0]?.[0]);
      expect(cents).toBe(Math.round(score * 100));
    }
  });

  it('explains one lead only', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, headers);
    expect(messageOf(f.explain(handle, rows.slice(0, 2)))).toContain('explains one lead');
  });
});

describe('LEADSCORE.PROBLEMS', () => {
  const { headers } = leads(1);

  it('lists every problem with where it is, or says there are none', () => {
    const t = tablesOf(weightedB2B());
    const f = functions();
    expect(f.problems(t.criteria, t.bands, t.settings, [headers])).toEqual([['No problems found', '', '']]);
    (t.criteria[2] as unknown[])[5] = 'ten';
    (t.bands[1] as unknown[])[1] = 'zero';
    const listed = f.problems(t.criteria, t.bands, t.settings);
    expect(listed[0]).toEqual(['Severity', 'Where', 'Problem']);
    expect(listed.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(["criteria table, row 2, 'Points'", "bands table, row 1, 'From'"]));
  });
});

describe('a handle whose model is not loaded (workbook reopened, another runtime)', () => {
  const { headers, rows } = leads(2);

  it('gives #VALUE! saying what to do, never a guess, when there is no workbook to read it from', () => {
    const handle = registerWeightedB2B(functions(), headers);
    const fresh = functions();
    const error = fresh.score(handle, [rows[0]])[0]?.[0] as FakeError;
    expect(error.code).toBe('invalidValue');
    expect(error.message).toContain('not loaded');
    expect(error.message).toContain('Ctrl+Alt+F9');
    // Once =LEADSCORE.MODEL runs again, the same handle scores.
    expect(registerWeightedB2B(fresh, headers)).toBe(handle);
    expect(typeof fresh.score(handle, [rows[0]])[0]?.[0]).toBe('number');
  });

  it('an evicted model is a miss too, not another model', () => {
    const f = functions({ registry: new ModelRegistry({ capacity: 1, today: () => TODAY }) });
    const first = registerWeightedB2B(f, headers);
    registerWeightedB2B(f, headers, withPoints(weightedB2B(), 0, 1));
    expect(messageOf(f.score(first, [rows[0]]))).toContain('not loaded');
  });

});
