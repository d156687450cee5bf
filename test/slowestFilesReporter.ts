/**
 * Prints, after the run, the test files that cost the most wall time and where it went
 * (importing the file and what it imports, then its tests and hooks), so a slow `npm test`
 * says which part to look at. The e2e global setup prints the build's and Chromium's costs.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 8;

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const costs = testModules
      .map((module) => {
        const { collectDuration, setupDuration, duration } = module.diagnostic();
        return { file: module.relativeModuleId, importing: collectDuration + setupDuration, running: duration };
      })
      .sort((a, b) => b.importing + b.running - (a.importing + a.running));
    if (costs.length === 0) return;
    const total = costs.reduce((sum, cost) => sum + cost.importing + cost.running, 0);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
    const lines = costs.slice(0, SHOWN).map((cost) => `${seconds(cost.importing + cost.running)}  (import ${seconds(cost.importing).trim()}, tests ${seconds(cost.running).trim()})  ${cost.file}`);
    console.log(`\nSlowest test files (of ${costs.length}, ${(total / 1000).toFixed(1)} s summed over the workers):\n${lines.join('\n')}\n`);
  }
}
