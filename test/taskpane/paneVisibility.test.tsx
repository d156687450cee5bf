// @vitest-environment jsdom
// With a long-lived shared runtime, Excel loads the pane's page whenever a function calculates,
// hidden (issue 10 item 6). The pane starts, reads the lead table and subscribes to workbook
// events only while it is shown (Office.addin.onVisibilityModeChanged), unsubscribes when it is
// hidden, reads the table afresh when shown again, and keeps an edit made just before hiding.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { criterion, model, type Model } from '../../src/engine';
import { officePaneVisibility } from '../../src/excel/paneVisibility';
import { App } from '../../src/taskpane/App';
import { PaneWhenShown, type PaneVisibility } from '../../src/taskpane/PaneWhenShown';
import type { FindTableResult, StoredModel } from '../../src/workbook/session';
import { FakeSession, leadTable } from './fakeSession';

afterEach(cleanup);

/** Counts what the pane asks of the workbook and which subscriptions are live. */
class CountingSession extends FakeSession {
  finds = 0;
  live = 0;
  override findLeadTable(): Promise<FindTableResult> {
    this.finds++;
    return super.findLeadTable();
  }
  override onModelEdited(listener: (stored: StoredModel) => void): () => void {
    this.live++;
    const off = super.onModelEdited(listener);
    return () => {
      this.live--;
      off();
    };
  }
  override onSelectedRowChanged(listener: (row: number | null) => void): () => void {
    this.live++;
    const off = super.onSelectedRowChanged(listener);
    return () => {
      this.live--;
      off();
    };
  }
}

/** What Office.addin.onVisibilityModeChanged reports, driven by the test. */
class ScriptedVisibility implements PaneVisibility {
  private readonly listeners = new Set<(shown: boolean) => void>();
  constructor(private visible: boolean) {}
  shown(): boolean {
    return this.visible;
  }
  onChange(listener: (shown: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(visible: boolean): void {
    this.visible = visible;
    for (const l of this.listeners) l(visible);
  }
}

const TEST_MODEL: Model = model({ criteria: [criterion({ group: 'fit', name: 'Tech', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 60 })] });

function pane(visibility: ScriptedVisibility, saveDelayMs = 0) {
  const session = new CountingSession({ kind: 'table', table: leadTable() });
  session.stored = { model: TEST_MODEL, problems: [] };
  render(
    <PaneWhenShown visibility={visibility}>
      <App environment="excel" session={session} saveDelayMs={saveDelayMs} />
    </PaneWhenShown>,
  );
  return session;
}

describe('the pane in a hidden shared runtime', () => {
  it('loaded hidden (a function calculated): reads nothing and subscribes to nothing', async () => {
    const session = pane(new ScriptedVisibility(false));
    await new Promise((r) => setTimeout(r, 50));
    expect(session.finds).toBe(0);
    expect(session.live).toBe(0);
  });

  it('shown: starts, reads the table and subscribes; hidden: unsubscribes; shown again: reads the table afresh', async () => {
    const visibility = new ScriptedVisibility(false);
    const session = pane(visibility);
    act(() => visibility.set(true));
    await waitFor(() => expect(session.finds).toBe(1));
    expect(session.live).toBe(2);
    act(() => visibility.set(false));
    expect(session.live).toBe(0);
    act(() => visibility.set(true));
    await waitFor(() => expect(session.finds).toBe(2));
    expect(session.live).toBe(2);
  });

  it('an edit made just before the pane is hidden is still saved', async () => {
    const visibility = new ScriptedVisibility(true);
    const session = pane(visibility, 60_000);
    const user = userEvent.setup();
    const points = await screen.findAllByLabelText(/^Points/);
    const first = points[0];
    if (first === undefined) throw new Error('no Points field');
    await user.clear(first);
    await user.type(first, '35');
    act(() => visibility.set(false));
    await waitFor(() => expect(session.saved.at(-1)?.criteria[0]?.points).toBe(35));
  });
});

describe('officePaneVisibility', () => {
  it('follows Office.addin.onVisibilityModeChanged, starting from whether the page is visible', async () => {
    const handlers: ((args: { visibilityMode: string }) => void)[] = [];
    const office = {
      VisibilityMode: { hidden: 'Hidden', taskpane: 'Taskpane' },
      addin: {
        onVisibilityModeChanged: (handler: (args: { visibilityMode: string }) => void) => {
          handlers.push(handler);
          return Promise.resolve(() => Promise.resolve());
        },
      },
    };
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    const visibility = officePaneVisibility(office as unknown as typeof Office);
    expect(visibility.shown()).toBe(false);
    const seen: boolean[] = [];
    visibility.onChange((shown) => seen.push(shown));
    await Promise.resolve();
    for (const h of handlers) h({ visibilityMode: 'Taskpane' });
    for (const h of handlers) h({ visibilityMode: 'Hidden' });
    expect(seen).toEqual([true, false]);
    expect(visibility.shown()).toBe(false);
  });
});
