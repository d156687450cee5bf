/**
 * Shared e2e setup: the production bundle (built when missing) served over http on 127.0.0.1,
 * and Debian's headless Chromium driven by playwright-core, offline (Office.js's CDN aborted).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

export interface PaneBrowser {
  baseUrl: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Builds dist if needed, serves it, and opens a persistent headless Chromium context. */
export async function openPaneBrowser(): Promise<PaneBrowser> {
  // .ci/run builds before npm test; on a fresh checkout the test builds the bundle itself.
  if (!existsSync(path.join(DIST, 'taskpane.js'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
  }
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
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
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
