import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNTS, formatProblems, model, modelFromCells, modelToCells, parseModel } from '../../src/engine';

// The account settings travel with the model, in JSON and on the model sheet's settings table.
const withSetting = (name: string, value: unknown) => {
  const cells = modelToCells(model());
  const settings = cells.settings.map((row) => (row[0] === name ? [name, value] : row));
  const row = settings.findIndex((r) => r[0] === name);
  return { read: modelFromCells({ ...cells, settings }), row };
};

describe('account settings in the model', () => {
  it('defaults to the best lead, top 3, company column found by header, engaged from Priority level 2', () => {
    const read = parseModel({ version: 1, criteria: [], bands: [{ name: 'All', from: 0, color: '#FFFFFF' }] });
    expect(read.ok && read.value.accounts).toEqual({ column: null, scoring: 'best', top: 3, engagedFrom: null });
    expect(DEFAULT_ACCOUNTS).toEqual({ column: null, scoring: 'best', top: 3, engagedFrom: null });
  });

  it('round-trips through the settings table', () => {
    const m = model({ accounts: { column: 'Organisation', scoring: 'top', top: 5, engagedFrom: 12.5 } });
    const read = modelFromCells(modelToCells(m));
    expect(read.ok && read.value.accounts).toEqual(m.accounts);
    const average = modelFromCells(modelToCells(model({ accounts: { ...DEFAULT_ACCOUNTS, scoring: 'average' } })));
    expect(average.ok && average.value.accounts.scoring).toBe('average');
  });

  it("reads 'Account score' in any case and spacing, and an empty company column as 'find it'", () => {
    const { read } = withSetting('Account score', '  Sum of  TOP n ');
    expect(read.ok && read.value.accounts.scoring).toBe('top');
    const blank = withSetting('Account column', '   ');
    expect(blank.read.ok && blank.read.value.accounts.column).toBeNull();
  });

  it('locates a way of scoring that does not exist at its cell', () => {
    const { read, row } = withSetting('Account score', 'median');
    expect(read.ok).toBe(false);
    expect(!read.ok && formatProblems(read.problems)).toContain(
      `settings table, row ${row}, 'Account score': 'median' is not a way to score an account (write 'best lead', 'sum of top N', 'average')`,
    );
  });

  it('refuses a top N that is not a whole number of leads, at its cell and in JSON', () => {
    for (const bad of [0, 2.5, -1, 10_001]) {
      const { read, row } = withSetting('Account top N', bad);
      expect(!read.ok && formatProblems(read.problems)).toContain(`settings table, row ${row}, 'Account top N': ${bad} is not a number of leads (write a whole number from 1 to 10,000)`);
    }
    const json = parseModel({ version: 1, criteria: [], bands: [{ name: 'All', from: 0, color: '#FFFFFF' }], accounts: { scoring: 'top', top: 0 } });
    expect(!json.ok && formatProblems(json.problems)).toContain('accounts.top: 0 is not a number of leads');
    const typo = parseModel({ version: 1, criteria: [], bands: [{ name: 'All', from: 0, color: '#FFFFFF' }], accounts: { scoring: 'sum' } });
    expect(!typo.ok && formatProblems(typo.problems)).toContain('accounts.scoring');
  });

  it("refuses text in 'Engaged from' at its cell", () => {
    const { read, row } = withSetting('Engaged from', 'lots');
    expect(!read.ok && formatProblems(read.problems)).toContain(`settings table, row ${row}, 'Engaged from': 'lots' is not a number`);
  });
});
