/**
 * End to end in real headless Chromium (see test/e2e/chromium.ts; driven by playwright-core):
 * the production bundle served over http, opened as a plain web page, so the pane runs its
 * browser preview on the in-memory workbook with the example leads.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callList, compile, describeAccounts, describeCallList, diffScores, parseModel, rollUpAccounts, type CompiledModel, type ScoredRows } from '../../src/engine';
import { changeHeadline } from '../../src/insights/changeReport';
import { backtest, priorityConversion } from '../../src/insights';
import { generateLeads } from '../../src/sample-data/generateLeads';
import { openPaneBrowser, RESULTS, ROOT, type PaneBrowser } from './browser';

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

/** The curated screenshots the README shows, rewritten from this run when LEADSCORE_DOCS_IMAGES=1. */
const DOCS_IMAGES = path.join(ROOT, 'docs/images');
const CURATED: Record<string, string> = {
  'light-2-rules': 'pane-rules.png', 'dark-3-editor': 'pane-editor-dark.png', 'dark-4-problem': 'pane-problem-dark.png',
  'light-5-lead': 'pane-lead.png', 'light-7-insights': 'pane-insights.png',
  'light-7-priority': 'pane-priority.png', 'dark-7-priority': 'pane-priority-dark.png',
  'light-6-call-list': 'pane-call-list.png', 'dark-6-call-list': 'pane-call-list-dark.png',
  'light-6-accounts': 'pane-accounts.png', 'dark-6-accounts': 'pane-accounts-dark.png',
  'light-6-what-changed': 'pane-what-changed.png', 'dark-6-what-changed': 'pane-what-changed-dark.png',
  'light-8-unreadable-sheet': 'pane-unreadable-sheet.png', 'dark-8-replace-sheet': 'pane-replace-sheet-dark.png',
};

/** The pane as Excel shows it: a 350 px column, the full height of the window. */
async function shoot(page: Page, scheme: string, step: string, what = page.locator('.pane-root')): Promise<void> {
  const name = `${scheme}-${step}`;
  const file = path.join(RESULTS, `pane-${name}.png`);
  await what.screenshot({ path: file });
  const curated = CURATED[name];
  if (curated !== undefined && process.env.LEADSCORE_DOCS_IMAGES === '1') {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    copyFileSync(file, path.join(DOCS_IMAGES, curated));
  }
}

describe('the pane in a browser', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the analyst's loop at 350 px (${scheme}): template, edit, a problem, undo, apply, a lead, out of date, insights`, async () => {
      const started = Date.now();
      const page = await context.newPage();
      await page.setViewportSize({ width: 1100, height: 760 });
      await page.emulateMedia({ colorScheme: scheme });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/taskpane.html`);
      await page.getByRole('heading', { name: 'Lead Scoring', exact: true }).waitFor();
      await page.getByText(/^Preview with example leads/).waitFor();
      const gotIt = page.getByRole('button', { name: 'Got it' });
      if (await gotIt.isVisible()) await gotIt.click();
      expect(await page.locator('.pane-root').evaluate((el) => el.getBoundingClientRect().width)).toBe(350);
      await shoot(page, scheme, '1-start');

      await page.getByRole('button', { name: /^Model menu/ }).click();
      await page.getByRole('menuitem', { name: 'Weighted B2B' }).click();
      await page.getByRole('heading', { name: /^Model: Weighted B2B/ }).waitFor();
      // Compact rules: fourteen rules fit in about two screens, not 7,000 px.
      const listHeight = await page.locator('.model-editor').evaluate((el) => el.scrollHeight);
      expect(listHeight).toBeLessThan(900);
      await shoot(page, scheme, '2-rules');

      // A new fit criterion opens on a useful column; it becomes "Industry is one of ..." at -7.5.
      await page.getByRole('button', { name: /Add fit criterion/ }).click();
      const added = page.getByRole('region', { name: /^Fit/ }).getByRole('listitem', { name: /^Criterion \d+:/ }).last();
      expect(await added.getByLabel('Column', { exact: true }).inputValue()).not.toBe('Lead ID');
      await added.getByLabel('Column', { exact: true }).selectOption('Industry');
      await added.getByRole('group', { name: /Values found in Industry/ }).getByRole('button').first().click();
      await fill(page, added.getByLabel(/^Points/), '-7.5');
      // A weight changed in place on the first rule's line.
      await fill(page, page.getByRole('listitem', { name: /^Criterion 1:/ }).getByLabel(/^Points/), '33');
      await shoot(page, scheme, '3-editor');
      // No horizontal overflow anywhere in the pane.
      expect(await page.locator('.pane-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);

      // A model with a mistyped column replaces the edited one only after asking; its problem
      // sits on the rule, with the nearest column offered; the footer keeps the last good counts.
      const before = await page.getByRole('list', { name: 'Leads per band' }).textContent();
      await page.getByRole('button', { name: /^Model menu/ }).click();
      await page.getByRole('menuitem', { name: 'Paste or copy JSON…' }).click();
      const json = page.getByLabel('Model JSON', { exact: true });
      const typo = JSON.parse(await json.inputValue()) as { name: string; criteria: { field: string }[] };
      typo.name = 'Typo model';
      typo.criteria[0]!.field = 'Industy';
      await json.fill(JSON.stringify(typo));
      await page.getByRole('button', { name: 'Import JSON' }).click();
      await page.getByRole('dialog', { name: 'Replace the model you edited?' }).waitFor();
      await shoot(page, scheme, '4-confirm');
      await page.getByRole('button', { name: 'Replace', exact: true }).click();
      await page.getByRole('button', { name: "Use 'Industry'" }).waitFor();
      expect(await page.locator('#apply-why').textContent()).toBe('Fix 1 problem in the model to Apply.');
      expect(await page.getByRole('list', { name: 'Leads per band' }).textContent()).toBe(before);
      expect(await page.locator('.pane-footer').getAttribute('class')).toContain('stale');
      await shoot(page, scheme, '4-problem');
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('heading', { name: /^Model: Weighted B2B/ }).waitFor();
      await page.getByRole('button', { name: 'Dismiss the message' }).click();

      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.locator('#apply-why').filter({ hasText: /Scored 500 leads/ }).waitFor();
      await page.locator('table.leads th', { hasText: /^Band$/ }).waitFor();

      // The model as the pane holds it, scored independently here over the same example leads.
      await page.getByRole('button', { name: /^Model menu/ }).click();
      await page.getByRole('menuitem', { name: 'Paste or copy JSON…' }).click();
      const parsed = parseModel(JSON.parse(await page.getByLabel('Model JSON', { exact: true }).inputValue()));
      await page.getByRole('button', { name: 'Close' }).click();
      if (!parsed.ok) throw new Error(`exported model does not parse: ${JSON.stringify(parsed.problems)}`);
      const m = parsed.value;
      expect(m.criteria[0]?.points).toBe(33);
      expect(m.criteria.filter((c) => c.group === 'fit').at(-1)).toMatchObject({ group: 'fit', field: 'Industry', points: -7.5 });
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
      expect(bandsSeen.size).toBeGreaterThan(1);

      // The live counts in the footer agree with the scores written to the sheet.
      const counts = await page.getByRole('list', { name: 'Leads per band' }).locator('li').evaluateAll((lis) =>
        Object.fromEntries(lis.map((li) => [li.querySelector('.swatch')?.textContent ?? '', Number(li.querySelector('.count')?.textContent)])));
      const expectedCounts: Record<string, number> = Object.fromEntries(compiled.value.bands.map((b) => [b.name, 0]));
      for (let i = 0; i < expected.count; i++) {
        const name = compiled.value.bands[expected.bandIndex[i] ?? 0]?.name ?? '';
        expectedCounts[name] = (expectedCounts[name] ?? 0) + 1;
      }
      expect(counts).toEqual(expectedCounts);

      // Selecting sheet row 4 (the third lead) pins that lead at the top, by name and real row.
      await page.getByRole('button', { name: 'Select row 4', exact: true }).focus();
      await page.keyboard.press('Enter');
      const card = page.locator('.lead-card');
      await card.waitFor();
      const first = String(leads.rows[2]?.[leads.headers.indexOf('First Name')] ?? '');
      expect(await card.getByRole('heading').textContent()).toContain(first);
      expect(await card.textContent()).toContain('row 4');
      expect(await card.locator('.lead-score').getAttribute('aria-label')).toMatch(new RegExp(`^Score ${expected.scores[2]}, `));
      await shoot(page, scheme, '5-lead');

      // A weight changed after applying static values: the pane says the sheet is out of date.
      await fill(page, page.getByRole('listitem', { name: /^Criterion 1:/ }).getByLabel(/^Points/), '20');
      await page.locator('#apply-why').filter({ hasText: 'Scores in the sheet are out of date: Apply again.' }).waitFor();
      await page.getByRole('tab', { name: /^Apply/ }).click();
      await page.getByTestId('applied-info').filter({ hasText: /Out of date: Apply again/ }).waitFor();
      await shoot(page, scheme, '6-out-of-date');

      // The call list on the Apply tab: the same leads, in the same order, as the engine lists them for the edited model.
      const edited = { ...m, criteria: m.criteria.map((c, i) => (i === 0 ? { ...c, points: 20 } : c)) };
      const editedCompiled = compile(edited, leads.headers, { today: new Date() });
      if (!editedCompiled.ok) throw new Error('the edited model does not compile');
      const calls = callList(editedCompiled.value, leads.rows, { top: 25 });
      const callSection = page.getByRole('region', { name: 'Call list' });
      // The pinned lead closed, and the section at the top of the pane's body, for the picture.
      await page.getByRole('button', { name: 'Close the selected lead' }).click();
      expect(await callSection.getByTestId('call-list-summary').textContent()).toBe(describeCallList(calls));
      const firstCall = calls.entries[0];
      const shownCalls = await callSection.getByRole('listitem').allTextContents();
      expect(shownCalls).toHaveLength(5);
      expect(shownCalls[0]).toContain(`${firstCall?.priority}${firstCall?.contact.name}`);
      expect(shownCalls[0]).toContain(firstCall?.reasons[0]?.text ?? '?');
      await callSection.getByRole('button', { name: 'Write the Call list sheet' }).click();
      await callSection.getByRole('status').filter({ hasText: /^Wrote the Call list sheet: The top 25 of/ }).waitFor();
      expect(await page.locator('.pane-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      // Clicking scrolled the button into view: the section's heading back at the top, for the picture.
      await callSection.getByRole('heading', { name: 'Call list' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, scheme, '6-call-list');

      // Accounts on the Apply tab: the engine's rollup of the same leads, the best five shown, the sheet written.
      const rolled = rollUpAccounts(editedCompiled.value, leads.rows);
      if (!rolled.ok) throw new Error('the example leads do not roll up');
      const accountSection = page.getByRole('region', { name: 'Accounts' });
      expect(await accountSection.getByTestId('accounts-summary').textContent()).toBe(describeAccounts(rolled.value));
      const shownAccounts = await accountSection.getByRole('listitem').allTextContents();
      expect(shownAccounts).toHaveLength(5);
      expect(shownAccounts[0]).toContain(`${rolled.value.accounts[0]?.name}`);
      await accountSection.getByRole('button', { name: 'Write the Accounts sheet' }).click();
      await accountSection.getByRole('status').filter({ hasText: /^Wrote the Accounts sheet: \d+ accounts from/ }).waitFor();
      expect(await page.locator('.pane-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await accountSection.getByRole('heading', { name: 'Accounts' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, scheme, '6-accounts');

      // Apply again after the weight change: the report of what changed since the first Apply,
      // worked out here by the engine from both models' scores, matched by the Lead ID column.
      const localToday = (d = new Date()): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const asLeads = (c: CompiledModel, rows: ScoredRows) =>
        leads.rows.map((r, i) => ({ id: r[leads.headers.indexOf('Lead ID')], score: Math.round((rows.scores[i] ?? 0) * 100) / 100, band: c.bands[rows.bandIndex[i] ?? 0]?.name ?? '', row: i + 2 }));
      const change = { today: localToday(), idColumn: 'Lead ID', model: m.name };
      const firstApply = diffScores(null, asLeads(compiled.value, expected), compiled.value.bands, change);
      const secondApply = diffScores(firstApply.snapshot, asLeads(editedCompiled.value, editedCompiled.value.scoreRows(leads.rows)), editedCompiled.value.bands, change);
      expect(secondApply.summary.movedCount).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      const report = page.getByTestId('change-report');
      await report.locator('.change-headline').waitFor();
      expect(await report.locator('.change-headline').textContent()).toBe(changeHeadline(secondApply.summary));
      // The moved leads grouped as the headline counts them (up into the highest band first, then
      // down into the lowest), at most three listed per group.
      const entered = secondApply.summary.entered;
      const groups = [
        ...entered.filter((b) => b.up > 0).map((b) => [`Became ${b.band}`, b.up] as const),
        ...[...entered].reverse().filter((b) => b.down > 0).map((b) => [`Dropped to ${b.band}`, b.down] as const),
      ];
      expect(await report.getByRole('heading', { level: 4 }).allTextContents()).toEqual(groups.map(([title, n]) => `${title}: ${n.toLocaleString('en-US')} lead${n === 1 ? '' : 's'}`));
      expect(await report.locator('.change-moves li').count()).toBe(groups.reduce((sum, [, n]) => sum + Math.min(3, n), 0));
      expect(await page.locator('.pane-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await report.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, scheme, '6-what-changed');

      // Insights: plain words first, then the figures, all within the pane's width.
      await page.getByRole('tab', { name: 'Insights' }).click();
      await page.getByRole('button', { name: 'Show insights' }).click();
      const insights = page.getByRole('region', { name: 'Insights' });
      const aucText = await insights.getByText(/^AUC \d\.\d{3}:/).textContent();
      const bt = backtest({ ...m, criteria: m.criteria.map((c, i) => (i === 0 ? { ...c, points: 20 } : c)) }, leads.headers, leads.rows, 'Converted', { today: new Date() });
      if (!bt.ok) throw new Error('the backtest failed');
      expect(aucText).toContain(`AUC ${bt.value.auc.toFixed(3)}:`);
      expect(await page.locator('.pane-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await insights.getByRole('heading', { name: 'Insights' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, scheme, '7-insights');

      // Who to call first: every cell's leads and conversion as the engine counts them, a cell's action rewritten in place.
      const edited7 = { ...m, criteria: m.criteria.map((c, i) => (i === 0 ? { ...c, points: 20 } : c)) };
      const matrix = priorityConversion(edited7, leads.headers, leads.rows, { outcome: 'Converted', today: new Date() });
      if (!matrix.ok) throw new Error('the priority matrix failed');
      const priorityGrid = page.getByRole('table', { name: /^Priority matrix/ });
      const shownCells = (await priorityGrid.getByRole('button').allTextContents()).map((t) => t.trim());
      expect(shownCells).toEqual(matrix.value.cells.map((c) => `${c.leads}${c.rate === null ? '' : c.fewOutcomes ? `${c.converted}/${c.withOutcome}` : `${(c.rate * 100).toFixed(0)}%`}`.trim()));
      // The best-fitting cell that holds the most leads: where a team would tune its playbook first.
      const busiest = [...matrix.value.cells].filter((c) => c.grade === 'A' || c.grade === 'B').sort((a, b) => b.leads - a.leads)[0];
      await priorityGrid.getByRole('button', { name: new RegExp(`^${busiest?.priority}:`) }).click();
      const action = page.getByLabel(`Recommended action for ${busiest?.priority}`);
      expect(await action.inputValue()).toBe(busiest?.action);
      await fill(page, action, 'Send the case study; call in a week');
      await priorityGrid.getByRole('button', { name: new RegExp(`^${busiest?.priority}: .*Action: Send the case study; call in a week$`) }).waitFor();
      expect(await page.locator('.pane-body').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await page.getByRole('heading', { name: 'Who to call first' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, scheme, '7-priority');

      expect(errors).toEqual([]);
      console.log(`e2e flow (${scheme}): ${((Date.now() - started) / 1000).toFixed(1)} s in Chromium`);
      await page.close();
    }, 180_000);
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`a Lead Scoring sheet with a typo at 350 px (${scheme}): the located problem, what could be read, nothing saved until a confirmed replace`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1100, height: 760 });
      await page.emulateMedia({ colorScheme: scheme });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/taskpane.html?example=sheet-typo`);
      const banner = page.getByRole('region', { name: 'The Lead Scoring sheet could not be read' });
      await banner.waitFor();
      const gotIt = page.getByRole('button', { name: 'Got it' });
      if (await gotIt.isVisible()) await gotIt.click();
      expect(await banner.textContent()).toContain("'Lead Scoring'!F4");
      expect(await banner.textContent()).toContain('left out: criteria row 1');
      expect(await page.locator('#apply-why').textContent()).toContain('cannot be read');
      expect(await page.locator('.pane-root').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await shoot(page, scheme, '8-unreadable-sheet');
      await banner.getByRole('button', { name: 'Replace the sheet with this model…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Replace the Lead Scoring sheet?' });
      await dialog.waitFor();
      // The modal dialog sits in the page's top layer, not inside the pane's box.
      await shoot(page, scheme, '8-replace-sheet', dialog);
      await dialog.getByRole('button', { name: 'Replace the sheet', exact: true }).click();
      await page.getByText("The Lead Scoring sheet now holds 'Weighted B2B'.").waitFor();
      expect(await banner.count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('shows the live counts for 10,000 leads soon after a keystroke (printed, not asserted)', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/taskpane.html?leads=10000`);
    await page.getByRole('heading', { name: /^Live preview \(10000 leads\)/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Model menu/ }).click();
    await page.getByRole('menuitem', { name: 'Weighted B2B' }).click();
    await page.getByRole('heading', { name: /^Model: Weighted B2B/ }).waitFor();
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
