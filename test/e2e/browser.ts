/**
 * Shared e2e setup: the production bundle (built by the e2e global setup, test/e2e/bundle.ts)
 * served over http on 127.0.0.1, and headless Chromium (test/e2e/chromium.ts) driven by
 * playwright-core, offline. Office.js's CDN is answered from the npm package
 * @microsoft/office-js (Microsoft's office.js and the files it loads), so the pages run with the
 * real library outside a host, and any error a page raises is collected and fails the tests.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumForTests, CHROMIUM_PATH_HINT } from './chromium';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const RESULTS = path.join(ROOT, 'test-results');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

export interface PaneBrowser {
  baseUrl: string;
  context: BrowserContext;
  /** Uncaught errors of any page (office.js's too), and requests the offline routing refused. */
  readonly pageErrors: string[];
  /** Fails (throws) when a page raised an error, after closing everything. */
  close(): Promise<void>;
}

/** Where the CDN's office.js and the host and locale files it loads live in the npm package. */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');

/** Serves dist and opens a persistent headless Chromium context. */
export async function openPaneBrowser(): Promise<PaneBrowser> {
  if (!existsSync(path.join(DIST, 'taskpane.js'))) {
    throw new Error('dist/taskpane.js is missing: the e2e tests run in vitest\'s "e2e" project, whose global setup builds it (npx vitest run --project e2e).');
  }
  const browser = await chromiumForTests();
  const server: Server = createServer((req, res) => {
    const file = path.join(DIST, path.normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(RESULTS, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), 'leadscore-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.executablePath,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: [...browser.args],
      ...(browser.env === undefined ? {} : { env: browser.env }),
    });
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Chromium (${browser.origin}, ${browser.executablePath}) did not start: ${(error as Error).message}\n${CHROMIUM_PATH_HINT}`);
  }
  const pageErrors: string[] = [];
  context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
  // Anything else on the internet (office.js's telemetry) is refused: the tests run offline.
  // Registered first, since Playwright tries the routes registered last first.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  // The pages load office.js from Microsoft's CDN: served here from @microsoft/office-js.
  await context.route(`${OFFICE_JS_CDN}**`, async (route) => {
    const relative = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(OFFICE_JS_CDN).pathname.length));
    const file = path.join(OFFICE_JS_DIST, path.normalize(relative));
    if (!file.startsWith(OFFICE_JS_DIST) || !existsSync(file)) {
      await route.fulfill({ status: 404, body: '' });
      return;
    }
    await route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  return {
    baseUrl,
    context,
    pageErrors,
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
      if (pageErrors.length > 0) throw new Error(`the pages raised errors:\n${pageErrors.join('\n')}`);
    },
  };
}
