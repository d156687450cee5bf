// The pages with Microsoft's real office.js (served from the npm package @microsoft/office-js
// by test/e2e/browser.ts), outside a host: office.js loads, Office.onReady resolves without a
// host, and neither it nor the add-in raises an error (openPaneBrowser's close() fails on any).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPaneBrowser, type PaneBrowser } from './browser';

let browser: PaneBrowser | undefined;

beforeAll(async () => {
  browser = await openPaneBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe("the add-in's pages with the real office.js", () => {
  for (const page of ['taskpane.html', 'functions.html', 'commands.html']) {
    it(`${page}: office.js loads, Office.onReady resolves outside a host, no page error`, async () => {
      if (browser === undefined) throw new Error('no browser');
      const officeJs: string[] = [];
      const tab = await browser.context.newPage();
      tab.on('response', (response) => {
        if (response.url().startsWith('https://appsforoffice.microsoft.com/')) officeJs.push(`${response.status()} ${response.url()}`);
      });
      await tab.goto(`${browser.baseUrl}/${page}`);
      const ready = await tab.evaluate(async () => {
        const office = (globalThis as { Office?: { onReady(): Promise<{ host: unknown }> } }).Office;
        if (office === undefined) return 'no Office';
        const info = await office.onReady();
        return `host ${String(info.host)}`;
      });
      expect(officeJs[0]).toBe('200 https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
      expect(ready).toBe('host null');
      if (page === 'taskpane.html') await tab.getByRole('heading', { name: 'Lead Scoring' }).waitFor();
      await tab.waitForTimeout(500);
      await tab.close();
      expect(browser.pageErrors).toEqual([]);
    });
  }
});
