// The production bundle as Excel loads it (dist/, built by the e2e global setup).
// - Its weight: what taskpane.html loads before the pane shows (the first paint) within its
//   budget, and every script of dist/ (first paint plus the parts loaded on demand) within a
//   second one, so moving weight out of the page cannot hide its growth.
// - Its JavaScript parses as ES2020: the WebViews the add-in promises are WebView2 (evergreen
//   Chromium) on Windows and WKWebView on Mac, whose Safari lags; ES2020 runs on Safari 14 and
//   later, below the Safari of the oldest macOS Microsoft 365 for Mac supports. Newer syntax
//   such as class static blocks (Safari 16.4) would stop the pane and the functions there.
// - functions.json carries the flags the build adds (see scripts/functions-metadata.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { contentsOf } from '../../scripts/bundle-contents.mjs';
import { BUDGET_KB, distWeight, pageWeight, TOTAL_BUDGET_KB } from '../../scripts/bundle-size.mjs';

const DIST = path.resolve(import.meta.dirname, '../../dist');

/** The source files (as the source maps name them) in one built script. */
function sourcesIn(file: string): string[] {
  return contentsOf(file, (source) => source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '')).groups.map((g) => g.name);
}

describe('the weight of the pane', () => {
  const first = pageWeight(path.join(DIST, 'taskpane.html'));
  const all = distWeight(DIST);
  const kb = (list: { file: string; kb: number }[]) => list.map((s) => `${path.basename(s.file)} ${s.kb.toFixed(1)}`).join(' + ');

  it(`the first paint (every script taskpane.html loads) is within ${BUDGET_KB} KB gzip`, () => {
    console.log(`bundle: first paint ${kb(first.scripts)} = ${first.totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
    expect(first.totalKb).toBeLessThanOrEqual(BUDGET_KB);
  });

  it(`every script of dist/, the parts loaded on demand too, is within ${TOTAL_BUDGET_KB} KB gzip`, () => {
    const loaded = new Set(first.scripts.map((s) => s.file));
    console.log(`bundle: on demand ${kb(all.scripts.filter((s) => !loaded.has(s.file)))}; all ${all.scripts.length} scripts = ${all.totalKb.toFixed(1)} KB gzip (budget ${TOTAL_BUDGET_KB} KB)`);
    expect(all.totalKb).toBeLessThanOrEqual(TOTAL_BUDGET_KB);
  });

  it('the first paint holds no part that loads on demand: Insights, call list, accounts, their sheets, the JSON reader, the preview', () => {
    const inPage = first.scripts.flatMap((s) => sourcesIn(s.file));
    const onDemand = [
      /^src\/taskpane\/(InsightsView|PriorityMatrixView|ScorecardReport|CallListPanel|AccountsPanel|ChangeReport|modelJson)\.tsx?$/,
      /^src\/insights\//,
      /^src\/workbook\/(insightsWorkbook|prioritySection|callListSheet|accountsSheet|preview|previewWorkbook)\.ts$/,
      /^src\/engine\/schema\.ts$/,
      /node_modules\/zod\//,
      /^src\/sample-data\//,
      /^src\/excel\/memoryWorkbook\.ts$/,
      /^src\/taskpane\/preview\//,
    ];
    expect(inPage.filter((source) => onDemand.some((pattern) => pattern.test(source)))).toEqual([]);
    // ... while the model editor, the Apply options and the footer are in it.
    for (const needed of ['src/taskpane/ModelEditor.tsx', 'src/taskpane/ApplyPanel.tsx', 'src/taskpane/PaneFooter.tsx', 'src/workbook/applyScoring.ts']) expect(inPage).toContain(needed);
  });

  it('loads each module once: the engine and React shared by the pane and the functions sit in one script of the page', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const script of first.scripts) {
      for (const source of sourcesIn(script.file)) {
        if (source.startsWith('(') || source.startsWith('webpack/')) continue;
        const other = seen.get(source);
        if (other !== undefined) twice.push(`${source} in ${other} and ${path.basename(script.file)}`);
        seen.set(source, path.basename(script.file));
      }
    }
    expect(twice).toEqual([]);
    expect(seen.get('src/engine/compile.ts')).toBe('shared.js');
  });
});

describe('the production bundle', () => {
  const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js'));

  it('has the pane, the commands and the functions', () => {
    expect(scripts).toEqual(expect.arrayContaining(['taskpane.js', 'commands.js', 'functions.js']));
  });

  for (const file of scripts) {
    it(`${file.replace(/\.[0-9a-f]{8}\.js$/, '.[hash].js')} parses as ES2020 (no class fields or static blocks, which older Safari WebViews refuse)`, () => {
      const text = readFileSync(path.join(DIST, file), 'utf8');
      expect(() => parse(text, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
    });
  }

  it('functions.json lets error cells and data types reach the functions', () => {
    const metadata = JSON.parse(readFileSync(path.join(DIST, 'functions.json'), 'utf8')) as Record<string, unknown>;
    expect(metadata).toMatchObject({ allowErrorForDataTypeAny: true, allowCustomDataForDataTypeAny: true });
    // Every function the pane documents is in the built file, not only in the generator's test.
    expect((metadata.functions as { id: string }[]).map((f) => f.id)).toEqual(['MODEL', 'SCORE', 'BAND', 'PRIORITY', 'STAGE', 'FIT', 'ENGAGEMENT', 'EXPLAIN', 'PROBLEMS']);
  });
});
