import { describe, expect, it } from 'vitest';
import { isNotAnsweredText } from '../../src/insights';
import { generateRealisticLeads, REALISTIC_COLUMNS, REALISTIC_PLACEHOLDERS } from '../../src/sample-data/realisticLeads';

const table = generateRealisticLeads({ count: 6000, seed: 'realistic', asOf: '2026-11-01' });
const column = (name: string): unknown[] => table.rows.map((r) => r[table.headers.indexOf(name)]);
const isMissing = (v: unknown): boolean => v === '' || v === null || v === undefined || (typeof v === 'string' && isNotAnsweredText(v.trim().toLowerCase()));

describe('generateRealisticLeads', () => {
  it('is deterministic, and its first rows do not depend on the count', () => {
    expect(table.headers).toEqual([...REALISTIC_COLUMNS]);
    const again = generateRealisticLeads({ count: 100, seed: 'realistic', asOf: '2026-11-01' });
    expect(again.rows).toEqual(table.rows.slice(0, 100));
    expect(generateRealisticLeads({ count: 100, seed: 'other', asOf: '2026-11-01' }).rows).not.toEqual(again.rows);
  });

  it('leaves about 40% of the form answers missing, half of them at a placeholder, fewer among converters', () => {
    const converted = column('Converted');
    for (const name of ['Title', 'Industry', 'Country', 'Lead Source', 'Company Size']) {
      const cells = column(name);
      const missing = cells.filter(isMissing).length / cells.length;
      expect(missing, name).toBeGreaterThan(0.3);
      expect(missing, name).toBeLessThan(0.5);
      const placeholders = cells.filter((v) => typeof v === 'string' && v !== '' && isMissing(v));
      expect(placeholders.length / cells.filter(isMissing).length, name).toBeGreaterThan(0.3);
      const rate = (want: boolean): number => {
        const rows = cells.filter((_, i) => converted[i] === want);
        return rows.filter(isMissing).length / rows.length;
      };
      expect(rate(true), name).toBeLessThan(rate(false));
    }
    const seen = new Set(column('Title').filter((v) => typeof v === 'string' && REALISTIC_PLACEHOLDERS.includes(v)));
    expect(seen.size).toBeGreaterThan(5);
  });

  it('has a sequential number, a leaking status and columns that say the same thing', () => {
    const numbers = column('Lead Number') as number[];
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1] ?? 0);
    const status = column('Lead Status');
    const converted = column('Converted');
    status.forEach((s, i) => {
      if (s === 'Won') expect(converted[i]).toBe(true);
    });
    expect(status.filter((s) => s === 'Won').length).toBeGreaterThan(0.8 * converted.filter((c) => c === true).length);
    // Company Size is Employees in bands, blank together.
    const employees = column('Employees');
    column('Company Size').forEach((size, i) => {
      const n = employees[i];
      if (typeof n === 'number') expect(size).toBe(n <= 10 ? '1-10' : n <= 50 ? '11-50' : n <= 200 ? '51-200' : n <= 1000 ? '201-1000' : '1000+');
      else expect(isMissing(size)).toBe(true);
    });
  });
});
