import { describe, expect, it } from 'vitest';
import { PRIORITY_HEADERS, PRIORITY_MODEL } from './builders';
import {
  CALL_ORDER,
  callList,
  CallListBuilder,
  callListTable,
  compile,
  contactColumns,
  criterion,
  describeCallList,
  model,
  type CallListOptions,
  type Model,
} from '../../src/engine';

const HEADERS = [...PRIORITY_HEADERS, 'Name', 'Company', 'E-mail', 'Mobile'];

/** Fit at most 60 (grades from 45, 30, 15), Engagement at most 40 (levels from 30, 20, 10); bands Cold 0-20, Warm 21-49, Hot 50+. */
const LEADS: unknown[][] = [
  ['Technology', 500, 'yes', 'yes', 'Ada', 'Acme', 'ada@acme.com', '+1 555 0100'], // 0: fit 60, eng 40: A1, 100
  ['Technology', 5, 'yes', 'no', 'Ben', 'Beta', 'ben@beta.com', ''], //            1: fit 40, eng 30: B1, 70
  ['Technology', 500, 'no', 'yes', 'Cy', 'Core', '', ''], //                      2: fit 60, eng 10: A3, 70
  ['Technology', 5, 'no', 'no', 'Di', 'Dyn', '', ''], //                          3: fit 40, eng 0: B4, 40
  ['Retail', 100, 'yes', 'yes', 'Ed', 'Echo', '', ''], //                         4: fit 20, eng 40: C1, 60
  ['Retail', 5, 'yes', 'yes', 'Flo', 'Fox', '', ''], //                           5: fit 0, eng 40: D1, 40 (grade D)
  ['Retail', 5, 'no', 'yes', 'Gus', 'Gap', '', ''], //                            6: fit 0, eng 10: D3, 10 (grade D and Cold)
  ['Retail', 100, 'no', 'no', 'Hal', 'Hub', '', ''], //                           7: fit 20, eng 0: C4, 20 (Cold)
  ['', '', '', '', '', '', '', ''], //                                            8: blank: not a lead
  ['Technology', 5, 'yes', 'no', 'Ivy', 'Iris', '', ''], //                       9: the same as 1: B1, 70
];

function list(rows: unknown[][], options: CallListOptions, m: Model = PRIORITY_MODEL, headers: string[] = HEADERS) {
  const compiled = compile(m, headers, { asOf: '2026-11-26' });
  if (!compiled.ok) throw new Error('model should compile');
  return callList(compiled.value, rows, options);
}

describe('the call list', () => {
  it('orders the 16 priority cells diagonal by diagonal, better fit first within one', () => {
    expect(CALL_ORDER).toEqual(['A1', 'A2', 'B1', 'A3', 'B2', 'C1', 'A4', 'B3', 'C2', 'D1', 'B4', 'C3', 'D2', 'C4', 'D3', 'D4']);
  });

  it('lists by priority, then score, then table order, leaving out grade D, the lowest band and blank rows', () => {
    const l = list(LEADS, { top: 10 });
    expect(l.entries.map((e) => [e.rank, e.row, e.priority, e.score, e.band])).toEqual([
      [1, 0, 'A1', 100, 'Hot'],
      [2, 1, 'B1', 70, 'Hot'],
      [3, 9, 'B1', 70, 'Hot'], // ties with row 1 on priority and score: the earlier row first
      [4, 2, 'A3', 70, 'Hot'],
      [5, 4, 'C1', 60, 'Hot'],
      [6, 3, 'B4', 40, 'Warm'],
    ]);
    expect(l.leads).toBe(9);
    expect(l.eligible).toBe(6);
    // Row 6 is both grade D and Cold: counted once, for its grade.
    expect(l.skipped).toEqual({ grade: 2, band: 1 });
    expect(l.skipGrades).toEqual(['D']);
    expect(l.skipBands).toEqual(['Cold']);
    // Each with the model's recommended action for its priority (the defaults here).
    expect(l.entries.map((e) => e.action)).toEqual(['Call now', 'Call now', 'Call now', 'Nurture: invite to a demo', 'Qualify: check fit before calling', 'Nurture']);
  });

  it('ranks by priority before score: an A3 at 70 after a B1 at 70, a C1 at 60 before a B4 at 40', () => {
    const l = list([LEADS[3]!, LEADS[4]!, LEADS[2]!], { top: 3 });
    expect(l.entries.map((e) => e.priority)).toEqual(['A3', 'C1', 'B4']);
  });

  it('keeps the first N; N larger than the list gives every lead that can be called', () => {
    expect(list(LEADS, { top: 2 }).entries.map((e) => e.row)).toEqual([0, 1]);
    const all = list(LEADS, { top: 1000 });
    expect(all.entries).toHaveLength(6);
    expect(list(LEADS, { top: 0 }).entries).toEqual([]);
    expect(list(LEADS, { top: 2.9 }).entries).toHaveLength(2);
    expect(list(LEADS, { top: -3 }).entries).toEqual([]);
    expect(list(LEADS, { top: Number.NaN }).entries).toEqual([]);
  });

  it('calls every lead when told to skip no grade and no band', () => {
    const l = list(LEADS, { top: 20, skipGrades: [], skipBands: [] });
    expect(l.entries.map((e) => e.row)).toEqual([0, 1, 9, 2, 4, 5, 3, 7, 6]); // D1 (row 5) on the fourth diagonal, C4 then D3 last
    expect(l.skipped).toEqual({ grade: 0, band: 0 });
  });

  it('skips the bands and grades named, band names in any case', () => {
    const l = list(LEADS, { top: 20, skipGrades: ['C', 'D'], skipBands: ['warm', 'COLD'] });
    expect(l.entries.map((e) => e.row)).toEqual([0, 1, 9, 2]);
    expect(l.skipped).toEqual({ grade: 4, band: 1 });
  });

  it('gives the three biggest reasons with the value that matched, largest first', () => {
    const [first] = list(LEADS, { top: 1 }).entries;
    // Industry +40, Demo +30, Employees +20; Webinar +10 is the fourth.
    expect(first?.reasons.map((r) => r.text)).toEqual(['Industry is Technology (+40)', 'Demo is yes (+30)', 'Employees is 500 (+20)']);
    expect(first?.reasons.map((r) => r.group)).toEqual(['fit', 'engagement', 'fit']);
  });

  it('shows a penalty among the reasons when it is among the biggest effects, names and counts as written', () => {
    const m = model({
      criteria: [
        criterion({ group: 'fit', field: 'Title', condition: { op: 'contains', values: ['VP', 'Chief'] }, points: 20 }),
        criterion({ group: 'fit', name: 'Personal email address', field: 'Email', condition: { op: 'personalEmail' }, points: -15 }),
        criterion({ group: 'engagement', field: 'Blog Visits', condition: { op: 'gte', value: 1 }, points: 5, perOccurrenceOf: 'Blog Visits' }),
        criterion({ group: 'engagement', name: 'Webinar', field: 'Webinar', condition: { op: 'isTrue' }, points: 5 }),
      ],
      bands: [{ name: 'All', from: 0, color: '#FFFFFF' }],
    });
    const headers = ['Title', 'Email', 'Blog Visits', 'Webinar'];
    const l = list([['VP Sales', 'pat@gmail.com', 4, 'yes']], { top: 1 }, m, headers);
    // +20 and +20 tie on size: model order; -15 is bigger than the webinar's +5.
    expect(l.entries[0]?.reasons.map((r) => r.text)).toEqual(['Title is VP Sales (+20)', 'Blog Visits x4 (+20)', 'Personal email address (-15)']);
    expect(l.entries[0]?.score).toBe(30);
  });

  it('gives fewer reasons when fewer criteria matched, and as many as asked', () => {
    const l = list([LEADS[3]!], { top: 1, skipBands: [] });
    expect(l.entries[0]?.reasons.map((r) => r.text)).toEqual(['Industry is Technology (+40)']);
    expect(list(LEADS, { top: 1, reasons: 1 }).entries[0]?.reasons).toHaveLength(1);
  });

  it('shortens a long value so that a reason stays on one printed line', () => {
    const m = model({ criteria: [criterion({ group: 'fit', field: 'Title', condition: { op: 'contains', values: ['VP'] }, points: 20 })], bands: [{ name: 'All', from: 0, color: '#FFFFFF' }] });
    const title = `VP ${'of Global Strategic Partnerships '.repeat(3)}`;
    const [reason] = list([[title]], { top: 1 }, m, ['Title']).entries[0]?.reasons ?? [];
    expect(reason?.text).toBe('Title is VP of Global Strategic Partne… (+20)');
  });

  it('finds contact columns by their usual headers, first and last name joined', () => {
    const l = list(LEADS, { top: 1 });
    expect(l.entries[0]?.contact).toEqual({ name: 'Ada', company: 'Acme', email: 'ada@acme.com', phone: '+1 555 0100' });
    expect(l.contactFields).toEqual(['name', 'company', 'email', 'phone']);
    const c = contactColumns(['First Name', 'Last_Name', 'Account Name', 'Work Email', 'Phone Number']);
    expect(c).toMatchObject({ name: null, firstName: 0, lastName: 1, company: 2, email: 3, phone: 4 });
    expect(contactColumns(['Industry']).email).toBeNull();
  });

  it('orders by score with a warning when the model has no priority', () => {
    // Engagement only: grade thresholds cannot be worked out.
    const m = model({ criteria: [criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }), criterion({ group: 'engagement', field: 'Webinar', condition: { op: 'isTrue' }, points: 25 })] });
    const l = list([['no', 'yes'], ['yes', 'no'], ['yes', 'yes']], { top: 5 }, m, ['Demo', 'Webinar']);
    expect(l.entries.map((e) => [e.row, e.priority, e.score, e.action])).toEqual([[2, null, 55, ''], [1, null, 30, ''], [0, null, 25, '']]);
    expect(callListTable(l).headers).not.toContain('Action');
    expect(l.warnings[0]?.message).toMatch(/ordered by score/);
    expect(l.skipGrades).toEqual([]);
  });

  it('gives the same list read in blocks as read whole, keeping only what can make the list', () => {
    const compiled = compile(PRIORITY_MODEL, HEADERS, { asOf: '2026-11-26' });
    if (!compiled.ok) throw new Error('model should compile');
    // 3,000 leads in a repeating pattern, read 7 rows at a time.
    const many = Array.from({ length: 3000 }, (_, i) => LEADS[i % LEADS.length]!);
    const builder = new CallListBuilder(compiled.value, { top: 4 });
    for (let i = 0; i < many.length; i += 7) builder.add(many.slice(i, i + 7));
    const inBlocks = builder.result();
    expect(inBlocks).toEqual(callList(compiled.value, many, { top: 4 }));
    // A1 leads are rows 0, 10, 20, 30: the first four.
    expect(inBlocks.entries.map((e) => e.row)).toEqual([0, 10, 20, 30]);
    expect(inBlocks.leads).toBe(2700);
  });

  it('asks for the change since last time by row and shows it', () => {
    const l = list(LEADS, { top: 2, changeOf: (row) => (row === 0 ? { points: 12, text: '+12' } : null) });
    expect(l.entries.map((e) => e.change)).toEqual([{ points: 12, text: '+12' }, null]);
  });

  it('makes one table for every writer: rank, priority and its action, score, band, contacts present, one column per reason', () => {
    const l = list(LEADS, { top: 2 });
    const t = callListTable(l, { rowColumn: { header: 'Row', of: (r) => r + 2 }, change: true });
    expect(t.headers).toEqual(['#', 'Row', 'Priority', 'Action', 'Score', 'Band', 'Change', 'Name', 'Company', 'Email', 'Phone', 'Reason 1', 'Reason 2', 'Reason 3']);
    expect(t.rows[1]).toEqual([2, 3, 'B1', 'Call now', 70, 'Hot', '', 'Ben', 'Beta', 'ben@beta.com', '', 'Industry is Technology (+40)', 'Demo is yes (+30)', '']);
    expect(callListTable(list([LEADS[3]!], { top: 1 }), {}).headers).toEqual(['#', 'Priority', 'Action', 'Score', 'Band', 'Name', 'Company', 'Email', 'Phone', 'Reason 1']);
  });

  it('says what the list holds and what it left out', () => {
    expect(describeCallList(list(LEADS, { top: 2 }))).toBe('The top 2 of 6 leads to call, from 9 leads (1 Cold and 2 grade D leads not called).');
    expect(describeCallList(list(LEADS, { top: 50 }))).toBe('All 6 leads to call, from 9 leads (1 Cold and 2 grade D leads not called).');
    expect(describeCallList(list([LEADS[7]!], { top: 5 }))).toBe('No lead to call among 1 lead (1 Cold lead not called).');
  });
});
