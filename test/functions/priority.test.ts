import { describe, expect, it } from 'vitest';
import { PRIORITY_HEADERS as HEADERS, PRIORITY_MODEL as small } from '../engine/builders';
import { FakeError, functions, registerWeightedB2B } from './excel';

const ROWS = [
  ['Technology', 500, 'yes', 'yes'], // fit 60, engagement 40: A1
  ['Technology', 5, 'no', 'yes'], // fit 40, engagement 10: B3
  ['', '', '', ''], // blank: empty cell
  ['Retail', 100, 'no', 'no'], // fit 20, engagement 0: C4
  ['Retail', 5, 'yes', 'no'], // fit 0, engagement 30: D1
];

describe('=LEADSCORE.PRIORITY', () => {
  it('gives one priority for one row and a column for several, blank rows empty', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, HEADERS, small);
    expect(f.priority(handle, ROWS)).toEqual([['A1'], ['B3'], [''], ['C4'], ['D1']]);
    expect(f.priority(handle, [ROWS[1]])).toEqual([['B3']]);
  });

  it('reads the thresholds from the settings table', () => {
    const f = functions();
    // Grade A from 35 makes the 40-point Technology lead an A; Level 3 from 15 drops its 10 Engagement points to level 4.
    const handle = registerWeightedB2B(f, HEADERS, { ...small, priority: { ...small.priority, gradeA: 35, level3: 15 } });
    expect(f.priority(handle, [ROWS[1]])).toEqual([['A4']]);
  });

  it('says which setting to fill in when the model has nothing to grade by', () => {
    const f = functions();
    const handle = registerWeightedB2B(f, HEADERS, { ...small, criteria: small.criteria.filter((c) => c.group === 'engagement') });
    const cell = f.priority(handle, ROWS)[0]?.[0];
    expect(cell).toBeInstanceOf(FakeError);
    expect((cell as FakeError).message).toContain("'Grade A from' cannot be worked out (write a value for 'Grade A from'");
    // The rest of the functions still score such a model.
    expect(f.score(handle, [ROWS[4]])).toEqual([[30]]);
  });
});
