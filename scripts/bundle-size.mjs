// Prints what the task pane's page loads, gzip, against the budget (npm run build first).
// dist/taskpane.html is the shared runtime: it loads the pane, the ribbon commands and the
// custom functions, whose common code (the engine, React) sits in shared chunks loaded once.
// The budget covers every script that page loads: at or under 220 KB gzip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 220;

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = process.argv[2] ?? 'dist/taskpane.html';
  const { scripts, totalKb } = pageWeight(page);
  for (const s of scripts) console.log(`  ${path.relative(process.cwd(), s.file)}: ${s.kb.toFixed(1)} KB gzip`);
  console.log(`${page} loads ${scripts.length} scripts, ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
  if (totalKb > BUDGET_KB) process.exitCode = 1;
}
