// Lint checks what the type checker cannot: which folder may import which (the layers), and
// the load/sync rules of Office.js in the one folder that calls Excel. No type-aware rules,
// so lint stays fast.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

/** An import pattern for a folder under src, as seen from any depth below src. */
const folder = (name) => [`../${name}`, `../${name}/*`, `../../${name}`, `../../${name}/*`, `../../../${name}/*`];

/** Layers, lowest first: each folder may import only the folders listed for it (and itself). */
const LAYERS = {
  engine: [],
  'sample-data': ['engine'],
  insights: ['engine'],
  excel: ['engine'],
  workbook: ['engine', 'excel', 'sample-data'],
  functions: ['engine', 'excel'],
  taskpane: ['engine', 'workbook', 'insights'],
  sql: ['engine'],
  cli: ['engine', 'sample-data', 'insights', 'sql'],
  commands: [],
};
const ALL = Object.keys(LAYERS);

/** Packages a pure layer may import: it runs in Excel's function runtime, Node and a worker alike. */
const PURE_PACKAGES = { engine: ['zod'], insights: [], sql: [] };

// A folder under src without a layer would be linted by no layer rule at all: refuse to run.
const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const unmapped = readdirSync(srcDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !(entry.name in LAYERS))
  .map((entry) => `src/${entry.name}`);
if (unmapped.length > 0) throw new Error(`eslint.config.js: ${unmapped.join(', ')} has no entry in LAYERS; say which folders it may import.`);

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ALL.filter((other) => other !== layer && !allowed.includes(other)).flatMap(folder),
            message: `src/${layer} may import only ${allowed.length === 0 ? 'itself' : allowed.map((a) => `src/${a}`).join(', ')} (see docs/architecture.md, Layers).`,
          },
          ...(layer === 'engine' ? [] : [{ group: ['../engine/*', '../../engine/*', '../../../engine/*'], message: "Import the engine from its index ('../engine'), never a deep path: src/engine/api-report.md lists what it offers." }]),
          ...(layer in PURE_PACKAGES
            ? [{ regex: `^(?!\\.|(${PURE_PACKAGES[layer].join('|') || '$^'})$)`, message: `src/${layer} is pure: it may import ${PURE_PACKAGES[layer].length === 0 ? 'no package' : `no package but ${PURE_PACKAGES[layer].join(', ')}`}.` }]
            : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  },
  ...layerRules,
  {
    // Excel.run lives only in src/excel.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/excel/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Excel'][property.name='run']", message: 'Only src/excel calls Excel.run: go through the WorkbookGateway.' }],
    },
  },
  {
    // A pure layer loads nothing at run time either (no-restricted-imports does not see import()).
    files: Object.keys(PURE_PACKAGES).map((layer) => `src/${layer}/**/*.ts`),
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Excel'][property.name='run']", message: 'Only src/excel calls Excel.run: go through the WorkbookGateway.' },
        { selector: 'ImportExpression', message: 'A pure layer imports statically, so lint can check what it imports.' },
      ],
    },
  },
  {
    // Only functions.ts meets Office; the rest of src/functions runs, and is tested, without it.
    files: ['src/functions/**/*.ts'],
    ignores: ['src/functions/functions.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['CustomFunctions', 'Excel', 'Office', 'OfficeRuntime'].map((name) => ({ name, message: 'Only src/functions/functions.ts touches Office; keep this module testable without it.' }))],
    },
  },
  {
    files: ['src/excel/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
);
