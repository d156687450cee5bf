// The production bundle as Excel loads it (dist/, built by the e2e global setup).
// - Its JavaScript parses as ES2020: the WebViews the add-in promises are WebView2 (evergreen
//   Chromium) on Windows and WKWebView on Mac, whose Safari lags; ES2020 runs on Safari 14 and
//   later, below the Safari of the oldest macOS Microsoft 365 for Mac supports. Newer syntax
//   such as class static blocks (Safari 16.4) would stop the pane and the functions there.
// - functions.json carries the flags the build adds (see scripts/functions-metadata.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(import.meta.dirname, '../../dist');

describe('the production bundle', () => {
  const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js'));

  it('has the pane, the commands and the functions', () => {
    expect(scripts).toEqual(expect.arrayContaining(['taskpane.js', 'commands.js', 'functions.js']));
  });

  for (const file of scripts) {
    it(`${file} parses as ES2020 (no class fields or static blocks, which older Safari WebViews refuse)`, () => {
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
