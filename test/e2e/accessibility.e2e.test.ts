/**
 * Accessibility of the pane in real headless Chromium (issue 4): axe-core's WCAG 2 A/AA rules in the
 * light and the dark theme (outside Office the pane follows prefers-color-scheme), and the keyboard:
 * Tab from the top reaches the controls a user needs, and every focusable control has a name.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaneBrowser, RESULTS, type PaneBrowser } from './browser';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; targets: string[] }

let browser: PaneBrowser | undefined;

beforeAll(async () => {
  browser = await openPaneBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** The pane with the first-run notice still shown, then a template applied so the sheet has band fills. */
async function openPane(scheme: 'light' | 'dark'): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`${browser.baseUrl}/taskpane.html`);
  await page.getByRole('heading', { name: 'Lead Scoring', exact: true }).waitFor();
  await page.locator('table.leads').waitFor();
  return page;
}

async function applyTemplate(page: Page): Promise<void> {
  await useTemplate(page);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.locator('#apply-why').filter({ hasText: /Scored 500 leads/ }).waitFor();
}

async function useTemplate(page: Page): Promise<void> {
  // The first-run notice shows once per browser profile.
  const gotIt = page.getByRole('button', { name: 'Got it' });
  if (await gotIt.isVisible()) await gotIt.click();
  await page.getByRole('button', { name: /^Model menu/ }).click();
  await page.getByRole('menuitem', { name: 'Weighted B2B' }).click();
  await page.getByRole('heading', { name: /^Model: Weighted B2B/ }).waitFor();
}

async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe.run;
    // Fluent's focus manager (Tabster) puts two aria-hidden focus sentinels on <body>; focus never
    // rests on them (it moves straight on; the keyboard test below checks that), so they are left out.
    const result = await run({ exclude: [['[data-tabster-dummy]']] } as unknown as Document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

function report(label: string, violations: Violation[]): void {
  for (const v of violations) {
    console.log(`axe ${label}: ${v.id} (${v.impact ?? 'no impact'}) ${v.help}; ${v.targets.length} node(s): ${v.targets.slice(0, 8).join(' ')}${v.targets.length > 8 ? ' ...' : ''}`);
  }
}

describe('the pane is accessible', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`meets WCAG 2.1 A/AA (axe-core) in the ${scheme} theme, before and after applying a model`, async () => {
      const started = Date.now();
      const page = await openPane(scheme);
      // The theme really is the one asked for: the pane's background follows the colour scheme.
      const background = await page.locator('.pane-root').evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r = NaN, g = NaN, b = NaN] = (background.match(/\d+/g) ?? []).map(Number);
      expect((r + g + b) / 3 < 128).toBe(scheme === 'dark');

      const first = await axe(page);
      report(`${scheme}, first run`, first);
      await applyTemplate(page);
      const applied = await axe(page);
      report(`${scheme}, model applied`, applied);
      await page.screenshot({ path: path.join(RESULTS, `a11y-${scheme}.png`), fullPage: true });
      // Who to call first: the priority matrix with conversion per cell, one cell's action open.
      await page.getByRole('tab', { name: 'Insights' }).click();
      await page.getByRole('button', { name: 'Show insights' }).click();
      await page.getByRole('table', { name: /^Priority matrix/ }).getByRole('button', { name: /^B1:/ }).click();
      await page.getByLabel('Recommended action for B1').waitFor();
      const matrix = await axe(page);
      report(`${scheme}, priority matrix`, matrix);
      expect(first.map((v) => v.id)).toEqual([]);
      expect(applied.map((v) => v.id)).toEqual([]);
      expect(matrix.map((v) => v.id)).toEqual([]);
      console.log(`a11y ${scheme}: ${((Date.now() - started) / 1000).toFixed(1)} s in Chromium`);
      await page.close();
    }, 120_000);
  }

  it('is usable by keyboard: Tab from the top reaches Apply and the first Points field, and every focusable control has a name', async () => {
    const page = await openPane('light');
    await useTemplate(page);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const pointsId = await page.getByRole('listitem', { name: /^Criterion 1:/ }).getByLabel(/^Points/).evaluate((el) => {
      el.setAttribute('data-a11y-target', 'points');
      return true;
    });
    expect(pointsId).toBe(true);
    await page.getByRole('button', { name: 'Apply', exact: true }).evaluate((el) => el.setAttribute('data-a11y-target', 'apply'));

    const reached = new Set<string>();
    let restedOnSentinel = 0;
    for (let i = 0; i < 400 && reached.size < 2; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => ({ target: document.activeElement?.getAttribute('data-a11y-target') ?? null, sentinel: document.activeElement?.hasAttribute('data-tabster-dummy') ?? false }));
      if (at.target !== null) reached.add(at.target);
      if (at.sentinel) restedOnSentinel++;
    }
    expect([...reached].sort()).toEqual(['apply', 'points']);
    expect(restedOnSentinel).toBe(0);

    // Every control the keyboard can reach has a name a screen reader can announce.
    const unnamed = await page.evaluate(() => {
      const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
        .filter((el) => !el.hasAttribute('disabled') && !el.hasAttribute('data-tabster-dummy') && el.tabIndex >= 0 && el.getClientRects().length > 0 && (el as HTMLInputElement).type !== 'hidden');
      const text = (id: string) => document.getElementById(id)?.textContent?.trim() ?? '';
      const nameOf = (el: HTMLElement): string => {
        const by = el.getAttribute('aria-labelledby');
        if (by !== null) return by.split(/\s+/).map(text).join(' ').trim();
        const label = el.getAttribute('aria-label');
        if (label !== null && label.trim() !== '') return label.trim();
        const labels = (el as HTMLInputElement).labels;
        if (labels !== undefined && labels !== null && labels.length > 0) return [...labels].map((l) => l.textContent ?? '').join(' ').trim();
        if (el.title.trim() !== '') return el.title.trim();
        if (el.tagName === 'BUTTON' || el.tagName === 'A') return el.textContent?.trim() ?? '';
        return '';
      };
      return { count: focusable.length, unnamed: focusable.filter((el) => nameOf(el) === '').map((el) => el.outerHTML.slice(0, 160)) };
    });
    console.log(`keyboard: ${unnamed.count} focusable controls, ${unnamed.unnamed.length} without a name`);
    expect(unnamed.count).toBeGreaterThan(20);
    expect(unnamed.unnamed).toEqual([]);
    await page.close();
  }, 120_000);
});
