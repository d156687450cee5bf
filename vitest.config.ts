import { defineConfig } from 'vitest/config';

// Property tests run hundreds of cases and the CI machines are shared: a generous timeout
// keeps a slow, busy machine from failing a correct test. Timings are the benchmark's job.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['test/setup.ts'],
  },
});
