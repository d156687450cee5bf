#!/usr/bin/env node
// The `leadscore` command (package.json "bin"): loads the TypeScript sources through tsx, so
// `npx leadscore` works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/leadscore.ts');
process.exitCode = await main(process.argv.slice(2));
