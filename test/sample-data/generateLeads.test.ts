import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import type { CellValue } from '../../src/engine/cells/cellValue';
import { excelSerialFromIsoDate } from '../../src/engine/cells/excelDate';
import {
  HIDDEN_MODEL,
  LEAD_COLUMNS,
  generateLeads,
  hiddenModelFeatures,
  hiddenModelLogit,
  isSpamLikeName,
} from '../../src/sample-data/generateLeads';
import { createRandom } from '../../src/sample-data/random';

const EXPECTED_HEADERS = [
  'Lead ID', 'First Name', 'Last Name', 'Email', 'Company', 'Title', 'Industry', 'Employees',
  'Country', 'Lead Source', 'Created Date', 'Website Visits', 'Pricing Page Visits', 'Blog Visits',
  'Datasheet Downloads', 'Ebook Downloads', 'Webinars Attended', 'Last Webinar Date',
  'Email Opens', 'Email Clicks', 'Email Downloads', 'Last Email Date', 'LinkedIn Post Likes',
  'LinkedIn Event Joins', 'Demo Requested', 'Trial Signed Up', 'Product Video Views',
  'Comparison Tool Uses', 'Last Activity Date', 'Converted',
];
const COUNT_COLUMNS = [
  'Website Visits', 'Pricing Page Visits', 'Blog Visits', 'Datasheet Downloads', 'Ebook Downloads',
  'Webinars Attended', 'Email Opens', 'Email Clicks', 'Email Downloads', 'LinkedIn Post Likes',
  'LinkedIn Event Joins', 'Product Video Views', 'Comparison Tool Uses',
];
const NUMERIC_COLUMNS = ['Employees', ...COUNT_COLUMNS];
const DATE_COLUMNS = ['Created Date', 'Last Webinar Date', 'Last Email Date', 'Last Activity Date'];
const BOOLEAN_COLUMNS = ['Demo Requested', 'Trial Signed Up', 'Converted'];
const TEMPLATE_TITLES = [
  'CEO', 'CTO', 'Chief Executive Officer', 'Chief Technology Officer', 'VP Sales', 'VP Marketing',
  'Sales Manager', 'Marketing Manager', 'IT Director', 'Marketing Director', 'Operations Manager',
  'Customer Service Representative', 'Software Engineer', 'Analyst', 'Consultant', 'Student',
  'Owner', 'Office Manager',
];
const INDUSTRIES = [
  'Technology', 'Healthcare', 'Education', 'Finance', 'Manufacturing', 'Retail',
  'Consumer Electronics', 'Hospitality', 'Government', 'Non-profit', 'Real Estate', 'Media',
];
const SOURCES = ['Website', 'Webinar', 'Trade Show', 'Referral', 'LinkedIn', 'Paid Search', 'Email Campaign'];

const AS_OF = '2026-11-01';
const asOfSerial = excelSerialFromIsoDate(AS_OF);
const ix = (name: string): number => {
  const i = EXPECTED_HEADERS.indexOf(name);
  if (i < 0) throw new Error(name);
  return i;
};
const column = (rows: CellValue[][], name: string): CellValue[] => rows.map((r) => r[ix(name)]);

// Shared tables: generated once, read by several tests.
const clean = generateLeads({ count: 20_000, seed: 'calibration', asOf: AS_OF, messiness: 0 });
const messy = generateLeads({ count: 5_000, seed: 'calibration', asOf: AS_OF, messiness: 0.1 });

describe('createRandom', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = createRandom('x');
    const b = createRandom('x');
    const c = createRandom('y');
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
    const r = createRandom(42);
    let outOfRange = 0;
    const ints = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      ints.add(r.int(3, 7));
    }
    expect(outOfRange).toBe(0);
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('has roughly the right moments', () => {
    const r = createRandom(7);
    const n = 50_000;
    let sumN = 0;
    let sumP = 0;
    let sumW = 0;
    let sumB = 0;
    for (let i = 0; i < n; i++) {
      sumN += r.normal(10, 2);
      sumP += r.poisson(3.5);
      sumW += r.weighted([['a', 1], ['b', 3]] as const) === 'b' ? 1 : 0;
      sumB += r.binomial(10, 0.3);
    }
    expect(sumN / n).toBeCloseTo(10, 1);
    expect(sumP / n).toBeCloseTo(3.5, 1);
    expect(sumW / n).toBeCloseTo(0.75, 1);
    expect(sumB / n).toBeCloseTo(3, 1);
  });

  it('never uses Math.random', () => {
    const dir = new URL('../../src/sample-data/', import.meta.url);
    for (const file of readdirSync(dir)) {
      expect(readFileSync(new URL(file, dir), 'utf8')).not.toMatch(/Math\.random\(/);
    }
  });
});

describe('generateLeads', () => {
  it('has exactly the documented columns, in order', () => {
    expect([...LEAD_COLUMNS]).toEqual(EXPECTED_HEADERS);
    expect(clean.headers).toEqual(EXPECTED_HEADERS);
    for (const row of clean.rows.slice(0, 100)) expect(row).toHaveLength(EXPECTED_HEADERS.length);
  });

  it('is deterministic for the same options and differs for another seed', () => {
    const opts = { count: 300, seed: 99, asOf: AS_OF, messiness: 0.2 };
    expect(generateLeads(opts)).toEqual(generateLeads(opts));
    expect(generateLeads({ ...opts, seed: 100 }).rows).not.toEqual(generateLeads(opts).rows);
    expect(generateLeads({ count: 10 })).toEqual(generateLeads({ count: 10, seed: 1, asOf: AS_OF, messiness: 0.03 }));
  });

  it('gives the same first N rows whatever the count', () => {
    for (const messiness of [0, 0.03, 0.3]) {
      const small = generateLeads({ count: 40, seed: 'prefix', messiness });
      const large = generateLeads({ count: 400, seed: 'prefix', messiness });
      expect(large.rows.slice(0, 40)).toEqual(small.rows);
    }
  });

  it('writes native cell types when clean', () => {
    // Plain checks collected into one list: tens of thousands of expect() calls are slow.
    const problems: string[] = [];
    const check = (ok: boolean, n: number, what: string): void => {
      if (!ok && problems.length < 20) problems.push(`row ${n + 1}: ${what}`);
    };
    for (const [n, row] of clean.rows.entries()) {
      check(row[ix('Lead ID')] === `L-${String(n + 1).padStart(6, '0')}`, n, 'Lead ID');
      for (const name of ['First Name', 'Last Name', 'Company', 'Title', 'Country']) {
        const v = row[ix(name)];
        check(typeof v === 'string' && v.length > 0 && v === v.trim(), n, name);
      }
      check(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/.test(String(row[ix('Email')])), n, 'Email');
      check(INDUSTRIES.includes(row[ix('Industry')] as string), n, 'Industry');
      check(SOURCES.includes(row[ix('Lead Source')] as string), n, 'Lead Source');
      for (const name of NUMERIC_COLUMNS) {
        const v = row[ix(name)];
        check(typeof v === 'number' && Number.isInteger(v) && v >= 0, n, name);
      }
      const employees = row[ix('Employees')] as number;
      check(employees >= 1 && employees <= 50_000, n, 'Employees range');
      for (const name of BOOLEAN_COLUMNS) check(typeof row[ix(name)] === 'boolean', n, name);
      const created = row[ix('Created Date')] as number;
      check(Number.isInteger(created) && created <= asOfSerial && created >= asOfSerial - 550, n, 'Created Date');
      for (const name of DATE_COLUMNS.slice(1)) {
        const v = row[ix(name)];
        if (v === '' && name !== 'Last Activity Date') continue;
        check(typeof v === 'number' && Number.isInteger(v) && v >= created && v <= asOfSerial, n, name);
      }
      check((row[ix('Last Webinar Date')] === '') === (row[ix('Webinars Attended')] === 0), n, 'webinar date');
      const opens = row[ix('Email Opens')] as number;
      const clicks = row[ix('Email Clicks')] as number;
      const downloads = row[ix('Email Downloads')] as number;
      check((row[ix('Last Email Date')] === '') === (opens + clicks + downloads === 0), n, 'email date');
      check(clicks <= opens && downloads <= clicks, n, 'email funnel');
    }
    expect(problems).toEqual([]);
  });

  it('has realistic value mixes', () => {
    const titles = new Set(column(clean.rows, 'Title'));
    for (const t of TEMPLATE_TITLES) expect(titles).toContain(t);
    expect(new Set(column(clean.rows, 'Industry')).size).toBe(INDUSTRIES.length);
    const countries = column(clean.rows, 'Country');
    const us = countries.filter((c) => c === 'United States').length / countries.length;
    expect(us).toBeGreaterThan(0.3);
    for (const c of ['Canada', 'Mexico', 'Germany', 'India', 'South Africa']) expect(countries).toContain(c);
    const employees = column(clean.rows, 'Employees') as number[];
    expect(employees.filter((e) => e <= 10).length / employees.length).toBeGreaterThan(0.35);
    expect(employees.filter((e) => e >= 500).length / employees.length).toBeGreaterThan(0.02);
    const personal = clean.rows.filter((r) => hiddenModelFeatures(r, asOfSerial).personalEmail === 1);
    expect(personal.length / clean.rows.length).toBeGreaterThan(0.15);
    expect(personal.length / clean.rows.length).toBeLessThan(0.28);
    const pricing = column(clean.rows, 'Pricing Page Visits') as number[];
    expect(pricing.filter((v) => v === 0).length / pricing.length).toBeGreaterThan(0.4);
    expect(Math.max(...pricing)).toBeGreaterThan(15);
  });

  it('converts 8-25% of leads, more of the engaged ones', () => {
    const converted = column(clean.rows, 'Converted');
    const rate = converted.filter((c) => c === true).length / converted.length;
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.25);
    const meanPricing = (want: boolean): number => {
      const rows = clean.rows.filter((r) => r[ix('Converted')] === want);
      return rows.reduce((s, r) => s + (r[ix('Pricing Page Visits')] as number), 0) / rows.length;
    };
    expect(meanPricing(true)).toBeGreaterThan(meanPricing(false) * 1.5);
  });

  it('draws Converted from HIDDEN_MODEL (predicted and observed rates agree by decile)', () => {
    const scored = clean.rows
      .map((r) => ({ p: 1 / (1 + Math.exp(-hiddenModelLogit(r, asOfSerial))), y: r[ix('Converted')] === true }))
      .sort((a, b) => a.p - b.p);
    const decile = scored.length / 10;
    for (let d = 0; d < 10; d++) {
      const slice = scored.slice(d * decile, (d + 1) * decile);
      const predicted = slice.reduce((s, x) => s + x.p, 0) / slice.length;
      const observed = slice.filter((x) => x.y).length / slice.length;
      expect(Math.abs(predicted - observed)).toBeLessThan(0.04);
    }
    expect(Object.keys(HIDDEN_MODEL.weights).sort()).toEqual(
      Object.keys(hiddenModelFeatures(clean.rows[0]!, asOfSerial)).sort(),
    );
  });

  it('has no text numbers, text dates, blanks or spam at messiness 0', () => {
    const bad = clean.rows.filter(
      (row) =>
        NUMERIC_COLUMNS.some((name) => typeof row[ix(name)] !== 'number') ||
        typeof row[ix('Created Date')] !== 'number' ||
        typeof row[ix('Last Activity Date')] !== 'number' ||
        isSpamLikeName(row[ix('First Name')] as string, row[ix('Last Name')] as string),
    );
    expect(bad).toEqual([]);
  });

  it('messes up cells when asked, deterministically', () => {
    const count = (pred: (v: CellValue, name: string) => boolean, names: string[]): number =>
      messy.rows.reduce((s, r) => s + names.filter((n) => pred(r[ix(n)], n)).length, 0);
    const textNumbers = count((v) => typeof v === 'string' && /^\s*[\d,]+\s*$/.test(v), NUMERIC_COLUMNS);
    const thousands = count((v) => typeof v === 'string' && /^\d{1,3}(,\d{3})+$/.test(v), ['Employees']);
    const na = count((v) => v === '#N/A', COUNT_COLUMNS);
    const textDates = count((v) => typeof v === 'string' && /^(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/.test(v), DATE_COLUMNS);
    const blanks = count((v) => v === '', ['Employees', 'Country', 'Title']);
    const oddIndustry = count((v) => typeof v === 'string' && !INDUSTRIES.includes(v), ['Industry']);
    const spam = messy.rows.filter((r) => isSpamLikeName(r[ix('First Name')] as string, r[ix('Last Name')] as string)).length;
    expect(textNumbers).toBeGreaterThan(100);
    expect(thousands).toBeGreaterThan(0);
    expect(na).toBeGreaterThan(0);
    expect(textDates).toBeGreaterThan(100);
    expect(blanks).toBeGreaterThan(100);
    expect(oddIndustry).toBeGreaterThan(100);
    expect(spam / messy.rows.length).toBeGreaterThan(0.03);
    expect(spam / messy.rows.length).toBeLessThan(0.11);
    // Text dates stay the same day as the clean serial.
    const shifted = messy.rows.filter((row, n) => {
      const v = row[ix('Created Date')];
      return typeof v === 'string' && /^\d{4}-/.test(v) && excelSerialFromIsoDate(v) !== clean.rows[n]![ix('Created Date')];
    });
    expect(shifted).toEqual([]);
  });

  it('keeps non-spam leads identical to the clean lead apart from messed cells', () => {
    const nonSpam = messy.rows.filter((row, n) => row[ix('First Name')] === clean.rows[n]![ix('First Name')]);
    expect(nonSpam.length).toBeGreaterThan(messy.rows.length * 0.9);
    const differ = messy.rows.filter((row, n) => {
      const base = clean.rows[n]!;
      return (
        row[ix('First Name')] === base[ix('First Name')] &&
        (row[ix('Converted')] !== base[ix('Converted')] || row[ix('Email')] !== base[ix('Email')])
      );
    });
    expect(differ).toEqual([]);
  });

  it('rejects a bad asOf', () => {
    expect(() => generateLeads({ count: 1, asOf: '11/01/2026' })).toThrow(/asOf/);
  });
});
