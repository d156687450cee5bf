import { describe, expect, it } from 'vitest';
import { excelSerialFromYMD } from '../../../src/engine/cells/excelDate';
import { describeDateFormats, parseTextDate } from '../../../src/engine/cells/textDate';

const d = (y: number, m: number, day: number) => excelSerialFromYMD(y, m, day) as number;
const NOV5 = d(2026, 11, 5);
const mdy = (t: string) => parseTextDate(t, 'MDY');
const dmy = (t: string) => parseTextDate(t, 'DMY');

describe('parseTextDate', () => {
  it('gives the same serial as excelSerialFromYMD', () => {
    expect(NOV5).toBe(46331);
    expect(mdy('2026-11-05')).toBe(46331);
    expect(mdy('1900-01-01')).toBe(1);
    expect(mdy('1900-03-01')).toBe(61);
  });

  it('reads ISO dates with an optional time, ignoring any zone', () => {
    expect(mdy('  2026-11-05  ')).toBe(NOV5);
    expect(mdy('2026-11-05T14:30')).toBeCloseTo(NOV5 + 14.5 / 24, 10);
    expect(mdy('2026-11-05T14:30:00Z')).toBeCloseTo(NOV5 + 14.5 / 24, 10);
    expect(mdy('2026-11-05T23:30:00-05:00')).toBeCloseTo(NOV5 + 23.5 / 24, 10);
    expect(mdy('2026-11-05T00:15:00.250+01:00')).toBeCloseTo(NOV5 + 0.25 / 24, 10);
    expect(mdy('2026-11-05 14:30:00')).toBeCloseTo(NOV5 + 14.5 / 24, 10);
    expect(mdy('2026-11-05 06:00:36')).toBeCloseTo(NOV5 + (6 * 3600 + 36) / 86_400, 10);
    expect(mdy('2026-11-05 00:00')).toBe(NOV5);
  });

  it('reads a 12-hour clock and rejects impossible times', () => {
    expect(mdy('11/05/2026 2:30 PM')).toBeCloseTo(NOV5 + 14.5 / 24, 10);
    expect(mdy('11/05/2026 12:00 am')).toBe(NOV5);
    expect(mdy('11/05/2026 12:00 p.m.')).toBeCloseTo(NOV5 + 0.5, 10);
    expect(mdy('2026-11-05 24:00')).toBeNaN();
    expect(mdy('2026-11-05 12:60')).toBeNaN();
    expect(mdy('2026-11-05 13:00 pm')).toBeNaN();
    expect(mdy('14:30')).toBeNaN();
  });

  it('reads year-first slashes', () => {
    expect(dmy('2026/11/05')).toBe(NOV5);
    expect(mdy('2026/11/5')).toBe(NOV5);
    expect(mdy('2026.11.05')).toBe(NOV5);
  });

  it('reads ambiguous numeric dates in the given order', () => {
    for (const sep of ['/', '-', '.']) {
      const t = ['11', '05', '2026'].join(sep);
      expect(mdy(t), t).toBe(NOV5);
      expect(dmy(t), t).toBe(d(2026, 5, 11));
    }
    expect(mdy('1/2/2026')).toBe(d(2026, 1, 2));
    expect(dmy('1/2/2026')).toBe(d(2026, 2, 1));
  });

  it('lets a number over 12 settle the order', () => {
    expect(mdy('25/12/2026')).toBe(d(2026, 12, 25));
    expect(dmy('25/12/2026')).toBe(d(2026, 12, 25));
    expect(mdy('12/25/2026')).toBe(d(2026, 12, 25));
    expect(dmy('12/25/2026')).toBe(d(2026, 12, 25));
    expect(dmy('13/13/2026')).toBeNaN();
  });

  it('pivots 2-digit years like Excel', () => {
    expect(mdy('11/05/26')).toBe(NOV5);
    expect(mdy('1/1/00')).toBe(d(2000, 1, 1));
    expect(mdy('1/1/29')).toBe(d(2029, 1, 1));
    expect(mdy('1/1/30')).toBe(d(1930, 1, 1));
    expect(mdy('1/1/99')).toBe(d(1999, 1, 1));
    expect(mdy('5-Nov-26')).toBe(NOV5);
    expect(mdy('5-Nov-30')).toBe(d(1930, 11, 5));
  });

  it('reads English month names and abbreviations in any case', () => {
    for (const t of ['5 Nov 2026', '5-Nov-2026', '5-nov-26', 'Nov 5, 2026', 'NOV. 5, 2026',
      'November 5 2026', 'november 5, 2026', '5 November 2026', '5 Nov. 2026', '05 Nov 2026',
      'Thu, 5 Nov 2026', 'Thursday 5 November 2026', 'Thu Nov 5 2026', 'Nov 5th, 2026',
      '5th November 2026', '5 Nov 2026 ']) {
      expect(mdy(t), t).toBe(NOV5);
      expect(dmy(t), t).toBe(NOV5);
    }
    expect(mdy('1 Sept 2026')).toBe(d(2026, 9, 1));
    expect(mdy('May 31 2026')).toBe(d(2026, 5, 31));
    expect(mdy('5 Nov 2026 09:15')).toBeCloseTo(NOV5 + 9.25 / 24, 10);
  });

  it('rejects impossible dates and years outside 1900-9999', () => {
    for (const t of ['2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2/30/2026',
      '30 Feb 2026', '2025-02-29', '1899-12-31', '31 Dec 1899', '0 Nov 2026', '1/1/0026']) {
      expect(mdy(t), t).toBeNaN();
    }
    expect(mdy('2024-02-29')).toBe(d(2024, 2, 29));
    expect(mdy('9999-12-31')).toBe(d(9999, 12, 31));
  });

  it('rejects anything else', () => {
    for (const t of ['', '   ', 'soon', '12', '2026', 'Nov 2026', '5 Nov', 'Thu', 'next Thursday',
      '5 Noo 2026', '5 Nov 2026 extra', '11/05-2026', '11/05', '2026-11', '2026-11-05-01',
      '123/1/2026', '1/1/202', '5, , Nov 2026', ',5 Nov 2026', '5 Nov 123', '123 Nov 2026',
      'Nov Nov 2026', '5 5 2026', '5 Nov 2026!', '2026-11-05T', '2026-11-05 14', 'T14:30',
      `${'1'.repeat(70)}`, `5 Nov 2026${' '.repeat(60)}x`]) {
      expect(mdy(t), t).toBeNaN();
    }
  });
});

describe('describeDateFormats', () => {
  it('is one line naming the main forms, each of which parses', () => {
    const hint = describeDateFormats();
    expect(hint).not.toContain('\n');
    for (const form of ['2026-11-05', '2026/11/05', '11/05/2026', '5 Nov 2026', '5-Nov-26']) {
      expect(hint).toContain(form);
      expect(mdy(form), form).not.toBeNaN();
    }
  });
});
