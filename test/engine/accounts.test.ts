import { describe, expect, it } from 'vitest';
import {
  accountsTable,
  compareCodePoints,
  companyKey,
  compile,
  criterion,
  describeAccounts,
  domainKey,
  formatProblems,
  model,
  rollUpAccounts,
  type AccountRollup,
  type Model,
} from '../../src/engine';

// Fit: Technology +40. Engagement: Demo +30, Pricing +10 (at most 40, so automatic level 2, the
// engaged threshold, is 20). Bands Cold 0, Warm 21, Hot 50.
const base = model({
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Pricing', condition: { op: 'isTrue' }, points: 10 }),
  ],
});
const HEADERS = ['Name', 'Company', 'Email', 'Industry', 'Demo', 'Pricing'];
const LEADS: string[][] = [
  ['Ann', 'Acme Inc.', 'ann@acme.com', 'Technology', 'yes', 'yes'], // 80 Hot, engaged
  ['Bob', 'ACME, Inc', 'bob@acme.com', 'Retail', 'no', 'yes'], // 10 Cold
  ['Cy', '', 'cy@acme.com', 'Technology', 'no', 'no'], // 40 Warm: no company, so the domain acme.com
  ['Di', ' acme  GmbH ', 'di@acme.de', 'Retail', 'yes', 'no'], // 30 Warm, engaged
  ['Ed', '', 'ed@gmail.com', 'Technology', 'yes', 'no'], // free mail: no account
  ['Fay', 'n/a', 'fay@Beta.IO', 'Retail', 'no', 'yes'], // 10 Cold: placeholder company, so beta.io
  ['Gus', '', 'Gus <gus@beta.io>', 'Retail', 'yes', 'no'], // 30 Warm, engaged
  ['Hal', '', '', 'Technology', '', ''], // neither: no account
  ['', '', '', '', '', ''], // a blank row is no lead
  ['Ida', 'Café Noir', 'ida@noir.fr', 'Technology', 'yes', 'yes'], // 80 Hot
  ['Jon', 'CAFE\u0301 NOIR', 'jon@noir.fr', 'Retail', 'no', 'no'], // 0 Cold: the same company, decomposed
];

function rollUp(m: Model, rows: unknown[][] = LEADS, headers: string[] = HEADERS): AccountRollup {
  const compiled = compile(m, headers, { asOf: '2026-11-26' });
  if (!compiled.ok) throw new Error(formatProblems(compiled.problems));
  const rollup = rollUpAccounts(compiled.value, rows);
  if (!rollup.ok) throw new Error(formatProblems(rollup.problems));
  return rollup.value;
}

const summary = (r: AccountRollup) => r.accounts.map((a) => [a.name, a.score, a.band.name, a.contacts, a.engaged, a.best.name, [...a.perBand]]);

describe('account keys', () => {
  it('meets the ways one company is typed: case, spacing, accents composed or not, legal forms', () => {
    const same = ['Acme', 'ACME Inc.', 'Acme, Inc', 'acme  ltd', 'Acme Co., Ltd.', 'ACME GmbH & Co. KG', 'Acme S.A.', 'Acme Pty Ltd', ' Acme LLC ', 'Acme A/S', 'Acme Holdings'];
    expect(new Set(same.map(companyKey))).toEqual(new Set(['acme']));
    expect(companyKey('Cafe\u0301 Noir')).toBe(companyKey('Café noir'));
    expect(companyKey('Société Générale S.A.')).toBe('société générale');
  });

  it('drops a legal form only as a word at the end, and never the whole name', () => {
    expect(companyKey('Zinc Ltd')).toBe('zinc');
    expect(companyKey('Acme Incubator')).toBe('acme incubator');
    expect(companyKey('Inc')).toBe('inc');
    expect(companyKey('Company')).toBe('company');
    expect(companyKey('Johnson & Johnson')).toBe('johnson & johnson');
  });

  it('takes placeholders and errors for no company', () => {
    for (const none of ['', '   ', 'n/a', 'N/A', 'None', '-', 'unknown', '#N/A', 'Self-employed', '.,']) expect(companyKey(none)).toBeNull();
  });

  it('looks for legal forms in the last 64 characters only, so a hostile cell costs linear time', () => {
    const long = `${'x'.repeat(100)} Inc`;
    expect(companyKey(long)).toBe('x'.repeat(100));
    const commas = `a${','.repeat(50_000)}b`;
    expect(companyKey(commas)).toBe(commas);
    // A chain of legal forms longer than the tail keeps what lies before the tail.
    const chain = `acme${' inc'.repeat(20)}`;
    expect(companyKey(chain)).toBe(`acme${' inc'.repeat(4)}`);
  });

  it('reads the domain of a business address, lower-cased and exactly as written; free mail forms none', () => {
    expect(domainKey('Ann <ann@Acme.COM>')).toBe('acme.com');
    expect(domainKey(' ann@mail.acme.com ')).toBe('mail.acme.com');
    expect(domainKey('ann@gmail.com')).toBeNull();
    expect(domainKey('ann@GMX.de')).toBeNull();
    expect(domainKey('ann@yandex.ru')).toBeNull();
    for (const bad of ['ann', '@acme.com', 'ann@localhost', 'ann @acme.com', 'ann@acme..com', 'Ann <ann@acme.com']) expect(domainKey(bad)).toBeNull();
  });

  it('orders text by code point, as the databases do', () => {
    expect(compareCodePoints('\u{1F600}', '\uFF01')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF01').toBe(true); // what JavaScript's < would say
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints('B', 'a')).toBeLessThan(0);
  });
});

describe('rolling leads up to accounts', () => {
  it('scores an account by its best lead, counts engaged contacts and contacts per band', () => {
    const r = rollUp(base);
    expect(summary(r)).toEqual([
      ['Acme Inc.', 80, 'Hot', 3, 2, 'Ann', [1, 1, 1]],
      ['Café Noir', 80, 'Hot', 2, 1, 'Ida', [1, 0, 1]],
      ['acme.com', 40, 'Warm', 1, 0, 'Cy', [0, 1, 0]],
      ['beta.io', 30, 'Warm', 2, 1, 'Gus', [1, 1, 0]],
    ]);
    expect(r.accounts.map((a) => a.key)).toEqual(['acme', 'café noir', 'acme.com', 'beta.io']);
    expect(r.leads).toBe(10);
    expect(r.withoutAccount).toBe(2);
    expect(r.byDomain).toBe(3);
    expect(r.engagedFrom).toBe(20);
    expect(r.accounts[3]?.best).toEqual({ row: 6, name: 'Gus', email: 'Gus <gus@beta.io>', score: 30, engagement: 30, band: 'Warm' });
  });

  it('sums the top N contacts, or averages all of them', () => {
    const top2 = rollUp(model({ ...base, accounts: { ...base.accounts, scoring: 'top', top: 2 } }));
    // acme: 80 + 30 (Bob's 10 is third); café noir: 80 + 0; beta.io: 30 + 10.
    expect(top2.accounts.map((a) => [a.key, a.score, a.band.name])).toEqual([
      ['acme', 110, 'Hot'],
      ['café noir', 80, 'Hot'],
      ['acme.com', 40, 'Warm'],
      ['beta.io', 40, 'Warm'],
    ]);
    const average = rollUp(model({ ...base, accounts: { ...base.accounts, scoring: 'average' } }));
    // acme: (80 + 10 + 30) / 3 = 40; café noir: 40; beta.io: 20.
    expect(average.accounts.map((a) => [a.key, a.score])).toEqual([
      ['acme', 40],
      ['acme.com', 40],
      ['café noir', 40],
      ['beta.io', 20],
    ]);
  });

  it('rounds an average to whole hundredths, half up, negative too', () => {
    const cents = model({
      bands: [{ name: 'All', from: 0, color: '#FFFFFF' }],
      accounts: { column: null, scoring: 'average', top: 3, engagedFrom: 0 },
      criteria: [
        criterion({ group: 'fit', field: 'Tier', condition: { op: 'equals', values: ['a'] }, points: 0.01 }),
        criterion({ group: 'fit', field: 'Tier', condition: { op: 'equals', values: ['b'] }, points: 0.02 }),
        criterion({ group: 'fit', field: 'Tier', condition: { op: 'equals', values: ['c'] }, points: -0.01 }),
        criterion({ group: 'fit', field: 'Tier', condition: { op: 'equals', values: ['d'] }, points: -0.02 }),
      ],
    });
    const r = rollUp(cents, [
      ['up.com', 'a'],
      ['up.com', 'b'],
      ['down.com', 'c'],
      ['down.com', 'd'],
      ['third.com', 'a'],
      ['third.com', 'a'],
      ['third.com', 'b'],
    ], ['Company', 'Tier']);
    // 1.5 cents -> 2; -1.5 cents -> -1; 4/3 cents -> 1.
    expect(r.accounts.map((a) => [a.key, a.score])).toEqual([
      ['up.com', 0.02],
      ['third.com', 0.01],
      ['down.com', -0.01],
    ]);
  });

  it('breaks ties for the best lead by Engagement, then e-mail, then name, then table order', () => {
    const rows = [
      ['Zed', 'Tie', 'z@tie.com', 'Technology', 'no', 'no'], // 40, engagement 0
      ['Amy', 'Tie', 'y@tie.com', 'Retail', 'yes', 'yes'], // 40, engagement 40: wins
      ['Bea', 'Two', 'b@two.com', 'Technology', 'yes', 'yes'], // 80
      ['Al', 'Two', 'a@two.com', 'Technology', 'yes', 'yes'], // 80, e-mail first: wins
      ['Dee', 'Three', '', 'Technology', 'yes', 'yes'],
      ['Cal', 'Three', '', 'Technology', 'yes', 'yes'], // same e-mail (none), name first: wins
      ['Eve', 'Four', 'e@four.com', 'Technology', 'yes', 'yes'], // first in the table: wins
      ['Eve', 'Four', 'e@four.com', 'Technology', 'yes', 'yes'],
    ];
    const r = rollUp(base, rows);
    expect(Object.fromEntries(r.accounts.map((a) => [a.key, [a.best.name, a.best.row]]))).toEqual({ tie: ['Amy', 1], two: ['Al', 3], three: ['Cal', 5], four: ['Eve', 6] });
  });

  it("takes the model's company column and engaged threshold when they are set", () => {
    const headers = ['Name', 'Employer name', 'Email', 'Industry', 'Demo', 'Pricing'];
    const m = model({ ...base, accounts: { column: 'employer NAME', scoring: 'best', top: 3, engagedFrom: 35 } });
    const r = rollUp(m, [['Ann', 'Acme', 'ann@acme.com', 'Technology', 'yes', 'yes'], ['Bob', 'Acme', 'bob@acme.com', 'Technology', 'yes', 'no']], headers);
    expect(r.columns).toEqual({ company: 'Employer name', email: 'Email', name: 'Name' });
    expect(r.accounts.map((a) => [a.key, a.contacts, a.engaged])).toEqual([['acme', 2, 1]]);
  });

  it('rolls up by domain alone when the table has no company column', () => {
    const r = rollUp(base, LEADS.map((row) => row.filter((_, i) => i !== 1)), HEADERS.filter((h) => h !== 'Company'));
    expect(r.accounts.map((a) => [a.key, a.contacts])).toEqual([['acme.com', 3], ['noir.fr', 2], ['acme.de', 1], ['beta.io', 2]]);
  });

  it('says where the problem is when leads cannot be rolled up', () => {
    const compiled = (m: Model, headers: string[]) => {
      const c = compile(m, headers, { asOf: '2026-11-26' });
      if (!c.ok) throw new Error('compiles');
      return c.value;
    };
    const typo = rollUpAccounts(compiled(model({ ...base, accounts: { ...base.accounts, column: 'Compnay' } }), HEADERS), LEADS);
    expect(!typo.ok && formatProblems(typo.problems)).toBe("accounts.column: unknown column 'Compnay' (did you mean 'Company'?)");
    const neither = rollUpAccounts(compiled(base, ['Industry', 'Demo', 'Pricing']), []);
    expect(!neither.ok && formatProblems(neither.problems)).toContain('no company column and no e-mail column');
    const fitOnly = model({ criteria: [base.criteria[0]!] });
    const noEngagement = rollUpAccounts(compiled(fitOnly, HEADERS), LEADS);
    expect(!noEngagement.ok && formatProblems(noEngagement.problems)).toContain("accounts.engagedFrom: the Engagement criteria can give no points");
    // Told the threshold, the same model rolls up.
    expect(rollUpAccounts(compiled({ ...fitOnly, accounts: { ...fitOnly.accounts, engagedFrom: 1 } }, HEADERS), LEADS).ok).toBe(true);
  });

  it('gives one table for every writer, with a column per band, and a line that says what it holds', () => {
    const r = rollUp(base);
    const t = accountsTable(r);
    expect(t.headers).toEqual(['Account', 'Account score', 'Band', 'Contacts', 'Engaged contacts', 'Best lead', 'Best lead e-mail', 'Best lead score', 'Cold', 'Warm', 'Hot']);
    expect(t.rows[0]).toEqual(['Acme Inc.', 80, 'Hot', 3, 2, 'Ann', 'ann@acme.com', 80, 1, 1, 1]);
    expect(describeAccounts(r)).toBe('4 accounts from 8 of 10 leads (2 leads with no company or business e-mail in no account); account score: the best lead; engaged from Engagement 20.');
  });
});
