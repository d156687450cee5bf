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

/** The open dialog with this title (the pane's dialogs are <dialog> elements). */
async function findDialog(title = 'Overwrite existing columns?'): Promise<HTMLElement> {
  const heading = await screen.findByText(title);
  const dialog = heading.closest<HTMLElement>('dialog');
  if (dialog === null) throw new Error('the title is not inside a dialog');
  return dialog;
}

const criterionItem = (name: RegExp) => screen.getByRole('listitem', { name });

/** Opens a rule's full editor by clicking its line, and returns the rule's list item. */
async function openRule(user: ReturnType<typeof userEvent.setup>, name: RegExp): Promise<HTMLElement> {
  const item = await screen.findByRole('listitem', { name });
  const summary = item.querySelector<HTMLElement>('.rule-summary');
  if (summary === null) throw new Error('a rule without its summary line');
  if (summary.getAttribute('aria-expanded') !== 'true') await user.click(summary);
  return item;
}

/** Picks an entry of the Model menu. */
async function fromMenu(user: ReturnType<typeof userEvent.setup>, entry: string): Promise<void> {
  await user.click(screen.getByRole('button', { name: /^Model menu/ }));
  await user.click(screen.getByRole('menuitem', { name: entry }));
}

const applyWhy = () => document.getElementById('apply-why')?.textContent ?? '';

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
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 2, Warm: 2, Hot: 0 }));
  });

  it('accepts negative and fractional points and keeps the last valid number while a number is half typed', async () => {
    const { user } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    const points = within(criterionItem(/Criterion 2: Pricing/)).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '-');
    expect(await screen.findByText("'-' is not a number")).toBeTruthy();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 })); // still scored with +25
    await user.type(points, '2.5');
    // Pricing now -2.5: 57.5 Hot, -2.5 Cold, 60 Hot, 0 Cold.
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 2, Warm: 0, Hot: 2 }));
  });

  it('adds a criterion to the right group, on a column of the table, and scores it', async () => {
    const { user, session } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('button', { name: /Add engagement criterion/ }));
    const engagement = screen.getByRole('region', { name: /^Engagement/ });
    expect(within(engagement).getAllByRole('listitem', { name: /^Criterion/ })).toHaveLength(2);
    const added = criterionItem(/Criterion 3:/);
    // It opens on a count the model does not use yet; here it is turned into an Industry rule.
    expect((within(added).getByLabelText('Column') as HTMLSelectElement).value).toBe('Employees');
    await user.selectOptions(within(added).getByLabelText('Column'), 'Industry');
    await user.selectOptions(within(added).getByLabelText('Condition'), 'equals');
    await user.click(within(added).getByRole('button', { name: 'Add value Healthcare' }));
    const points = within(added).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '30');
    // Healthcare lead: 25 + 30 = 55 Hot.
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 0, Hot: 3 }));
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
    const fit = () => within(screen.getByRole('region', { name: /^Fit/ })).getAllByRole('listitem', { name: /^Criterion/ }).map((li) => li.querySelector('.rule-text')?.textContent);
    expect(fit()).toEqual(['A', 'B']);
    await openRule(user, /: A$/);
    expect((screen.getByRole('button', { name: 'Move A up' }) as HTMLButtonElement).disabled).toBe(true);
    await openRule(user, /: B$/);
    expect(screen.queryByRole('button', { name: 'Move A up' })).toBeNull(); // one editor open at a time
    await user.click(screen.getByRole('button', { name: 'Move B up' }));
    await waitFor(() => expect(fit()).toEqual(['B', 'A']));
    // The keyboard on a rule's handle: the down arrow moves it back.
    screen.getByRole('button', { name: 'Reorder B' }).focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(fit()).toEqual(['A', 'B']));

    await user.click(within(criterionItem(/: A$/)).getByRole('switch', { name: 'Enabled: A' }));
    // Without A: 25 Warm, 25 Warm, 0 Cold, 50 Hot.
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 2, Hot: 1 }));

    await openRule(user, /: B$/);
    await user.click(screen.getByRole('button', { name: 'Remove B' }));
    await waitFor(() => expect(fit()).toEqual(['A']));
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 2, Warm: 2, Hot: 0 }));
  });

  it('scores per occurrence with a cap and a decay', async () => {
    const { user, session } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    const pricing = await openRule(user, /Criterion 2: Pricing/);
    await user.click(within(pricing).getByText('Per occurrence, cap and decay'));
    await user.click(within(pricing).getByRole('checkbox', { name: 'Per occurrence' }));
    expect((within(pricing).getByLabelText('Count column') as HTMLSelectElement).value).toBe('Pricing Page Visits');
    await user.type(within(pricing).getByLabelText('Cap: at most'), '30');
    session.select(0);
    // 60 for Technology + 2 visits x 25 = 50, capped at 30.
    expect(await screen.findByLabelText(/^Score 90, Hot/)).toBeTruthy();
    await user.selectOptions(within(pricing).getByLabelText('Decay'), 'deduct');
    expect((within(pricing).getByLabelText('Date column') as HTMLSelectElement).value).toBe('Created Date');
    // Every lead was created long over 90 days ago: -10. The Healthcare lead drops from 25 (Warm) to 15 (Cold).
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 2, Warm: 0, Hot: 2 }));
    expect(within(pricing).getByText(/^Per occurrence, cap and decay:/).textContent).toMatch(/per Pricing Page Visits; capped \.\.30/);
  });

  it('moves leads between bands when a threshold changes, and labels every band control', async () => {
    const { user } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    const from = screen.getByLabelText('Band 3 from');
    await user.clear(from);
    await user.type(from, '70');
    // Scores 85, 25, 60, 0: only 85 is Hot now.
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 2, Hot: 1 }));
    await user.clear(screen.getByLabelText('Band 3 name'));
    await user.type(screen.getByLabelText('Band 3 name'), 'Ready');
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 2, Ready: 1 }));
    expect((screen.getByLabelText('Band 3 colour') as HTMLInputElement).value.toUpperCase()).toBe('#F8CBAD');
  });

  it('offers the conditions that fit the column kind', async () => {
    const { user } = setup();
    const tech = await openRule(user, /Criterion 1: Tech/);
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
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    expect(applyWhy()).toBe('Fix 1 problem in the model to Apply.');
    expect(screen.getByRole('tab', { name: /Model/ }).textContent).toMatch(/1/);
    // The closest column is one click away.
    const user = userEvent.setup();
    await user.click(within(item).getByRole('button', { name: "Use 'Industry'" }));
    await waitFor(() => expect(within(item).queryByRole('alert')).toBeNull());
    await waitFor(() => expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(false));
  });

  it('imports JSON, showing located problems and keeping the text when it is not a valid model', async () => {
    const { user } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await fromMenu(user, 'Paste or copy JSON…');
    const box = screen.getByLabelText('Model JSON');
    await user.clear(box);
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
    // The model was not edited, so nothing to confirm.
    await user.click(screen.getByRole('button', { name: 'Import JSON' }));
    expect(await screen.findByRole('heading', { name: 'Model: Imported' })).toBeTruthy();
  });

  it('exports the model as JSON that imports back to the same model', async () => {
    const { user } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await fromMenu(user, 'Paste or copy JSON…');
    expect(JSON.parse((screen.getByLabelText('Model JSON') as HTMLTextAreaElement).value)).toEqual(TEST_MODEL);
  });

  it('starts from a template', async () => {
    const { user } = setup(null);
    await fromMenu(user, 'Fit by title and size');
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
    await user.click(screen.getByRole('tab', { name: 'Apply' }));
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
    await user.click(screen.getByRole('tab', { name: 'Apply' }));
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
    expect(screen.getByLabelText(/^Score 85, Hot/)).toBeTruthy();
    // The lead's first text column names it; Excel shows the first lead on row 2 (under the header).
    expect(screen.getByRole('heading', { name: 'Technology' }).parentElement?.textContent).toMatch(/row 2/);
    expect(screen.getByText(/top band/)).toBeTruthy();
    const points = within(parts).getAllByRole('listitem').map((li) => Number(li.querySelector('.points')?.textContent));
    expect(points.reduce((a, b) => a + b, 0)).toBe(85);
    session.select(1);
    expect(await screen.findByLabelText(/^Score 25, Warm/)).toBeTruthy();
    expect(screen.getByTestId('next-band').textContent).toBe('25 more to Hot');
  });

  it('follows edits made in the model sheet', async () => {
    const { session } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    session.editModelInCells({ model: { ...TEST_MODEL, name: 'Edited in cells' }, problems: [] });
    expect(await screen.findByRole('heading', { name: 'Model: Edited in cells' })).toBeTruthy();
  });
});

describe('nothing lost by one click', () => {
  it('asks before a template replaces an edited model, and undoes the replacement', async () => {
    const { user, session } = setup();
    const points = within(await screen.findByRole('listitem', { name: /Criterion 1: Tech/ })).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '70');
    await fromMenu(user, 'Fit by title and size');
    const dialog = await findDialog('Replace the model you edited?');
    await user.click(within(dialog).getByRole('button', { name: 'Keep my model' }));
    expect(screen.getByRole('heading', { name: 'Model: Test model' })).toBeTruthy();

    await fromMenu(user, 'Fit by title and size');
    await user.click(within(await findDialog('Replace the model you edited?')).getByRole('button', { name: 'Replace' }));
    expect(await screen.findByRole('heading', { name: /^Model: Fit by title and size/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('heading', { name: 'Model: Test model' })).toBeTruthy();
    expect(criterionItem(/Criterion 1: Tech/)).toBeTruthy();
    await waitFor(() => expect(session.saved.at(-1)?.criteria[0]?.points).toBe(70));
  });

  it('refuses to apply a model with no criteria, and says why', async () => {
    const { user, session } = setup(model({ criteria: [] }));
    await waitFor(() => expect(applyWhy()).toBe('Apply needs at least one criterion: add one or start from a template.'));
    const apply = screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    await user.click(apply);
    expect(session.applyCalls).toHaveLength(0);
  });

  it('starts a new criterion on a useful column, not the first one', async () => {
    const { user } = setup(model({ criteria: [] }));
    await user.click(await screen.findByRole('button', { name: /Add fit criterion/ }));
    const added = await screen.findByRole('listitem', { name: /^Criterion 1:/ });
    expect((within(added).getByLabelText('Column') as HTMLSelectElement).value).toBe('Industry');
    await user.click(screen.getByRole('button', { name: /Add engagement criterion/ }));
    const engagement = await screen.findByRole('listitem', { name: /^Criterion 2:/ });
    expect((within(engagement).getByLabelText('Column') as HTMLSelectElement).value).toBe('Employees');
  });
});

describe('stale and broken states say so', () => {
  it('flags static scores as out of date after an edit, until Apply runs again', async () => {
    const { user, session } = setup();
    await screen.findByRole('listitem', { name: /Criterion 1: Tech/ });
    await user.click(screen.getByRole('tab', { name: 'Apply' }));
    await user.click(screen.getByRole('radio', { name: /Static values/ }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText(/Scored 4 leads/)).toBeTruthy();
    expect(screen.getByTestId('applied-info').textContent).toMatch(/'Test model', static values, applied .* to 4 leads\.$/);

    await user.click(screen.getByRole('tab', { name: 'Model' }));
    const points = within(criterionItem(/Criterion 1: Tech/)).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '5');
    await waitFor(() => expect(applyWhy()).toBe('Scores in the sheet are out of date: Apply again.'));
    expect(screen.getByRole('tab', { name: /Apply/ }).textContent).toMatch(/!/);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(session.applyCalls).toHaveLength(2));
    await waitFor(() => expect(applyWhy()).toMatch(/^Scored 4 leads/));
  });

  it('keeps the last good preview, dimmed, while the model has errors, and goes to the first problem', async () => {
    const { user, session } = setup();
    await waitFor(() => expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 }));
    // Someone types a column that does not exist into the model sheet.
    session.editModelInCells({ model: { ...TEST_MODEL, criteria: [{ ...TEST_MODEL.criteria[0]!, field: 'Industy' }, TEST_MODEL.criteria[1]!] }, problems: [] });
    await waitFor(() => expect(document.querySelector('.pane-footer')?.classList.contains('stale')).toBe(true));
    expect(bandCounts()).toEqual({ Cold: 1, Warm: 1, Hot: 2 });
    expect(screen.getByText('Last good preview: fix the errors to update it.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Go to first' }));
    expect(criterionItem(/Criterion 1/).querySelector('.rule-summary')?.getAttribute('aria-expanded')).toBe('true');
  });

  it('warns when more than 30% of leads land in the top band', async () => {
    setup();
    // Two of the four test leads are Hot: 50%.
    expect((await screen.findByRole('note')).textContent).toMatch(/^50% of leads are Hot: more than 30%/);
  });
});

describe('scores applied before the pane opened', () => {
  it('says static scores from an earlier Apply of another model are out of date, naming that model and its date', async () => {
    const session = new FakeSession({ kind: 'table', table: { ...leadTable(), applied: { model: 'Old model', at: '2026-11-20T09:30:00.000Z', fingerprint: '00000000', mode: 'values' } } });
    session.stored = { model: TEST_MODEL, problems: [] };
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    await waitFor(() => expect(applyWhy()).toBe('Scores in the sheet are out of date: Apply again.'));
    await user.click(screen.getByRole('tab', { name: /^Apply/ }));
    expect(screen.getByTestId('applied-info').textContent).toMatch(/^In the sheet: 'Old model', static values, applied 20 Nov 2026.*Out of date: Apply again\.$/);
  });

  it('says when the command line scored the sheet last, not the pane', async () => {
    const applied = { model: 'Test model', at: '2026-11-20T09:30:00.000Z', fingerprint: '00000000', mode: 'values' as const, scoredBy: 'leadscore' as const };
    const session = new FakeSession({ kind: 'table', table: { ...leadTable(), applied } });
    session.stored = { model: TEST_MODEL, problems: [] };
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    await user.click(await screen.findByRole('tab', { name: /^Apply/ }));
    expect(screen.getByTestId('applied-info').textContent).toMatch(/^In the sheet: 'Test model', static values, scored by leadscore 20 Nov 2026/);
  });
});
