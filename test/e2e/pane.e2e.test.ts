/**
 * End to end in real headless Chromium (see test/e2e/chromium.ts; driven by playwright-core):
 * the production bundle served over http, opened as a plain web page, so the pane runs its
 * browser preview on the in-memory workbook with the example leads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, parseModel } from '../../src/engine';
import { backtest } from '../../src/insights';
import { generateLeads } from '../../src/sample-data/generateLeads';
import { DIST, openPaneBrowser, RESULTS, type PaneBrowser } from './browser';

const BUDGET_KB = 250;

let browser: PaneBrowser | undefined;
let baseUrl = '';
let context: BrowserContext;

beforeAll(async () => {
  browser = await openPaneBrowser();
  ({ baseUrl, context } = browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the pane in a browser', () => {
  it('keeps the production bundle within its size budget', () => {
    const kb = gzipSync(readFileSync(path.join(DIST, 'taskpane.js')), { level: 9 }).length / 1024;
    console.log(`bundle: dist/taskpane.js ${kb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
    expect(kb).toBeLessThanOrEqual(BUDGET_KB);
  });

  it('starts from a template, adds a criterion, changes a weight, applies, and the sheet shows the scores, bands and colours', async () => {
    const started = Date.now();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/taskpane.html`);
    await page.getByRole('heading', { name: 'Lead Scoring', exact: true }).waitFor();
    await page.getByText(/Browser preview/).waitFor();
    await page.getByRole('button', { name: 'Got it' }).click();

    await page.getByLabel('Template').selectOption('weighted-b2b');
    await page.getByRole('button', { name: 'Use template' }).click();
    await page.getByRole('heading', { name: /^Model: Weighted B2B/ }).waitFor();

    // A new fit criterion: Industry is one of the industries the data suggests.
    await page.getByRole('button', { name: 'Add fit criterion' }).click();
    const added = page.getByRole('region', { name: /^Fit/ }).getByRole('listitem', { name: /^Criterion \d+:/ }).last();
    await added.getByLabel('Column', { exact: true }).selectOption('Industry');
    await added.getByRole('group', { name: /Values found in Industry/ }).getByRole('button').first().click();
    await fill(page, added.getByLabel(/^Points/), '-7.5');

    // A weight changed on the template's first criterion.
    const first = page.getByRole('listitem', { name: /^Criterion 1:/ });
    await fill(page, first.getByLabel(/^Points/), '33');
    await page.screenshot({ path: path.join(RESULTS, 'pane-edited.png'), fullPage: true });

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /Scored 500 leads/ }).waitFor();
    await page.locator('table.leads th', { hasText: 'Band' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'pane-applied.png'), fullPage: true });
    // The first screen, with the grid scrolled to its right edge where Score and Band are.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      const grid = document.querySelector('.grid-scroll');
      if (grid !== null) grid.scrollLeft = grid.scrollWidth;
    });
    await page.screenshot({ path: path.join(RESULTS, 'pane-applied-top.png') });

    // The model as the pane holds it, scored independently here over the same example leads.
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const parsed = parseModel(JSON.parse(await page.getByLabel('Model JSON').inputValue()));
    if (!parsed.ok) throw new Error(`exported model does not parse: ${JSON.stringify(parsed.problems)}`);
    const m = parsed.value;
    expect(m.criteria[0]?.points).toBe(33);
    expect(m.criteria.at(-1)).toMatchObject({ group: 'fit', field: 'Industry', points: -7.5 });
    const leads = generateLeads({ count: 500, seed: 2026, asOf: '2026-11-01' });
    const compiled = compile(m, leads.headers, { today: new Date() });
    if (!compiled.ok) throw new Error('the model does not compile');
    const expected = compiled.value.scoreRows(leads.rows);

    const grid = await page.locator('table.leads').evaluate((table) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
      const score = heads.indexOf('Score');
      const band = heads.indexOf('Band');
      return [...table.querySelectorAll('tbody tr')].map((tr) => {
        const cells = tr.children;
        return { score: cells[score]?.textContent ?? '', band: cells[band]?.textContent ?? '', fill: cells[band]?.getAttribute('data-fill') ?? null };
      });
    });
    expect(grid.length).toBe(100);
    const bandsSeen = new Set<string>();
    grid.forEach((row, i) => {
      const band = compiled.value.bands[expected.bandIndex[i] ?? 0];
      expect(Number(row.score)).toBeCloseTo(expected.scores[i] ?? NaN, 2);
      expect(row.band).toBe(band?.name);
      expect(row.fill?.toUpperCase()).toBe(band?.color.toUpperCase());
      bandsSeen.add(row.band);
    });
    expect(bandsSeen.size).toBeGreaterThan(1); // the check covers more than one colour

    // The live counts in the pane agree with the scores written to the sheet.
    const counts = await page.getByRole('list', { name: 'Leads per band' }).locator('li').evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.querySelector('.swatch')?.textContent ?? '', Number(li.querySelector('.count')?.textContent)])));
    const expectedCounts: Record<string, number> = Object.fromEntries(compiled.value.bands.map((b) => [b.name, 0]));
    for (let i = 0; i < expected.count; i++) {
      const name = compiled.value.bands[expected.bandIndex[i] ?? 0]?.name ?? '';
      expectedCounts[name] = (expectedCounts[name] ?? 0) + 1;
    }
    expect(counts).toEqual(expectedCounts);

    // Selecting a row in the sheet (by keyboard here) makes the pane explain that lead.
    await page.getByRole('button', { name: 'Select row 4', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Row 3: score/).waitFor();
    expect(await page.getByText(/^Row 3: score/).textContent()).toContain(`score ${expected.scores[2]}`);

    // Insights: the backtest of the same model against the example leads' Converted column.
    await page.getByRole('button', { name: 'Show insights' }).click();
    const insights = page.getByRole('region', { name: 'Insights' });
    const aucText = await insights.getByText(/^AUC \d\.\d{3}:/).textContent();
    const bt = backtest(m, leads.headers, leads.rows, 'Converted', { today: new Date() });
    if (!bt.ok) throw new Error('the backtest failed');
    expect(aucText).toContain(`AUC ${bt.value.auc.toFixed(3)}:`);
    await insights.screenshot({ path: path.join(RESULTS, 'pane-insights.png') });

    expect(errors).toEqual([]);
    console.log(`e2e flow: ${((Date.now() - started) / 1000).toFixed(1)} s in Chromium`);
    await page.close();
  }, 120_000);

  it('shows the live counts for 10,000 leads soon after a keystroke (printed, not asserted)', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/taskpane.html?leads=10000`);
    await page.getByRole('heading', { name: /^Live preview \(10000 leads\)/ }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Template').selectOption('weighted-b2b');
    await page.getByRole('button', { name: 'Use template' }).click();
    const before = await page.getByRole('list', { name: 'Leads per band' }).textContent();
    const points = page.getByRole('listitem', { name: /^Criterion 1:/ }).getByLabel(/^Points/);
    await points.click();
    await page.keyboard.press('ControlOrMeta+A');
    // Time from the keystroke's keydown to the band counts changing on the page.
    await page.evaluate(() => {
      const w = window as unknown as { keyAt?: number; shownAt?: number };
      document.addEventListener('keydown', () => { w.keyAt = performance.now(); }, { once: true, capture: true });
      const list = document.querySelector('.band-counts');
      if (list === null) throw new Error('no band counts on the page');
      new MutationObserver((_, observer) => { w.shownAt = performance.now(); observer.disconnect(); }).observe(list, { subtree: true, characterData: true, childList: true });
    });
    await page.keyboard.type('9');
    await page.waitForFunction(() => (window as unknown as { shownAt?: number }).shownAt !== undefined);
    const ms = await page.evaluate(() => {
      const w = window as unknown as { keyAt?: number; shownAt?: number };
      return (w.shownAt ?? NaN) - (w.keyAt ?? NaN);
    });
    console.log(`e2e live feedback: 10,000 leads, keystroke to new band counts on the page in ${ms.toFixed(0)} ms`);
    expect(await page.getByRole('list', { name: 'Leads per band' }).textContent()).not.toBe(before);
    await page.close();
  }, 120_000);
});

/** Replaces a text box's content the way a person does: select all, type. */
async function fill(page: Page, box: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await box.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}
