import { describe, expect, it } from 'vitest';
import { PRIORITY_MODEL as base } from './builders';
import {
  DEFAULT_PRIORITY_ACTIONS,
  formatProblems,
  modelFromCells,
  modelToCells,
  parseModel,
  PRIORITIES,
  priorityActionOf,
  priorityActionsOf,
  withPriorityAction,
  type Cell,
} from '../../src/engine';

const withSetting = (settings: Cell[][], label: string, value: Cell): Cell[][] => settings.map((row) => (row[0] === label ? [label, value] : row));
const rowOf = (settings: Cell[][], label: string): number => settings.findIndex((r) => r[0] === label);

describe('recommended action per priority', () => {
  it('has a default for each of the sixteen cells: the best call now, the worst are dropped', () => {
    expect(PRIORITIES).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'C4', 'D1', 'D2', 'D3', 'D4']);
    expect(['A1', 'A2', 'B1'].map((p) => DEFAULT_PRIORITY_ACTIONS[p as 'A1'])).toEqual(['Call now', 'Call now', 'Call now']);
    expect(DEFAULT_PRIORITY_ACTIONS.A4).toMatch(/^Nurture/);
    expect(DEFAULT_PRIORITY_ACTIONS.D1).toMatch(/^No call/);
    expect(DEFAULT_PRIORITY_ACTIONS.D4).toBe('Disqualify');
  });

  it('keeps only what the user changed: an empty text or the default text is the default', () => {
    let m = withPriorityAction(base, 'A4', '  Send the case study  ');
    m = withPriorityAction(m, 'D1', 'No call: check the fit data');
    expect(m.priorityActions).toEqual({ A4: 'Send the case study' });
    expect(priorityActionOf(m, 'A4')).toBe('Send the case study');
    expect(priorityActionOf(m, 'A1')).toBe('Call now');
    expect(withPriorityAction(m, 'A4', '').priorityActions).toEqual({});
    expect(Object.keys(priorityActionsOf(m))).toHaveLength(16);
  });

  it('writes every action on the model sheet and reads the edited cells back', () => {
    const cells = modelToCells(base);
    expect(cells.settings.filter((r) => String(r[0]).startsWith('Action ')).map((r) => r[1])).toEqual(PRIORITIES.map((p) => DEFAULT_PRIORITY_ACTIONS[p]));
    // The user rewrites A3 in its cell, clears B2 (back to the default) and types over D4.
    let settings = withSetting(cells.settings, 'Action A3', 'Book a demo this week');
    settings = withSetting(settings, 'Action B2', '');
    settings = withSetting(settings, 'Action D4', 'Remove from lists');
    const read = modelFromCells({ ...cells, settings });
    expect(read.ok && read.value.priorityActions).toEqual({ A3: 'Book a demo this week', D4: 'Remove from lists' });
    // A sheet written before the actions existed (no Action rows) reads with the defaults.
    const older = modelFromCells({ ...cells, settings: cells.settings.filter((r) => !String(r[0]).startsWith('Action ')) });
    expect(older.ok && older.value.priorityActions).toEqual({});
  });

  it('keeps edited actions through JSON', () => {
    const m = withPriorityAction(withPriorityAction(base, 'C1', 'Ask about budget; then call'), 'B4', 'Invite to the "Scale" webinar');
    const read = parseModel(JSON.parse(JSON.stringify(m)));
    expect(read.ok && read.value).toEqual(m);
    const viaCells = modelFromCells(modelToCells(m));
    expect(viaCells.ok && viaCells.value).toEqual(m);
  });

  it('refuses an action that would run as a formula, is too long or spans lines, at its setting', () => {
    const read = parseModel({ ...base, priorityActions: { A1: '=HYPERLINK("http://x")', B1: 'x'.repeat(121), C1: 'Call\nthen e-mail', D1: '@SUM(A1)' } });
    expect(read.ok).toBe(false);
    const text = !read.ok && formatProblems(read.problems);
    expect(text).toContain("priorityActions.A1: starts with '=', which Excel reads as the start of a formula");
    expect(text).toContain('priorityActions.B1: 121 characters; Excel takes at most 120 here');
    expect(text).toContain('priorityActions.C1: has a line break');
    expect(text).toContain("priorityActions.D1: starts with '@'");

    const cells = modelToCells(base);
    const settings = withSetting(cells.settings, 'Action B3', '+1 follow-up');
    const fromCells = modelFromCells({ ...cells, settings });
    expect(!fromCells.ok && formatProblems(fromCells.problems)).toContain(`settings table, row ${rowOf(settings, 'Action B3')}, 'Action B3': starts with '+'`);
  });

  it('refuses an action for a cell the matrix does not have, and a value that is not text', () => {
    const read = parseModel({ ...base, priorityActions: { E1: 'Call', A1: 5 } });
    expect(!read.ok && formatProblems(read.problems)).toMatch(/unknown key 'E1'/);
    expect(!read.ok && formatProblems(read.problems)).toContain('priorityActions.A1: expected string, got 5');
  });
});
