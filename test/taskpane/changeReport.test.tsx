// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, diffScores } from '../../src/engine';
import { ChangeReport } from '../../src/taskpane/ChangeReport';

afterEach(cleanup);

const options = { today: '2026-11-26', idColumn: 'Email', model: 'm' };

describe('the change report after Apply', () => {
  it('gives the headline, one line per lead that moved band, and what was not compared', () => {
    const last = { scoredOn: '2026-11-18', idColumn: 'Email', model: 'm', leads: [{ id: 'a@x.com', score: 30, band: 'Warm', bandSince: null }, { id: 'gone@x.com', score: 5, band: 'Cold', bandSince: null }] };
    const { summary } = diffScores(last, [{ id: 'a@x.com', score: 62, band: 'Hot', row: 2 }, { id: '', score: 0, band: 'Cold', row: 3 }], DEFAULT_BANDS, options);
    render(<ChangeReport change={{ kind: 'tracked', idColumn: 'Email', summary, warnings: [] }} />);
    const report = screen.getByRole('region', { name: 'What changed' });
    expect(within(report).getByText('1 lead became Hot since 18 Nov')).toBeTruthy();
    expect(within(report).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'a@x.comrow 2Warm to Hot+32',
      "1 lead of the last scoring is no longer in the table (by Email): 'gone@x.com'",
      '1 lead without Email gets no Change or Band since (row 3)',
    ]);
  });

  it('says why there is no Change column', () => {
    render(<ChangeReport change={{ kind: 'untracked', reason: "the lead table has no ID column 'CRM key'" }} />);
    expect(screen.getByRole('region', { name: 'What changed' }).textContent).toContain("No Change column: the lead table has no ID column 'CRM key'.");
  });
});
