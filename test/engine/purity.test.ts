import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine runs in Excel's custom-function runtime, in Node and in the browser alike, so it
// may import only its own files and zod. (tsconfig.engine.json also type-checks it without
// DOM, Node or Office types.)
const ENGINE = join(__dirname, '../../src/engine');
const ALLOWED_PACKAGES = new Set(['zod']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

// Insights are pure the same way, one layer up: they may import only their own files and the
// engine's public index (never its deep paths), so the pane, the CLI and a worker share them.
const INSIGHTS = join(__dirname, '../../src/insights');

describe('insights are pure', () => {
  const files = sourceFiles(INSIGHTS);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(INSIGHTS, f), f]))('%s imports only insights and the engine index', (_name, file) => {
    const outside = importsOf(readFileSync(file, 'utf8')).filter((spec) => {
      if (spec === '../engine') return false;
      return !(spec.startsWith('./') && join(file, '..', spec).startsWith(INSIGHTS));
    });
    expect(outside).toEqual([]);
  });

  it.each(files.map((f) => [relative(INSIGHTS, f), f]))('%s uses no host globals', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|Excel|Office|OfficeRuntime|CustomFunctions|process|React)\s*\./);
  });
});

describe('the engine is pure', () => {
  const files = sourceFiles(ENGINE);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(ENGINE, f), f]))('%s imports nothing outside the engine but zod', (_name, file) => {
    const outside = importsOf(readFileSync(file, 'utf8')).filter((spec) => {
      if (spec.startsWith('.')) return !join(file, '..', spec).startsWith(ENGINE);
      return !ALLOWED_PACKAGES.has(spec);
    });
    expect(outside).toEqual([]);
  });

  it.each(files.map((f) => [relative(ENGINE, f), f]))('%s uses no host globals', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(document|window|Excel|Office|OfficeRuntime|CustomFunctions|process|React)\s*\./);
  });

  it('the check itself catches an impure import', () => {
    expect(importsOf("import { useState } from 'react';\nimport x from './ok';")).toEqual(['react', './ok']);
  });
});
