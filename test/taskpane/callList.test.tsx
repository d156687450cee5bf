// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { criterion, model, type CellValue, type Model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import { FakeSession, leadTable } from './fakeSession';

/** Technology +60 (fit, grades from 45, 30, 15), a pricing-page visit +25 (engagement, levels from 18.75, 12.5, 6.25). */
const TEST_MODEL: Model = model({
  name: 'Test model',
  criteria: [
    criterion({ group: 'fit', name: 'Tech', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 60 }),
    criterion({ group: 'engagement', name: 'Pricing', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 25 }),
  ],
});

afterEach(cleanup);

async function openCallList(rows?: CellValue[][]) {
  // The four leads: Technology with a visit (A1, 85), Healthcare with a visit (D1, 25), Technology without (A4, 60), Education without (D4, 0).
  const session = new FakeSession({ kind: 'table', table: leadTable(rows) });
  session.stored = { model: TEST_MODEL, problems: [] };
  const user = userEvent.setup();
  render(<App environment="excel" session={session} saveDelayMs={0} />);
  await user.click(screen.getByRole('tab', { name: 'Apply' }));
  const panel = (await screen.findByRole('heading', { name: 'Call list' })).closest('section') as HTMLElement;
  return { session, user, panel };
}

const shown = (panel: HTMLElement) =>
  within(panel)
    .queryAllByRole('listitem')
    .map((li) => li.textContent);

describe('the pane\'s call list', () => {
  it('shows the first leads to call with their priority, score, band and reasons, grade D left out', async () => {
    const { panel } = await openCallList();
    expect(within(panel).getByTestId('call-list-summary').textContent).toBe('All 2 leads to call, from 4 leads (2 grade D leads not called).');
    // No name column: each lead is shown by its Excel row (the table's header is row 1).
    // Each with its cell's recommended action, shown (not a tooltip), then its reasons.
    expect(shown(panel)).toEqual(['A1Row 285HotCall now — Tech (+60) · Pricing (+25)', 'A4Row 460HotNurture: targeted campaign — Tech (+60)']);
  });

  it('says how to see leads when every lead is left out, with no empty list', async () => {
    // Neither lead is in Technology: both grade D, so none is called by default.
    const { user, panel } = await openCallList([['Healthcare', 5, 'b@gmail.com', 46000, 1], ['Education', 1000, 'd@example.org', 46000, 0]]);
    expect(within(panel).getByTestId('call-list-summary').textContent).toBe('No lead to call among 2 leads (2 grade D leads not called).');
    expect(within(panel).queryByRole('list')).toBeNull();
    expect(within(panel).getByText('Tick “Include Cold and grade D leads” to list them anyway.')).toBeTruthy();
    await user.click(within(panel).getByRole('checkbox', { name: 'Include Cold and grade D leads' }));
    expect(shown(panel)).toHaveLength(2);
  });

  it('takes N and "include Cold and grade D", and writes the sheet with them', async () => {
    const { session, user, panel } = await openCallList();
    await user.click(within(panel).getByRole('checkbox', { name: 'Include Cold and grade D leads' }));
    expect(within(panel).getByTestId('call-list-summary').textContent).toBe('All 4 leads to call, from 4 leads.');
    expect(shown(panel).map((t) => t?.slice(0, 2))).toEqual(['A1', 'A4', 'D1', 'D4']);
    const leads = within(panel).getByRole('textbox', { name: 'Leads' });
    await user.clear(leads);
    await user.type(leads, '1');
    expect(within(panel).getByTestId('call-list-summary').textContent).toBe('The top 1 of 4 leads to call, from 4 leads.');
    await user.click(within(panel).getByRole('button', { name: 'Write the Call list sheet' }));
    expect(session.callLists.map((c) => c.request)).toEqual([{ top: 1, everyone: true }]);
    expect(await within(panel).findByRole('status')).toHaveProperty('textContent', 'Wrote the Call list sheet: the top 1 leads to call.');
  });

  it('keeps the last good N while the box holds something that is not a number of leads', async () => {
    const { user, panel } = await openCallList();
    const leads = within(panel).getByRole('textbox', { name: 'Leads' });
    await user.clear(leads);
    await user.type(leads, '0');
    expect(within(panel).getByTestId('call-list-summary').textContent).toBe('All 2 leads to call, from 4 leads (2 grade D leads not called).');
  });
});
