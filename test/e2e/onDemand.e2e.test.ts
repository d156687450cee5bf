/**
 * The parts of the pane that load on demand (webpack chunks, src/taskpane/OnDemand.tsx), in
 * real headless Chromium on the production bundle: a chunk that is slow shows a loading line, a
 * chunk that does not arrive shows a message with Try again (never a blank tab), and the chunks
 * load relative to the page, so dist/ can be hosted in a subfolder (a production manifest's
 * hosting address need not be a site's root). Also prints the time to the pane's first paint.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, openPaneBrowser, type PaneBrowser } from './browser';

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

const CHUNK = (name: string) => new RegExp(`/${name}\\.[0-9a-f]{8}\\.js$`);

async function openPane(page: Page, url = `${baseUrl}/taskpane.html`): Promise<void> {
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(url);
  await page.getByRole('heading', { name: 'Lead Scoring', exact: true }).waitFor();
  const gotIt = page.getByRole('button', { name: 'Got it' });
  if (await gotIt.isVisible()) await gotIt.click();
}

describe('parts of the pane loaded on demand', () => {
  it('Insights: a loading line while its chunk comes, a message with Try again when it does not, then the view', async () => {
    const page = await context.newPage();
    // The first request for the chunk waits until released, then fails; later ones pass.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let requests = 0;
    await page.route(CHUNK('insights'), async (route: Route) => {
      requests += 1;
      if (requests > 1) return route.continue();
      await held;
      return route.abort('connectionfailed');
    });
    await openPane(page);
    await page.getByRole('tab', { name: 'Insights' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Insights' });
    await panel.getByRole('status').filter({ hasText: 'Loading the insights…' }).waitFor();
    release();
    const alert = panel.getByRole('alert').filter({ hasText: /^The insights could not be loaded: the add-in's files did not arrive\. Check the connection, then try again; if it still fails, close and reopen the pane\./ });
    await alert.waitFor();
    // The rest of the pane carries on: the model tab still works.
    await page.getByRole('tab', { name: /^Model/ }).click();
    await page.getByRole('button', { name: /^Model menu/ }).waitFor();
    await page.getByRole('tab', { name: 'Insights' }).click();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await panel.getByRole('button', { name: 'Show insights' }).waitFor();
    expect(await alert.count()).toBe(0);
    expect(requests).toBe(2);
    await page.close();
  });

  it('the JSON reader: an Import whose reader does not arrive keeps the text and says so; Import again reads it', async () => {
    const page = await context.newPage();
    let refuse = true;
    await page.route(CHUNK('model-json'), (route: Route) => (refuse ? route.abort('connectionfailed') : route.continue()));
    await openPane(page);
    await page.getByRole('button', { name: /^Model menu/ }).click();
    await page.getByRole('menuitem', { name: 'Paste or copy JSON…' }).click();
    const box = page.getByLabel('Model JSON', { exact: true });
    const model = JSON.parse(await box.inputValue()) as { name: string };
    model.name = 'Imported after a retry';
    const text = JSON.stringify(model);
    await box.fill(text);
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await page.getByRole('dialog').getByText(/the JSON reader could not be loaded/).waitFor();
    expect(await box.inputValue()).toBe(text);
    refuse = false;
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await page.getByRole('heading', { name: /^Model: Imported after a retry/ }).waitFor();
    await page.close();
  });

  it('loads its chunks beside the page when dist/ is hosted in a subfolder', async () => {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.js') && request.url().startsWith(baseUrl)) scripts.push(request.url().slice(baseUrl.length));
    });
    // /addin/<file> serves dist/<file>; the root serves nothing for this page.
    await page.route(`${baseUrl}/**`, async (route: Route) => {
      const url = new URL(route.request().url());
      const file = path.join(DIST, path.normalize(url.pathname.replace(/^\/addin\//, '/')));
      if (!url.pathname.startsWith('/addin/') || !file.startsWith(DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ path: file });
    });
    await openPane(page, `${baseUrl}/addin/taskpane.html`);
    await page.getByRole('tab', { name: /^Apply/ }).click();
    await page.getByRole('region', { name: 'Call list' }).getByRole('heading', { name: 'Call list' }).waitFor();
    await page.getByRole('region', { name: 'Accounts' }).getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.getByRole('tab', { name: 'Insights' }).click();
    await page.getByRole('button', { name: 'Show insights' }).waitFor();
    expect(scripts.filter((s) => !s.startsWith('/addin/'))).toEqual([]);
    for (const chunk of ['preview', 'call-list', 'accounts', 'insights']) expect(scripts.some((s) => CHUNK(chunk).test(s))).toBe(true);
    await page.close();
  });

  it('prints the time to the first paint and to the model editor (figures, not a limit)', async () => {
    const page = await context.newPage();
    const started = Date.now();
    await openPane(page);
    await page.getByRole('button', { name: /^Model menu/ }).waitFor();
    const toEditor = Date.now() - started;
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    const scriptKb = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js') && r.name.startsWith(location.origin)).map((r) => `${r.name.split('/').pop()}`),
    );
    console.log(`first paint in Chromium: first contentful paint ${paint === null ? 'n/a' : `${paint.toFixed(0)} ms`}, model menu ready ${toEditor} ms after navigation; scripts: ${scriptKb.join(', ')}`);
    expect(scriptKb).toContain('taskpane.js');
    await page.close();
  });
});
