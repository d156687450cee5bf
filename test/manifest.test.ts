// Checks manifest.xml offline: against Microsoft's schema (xmllint compiled to WebAssembly,
// the same check as `npm run validate`), and for what only Office checks at load time: that
// every resid resolves, that icons exist at the sizes they claim, that pages exist.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { validateManifest } from '../scripts/validate-manifest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(repoRoot, 'manifest.xml');
const DEV_ORIGIN = 'https://localhost:3000/';

const manifest = readFileSync(manifestPath, 'utf8');
const xml = manifest.replace(/<!--[\s\S]*?-->/g, '');

type Attributes = Record<string, string>;

/** The attributes of every start or empty tag named `tag` in `text`. */
function tags(text: string, tag: string): Attributes[] {
  const found: Attributes[] = [];
  const tagPattern = new RegExp(`<${tag.replace('.', '\\.')}(\\s[^>]*?)?\\/?>`, 'g');
  for (const match of text.matchAll(tagPattern)) {
    const attributes: Attributes = {};
    for (const [, name, value] of (match[1] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      if (name !== undefined && value !== undefined) attributes[name] = value;
    }
    found.push(attributes);
  }
  return found;
}

/** The text between `<tag ...>` and `</tag>`: the first such element. */
function section(text: string, tag: string): string {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(text);
  if (match?.[1] === undefined) throw new Error(`manifest has no <${tag}> element`);
  return match[1];
}

function assetPathOf(url: string): string {
  expect(url.startsWith(`${DEV_ORIGIN}assets/`), `${url} is not under ${DEV_ORIGIN}assets/`).toBe(
    true,
  );
  return path.join(repoRoot, url.slice(DEV_ORIGIN.length));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('manifest.xml schema validation (xmllint-wasm)', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'manifest-test-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('validates against the Office add-in manifest schema', async () => {
    expect(await validateManifest(manifestPath)).toEqual({ valid: true, problems: [] });
  });

  it('rejects a copy with a misspelt element and names it with its line, so the check can fail', async () => {
    expect(manifest).toContain('<DisplayName ');
    const broken = path.join(scratch, 'manifest.xml');
    writeFileSync(broken, manifest.replace('<DisplayName ', '<DisplayNmae '));
    const result = await validateManifest(broken);
    expect(result.valid).toBe(false);
    const line = manifest.split('\n').findIndex((text) => text.includes('<DisplayName ')) + 1;
    expect(result.problems).toEqual([{ line, message: expect.stringContaining('DisplayNmae') }]);
  });

  it('rejects a copy that is not well-formed XML', async () => {
    const broken = path.join(scratch, 'truncated.xml');
    writeFileSync(broken, manifest.slice(0, manifest.indexOf('</OfficeApp>')));
    const result = await validateManifest(broken);
    expect(result.valid).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});

describe('manifest.xml references', () => {
  const resources = section(xml, 'Resources');
  const images = tags(resources, 'bt:Image');
  const urls = tags(resources, 'bt:Url');
  const strings = tags(resources, 'bt:String');
  const declared = [...images, ...urls, ...strings].map((attributes) => attributes.id);
  const declaredIds = new Set(declared);
  const resourceUrl = (id: string) => urls.find((url) => url.id === id)?.DefaultValue;

  it('declares each resource id once', () => {
    expect(declared.every((id) => id !== undefined && id !== '')).toBe(true);
    expect(declaredIds.size).toBe(declared.length);
  });

  it('resolves every resid to a resource declared under <Resources>', () => {
    const resids = [...xml.matchAll(/\bresid="([^"]*)"/g)].map((match) => match[1]);
    expect(resids.length).toBeGreaterThan(0);
    const unresolved = resids.filter((id) => id === undefined || !declaredIds.has(id));
    expect(unresolved).toEqual([]);
  });

  it('points every icon URL at a PNG in assets/', () => {
    const iconUrls = [
      ...tags(xml, 'IconUrl').map((attributes) => attributes.DefaultValue),
      ...tags(xml, 'HighResolutionIconUrl').map((attributes) => attributes.DefaultValue),
      ...images.map((attributes) => attributes.DefaultValue),
    ];
    expect(iconUrls).toHaveLength(5);
    for (const url of iconUrls) {
      expect(url).toBeDefined();
      const file = assetPathOf(url ?? '');
      expect(existsSync(file), `${url} -> missing ${path.relative(repoRoot, file)}`).toBe(true);
      pngSize(file);
    }
  });

  it('gives each ribbon icon a PNG of the size it is declared at', () => {
    const uses = tags(xml, 'bt:Image').filter((attributes) => attributes.resid !== undefined);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      const url = images.find((image) => image.id === use.resid)?.DefaultValue ?? '';
      const size = Number(use.size);
      expect(pngSize(assetPathOf(url)), `${use.resid} used at size ${size}`).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('serves every page from a template that the build turns into that page', () => {
    const pages = [...xml.matchAll(/\bDefaultValue="([^"]*\.html)"/g)].map(
      (match) => match[1] ?? '',
    );
    // The shared runtime's page (pane, ribbon commands, functions), and the support and
    // learn-more links.
    expect(pages).toEqual(expect.arrayContaining([resourceUrl('Taskpane.Url')]));
    for (const url of pages) {
      expect(url.startsWith(DEV_ORIGIN), `${url} is not on ${DEV_ORIGIN}`).toBe(true);
      // webpack.config.js builds <name>.html from src/<name>/<name>.html.
      const name = path.basename(url, '.html');
      expect(existsSync(path.join(repoRoot, 'src', name, `${name}.html`)), url).toBe(true);
    }
  });

  it('is an Excel task pane that needs ExcelApi 1.13, a shared runtime and custom-function errors', () => {
    expect(tags(xml, 'OfficeApp')[0]?.['xsi:type']).toBe('TaskPaneApp');
    expect(tags(section(xml, 'Hosts'), 'Host')).toEqual([{ Name: 'Workbook' }]);
    const sets = tags(section(xml, 'Requirements'), 'Set');
    // 1.13 is the floor the pane and functions are built on (table.resize); raise it deliberately, here too.
    expect(sets).toContainEqual({ Name: 'ExcelApi', MinVersion: '1.13' });
    expect(sets).toContainEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
    expect(sets).toContainEqual({ Name: 'CustomFunctionsRuntime', MinVersion: '1.4' });
  });

  it('runs the pane, the ribbon commands and the functions in one long-lived runtime', () => {
    const runtimes = tags(section(xml, 'Runtimes'), 'Runtime');
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0] ?? {};
    expect(runtime.lifetime).toBe('long');
    const functions = section(xml, 'AllFormFactors');
    const page = tags(section(functions, 'Page'), 'SourceLocation')[0]?.resid;
    const functionFile = tags(xml, 'FunctionFile')[0]?.resid;
    const paneAction = tags(section(xml, 'Action'), 'SourceLocation')[0]?.resid;
    expect({ page, functionFile, paneAction }).toEqual({
      page: runtime.resid,
      functionFile: runtime.resid,
      paneAction: runtime.resid,
    });
    expect(resourceUrl(runtime.resid ?? '')).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  it('declares the LEADSCORE functions with the script and metadata the build writes', () => {
    const functions = section(xml, 'AllFormFactors');
    expect(tags(functions, 'ExtensionPoint')[0]?.['xsi:type']).toBe('CustomFunctions');
    const namespace = tags(functions, 'Namespace')[0]?.resid ?? '';
    expect(strings.find((s) => s.id === namespace)?.DefaultValue).toBe('LEADSCORE');
    const script = tags(section(functions, 'Script'), 'SourceLocation')[0]?.resid ?? '';
    const metadata = tags(section(functions, 'Metadata'), 'SourceLocation')[0]?.resid ?? '';
    // webpack.config.js: the `functions` entry and CustomFunctionsMetadataPlugin's output.
    expect(resourceUrl(script)).toBe(`${DEV_ORIGIN}functions.js`);
    expect(resourceUrl(metadata)).toBe(`${DEV_ORIGIN}functions.json`);
    const webpack = readFileSync(path.join(repoRoot, 'webpack.config.js'), 'utf8');
    expect(webpack).toContain("functions: './src/functions/functions.ts'");
    expect(webpack).toContain("output: 'functions.json'");
  });
});
