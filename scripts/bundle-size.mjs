// Prints the gzip size of the production task-pane bundle (npm run build first).
// The budget: dist/taskpane.js at or under 250 KB gzip.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 250;

export function gzipKb(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'dist/taskpane.js';
  const kb = gzipKb(file);
  console.log(`${file}: ${kb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
  if (kb > BUDGET_KB) process.exitCode = 1;
}
