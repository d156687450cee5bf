// @vitest-environment jsdom
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { criterion, model, templateById, type CellValue, type Model } from '../../src/engine';
import { backtest } from '../../src/insights';
import { App } from '../../src/taskpane/App';
import { suggestOutcomeColumn } from '../../src/taskpane/insightsReport';
import { previewSession } from '../../src/workbook/preview';
import type { LeadTable } from '../../src/workbook/session';
import { FakeSession, FOUR_LEADS, HEADERS, leadTable } from './fakeSession';

vi.setConfig({ testTimeout: 60_000 });
configure({ asyncUtilTimeout: 15_000 });
afterEach(cleanup);

const tech = (points: number): Model =>
  model({
    name: `Tech ${points}`,
    criteria: [
      criterion({ group: 'fit', name: 'Tech', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points }),
      criterion({ group: 'engagement', name: 'Pricing', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 25 }),
    ],
  });

/** The four test leads with an outcome: the first two converted. */
function fourWithOutcome(outcomes: CellValue[] = ['yes', 'yes', 'no', 'no']): LeadTable {
  const base = leadTable();
  return { ...base, headers: [...HEADERS, 'Converted'], rows: FOUR_LEADS.map((r, i) => [...r, outcomes[i] ?? '']) };
}

/** The example leads of the browser preview (500, with a Converted column), read by the real session. */
let exampleLeads: LeadTable;
beforeAll(async () => {
  const { session } = previewSession();
  const found = await session.findLeadTable();
  if (found.kind !== 'table') throw new Error('no example table');
  exampleLeads = found.table;
});

function setup(table: LeadTable, m: Model) {
  const session = new FakeSession({ kind: 'table', table });
  session.stored = { model: m, problems: [] };
  const user = userEvent.setup();
  render(<App environment="excel" session={session} saveDelayMs={0} />);
  return { session, user };
}

async function openInsights(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(screen.getByRole('tab', { name: 'Insights' }));
  await user.click(await screen.findByRole('button', { name: 'Show insights' }));
  return screen.getByRole('region', { name: 'Insights' });
}

const b2b = (): Model => {
  const t = templateById('weighted-b2b');
  if (t === undefined) throw new Error('no template');
  return t.model;
};

describe('Insights view', () => {
  it('suggests the Converted column and shows the backtest: AUC, conversion per band, gain, distribution, threshold', async () => {
    const { user } = setup(exampleLeads, b2b());
    const view = await openInsights(user);
    expect((within(view).getByLabelText('Outcome column') as HTMLSelectElement).value).toBe('Converted');
    const expected = backtest(b2b(), exampleLeads.headers, exampleLeads.rows, 'Converted');
    if (!expected.ok) throw new Error('backtest failed');
    expect(await within(view).findByText(new RegExp(`^AUC ${expected.value.auc.toFixed(3)}:`))).toBeTruthy();
    // Plain words first: how much more often the top band converts than the bottom one.
    const [cold, , hot] = expected.value.bands;
    expect(within(view).getByTestId('insights-headline').textContent).toBe(`Hot leads convert ${((hot?.rate ?? 0) / (cold?.rate ?? 1)).toFixed(1)}x as often as Cold (${((hot?.rate ?? 0) * 100).toFixed(1)}% against ${((cold?.rate ?? 0) * 100).toFixed(1)}%).`);
    expect(within(view).getByRole('img', { name: /^Conversion rate by band: Cold [\d.]+%, Warm [\d.]+%, Hot [\d.]+%$/ })).toBeTruthy();
    // Score bins read as whole numbers.
    for (const row of within(within(view).getByRole('table', { name: 'Score distribution' })).getAllByRole('row').slice(1)) {
      expect(row.querySelector('td')?.textContent).toMatch(/^-?\d+( to -?\d+)?$/);
    }
    // One row per band, the leads adding up to the table.
    const bandRows = within(within(view).getByRole('table', { name: 'Conversion by band' })).getAllByRole('row').slice(1);
    expect(bandRows.map((r) => r.querySelector('td')?.textContent)).toEqual(b2b().bands.map((b) => b.name));
    expect(bandRows.reduce((s, r) => s + Number(r.querySelectorAll('td')[1]?.textContent), 0)).toBe(500);
    expect(within(within(view).getByRole('list', { name: 'Cumulative gain' })).getAllByRole('listitem')[1]?.textContent).toMatch(/^Top 20% of leads capture \d+% of conversions \(lift [\d.]+x\)$/);
    const distribution = within(within(view).getByRole('table', { name: 'Score distribution' })).getAllByRole('row').slice(1);
    expect(distribution.reduce((s, r) => s + Number(r.querySelectorAll('td')[1]?.textContent), 0)).toBe(500);
    // The capacity sizes the threshold: 20% of 500 leads at most, then 10%.
    const leadsWorked = () => Number(/: (\d+) leads \(/.exec(within(view).getByLabelText('Threshold suggestion').textContent)?.[1]);
    expect(leadsWorked()).toBeLessThanOrEqual(100);
    expect(leadsWorked()).toBeGreaterThan(0);
    const capacity = within(view).getByLabelText(/Sales can work/);
    await user.clear(capacity);
    await user.type(capacity, '5');
    await waitFor(() => expect(leadsWorked()).toBeLessThanOrEqual(25));
  });

  it('shows the champion and a saved challenger side by side: both AUCs and the leads that change band (hand-computed)', async () => {
    // Champion Tech 60: scores 85 Hot, 25 Warm, 60 Hot, 0 Cold. Challenger Tech 20: 45 Warm, 25 Warm, 20 Cold, 0 Cold.
    // Converted: the first two. Champion AUC: 85 beats 60 and 0, 25 beats 0 only: 3/4. Challenger: 4/4.
    const { session, user } = setup(fourWithOutcome(), tech(60));
    session.challenger = { model: tech(20), problems: [] };
    const view = await openInsights(user);
    await user.click(within(view).getByRole('button', { name: 'Compare with saved challenger' }));
    const figures = await within(view).findByRole('table', { name: 'Champion and challenger figures' });
    const rows = within(figures).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((c) => c.textContent));
    expect(rows).toEqual([['Champion', 'Tech 60', '0.750'], ['Challenger', 'Tech 20', '1.000']]);
    const moves = within(within(view).getByRole('list', { name: 'Band moves' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(moves.sort()).toEqual(['1 lead move from Hot to Cold (0 of them converted)', '1 lead move from Hot to Warm (1 of them converted)']);
    const matrix = within(within(view).getByRole('table', { name: 'Band migration' })).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((c) => Number(c.textContent)));
    // Rows: champion Cold, Warm, Hot; columns: challenger Cold, Warm, Hot.
    expect(matrix).toEqual([[1, 0, 0], [0, 1, 0], [1, 1, 0]]);
    // Too few leads for solid figures: the view says so.
    // Warnings are summarised in one line; the rows are in the list behind it.
    expect(view.querySelector('.warnings summary')?.textContent).toMatch(/^\d+ data-quality warnings?: .*only 4 leads have a known outcome/);
  });

  it('calibrates: shows the holdout AUC before and after; Adopt puts the calibrated model in the editor and saves it', async () => {
    const { session, user } = setup(exampleLeads, b2b());
    const view = await openInsights(user);
    await within(view).findByText(/^AUC /);
    await user.click(within(view).getByRole('button', { name: 'Calibrate points' }));
    const cal = await within(view).findByRole('region', { name: 'Calibrated model' }, { timeout: 30_000 });
    expect(within(cal).getByText(/^Holdout AUC \(\d+ leads set aside\): 0\.\d{3} before, 0\.\d{3} after\.$/)).toBeTruthy();
    const criteria = within(within(cal).getByRole('table', { name: 'Calibrated criteria' })).getAllByRole('row').slice(1);
    expect(criteria.length).toBeGreaterThanOrEqual(b2b().criteria.filter((c) => c.enabled).length);
    // The calibrated model is the challenger at once.
    expect(within(view).getByRole('region', { name: 'Champion and challenger' })).toBeTruthy();
    const savedBefore = session.saved.length;
    await user.click(within(cal).getByRole('button', { name: 'Adopt' }));
    await waitFor(() => expect(session.saved.length).toBeGreaterThan(savedBefore));
    const adopted = session.saved[session.saved.length - 1];
    expect(adopted).not.toEqual(b2b());
    expect(adopted?.criteria.map((c) => c.points)).toEqual(criteria.map((r) => Number(r.querySelectorAll('td')[2]?.textContent)));
    expect(screen.getByText(/The calibrated points were adopted/)).toBeTruthy();
    expect(within(view).queryByRole('region', { name: 'Calibrated model' })).toBeNull();
  });

  it('Discard keeps the model; Save as challenger writes the calibrated model beside it', async () => {
    const { session, user } = setup(exampleLeads, b2b());
    const view = await openInsights(user);
    await within(view).findByText(/^AUC /);
    await user.click(within(view).getByRole('button', { name: 'Calibrate points' }));
    const cal = await within(view).findByRole('region', { name: 'Calibrated model' }, { timeout: 30_000 });
    await user.click(within(cal).getByRole('button', { name: 'Save as challenger' }));
    await within(view).findByText(/Saved as the challenger/);
    expect(session.challenger.model).not.toBeNull();
    expect(session.challenger.model).not.toEqual(b2b());
    // Editing the model after calibrating: the view says the calibration is of the model before.
    expect(within(cal).queryByRole('note')).toBeNull();
    await user.click(screen.getByRole('tab', { name: /^Model/ }));
    const points = within(screen.getByRole('listitem', { name: /^Criterion 1:/ })).getByLabelText(/^Points/);
    await user.clear(points);
    await user.type(points, '3');
    await user.click(screen.getByRole('tab', { name: 'Insights' }));
    expect(await within(cal).findByRole('note')).toHaveProperty('textContent', 'The model was edited since this calibration; calibrate again to fit the current criteria.');
    const savedEdits = session.saved.length;
    await user.click(within(cal).getByRole('button', { name: 'Discard' }));
    expect(within(view).queryByRole('region', { name: 'Calibrated model' })).toBeNull();
    // Discard changed nothing: the model in the editor keeps the user's edit, not the calibration.
    await new Promise((r) => setTimeout(r, 50));
    expect(session.saved.slice(savedEdits).every((m) => m.criteria[0]?.points === 3)).toBe(true);
    // The saved challenger loads back for the comparison.
    await user.click(within(view).getByRole('button', { name: 'Compare with saved challenger' }));
    await within(view).findByText(/^Comparing with the saved challenger/);
    const figures = within(view).getByRole('table', { name: 'Champion and challenger figures' });
    expect(within(figures).getAllByRole('row').slice(1).map((r) => r.querySelector('td')?.textContent)).toEqual(['Champion', 'Challenger']);
  });

  it('writes the Insights sheet: the band and gain tables with a column chart and a line chart', async () => {
    const { session, user } = setup(exampleLeads, b2b());
    const view = await openInsights(user);
    await within(view).findByText(/^AUC /);
    await user.click(within(view).getByRole('button', { name: 'Write Insights sheet' }));
    await within(view).findByText("Wrote the sheet 'Insights' with its tables and 2 charts.");
    const [report] = session.insights;
    expect(report?.tables.filter((t) => t.chart !== undefined).map((t) => [t.title, t.chart?.kind])).toEqual([
      ['Conversion by band', 'columnClustered'],
      ['Cumulative gain', 'line'],
    ]);
    expect(report?.lines.some((l) => l.startsWith('AUC 0.'))).toBe(true);
  });

  it('an outcome column of one class only gets a clear message', async () => {
    const { user } = setup(fourWithOutcome(['yes', 'yes', 'yes', 'yes']), tech(60));
    const view = await openInsights(user);
    // No column has both outcomes, so none is suggested; choosing Converted explains why there is no backtest.
    expect(within(view).getByText('Choose the column that says which leads converted.')).toBeTruthy();
    await user.selectOptions(within(view).getByLabelText('Outcome column'), 'Converted');
    expect(await within(view).findByText(/all 4 leads with a known outcome converted: there is nothing to tell apart/)).toBeTruthy();
  });
});

describe('suggestOutcomeColumn', () => {
  it('prefers a readable column named like an outcome, and needs both outcomes in most rows', () => {
    expect(suggestOutcomeColumn({ headers: ['Flag', 'Won'], rows: [[1, 'won'], [0, 'lost'], [1, 'lost']] })).toBe('Won');
    expect(suggestOutcomeColumn({ headers: ['Flag', 'Name'], rows: [[1, 'a'], [0, 'b']] })).toBe('Flag');
    expect(suggestOutcomeColumn({ headers: ['Converted'], rows: [['yes'], ['maybe'], ['later'], ['no']] })).toBeNull();
  });
});
