// @vitest-environment jsdom
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { templateById, type Model } from '../../src/engine';
import { App } from '../../src/taskpane/App';
import { ScorecardReport } from '../../src/taskpane/ScorecardReport';
import { previewSession } from '../../src/workbook/preview';
import type { LeadTable } from '../../src/workbook/session';
import { FakeSession } from './fakeSession';

vi.setConfig({ testTimeout: 60_000 });
configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

/** The example leads of the browser preview (500, with a Converted column). */
let exampleLeads: LeadTable;
beforeAll(async () => {
  const { session } = previewSession();
  const found = await session.findLeadTable();
  if (found.kind !== 'table') throw new Error('no example table');
  exampleLeads = found.table;
});

describe('Scorecard report', () => {
  it('builds a scorecard: per column its ranges with leads, conversion and points, the two hold-out AUCs, the bands and the columns left out; Adopt hands over the model', async () => {
    const adopted: { model: Model; why: string }[] = [];
    const user = userEvent.setup();
    render(<ScorecardReport table={exampleLeads} outcome="Converted" dateOrder="MDY" capacityShare={0.2} busy={false} onAdopt={(model, why) => adopted.push({ model, why })} onSaveChallenger={() => undefined} />);
    const region = screen.getByRole('region', { name: 'Scorecard' });
    await user.click(within(region).getByRole('button', { name: 'Build scorecard' }));
    expect((await within(region).findByTestId('scorecard-auc')).textContent).toMatch(/^Hold-out AUC \(\d+ leads set aside\): scorecard 0\.\d{3}, unconstrained logistic regression 0\.\d{3}\.$/);
    const columnTables = within(region).getAllByRole('table').filter((t) => t.getAttribute('aria-label')?.startsWith('Scorecard: '));
    expect(columnTables.length).toBeGreaterThan(2);
    for (const t of columnTables) {
      expect(within(t).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Range', 'Leads', 'Conv.', 'Pts']);
      const points = within(t).getAllByRole('row').slice(1).map((r) => Number(r.querySelectorAll('td')[3]?.textContent));
      expect(Math.min(...points)).toBe(0);
      expect(t.querySelector('caption')?.textContent).toMatch(/IV \d\.\d\d$/);
    }
    const bands = within(within(region).getByRole('table', { name: 'Scorecard bands' })).getAllByRole('row').slice(1);
    expect(bands.map((r) => r.querySelector('td')?.textContent)).toEqual(['Cold', 'Warm', 'Hot']);
    expect(within(within(region).getByRole('list', { name: 'Columns left out' })).getByText('Lead ID')).toBeTruthy();
    await user.click(within(region).getByRole('button', { name: 'Adopt scorecard' }));
    expect(adopted).toHaveLength(1);
    expect(adopted[0]?.model.criteria.length).toBeGreaterThan(3);
    expect(adopted[0]?.why).toMatch(/The scorecard was adopted \(hold-out AUC 0\.\d{3}/);
    expect(within(region).queryByTestId('scorecard-auc')).toBeNull();
  });

  it('offers the 0-100 scale: the best lead then scores at most 100', async () => {
    const user = userEvent.setup();
    render(<ScorecardReport table={exampleLeads} outcome="Converted" dateOrder="MDY" capacityShare={0.2} busy={false} onAdopt={() => undefined} onSaveChallenger={() => undefined} />);
    const region = screen.getByRole('region', { name: 'Scorecard' });
    await user.click(within(region).getByRole('checkbox', { name: 'Best lead scores exactly 100' }));
    await user.click(within(region).getByRole('button', { name: 'Build scorecard' }));
    const line = await within(region).findByText(/^The best lead scores \d+;/);
    const best = Number(/scores (\d+)/.exec(line.textContent ?? '')?.[1]);
    expect(best).toBeLessThanOrEqual(100);
    expect(best).toBeGreaterThanOrEqual(95);
  });

  it('is part of the Insights view once an outcome column is chosen', async () => {
    const session = new FakeSession({ kind: 'table', table: exampleLeads });
    const t = templateById('weighted-b2b');
    if (t === undefined) throw new Error('no template');
    session.stored = { model: t.model, problems: [] };
    const user = userEvent.setup();
    render(<App environment="excel" session={session} saveDelayMs={0} />);
    await user.click(screen.getByRole('tab', { name: 'Insights' }));
    await user.click(await screen.findByRole('button', { name: 'Show insights' }));
    const view = screen.getByRole('region', { name: 'Insights' });
    expect(within(within(view).getByRole('region', { name: 'Scorecard' })).getByRole('button', { name: 'Build scorecard' })).toBeTruthy();
  });
});
