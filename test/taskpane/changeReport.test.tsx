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
    expect(within(report).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'a@x.comrow 2Warm to Hot+32',
      "1 lead of the last scoring is no longer in the table (by Email): 'gone@x.com'",
      '1 lead without Email gets no Change or Band since (row 3)',
    ]);
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
    await user.selectOptions(choice, 'Detect');
    await user.click(screen.getByRole('button', { name: /^Apply$/ }));
    expect(session.applyCalls.at(-1)?.model.idColumn).toBeNull();
  });
});
