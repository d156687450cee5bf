import { configDefaults, defineConfig } from 'vitest/config';

// Property tests run hundreds of cases and the CI machines are shared: a generous timeout
// keeps a slow, busy machine from failing a correct test. Timings are the benchmark's job.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['test/setup.ts'],
    // The default report, then the slowest files and where their time went.
    reporters: ['default', './test/slowestFilesReporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', exclude: [...configDefaults.exclude, 'test/e2e/**'] } },
      // A project of its own so that its global setup (build dist/, unpack Chromium) runs only
      // when an e2e file is queued, not for `npx vitest run test/engine`.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/globalSetup.ts'] } },
    ],
  },
});
