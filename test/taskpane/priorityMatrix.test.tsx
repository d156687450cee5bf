// @vitest-environment jsdom
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { model, type CellValue, type Model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import type { LeadTable } from '../../src/workbook/session';
import { PRIORITY_HEADERS, PRIORITY_MODEL } from '../engine/builders';
import { FakeSession, leadTable } from './fakeSession';

vi.setConfig({ testTimeout: 60_000 });
configure({ asyncUtilTimeout: 15_000 });
afterEach(cleanup);

// The eight leads counted by hand in test/engine/priorityMatrix.test.ts: A1 x3 (2 of 3 converted),
// A4, B3 (converted), C4, D1 (outcome blank), D4.
const ROWS: CellValue[][] = [
  ['Technology', 500, 'yes', 'yes', 'yes'],
  ['Technology', 200, 'yes', 'no', 'no'],
  ['Technology', 5, 'no', 'yes', 'yes'],
  ['Retail', 100, 'no', 'no', 'no'],
  ['Retail', 5, 'yes', 'no', ''],
  ['Technology', 150, 'no', 'no', 'no'],
  ['Technology', 500, 'yes', 'yes', 'yes'],
  ['Retail', 5, 'no', 'no', 'no'],
];

function table(): LeadTable {
  return { ...leadTable(), headers: [...PRIORITY_HEADERS, 'Converted'], rows: ROWS, columns: [], address: 'Leads!A1:E9' };
}

function setup(m: Model = PRIORITY_MODEL) {
  const session = new FakeSession({ kind: 'table', table: table() });
  session.stored = { model: m, problems: [] };
  const user = userEvent.setup();
  render(<App environment="excel" session={session} saveDelayMs={0} />);
  return { session, user };
}

async function openMatrix(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(screen.getByRole('tab', { name: 'Insights' }));
  return screen.findByRole('table', { name: /^Priority matrix/ });
}

const cellTexts = (matrix: HTMLElement): string[] => within(matrix).getAllByRole('button').map((b) => b.textContent?.trim() ?? '');

describe('Who to call first: the priority matrix in the pane', () => {
  it('shows the leads per cell before any outcome is chosen, then conversion per cell with the outcome column', async () => {
    const { user } = setup();
    const matrix = await openMatrix(user);
    // Reading order A1..A4, B1..B4, ...: counts only.
    expect(cellTexts(matrix)).toEqual(['3', '0', '0', '1', '0', '0', '1', '0', '0', '0', '0', '1', '1', '0', '0', '1']);
    expect(within(matrix).getByRole('button', { name: 'A1: 3 leads. Action: Call now' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Show insights' }));
    // The Converted column is suggested; each cell gives its conversion as a count (fewer than 10 known).
    await waitFor(() => expect(cellTexts(matrix)[0]).toBe('32/3'));
    expect(within(matrix).getByRole('button', { name: 'A1: 3 leads, 2 of 3 with a known outcome converted. Action: Call now' })).toBeTruthy();
    expect(within(matrix).getByRole('button', { name: 'B3: 1 lead, 1 of 1 with a known outcome converted. Action: Nurture' })).toBeTruthy();
    // D1's only lead has no known outcome: a count, no conversion.
    expect(within(matrix).getByRole('button', { name: 'D1: 1 lead. Action: No call: check the fit data' })).toBeTruthy();
  });

  it("edits a cell's action in place and saves it with the model; the default comes back on request", async () => {
    const { user, session } = setup();
    const matrix = await openMatrix(user);
    await user.click(within(matrix).getByRole('button', { name: /^D1:/ }));
    const detail = screen.getByRole('region', { name: 'Priority D1' });
    const field = within(detail).getByLabelText('Recommended action for D1') as HTMLInputElement;
    expect(field.value).toBe('No call: check the fit data');
    await user.clear(field);
    await user.type(field, 'Pass to the partner team');
    await waitFor(() => expect(session.saved.at(-1)?.priorityActions.D1).toBe('Pass to the partner team'));
    expect(within(matrix).getByRole('button', { name: /^D1: 1 lead\. Action: Pass to the partner team$/ })).toBeTruthy();

    await user.click(within(detail).getByRole('button', { name: 'Use the default: No call: check the fit data' }));
    await waitFor(() => expect(session.saved.at(-1)?.priorityActions).toEqual({}));
    expect(field.value).toBe('No call: check the fit data');
  });

  it('says what is wrong with an action that would run as a formula, at its field', async () => {
    const { user } = setup();
    const matrix = await openMatrix(user);
    await user.click(within(matrix).getByRole('button', { name: /^A1:/ }));
    const field = screen.getByLabelText('Recommended action for A1');
    await user.clear(field);
    await user.type(field, '=HYPERLINK("x")');
    const detail = screen.getByRole('region', { name: 'Priority A1' });
    expect(await within(detail).findByText("starts with '=', which Excel reads as the start of a formula")).toBeTruthy();
    // The matrix stays, its cell reading what was typed.
    expect(within(matrix).getByRole('button', { name: /^A1: 3 leads\. Action: =HYPERLINK\("x"\)$/ })).toBeTruthy();
  });

  it('works by keyboard: one Tab stop for the grid, arrow keys between cells, Enter selects, Tab to the action, Escape back', async () => {
    const { user, session } = setup();
    const matrix = await openMatrix(user);
    const cell = (p: string) => within(matrix).getByRole('button', { name: new RegExp(`^${p}:`) });
    // Only one cell is in the Tab order, so Tab leaves the grid after one stop.
    expect(within(matrix).getAllByRole('button').filter((b) => b.tabIndex === 0).map((b) => b.getAttribute('aria-label')?.slice(0, 2))).toEqual(['A1']);
    cell('A1').focus();
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(cell('B3'));
    // At an edge a key stays put; End goes to the row's last cell, Home to its first.
    await user.keyboard('{End}{ArrowRight}');
    expect(document.activeElement).toBe(cell('B4'));
    await user.keyboard('{Home}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(cell('D1'));
    await user.keyboard('{Enter}');
    expect(cell('D1').getAttribute('aria-pressed')).toBe('true');
    // The next Tab stop after the grid is the selected cell's action, not the fifteen other cells.
    await user.tab();
    const field = screen.getByLabelText('Recommended action for D1');
    expect(document.activeElement).toBe(field);
    // One line: Enter does not break it; Escape goes back to the cell.
    await user.keyboard('{Control>}a{/Control}Pass to partners{Enter}');
    await waitFor(() => expect(session.saved.at(-1)?.priorityActions.D1).toBe('Pass to partners'));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(cell('D1'));
    // Shift+Tab from the grid leaves it too: the selected cell is the grid's one stop.
    expect(within(matrix).getAllByRole('button').filter((b) => b.tabIndex === 0)).toEqual([cell('D1')]);
  });

  it('shows how long the action is against its limit, and the whole text in a box that wraps', async () => {
    const { user } = setup();
    const matrix = await openMatrix(user);
    await user.click(within(matrix).getByRole('button', { name: /^B2:/ }));
    const field = screen.getByLabelText('Recommended action for B2');
    expect(field.tagName).toBe('TEXTAREA');
    const detail = screen.getByRole('region', { name: 'Priority B2' });
    expect(within(detail).getByText(/^14 of 120 characters\. /)).toBeTruthy();
    await user.clear(field);
    await user.paste('x'.repeat(130));
    expect(await within(detail).findByText(/130 characters/)).toBeTruthy();
  });

  it('writes counts with thousands separators', async () => {
    const many: CellValue[][] = Array.from({ length: 1200 }, () => ['Technology', 500, 'yes', 'yes', 'yes']);
    const session = new FakeSession({ kind: 'table', table: { ...table(), rows: many, address: 'Leads!A1:E1201' } });
    session.stored = { model: PRIORITY_MODEL, problems: [] };
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    const matrix = await openMatrix(user);
    expect(within(matrix).getByRole('button', { name: /^A1: 1,200 leads\. / }).textContent?.trim()).toBe('1,200');
    expect(screen.getByText(/^1,200 leads by fit grade/)).toBeTruthy();
  });

  it('takes actions typed on the Insights sheet into the model when the view opens, and writes the matrix with them', async () => {
    const session = new FakeSession({ kind: 'table', table: table() });
    session.stored = { model: PRIORITY_MODEL, problems: [] };
    session.insightsActionEdits = { D1: 'Pass to the partner team', A1: 'Call now' };
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    const matrix = await openMatrix(user);
    // A1 typed as its default changes nothing; D1 is new.
    expect(await screen.findByText("Took the actions typed on the Insights sheet into the model: D1 'Pass to the partner team'.")).toBeTruthy();
    await waitFor(() => expect(session.saved.at(-1)?.priorityActions).toEqual({ D1: 'Pass to the partner team' }));
    expect(within(matrix).getByRole('button', { name: /^D1: 1 lead\. Action: Pass to the partner team$/ })).toBeTruthy();

    session.insightsActionEdits = {};
    await user.click(screen.getByRole('button', { name: 'Show insights' }));
    await user.click(await screen.findByRole('button', { name: 'Write Insights sheet' }));
    await waitFor(() => expect(session.insights).toHaveLength(1));
    const written = session.insights[0]?.priority;
    expect(written?.outcome).toBe('Converted');
    expect(written?.matrix.cells.find((c) => c.priority === 'A1')).toMatchObject({ leads: 3, withOutcome: 3, converted: 2 });
    expect(written?.matrix.cells.find((c) => c.priority === 'D1')?.action).toBe('Pass to the partner team');
  });

  it('shows where each grade and level starts, and which setting to change when no lead reaches the top grade', async () => {
    // PRIORITY_MODEL: Fit at most 60 (A from 45, B 30, C 15), Engagement at most 40 (1 from 30, 2 20, 3 10).
    const { user } = setup();
    await openMatrix(user);
    expect(screen.getByText('Rows: fit grade, A from Fit 45, B from 30, C from 15 (automatic). Columns: engagement level, 1 from Engagement 30, 2 from 20, 3 from 10 (automatic).')).toBeTruthy();
    expect(screen.queryByText(/^No lead reaches/)).toBeNull();
    cleanup();

    // Grade A set to 70, above any lead's Fit (60 at most): row A is empty, and the pane says why.
    const { user: again } = setup({ ...PRIORITY_MODEL, priority: { ...PRIORITY_MODEL.priority, gradeA: 70 } });
    const matrix = await openMatrix(again);
    expect(cellTexts(matrix).slice(0, 4)).toEqual(['0', '0', '0', '0']);
    expect(screen.getByText(/^Rows: fit grade, A from Fit 70, B from 30, C from 15\. Columns/)).toBeTruthy();
    expect(screen.getByText("No lead reaches fit grade A (Fit 70): set 'Grade A from' in the model's settings.")).toBeTruthy();
  });

  it('says what to set when the model has no Fit criteria to grade by', async () => {
    const { user } = setup(model({ criteria: PRIORITY_MODEL.criteria.filter((c) => c.group === 'engagement') }));
    await user.click(screen.getByRole('tab', { name: 'Insights' }));
    const section = await screen.findByRole('region', { name: 'Who to call first' });
    expect(within(section).getByText(/'Grade A from' cannot be worked out/)).toBeTruthy();
  });
});
