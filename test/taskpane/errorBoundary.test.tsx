// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src/taskpane/ErrorBoundary';

afterEach(cleanup);

it('shows what failed instead of a blank pane, and can try again', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the error too
  let fail = true;
  function Fragile() {
    if (fail) throw new Error('band 2 has no colour');
    return <p>recovered</p>;
  }
  render(
    <>
      <p>the rest of the pane</p>
      <ErrorBoundary what="model editor">
        <Fragile />
      </ErrorBoundary>
    </>,
  );
  expect(screen.getByRole('alert').textContent).toMatch(/model editor could not be shown: band 2 has no colour/);
  expect(screen.getByText('the rest of the pane')).toBeTruthy();
  fail = false;
  await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
  expect(screen.getByText('recovered')).toBeTruthy();
});
