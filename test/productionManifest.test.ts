import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_ORIGIN, hostingBase, productionManifest } from '../scripts/production-manifest.mjs';

const manifest = readFileSync(path.resolve(import.meta.dirname, '../manifest.xml'), 'utf8');

describe('the production manifest a team installs', () => {
  it('moves every URL under the hosting folder and the AppDomain to its origin', () => {
    const prod = productionManifest(manifest, 'https://addins.contoso.com/leadscore/');
    expect(prod).not.toContain('localhost');
    const urls = [...prod.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBe([...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].length);
    for (const url of urls) expect(url).toMatch(/^https:\/\/addins\.contoso\.com\/leadscore\/[\w./-]+$/);
    expect(prod).toContain('<AppDomain>https://addins.contoso.com</AppDomain>');
    expect(prod).toContain('https://addins.contoso.com/leadscore/taskpane.html');
    // Same add-in: only addresses change.
    expect(prod.replace(/https:\/\/addins\.contoso\.com(\/leadscore)?/g, DEV_ORIGIN).replace(/<!--[\s\S]*?-->/, '')).toBe(manifest.replace(/<!--[\s\S]*?-->/, ''));
  });

  it('accepts a site root with or without the slash', () => {
    expect(hostingBase('https://cdn.example.org')).toBe('https://cdn.example.org');
    expect(hostingBase(' https://cdn.example.org/ ')).toBe('https://cdn.example.org');
    expect(productionManifest(manifest, 'https://cdn.example.org')).toContain('"https://cdn.example.org/assets/icon-32.png"');
  });

  it('refuses an address Office could not load the add-in from, saying why', () => {
    expect(() => hostingBase('http://intranet/leadscore')).toThrow(/must start with https:\/\//);
    expect(() => hostingBase('addins.contoso.com')).toThrow(/is not a URL/);
    expect(() => hostingBase('https://addins.contoso.com/leadscore/taskpane.html')).toThrow(/names a file/);
    expect(() => hostingBase('https://addins.contoso.com/?v=2')).toThrow(/without \?query/);
  });

  it('leaves the repository manifest on the dev server', () => {
    expect(manifest).toContain(`<AppDomain>${DEV_ORIGIN}</AppDomain>`);
  });
});
