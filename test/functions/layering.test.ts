// Only src/functions/functions.ts may touch Office (CustomFunctions, Excel, Office): the rest
// of src/functions runs, and is tested, without it. And like every layer above the engine,
// it imports the engine through its index only.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/functions');
const OFFICE_FACING = 'functions.ts';
const OFFICE_GLOBALS = /\b(CustomFunctions|Excel|Office)\s*\./;

const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/functions layering', () => {
  it('has the Office-facing file and the pure modules', () => {
    expect(sources).toEqual(expect.arrayContaining([OFFICE_FACING, 'core.ts', 'registry.ts', 'handle.ts']));
  });

  it.each(sources.filter((f) => f !== OFFICE_FACING))('%s uses no Office global', (file) => {
    const code = readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(OFFICE_GLOBALS);
  });

  it.each(sources)('%s imports the engine through its index only', (file) => {
    const specs = [...readFileSync(path.join(dir, file), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '');
    expect(specs.filter((s) => s.startsWith('../engine/'))).toEqual([]);
  });

  it('the check sees an Office global', () => {
    expect('new CustomFunctions.Error(code)').toMatch(OFFICE_GLOBALS);
  });
});
