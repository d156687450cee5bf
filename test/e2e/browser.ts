/**
 * Shared e2e setup: the production bundle (built by the e2e global setup, test/e2e/bundle.ts)
 * served over http on 127.0.0.1, and headless Chromium (test/e2e/chromium.ts) driven by
 * playwright-core, offline (Office.js's CDN aborted).
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
  close(): Promise<void>;
}

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
  // Office.js comes from Microsoft's CDN; the machine is offline, and a plain page has no host anyway.
  await context.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  return {
    baseUrl,
    context,
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
