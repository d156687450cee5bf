// npm run build:cli (also run by "prepare", so `npm ci` leaves a working `leadscore`):
// bundles the command line's TypeScript into one ES module, build/cli/leadscore.mjs, so the
// command starts in plain Node instead of compiling its sources on every start.
// Packages stay external: they load from node_modules as usual.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/leadscore.ts'],
  outfile: 'build/cli/leadscore.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
