import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HELP_URL } from '../../src/functions/core';
import { checkMetadata } from './metadataCheck';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FUNCTIONS_FILE = path.join(repoRoot, 'src/functions/functions.ts');

describe('functions.json generated from src/functions/functions.ts', async () => {
  const { functions, problems } = await checkMetadata(FUNCTIONS_FILE);

  it('generates without an error, with an entry for every exported function', () => {
    expect(problems).toEqual([]);
    expect(functions.map((f) => f.id)).toEqual(['MODEL', 'SCORE', 'BAND', 'PRIORITY', 'STAGE', 'FIT', 'ENGAGEMENT', 'EXPLAIN', 'PROBLEMS']);
  });

  it('matches the snapshot: ids, names, descriptions, dimensionality, optional parameters', () => {
    const summary = functions.map((f) => ({
      id: f.id,
      name: f.name,
      description: f.description,
      result: f.result,
      options: f.options,
      parameters: f.parameters.map((p) => ({ name: p.name, description: p.description, type: p.type, dimensionality: p.dimensionality ?? 'scalar', optional: p.optional ?? false })),
    }));
    expect(summary).toMatchSnapshot();
  });

  it('describes every function and parameter, and links each to the functions page in docs/', () => {
    for (const f of functions) {
      expect(f.description ?? '', f.id).not.toBe('');
      expect(f.helpUrl, f.id).toBe(HELP_URL);
      for (const p of f.parameters) expect(p.description ?? '', `${f.id}(${p.name})`).not.toBe('');
    }
    const page = HELP_URL.split('/blob/main/')[1] ?? '';
    expect(page).toBe('docs/custom-functions.md');
    const text = readFileSync(path.join(repoRoot, page), 'utf8');
    for (const f of functions) expect(text, f.id).toContain(`LEADSCORE.${f.id}(`);
  });

  it('takes leads as ranges and returns matrices, so one row and many rows both work', () => {
    for (const f of functions.filter((f) => ['SCORE', 'BAND', 'PRIORITY', 'STAGE', 'FIT', 'ENGAGEMENT', 'EXPLAIN'].includes(f.id))) {
      expect(f.parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', p.optional ?? false])).toEqual([
        ['model', 'scalar', false],
        ['lead', 'matrix', false],
        ['asOf', 'scalar', true],
      ]);
      expect(f.result?.dimensionality).toBe('matrix');
    }
  });
});

describe('the check catches what the generator drops silently', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'functions-metadata-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(scratch, name);
    writeFileSync(file, text);
    return file;
  };
  const declared = `/**\n * Adds one.\n * @customfunction\n * @param x A number.\n * @returns x plus one.\n */\nexport function addOne(x: number): number {\n  return x + 1;\n}\n`;

  it('an exported arrow function', async () => {
    const file = write('arrow.ts', `${declared}\n/**\n * Doubles.\n * @customfunction\n * @param x A number.\n * @returns Twice x.\n */\nexport const double = (x: number): number => x * 2;\n`);
    const { functions, problems } = await checkMetadata(file);
    expect(functions.map((f) => f.id)).toEqual(['ADDONE']);
    expect(problems.join('\n')).toContain('double is not a function declaration');
  });

  it('a parameter typed with a type alias', async () => {
    const file = write('alias.ts', `type Amount = number;\n${declared}\n/**\n * Halves.\n * @customfunction\n * @param x An amount.\n * @returns Half of x.\n */\nexport function half(x: Amount): number {\n  return x / 2;\n}\n`);
    const { functions, problems } = await checkMetadata(file);
    // The generator reports the alias and writes no metadata at all, not even addOne's.
    expect(functions).toEqual([]);
    expect(problems.join('\n')).toContain('does not support type "Amount"');
    expect(problems).toContain('2 exports, 0 functions in the metadata');
  });

  it('a file that checks clean has no such problem', async () => {
    const { problems } = await checkMetadata(write('clean.ts', declared));
    expect(problems).toEqual([]);
  });
});
