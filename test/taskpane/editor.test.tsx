// @vitest-environment jsdom
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { criterion, model, type Model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import { FakeSession, leadTable } from './fakeSession';

/** Technology +60 (fit), a pricing-page visit +25 (engagement); default bands Cold 0, Warm 21, Hot 50. */
const TEST_MODEL: Model = model({
  name: 'Test model',
  criteria: [
    criterion({ group: 'fit', name: 'Tech', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 60 }),
    criterion({ group: 'engagement', name: 'Pricing', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 25 }),
  ],
});

function setup(m: Model | null = TEST_MODEL) {
  const session = new FakeSession({ kind: 'table', table: leadTable() });
  session.stored = { model: m, problems: [] };
  const user = userEvent.setup();
  render(<App environment="excel" session={session} saveDelayMs={0} />);
  return { session, user };
}

/** The band counts as the pane shows them: { Cold: 1, Warm: 1, Hot: 2 }. */
function bandCounts(): Record<string, number> {
  const list = screen.getByRole('list', { name: 'Leads per band' });
  const out: Record<string, number> = {};
  for (const li of within(list).getAllByRole('listitem')) {
    out[li.querySelector('.swatch')?.textContent ?? '?'] = Number(li.querySelector('.count')?.textContent);
  }
  return out;
}

/**
 * The open dialog. Fluent's dialog motion leaves it with styles jsdom reads as hidden, so it is
 * found by its title; it is the element with role=dialog around it.
 */
async function findDialog(): Promise<HTMLElement> {
  const title = await screen.findByText('Overwrite existing columns?');
  const dialog = title.closest<HTMLElement>('[role="dialog"]');
  if (dialog === null) throw new Error('the title is not inside a dialog');
  return dialog;
}

const criterionItem = (name: RegExp) => screen.getByRole('listitem', { name });

// jsdom and Fluent are slow on a shared two-core machine; these are not timing checks.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 5_000 });

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('model editor', () => {
  it('shows live band counts for the table rows and updates them when a weight changes', async () => {
    const { user } = setup();
    // Rows: Technology+2 visits = 85 Hot, Healthcare+1 visit = 25 Warm, Technology = 60 Hot, Education = 0 Cold.
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    const points = within(criterionItem(/Criterion 1: Tech/)).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '10');
    // Technology now gives 10: 35 Warm, 25 Warm, 10 Cold, 0 Cold.
    expect(bandCounts()).toEqual({ Cold: 2, Warm: 2, Hot: 0 });
  });

  it('accepts negative and fractional points and keeps the last valid number while a number is half typed', async () => {
    const { user } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    const points = within(criterionItem(/Criterion 2: Pricing/)).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '-');
    expect(screen.getByText("'-' is not a number")).toBeTruthy();
    expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }); // still scored with +25
    await user.type(points, '2.5');
    // Pricing now -2.5: 57.5 Hot, -2.5 Cold, 60 Hot, 0 Cold.
    expect(bandCounts()).toEqual({ Cold: 2, Warm: 0, Hot: 2 });
  });

  it('adds a criterion to the right group, on a column of the table, and scores it', async () => {
    const { user, session } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('button', { name: 'Add engagement criterion' }));
    const engagement = screen.getByRole('region', { name: /Engagement/ });
    expect(within(engagement).getAllByRole('listitem', { name: /^Criterion/ })).toHaveLength(2);
    const added = criterionItem(/Criterion 3:/);
    expect((within(added).getByLabelText('Column') as HTMLSelectElement).value).toBe('Industry');
    await user.click(within(added).getByRole('button', { name: 'Add value Healthcare' }));
    const points = within(added).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '30');
    // Healthcare lead: 25 + 30 = 55 Hot.
    expect(bandCounts()).toEqual({ Cold: 1, Warm: 0, Hot: 3 });
    await waitFor(() => expect(session.saved.at(-1)?.criteria).toHaveLength(3));
  });

  it('removes, disables and reorders criteria with buttons', async () => {
    const { user } = setup(model({
      criteria: [
        criterion({ group: 'fit', name: 'A', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 60 }),
        criterion({ group: 'engagement', name: 'Visits', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 25 }),
        criterion({ group: 'fit', name: 'B', field: 'Employees', condition: { op: 'gte', value: 500 }, points: 50 }),
      ],
    }));
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 0, Warm: 1, Hot: 3 }));
    const fit = () => within(screen.getByRole('region', { name: /^Fit/ })).getAllByRole('listitem', { name: /^Criterion/ }).map((li) => li.querySelector('strong')?.textContent);
    expect(fit()).toEqual(['A', 'B']);
    expect((screen.getByRole('button', { name: 'Move A up' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Move B up' }));
    expect(fit()).toEqual(['B', 'A']);

    await user.click(within(criterionItem(/: A$/)).getByRole('checkbox', { name: 'Enabled' }));
    // Without A: 25 Warm, 25 Warm, 0 Cold, 50 Hot.
    expect(bandCounts()).toEqual({ Cold: 1, Warm: 2, Hot: 1 });

    await user.click(screen.getByRole('button', { name: 'Remove B' }));
    expect(fit()).toEqual(['A']);
    expect(bandCounts()).toEqual({ Cold: 2, Warm: 2, Hot: 0 });
  });

  it('scores per occurrence with a cap and a decay', async () => {
    const { user, session } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    const pricing = criterionItem(/Criterion 2: Pricing/);
    await user.click(within(pricing).getByText('Per occurrence, cap and decay'));
    await user.click(within(pricing).getByRole('checkbox', { name: 'Per occurrence' }));
    expect((within(pricing).getByLabelText('Count column') as HTMLSelectElement).value).toBe('Pricing Page Visits');
    await user.type(within(pricing).getByLabelText('Cap: at most'), '30');
    session.select(0);
    // 60 for Technology + 2 visits x 25 = 50, capped at 30.
    expect((await screen.findByText(/Row 1: score/)).textContent).toMatch(/score 90,/);
    await user.selectOptions(within(pricing).getByLabelText('Decay'), 'deduct');
    expect((within(pricing).getByLabelText('Date column') as HTMLSelectElement).value).toBe('Created Date');
    // Every lead was created long over 90 days ago: -10. The Healthcare lead drops from 25 (Warm) to 15 (Cold).
    expect(bandCounts()).toEqual({ Cold: 2, Warm: 0, Hot: 2 });
    expect(within(pricing).getByText(/^Per occurrence, cap and decay:/).textContent).toMatch(/per Pricing Page Visits; capped \.\.30/);
  });

  it('offers the conditions that fit the column kind', async () => {
    const { user } = setup();
    const tech = await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    const ops = () => [...(within(tech).getByLabelText('Condition') as HTMLSelectElement).options].map((o) => o.value);
    expect(ops()).toContain('equals');
    expect(ops()).not.toContain('withinDays');
    await user.selectOptions(within(tech).getByLabelText('Column'), 'Created Date');
    expect(ops()).toContain('withinDays');
    expect(ops()).not.toContain('contains');
    await user.selectOptions(within(tech).getByLabelText('Column'), 'Email');
    expect(ops()).toContain('personalEmail');
  });

  it('shows an unknown column as a located problem with a hint, without crashing', async () => {
    setup(model({ criteria: [criterion({ group: 'fit', field: 'Industy', condition: { op: 'equals', values: ['Technology'] }, points: 10 })] }));
    const item = await screen.findByRole('listitem', { name: /Criterion 1/ });
    const alert = await within(item).findByRole('alert');
    expect(alert.textContent).toMatch(/criterion 1, field: unknown column 'Industy'/);
    expect(alert.textContent).toMatch(/did you mean 'Industry'/);
    expect(screen.getByText('Fix the errors above to see the scores.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('imports JSON, showing located problems and keeping the text when it is not a valid model', async () => {
    const { user } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    const box = screen.getByLabelText('Model JSON');
    const broken = JSON.stringify({ ...TEST_MODEL, criteria: [{ ...TEST_MODEL.criteria[0], points: 'ten' }] });
    await user.click(box);
    await user.paste(broken);
    await user.click(screen.getByRole('button', { name: 'Import JSON' }));
    const problems = await screen.findByText(/could not be imported/);
    expect(problems.parentElement?.textContent).toMatch(/criterion 1/);
    expect((box as HTMLTextAreaElement).value).toBe(broken);
    expect(screen.getByRole('heading', { name: 'Model: Test model' })).toBeTruthy();

    await user.clear(box);
    await user.paste(JSON.stringify({ ...TEST_MODEL, name: 'Imported' }));
    await user.click(screen.getByRole('button', { name: 'Import JSON' }));
    expect(await screen.findByRole('heading', { name: 'Model: Imported' })).toBeTruthy();
  });

  it('exports the model as JSON that imports back to the same model', async () => {
    const { user } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(JSON.parse((screen.getByLabelText('Model JSON') as HTMLTextAreaElement).value)).toEqual(TEST_MODEL);
  });

  it('starts from a template', async () => {
    const { user } = setup(null);
    await user.selectOptions(screen.getByLabelText('Template'), 'fit-title-size');
    await user.click(screen.getByRole('button', { name: 'Use template' }));
    expect(await screen.findByRole('heading', { name: /^Model: Fit by title and size/i })).toBeTruthy();
    expect(screen.getAllByRole('listitem', { name: /^Criterion/ })).toHaveLength(4);
  });
});

describe('apply panel', () => {
  it('asks before overwriting foreign columns, then applies again with allowOverwrite', async () => {
    const { user, session } = setup();
    session.applyAnswers = [{ kind: 'conflict', columns: ['Score'], message: 'The table already has a Score column that scoring did not add.' }];
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(session.applyCalls).toHaveLength(1));
    const dialog = await findDialog();
    expect(dialog.textContent).toMatch(/Score column/);
    expect(session.applyCalls).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Overwrite', hidden: true }));
    await waitFor(() => expect(session.applyCalls).toHaveLength(2));
    expect(session.applyCalls[1]?.options.allowOverwrite).toEqual(['Score']);
    expect(await screen.findByText(/Scored 4 leads/)).toBeTruthy();
  });

  it('keeps the columns when the user declines, and says so', async () => {
    const { user, session } = setup();
    session.applyAnswers = [{ kind: 'conflict', columns: ['Band'], message: 'Band exists.' }];
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await user.click(within(await findDialog()).getByRole('button', { name: 'Keep them', hidden: true }));
    expect(screen.getByText('Not applied: the existing columns were kept.').getAttribute('role')).toBe('status');
    expect(session.applyCalls).toHaveLength(1);
  });

  it('passes the output mode and sub-score option, and removes scoring', async () => {
    const { user, session } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('radio', { name: /Static values/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Also add Fit and Engagement columns' }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(session.applyCalls[0]?.options).toEqual({ mode: 'values', subScores: true }));
    await user.click(screen.getByRole('button', { name: 'Remove scoring' }));
    expect(await screen.findByText('Removed Score, Band and 3 highlighting rules.')).toBeTruthy();
  });
});

describe('pane shell', () => {
  it('asks before converting a plain region into a table', async () => {
    const session = new FakeSession({ kind: 'region', sheet: 'Sheet1', address: 'Sheet1!A1:E5', headers: ['Industry', 'Employees'] });
    const user = userEvent.setup();
    render(<App environment="excel" session={session} />);
    await user.click(await screen.findByRole('button', { name: 'Convert to a table' }));
    expect(session.converted).toEqual([{ sheet: 'Sheet1', address: 'Sheet1!A1:E5' }]);
    expect(await screen.findByText(/Table Leads/)).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Created Date' }).parentElement?.textContent).toMatch(/date/);
  });

  it('remembers that the get-started was dismissed', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Got it' }));
    expect(screen.queryByRole('heading', { name: 'Get started' })).toBeNull();
    cleanup();
    setup();
    expect(screen.queryByRole('heading', { name: 'Get started' })).toBeNull();
  });

  it('explains the selected row, with parts that add up to its score', async () => {
    const { session } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    session.select(0);
    const parts = await screen.findByRole('list', { name: 'Points per criterion' });
    expect(screen.getByText(/Row 1: score/).textContent).toMatch(/score 85, band Hot/);
    const points = within(parts).getAllByRole('listitem').map((li) => Number(li.querySelector('.points')?.textContent));
    expect(points.reduce((a, b) => a + b, 0)).toBe(85);
    session.select(1);
    expect((await screen.findByText(/Row 2: score/)).textContent).toMatch(/score 25, band Warm/);
  });

  it('follows edits made in the model sheet', async () => {
    const { session } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    session.editModelInCells({ model: { ...TEST_MODEL, name: 'Edited in cells' }, problems: [] });
    expect(await screen.findByRole('heading', { name: 'Model: Edited in cells' })).toBeTruthy();
  });
});
