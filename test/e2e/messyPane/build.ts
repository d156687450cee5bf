/**
 * Bundles test/e2e/messyPane/entry.tsx with esbuild into a folder beside dist/'s files, with
 * taskpane.html's styles, so the e2e can open the real pane on messy data. A second bundle,
 * not the product's: the page budget and dist/ are untouched.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export async function buildMessyPane(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(import.meta.dirname, 'entry.tsx')],
    bundle: true,
    outfile: path.join(outDir, 'messy.js'),
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    logLevel: 'error',
  });
  // The product page's head (styles, office.js from the CDN), with this bundle as its script.
  const html = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8').replace('</body>', '<script src="messy.js"></script></body>');
  writeFileSync(path.join(outDir, 'messy.html'), html);
}
