// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { criterion, model, type CellValue, type Model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import { FakeSession, leadTable } from './fakeSession';

/** Technology +60 (fit), a pricing-page visit +25 (engagement: engaged from level 2, 12.5). */
const TEST_MODEL: Model = model({
  name: 'Test model',
  criteria: [
    criterion({ group: 'fit', name: 'Tech', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 60 }),
    criterion({ group: 'engagement', name: 'Pricing', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 25 }),
  ],
});

afterEach(cleanup);

async function openAccounts(m: Model = TEST_MODEL, rows?: CellValue[][]) {
  // The four leads have no company column: a@acme.com (85), b@gmail.com (25, free mail), c@example.com (60), d@example.org (0).
  const session = new FakeSession({ kind: 'table', table: leadTable(rows) });
  session.stored = { model: m, problems: [] };
  const user = userEvent.setup();
  render(<App environment="excel" session={session} saveDelayMs={0} />);
  await user.click(screen.getByRole('tab', { name: 'Apply' }));
  const panel = (await screen.findByRole('heading', { name: 'Accounts' })).closest('section') as HTMLElement;
  return { session, user, panel };
}

describe("the pane's accounts", () => {
  it('shows the best accounts with their contacts, engaged contacts, band and best lead', async () => {
    const { panel } = await openAccounts();
    expect(within(panel).getByTestId('accounts-summary').textContent).toBe(
      '3 accounts from 3 of 4 leads (1 lead with no company or business e-mail in no account); account score: the best lead; engaged from Engagement 12.5.',
    );
    expect(within(panel).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'acme.com85Hot1 contact: 1 Hot · 1 engaged · best a@acme.com (85)',
      'example.com60Hot1 contact: 1 Hot · 0 engaged · best c@example.com (60)',
      'example.org0Cold1 contact: 1 Cold · 0 engaged · best d@example.org (0)',
    ]);
  });

  it('says what to do when no lead has an account (free mail only), with no empty list', async () => {
    const { panel } = await openAccounts(TEST_MODEL, [['Technology', 100, 'a@gmail.com', 46000, 2], ['Healthcare', 5, 'b@yahoo.com', 46000, 1]]);
    expect(within(panel).getByTestId('accounts-summary').textContent).toMatch(/^0 accounts from 0 of 2 leads \(2 leads with no company or business e-mail in no account\)/);
    expect(within(panel).queryByRole('list')).toBeNull();
    expect(within(panel).getByText('No account: name the company column in the ‘Account column’ setting.')).toBeTruthy();
  });

  it('writes the Accounts sheet with the model in use and says what it wrote', async () => {
    const { session, user, panel } = await openAccounts();
    await user.click(within(panel).getByRole('button', { name: 'Write the Accounts sheet' }));
    expect(session.accountWrites.map((m) => m.name)).toEqual(['Test model']);
    expect(await within(panel).findByRole('status')).toHaveProperty('textContent', 'Wrote the Accounts sheet: 2 accounts from 4 of 5 leads.');
  });

  it('says where the problem is when the leads cannot be rolled up, and offers no write', async () => {
    const { panel } = await openAccounts({ ...TEST_MODEL, accounts: { ...TEST_MODEL.accounts, column: 'Compnay' } });
    expect(within(panel).getByTestId('accounts-problem').textContent).toBe("'Account column': unknown column 'Compnay' (name the column that holds each lead's company, or leave the setting empty)");
    expect(within(panel).getByRole('button', { name: 'Write the Accounts sheet' })).toHaveProperty('disabled', true);
  });
});
