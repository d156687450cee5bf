// Prints what the task pane's page loads, gzip, against its two budgets (npm run build first).
// dist/taskpane.html is the shared runtime: it loads the pane, the ribbon commands and the
// custom functions, whose common code (the engine, React) sits in shared chunks loaded once.
// - First paint: every script that page loads before the pane shows (what Excel downloads and
//   runs when the pane opens): at or under 220 KB gzip.
// - Total: every script of dist/, the first paint plus the parts of the pane loaded on demand
//   (Insights, the call list, accounts, the JSON reader, the browser preview): at or under
//   300 KB gzip, so moving weight out of the first paint does not hide its growth.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 220;
export const TOTAL_BUDGET_KB = 300;

export function gzipKb(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** The local scripts an HTML page of dist/ loads, in order (office.js from the CDN is not ours). */
export function scriptsOf(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  // The build minifies the HTML, so attribute values may be unquoted.
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => decodeURIComponent(m[1] ?? m[2] ?? m[3] ?? ''))
    .filter((src) => !/^https?:/.test(src))
    .map((src) => path.join(path.dirname(htmlFile), src.replace(/^\.?\//, '')));
}

/** Each script of the page with its gzip size, and their total. */
export function pageWeight(htmlFile) {
  const scripts = scriptsOf(htmlFile).map((file) => ({ file, kb: gzipKb(file) }));
  return { scripts, totalKb: scripts.reduce((sum, s) => sum + s.kb, 0) };
}

/** Every script in a dist/ folder with its gzip size, and their total. */
export function distWeight(dist) {
  const scripts = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => ({ file: path.join(dist, f), kb: gzipKb(path.join(dist, f)) }));
  return { scripts, totalKb: scripts.reduce((sum, s) => sum + s.kb, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = process.argv[2] ?? 'dist/taskpane.html';
  const first = pageWeight(page);
  for (const s of first.scripts) console.log(`  ${path.relative(process.cwd(), s.file)}: ${s.kb.toFixed(1)} KB gzip`);
  console.log(`${page} loads ${first.scripts.length} scripts, ${first.totalKb.toFixed(1)} KB gzip (first-paint budget ${BUDGET_KB} KB)`);
  const all = distWeight(path.dirname(page));
  const loaded = new Set(first.scripts.map((s) => s.file));
  for (const s of all.scripts.filter((x) => !loaded.has(x.file))) console.log(`  on demand ${path.relative(process.cwd(), s.file)}: ${s.kb.toFixed(1)} KB gzip`);
  console.log(`${path.dirname(page)} holds ${all.scripts.length} scripts, ${all.totalKb.toFixed(1)} KB gzip (total budget ${TOTAL_BUDGET_KB} KB)`);
  if (first.totalKb > BUDGET_KB || all.totalKb > TOTAL_BUDGET_KB) process.exitCode = 1;
}
