// npm run build:cli (also run by "prepare", so `npm ci` leaves a working `leadscore`):
// bundles the command line's TypeScript into ES modules, build/cli/leadscore.mjs and the worker
// thread that scores blocks of big CSV files beside it (csvWorker.mjs, found from leadscore.mjs's
// own URL), so the command starts in plain Node instead of compiling its sources on every start.
// Packages stay external: they load from node_modules as usual.
// `node scripts/build-cli.mjs <folder>` builds into another folder inside the repository (a test
// that must not rewrite build/cli while another test runs it).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { leadscore: 'src/cli/leadscore.ts', csvWorker: 'src/cli/scoring/csvWorker.ts' },
  outdir: process.argv[2] ?? 'build/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
