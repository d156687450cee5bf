#!/usr/bin/env -S node --max-semi-space-size=32
// The `leadscore` command (package.json "bin"). It runs the compiled command line,
// build/cli/leadscore.mjs, which `npm ci` / `npm install` build ("prepare" -> npm run build:cli).
// A checkout whose sources are newer than that build (or that has none) runs the sources
// through tsx instead, so an edit is never silently ignored.
// --max-semi-space-size: scoring keeps a block of rows alive while it scores it; a larger young
// generation lets them die young instead of being copied into the old one (less time in GC).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../build/cli/leadscore.mjs', import.meta.url);
const sources = fileURLToPath(new URL('../src', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const built = existsSync(compiled) && (!existsSync(sources) || statSync(compiled).mtimeMs >= newestSource(sources));
let run;
if (built) ({ run } = await import(compiled.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/cli/leadscore.ts'));
}
process.exitCode = await run(process.argv.slice(2));
