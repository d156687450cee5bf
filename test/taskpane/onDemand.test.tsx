// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src/taskpane/ErrorBoundary';
import { onDemand } from '../../src/taskpane/OnDemand';

afterEach(cleanup);

function Report({ leads }: { leads: number }) {
  return <p>{leads} leads scored</p>;
}

it('announces the part while it loads, then shows it with its props', async () => {
  let arrive: (part: typeof Report) => void = () => undefined;
  const Part = onDemand('call list', () => new Promise<typeof Report>((resolve) => (arrive = resolve)));
  render(<Part leads={12} />);
  expect(screen.getByRole('status').textContent).toBe('Loading the call list…');
  arrive(Report);
  expect(await screen.findByText('12 leads scored')).toBeTruthy();
  expect(screen.queryByRole('status')).toBeNull();
});

it('says the part did not arrive, keeps the rest of the pane, and loads it on Try again', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  let attempts = 0;
  const Part = onDemand('insights', async () => {
    attempts += 1;
    if (attempts === 1) throw new Error('Loading chunk insights failed.');
    return Report;
  });
  render(
    <>
      <p>the model editor</p>
      <Part leads={3} />
    </>,
  );
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(/^The insights could not be loaded: the add-in's files did not arrive\. Check the connection, then try again; if it still fails, close and reopen the pane\./);
  expect(alert.textContent).toContain('Loading chunk insights failed.');
  expect(screen.getByText('the model editor')).toBeTruthy();
  await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('3 leads scored')).toBeTruthy();
  expect(attempts).toBe(2);
  expect(screen.queryByRole('alert')).toBeNull();
});

it('loads a part once for every place and time it is shown', async () => {
  const load = vi.fn(async () => Report);
  const Part = onDemand('accounts', load);
  const { rerender } = render(<Part leads={1} />);
  await screen.findByText('1 leads scored');
  rerender(<><Part leads={2} /><Part leads={5} /></>);
  expect(await screen.findByText('5 leads scored')).toBeTruthy();
  expect(load).toHaveBeenCalledTimes(1);
});

it('leaves an error of the loaded part itself to the boundary around it, not calling it a failed load', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  function Broken(): never {
    throw new Error('band 2 has no colour');
  }
  const Part = onDemand('change report', async () => Broken);
  render(
    <ErrorBoundary what="change report">
      <Part />
    </ErrorBoundary>,
  );
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(/change report could not be shown: band 2 has no colour/);
  expect(alert.textContent).not.toMatch(/could not be loaded/);
});
