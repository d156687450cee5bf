// @vitest-environment jsdom
// A model sheet with a typo (issue 10 item 9): the pane, on a real WorkbookSession over the
// in-memory workbook, shows what could be read and where the sheet is wrong, holds edits
// without saving them, and writes over the sheet only when the user confirms a replacement.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODEL_SHEET, templateById, type Model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import { WorkbookSession } from '../../src/workbook/workbookSession';

vi.setConfig({ testTimeout: 30_000 });
afterEach(cleanup);

const weighted = (): Model => {
  const t = templateById('weighted-b2b');
  if (t === undefined) throw new Error('template missing');
  return t.model;
};

/** The example leads, the Weighted B2B model saved on its sheet, then 'ten' typed into the first criterion's Points (F4). */
async function typoInSheet() {
  const book = previewWorkbook();
  const session = new WorkbookSession(book, { today: () => new Date(2026, 10, 1), debounceMs: 5 });
  await session.findLeadTable();
  expect(await session.saveModel(weighted())).toEqual({ kind: 'saved' });
  book.userEdit(MODEL_SHEET, 'F4', [['ten']]);
  const user = userEvent.setup();
  const view = render(<App environment="excel" session={session} saveDelayMs={0} />);
  await screen.findByRole('heading', { name: `The ${MODEL_SHEET} sheet could not be read` });
  return { book, session, user, view };
}

const rules = (): string[] => screen.getAllByRole('listitem', { name: /^Criterion \d+:/ }).map((li) => li.getAttribute('aria-label') ?? '');
const banner = (): HTMLElement => screen.getByRole('region', { name: `The ${MODEL_SHEET} sheet could not be read` });
/** Lets the pane's save timers (0 ms here) and the session's debounced events run. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 60)));

describe('a model sheet that does not read (issue 10 item 9)', () => {
  it('shows the located problem and what could be read, and turns Apply off saying why', async () => {
    await typoInSheet();
    expect(within(banner()).getByRole('alert').textContent).toContain("'Lead Scoring'!F4");
    expect(banner().textContent).toContain('left out: criteria row 1');
    expect(banner().textContent).toContain('Nothing is saved to the sheet');
    const m = weighted();
    await waitFor(() => expect(rules()).toHaveLength(m.criteria.length - 1));
    expect(rules()[0]).toContain(m.criteria[1]?.name);
    expect(screen.getByRole('button', { name: /^Apply/ }).hasAttribute('disabled') || screen.getByRole('button', { name: /^Apply/ }).getAttribute('aria-disabled') === 'true').toBe(true);
    expect(document.getElementById('apply-why')?.textContent).toContain('cannot be read');
  });

  it("links each located problem to its cell: a click selects 'Lead Scoring'!F4 in the workbook", async () => {
    const { book, user } = await typoInSheet();
    await user.click(within(banner()).getByRole('link', { name: "'Lead Scoring'!F4 (criteria table, row 1, 'Points')" }));
    await waitFor(async () => expect(await book.selection()).toEqual({ sheet: MODEL_SHEET, address: 'F4' }));
  });

  it('changes no cell of the workbook through an edit, a template, Apply or closing the pane; edits are held and said to be', async () => {
    const { book, user, view } = await typoInSheet();
    const before = book.snapshot();
    const points = within(screen.getAllByRole('listitem', { name: /^Criterion 1:/ })[0]!).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '7');
    await settle();
    expect(banner().textContent).toContain('Your edits are kept in the pane, not saved.');
    await user.click(screen.getByRole('button', { name: /^Model menu/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Blank model' }));
    const keep = screen.queryByRole('button', { name: 'Replace' });
    if (keep !== null) await user.click(keep);
    await settle();
    await user.click(screen.getByRole('button', { name: /^Apply/ }));
    await settle();
    view.unmount();
    await settle();
    expect(book.snapshot()).toEqual(before);
  });

  it('keeps edits held while the pane is hidden (unmounted) and shown again, still unsaved', async () => {
    const { book, session, user, view } = await typoInSheet();
    const before = book.snapshot();
    const points = within(screen.getAllByRole('listitem', { name: /^Criterion 1:/ })[0]!).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '7');
    await settle();
    view.unmount();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    await screen.findByText('Your edits from before the pane was hidden are still here, not saved.');
    expect(banner().textContent).toContain('Your edits are kept in the pane, not saved.');
    const shown = within(screen.getAllByRole('listitem', { name: /^Criterion 1:/ })[0]!).getByLabelText<HTMLInputElement>(/^Points/);
    expect(shown.value).toBe('7');
    await settle();
    expect(book.snapshot()).toEqual(before);
  });

  it('replaces the sheet only after a confirmation naming what is lost, with exactly the model shown', async () => {
    const { session, user } = await typoInSheet();
    const points = within(screen.getAllByRole('listitem', { name: /^Criterion 1:/ })[0]!).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '7');
    await user.click(within(banner()).getByRole('button', { name: 'Replace the sheet with this model…' }));
    const dialog = (await screen.findByText(`Replace the ${MODEL_SHEET} sheet?`)).closest('dialog');
    if (dialog === null) throw new Error('no dialog');
    const m = weighted();
    expect(dialog.textContent).toContain(`'${m.name}', ${m.criteria.length - 1} criteria, ${m.bands.length} bands`);
    expect(dialog.textContent).toContain('What the pane could not read is lost: criteria row 1');
    await user.click(within(dialog).getByRole('button', { name: 'Replace the sheet' }));
    await screen.findByText(`The ${MODEL_SHEET} sheet now holds '${m.name}'.`);
    expect(screen.queryByRole('region', { name: `The ${MODEL_SHEET} sheet could not be read` })).toBeNull();
    const shown = { ...m, criteria: m.criteria.slice(1).map((c, i) => (i === 0 ? { ...c, points: 7 } : c)) };
    const stored = await session.loadModel();
    expect(stored.unreadable).toBeUndefined();
    expect(stored.model).toEqual(shown);
  });

  it('cancelling the replacement writes nothing', async () => {
    const { book, user } = await typoInSheet();
    const before = book.snapshot();
    await user.click(within(banner()).getByRole('button', { name: 'Replace the sheet with this model…' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    await settle();
    expect(book.snapshot()).toEqual(before);
    expect(banner()).toBeTruthy();
  });

  it('reads the sheet once the user fixes it in cells; Undo brings back the edits held meanwhile and saves them', async () => {
    const { book, session, user } = await typoInSheet();
    const m = weighted();
    const points = within(screen.getAllByRole('listitem', { name: /^Criterion 1:/ })[0]!).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '7');
    await settle();
    act(() => book.userEdit(MODEL_SHEET, 'F4', [[12]]));
    await screen.findByText(/reads again and the pane shows it/);
    expect(screen.queryByRole('region', { name: `The ${MODEL_SHEET} sheet could not be read` })).toBeNull();
    await waitFor(() => expect(rules()).toHaveLength(m.criteria.length));
    expect((await session.loadModel()).model?.criteria[0]?.points).toBe(12);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(rules()).toHaveLength(m.criteria.length - 1));
    await settle();
    expect((await session.loadModel()).model?.criteria[0]).toEqual({ ...m.criteria[1], points: 7 });
  });
});
