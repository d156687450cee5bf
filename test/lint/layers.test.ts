// The layer rules are lint rules (eslint.config.js); these cases check that the configuration
// really refuses what docs/architecture.md says a layer may not do, and allows what it may.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: repoRoot });

/** The messages lint gives for `code` if it were the file `file` (which need not exist). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint holds the layer map', () => {
  it.each([
    ['src/engine/x.ts', "import { generateLeads } from '../sample-data/generateLeads';", 'src/engine may import only itself'],
    ['src/engine/x.ts', "import { useState } from 'react';", 'src/engine is pure'],
    ['src/engine/cells/x.ts', "export const load = () => import('./readCell');", 'imports statically'],
    ['src/insights/x.ts', "import { z } from 'zod';", 'src/insights is pure'],
    ['src/insights/x.ts', "import { readNumber } from '../engine/cells/readCell';", "Import the engine from its index"],
    ['src/sql/x.ts', "import { readFileSync } from 'node:fs';", 'src/sql is pure'],
    ['src/sql/x.ts', "import { backtest } from '../insights';", 'src/sql may import only src/engine'],
    ['src/excel/x.ts', "import { generateLeads } from '../sample-data/generateLeads';", 'src/excel may import only src/engine'],
    ['src/cli/commands/x.ts', "import type { CellValue } from '../../engine/cells/cellValue';", 'Import the engine from its index'],
    ['src/sample-data/x.ts', "import { excelSerialFromIsoDate } from '../engine/cells/excelDate';", 'Import the engine from its index'],
    ['src/taskpane/x.tsx', "import { OfficeWorkbook } from '../excel/officeWorkbook';", 'src/taskpane may import only'],
    ['src/taskpane/x.tsx', 'export const go = () => Excel.run(async () => {});', 'Only src/excel calls Excel.run'],
    ['src/functions/core.ts', 'export const e = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue);', 'Only src/functions/functions.ts touches Office'],
  ])('%s: %s is refused', async (file, code, expected) => {
    const messages = await lint(file, code);
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['src/engine/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
    ['src/insights/x.ts', "import { compile } from '../engine';\nexport const c = compile;"],
    ['src/workbook/x.ts', "import { generateLeads } from '../sample-data/generateLeads';\nimport { MemoryWorkbook } from '../excel/memoryWorkbook';\nexport { generateLeads, MemoryWorkbook };"],
    ['src/cli/commands/x.ts', "import { modelToSql } from '../../sql';\nimport { parseModel } from '../../engine';\nexport { modelToSql, parseModel };"],
    ['src/functions/functions.ts', 'export const e = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue);'],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
