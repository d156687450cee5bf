// Lint checks what the type checker cannot: which folder may import which (the layers), and
// the load/sync rules of Office.js in the one folder that calls Excel. No type-aware rules,
// so lint stays fast.
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

/** An import pattern for a folder under src, as seen from any depth below src. */
const folder = (name) => [`../${name}`, `../${name}/*`, `../../${name}`, `../../${name}/*`, `../../../${name}/*`];

/** Layers, lowest first: each folder may import only the folders listed for it (and itself). */
const LAYERS = {
  engine: [],
  'sample-data': ['engine'],
  insights: ['engine'],
  excel: ['engine', 'sample-data'],
  workbook: ['engine', 'excel'],
  functions: ['engine', 'excel'],
  taskpane: ['engine', 'workbook', 'insights'],
  cli: ['engine', 'sample-data', 'insights'],
  commands: [],
};
const ALL = Object.keys(LAYERS);

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
          ...(!['excel', 'workbook', 'taskpane', 'functions'].includes(layer) ? [] : [{ group: ['../engine/*', '../../engine/*'], message: "Import the engine from its index ('../engine'), never a deep path." }]),
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
