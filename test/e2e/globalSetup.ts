/**
 * Runs once before the e2e test files (and only when some are queued): builds dist/ when it
 * does not match the sources, and unpacks Chromium, so that neither happens in parallel
 * workers. Prints what each step cost: they are the slowest parts of a first `npm test`.
 */
import { ensureBundle } from './bundle';
import { chromiumForTests } from './chromium';

export default async function setup(): Promise<void> {
  const bundle = await ensureBundle();
  console.log(`[e2e setup] production bundle: ${bundle.built ? `built in ${bundle.seconds.toFixed(1)} s (${bundle.reason})` : `up to date, checked in ${bundle.seconds.toFixed(1)} s`}`);
  const started = performance.now();
  try {
    const browser = await chromiumForTests();
    console.log(`[e2e setup] Chromium: ${browser.origin}, ${browser.executablePath}, ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    // The e2e tests ask again and fail with this message; the other projects' tests still run.
    console.log(`[e2e setup] Chromium: not available: ${(error as Error).message}`);
  }
}
