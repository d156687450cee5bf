import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_REPORT, ENGINE_INDEX, engineApiReport } from '../../scripts/engineApiReport';
import * as engine from '../../src/engine';

describe("the engine's API report (src/engine/api-report.md)", () => {
  const report = engineApiReport();

  it('is up to date: after an intended change to the engine surface, run npm run api-report', () => {
    expect(report).toBe(readFileSync(API_REPORT, 'utf8'));
  });

  it('lists every value the engine exports at run time, each with its signature', () => {
    const listed = new Set([...report.matchAll(/^## (\S+)$/gm)].map((m) => m[1]));
    for (const name of Object.keys(engine)) expect(listed, name).toContain(name);
    expect(report).toMatch(/^function compile\(m: Model, headers: readonly unknown\[\], options\?: CompileOptions\): Result<CompiledModel>$/m);
  });

  it('names every export explicitly: no export * in the index', () => {
    expect(readFileSync(ENGINE_INDEX, 'utf8')).not.toMatch(/^export\s+(type\s+)?\*/m);
  });
});
