import { describe, expect, it } from 'vitest';
import { checkChain, migrate, type MigrationStep } from '../../src/engine';

/** A made-up three-version history, to test the machinery (the shipped chains are empty: version 1 is the first format). */
interface Stored {
  version: number;
  points?: number;
  weight?: number;
  label?: string;
}
const steps: MigrationStep<Stored>[] = [
  { id: '2-points-become-weight', fromVersion: 1, up: ({ points, ...rest }) => ({ ...rest, version: 2, weight: points ?? 0 }) },
  { id: '3-add-label', fromVersion: 2, up: (s) => ({ ...s, version: 3, label: s.label ?? 'untitled' }) },
];

describe('migration chains', () => {
  it('brings an old value up through every later step, in order', () => {
    expect(migrate<Stored>({ version: 1, points: 5 }, 1, steps, 'test', 3)).toEqual({
      ok: true,
      value: { version: 3, weight: 5, label: 'untitled' },
      from: 1,
      applied: ['2-points-become-weight', '3-add-label'],
    });
    expect(migrate<Stored>({ version: 2, weight: 7, label: 'x' }, 2, steps, 'test', 3)).toMatchObject({ ok: true, applied: ['3-add-label'] });
    expect(migrate<Stored>({ version: 3 }, 3, steps, 'test', 3)).toMatchObject({ ok: true, applied: [] });
  });

  it('says clearly when the value comes from a newer version', () => {
    const r = migrate<Stored>({ version: 4 }, 4, steps, "'Lead Scoring'!V6", 3);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.message).toBe('made by a newer version of Lead Scoring (format version 4; this one reads up to 3)');
      expect(r.problems[0]?.where).toBe("'Lead Scoring'!V6");
      expect(r.problems[0]?.hint).toContain('update');
    }
  });

  it('refuses a version that is not a positive whole number', () => {
    expect(migrate<Stored>({ version: 0 }, Number.NaN, steps, 'test', 3).ok).toBe(false);
    expect(migrate<Stored>({ version: 0 }, 1.5, steps, 'test', 3).ok).toBe(false);
  });

  it('checks that steps are consecutive, unique and reach the current version', () => {
    expect(checkChain(steps, 3)).toEqual([]);
    expect(checkChain([steps[1] as MigrationStep<Stored>], 2)).toEqual(["migration '3-add-label' reads version 2, expected 1"]);
    expect(checkChain([steps[0] as MigrationStep<Stored>, { ...(steps[0] as MigrationStep<Stored>), fromVersion: 2 }], 3)).toEqual(["migration id '2-points-become-weight' is used twice"]);
    expect(checkChain(steps, 4)).toEqual(['2 migration steps for version 4; expected 3']);
    expect(migrate<Stored>({ version: 1 }, 1, steps, 'test', 4)).toMatchObject({ ok: false });
  });

  it('a step that throws becomes a located problem, not an exception', () => {
    const broken: MigrationStep<Stored>[] = [{ id: '2-broken', fromVersion: 1, up: () => { throw new Error('no points column'); } }];
    const r = migrate<Stored>({ version: 1 }, 1, broken, 'test', 2);
    expect(r).toMatchObject({ ok: false, problems: [{ where: 'test', message: "migration '2-broken' from format version 1 failed: no points column" }] });
  });
});
