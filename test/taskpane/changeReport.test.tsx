// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { criterion, DEFAULT_BANDS, diffScores, model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import { ChangeReport } from '../../src/taskpane/ChangeReport';
import { FakeSession, leadTable } from './fakeSession';

afterEach(cleanup);

const options = { today: '2026-11-26', idColumn: 'Email', model: 'm' };

describe('the change report after Apply', () => {
  it('gives the headline, one line per lead that moved band, and what was not compared', () => {
    const last = { scoredOn: '2026-11-18', idColumn: 'Email', model: 'm', leads: [{ id: 'a@x.com', score: 30, band: 'Warm', bandSince: null }, { id: 'gone@x.com', score: 5, band: 'Cold', bandSince: null }] };
    const { summary } = diffScores(last, [{ id: 'a@x.com', score: 62, band: 'Hot', row: 2 }, { id: '', score: 0, band: 'Cold', row: 3 }], DEFAULT_BANDS, options);
    render(<ChangeReport change={{ kind: 'tracked', idColumn: 'Email', summary, warnings: [] }} />);
    const report = screen.getByRole('region', { name: 'What changed' });
    expect(within(report).getByText('1 lead became Hot since 18 Nov')).toBeTruthy();
    expect(within(report).getByRole('list', { name: 'Became Hot: 1 lead' })).toBeTruthy();
    expect(within(report).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'a@x.com row 2, from Warm+32',
      "1 lead of the last scoring is no longer in the table (by Email): 'gone@x.com'",
      '1 lead without Email gets no Change or Band since (row 3)',
    ]);
  });

  it('lists the leads of every band move the headline counts, not only the first moves, with complete totals', () => {
    // 6 leads drop Hot to Warm (rows 2-7), then 2 drop to Cold (rows 8-9) and 1 rises to Hot (row 10):
    // the first few moves in the summary are all Hot to Warm, yet the Cold and Hot ones are listed too.
    const before = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `w${i}`, score: 70, band: 'Hot', bandSince: null })),
      { id: 'c1', score: 40, band: 'Warm', bandSince: null },
      { id: 'c2', score: 70, band: 'Hot', bandSince: null },
      { id: 'h1', score: 40, band: 'Warm', bandSince: null },
    ];
    const now = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `w${i}`, score: 45.5, band: 'Warm', row: 2 + i })),
      { id: 'c1', score: 10, band: 'Cold', row: 8 },
      { id: 'c2', score: 20, band: 'Cold', row: 9 },
      { id: 'h1', score: 2040, band: 'Hot', row: 10 },
    ];
    const { summary } = diffScores({ scoredOn: '2026-11-18', idColumn: 'Email', model: 'm', leads: before }, now, DEFAULT_BANDS, options);
    render(<ChangeReport change={{ kind: 'tracked', idColumn: 'Email', summary, warnings: [] }} />);
    const report = screen.getByRole('region', { name: 'What changed' });
    // In the headline's order: up into Hot, then down into Cold, then down into Warm.
    expect(within(report).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Became Hot: 1 lead', 'Dropped to Cold: 2 leads', 'Dropped to Warm: 6 leads']);
    const items = (name: string) => within(within(report).getByRole('list', { name })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items('Became Hot: 1 lead')).toEqual(['h1 row 10, from Warm+2,000']);
    expect(items('Dropped to Cold: 2 leads').sort()).toEqual(['c1 row 8, from Warm-30', 'c2 row 9, from Hot-50']);
    expect(items('Dropped to Warm: 6 leads')).toHaveLength(3);
    expect(within(report).getByText('and 3 more')).toBeTruthy();
    expect(within(report).getByText('All 9 leads that changed band: filter the Change or Band since column.')).toBeTruthy();
  });

  it('says plainly that nothing changed band, with no empty lists', () => {
    const last = { scoredOn: '2026-11-18', idColumn: 'Email', model: 'm', leads: [{ id: 'a@x.com', score: 30, band: 'Warm', bandSince: '2026-11-18' }] };
    const { summary } = diffScores(last, [{ id: 'a@x.com', score: 32, band: 'Warm', row: 2 }], DEFAULT_BANDS, options);
    render(<ChangeReport change={{ kind: 'tracked', idColumn: 'Email', summary, warnings: [] }} />);
    const report = screen.getByRole('region', { name: 'What changed' });
    expect(within(report).getByText('No lead changed band since 18 Nov')).toBeTruthy();
    expect(within(report).queryAllByRole('list')).toEqual([]);
    expect(within(report).queryByText(/filter the Change/)).toBeNull();
  });

  it('says why there is no Change column', () => {
    render(<ChangeReport change={{ kind: 'untracked', reason: "the lead table has no ID column 'CRM key'" }} />);
    expect(screen.getByRole('region', { name: 'What changed' }).textContent).toContain("No Change column: the lead table has no ID column 'CRM key'.");
  });
});

describe('choosing the Lead ID column in the pane', () => {
  it('stores the choice in the model, which Apply then uses; Detect clears it', async () => {
    const session = new FakeSession({ kind: 'table', table: leadTable() });
    session.stored = { model: model({ criteria: [criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 10 })] }), problems: [] };
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    await user.click(screen.getByRole('tab', { name: 'Apply' }));
    const choice = await screen.findByRole('combobox', { name: /^Lead ID column/ });
    expect((choice as HTMLSelectElement).value).toBe('');
    await user.selectOptions(choice, 'Email');
    await user.click(screen.getByRole('button', { name: /^Apply$/ }));
    expect(session.applyCalls.at(-1)?.model.idColumn).toBe('Email');
    await user.selectOptions(choice, '');
    await user.click(screen.getByRole('button', { name: /^Apply$/ }));
    expect(session.applyCalls.at(-1)?.model.idColumn).toBeNull();
  });

  it("names the column Detect used at the last Apply, so a passed-over 'Lead ID' is no surprise", async () => {
    const session = new FakeSession({ kind: 'table', table: leadTable() });
    session.stored = { model: model({ criteria: [criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 10 })] }), problems: [] };
    const { summary } = diffScores(null, [{ id: 'a@acme.com', score: 10, band: 'Cold', row: 2 }], DEFAULT_BANDS, options);
    session.applyAnswers.push({ kind: 'applied', rows: 4, columns: ['Score', 'Band', 'Change', 'Band since'], requests: 1, change: { kind: 'tracked', idColumn: 'Email', summary, warnings: [] } });
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    await user.click(screen.getByRole('tab', { name: 'Apply' }));
    const choice = await screen.findByRole('combobox', { name: /^Lead ID column/ });
    expect(within(choice).getByRole('option', { name: 'Detect' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Apply$/ }));
    expect(await within(choice).findByRole('option', { name: 'Detect (last Apply: Email)' })).toBeTruthy();
  });
});
