import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { ZipReader } from '../../src/cli/files/zip';

// jsdom (a dev dependency, without type declarations) parses XML strictly, as Excel does.
interface XmlParser {
  parseFromString(text: string, type: 'application/xml'): { getElementsByTagName(name: string): { length: number } };
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: new () => XmlParser } } };
const parser = new new JSDOM('').window.DOMParser();

/**
 * What Excel checks when it opens a package and would report as damage, checked without
 * Excel: every XML part is well formed; every internal relationship points to a part that is
 * there; every part has a content type; each sheet of workbook.xml has a relationship to a
 * part, unique names and sheetIds; docProps/app.xml lists as many worksheet titles as it counts.
 * Returns the problems found (none for a sound package).
 */
export function packageProblems(path: string): string[] {
  const zip = ZipReader.open(path);
  try {
    const problems: string[] = [];
    const text = (part: string): string => zip.readEntry(part).toString('utf8').replace(/^\uFEFF/, '');
    for (const name of zip.entries.keys()) {
      if (!/\.(xml|rels|vml)$/.test(name)) continue;
      const doc = parser.parseFromString(text(name), 'application/xml');
      if (doc.getElementsByTagName('parsererror').length > 0) problems.push(`${name} is not well-formed XML`);
    }
    const types = text('[Content_Types].xml');
    const overrides = new Set([...types.matchAll(/<Override\b[^>]*PartName="([^"]+)"/g)].map((m) => m[1]!.replace(/^\//, '').toLowerCase()));
    const defaults = new Set([...types.matchAll(/<Default\b[^>]*Extension="([^"]+)"/g)].map((m) => m[1]!.toLowerCase()));
    for (const name of zip.entries.keys()) {
      if (name === '[Content_Types].xml' || name.endsWith('/')) continue;
      if (!overrides.has(name.toLowerCase()) && !defaults.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())) problems.push(`${name} has no content type`);
    }
    for (const part of overrides) if (![...zip.entries.keys()].some((n) => n.toLowerCase() === part)) problems.push(`[Content_Types].xml names /${part}, which is not in the package`);
    const relsOf = new Map<string, Map<string, string>>();
    for (const name of zip.entries.keys()) {
      if (!name.endsWith('.rels')) continue;
      const source = name.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
      const ids = new Map<string, string>();
      for (const m of text(name).matchAll(/<Relationship\b[^>]*>/g)) {
        const tag = m[0];
        const id = /\sId="([^"]+)"/.exec(tag)?.[1] ?? '';
        const target = /\sTarget="([^"]+)"/.exec(tag)?.[1] ?? '';
        if (ids.has(id)) problems.push(`${name} uses the id ${id} twice`);
        if (/TargetMode="External"/.test(tag)) continue;
        const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(source), target));
        ids.set(id, resolved);
        if (!zip.entries.has(resolved)) problems.push(`${name}: ${id} points to ${resolved}, which is not in the package`);
      }
      relsOf.set(source, ids);
    }
    const workbookRels = relsOf.get('xl/workbook.xml') ?? new Map<string, string>();
    const sheets = [...text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => m[0]);
    const names = sheets.map((tag) => /\sname="([^"]*)"/.exec(tag)?.[1] ?? '');
    const ids = sheets.map((tag) => /\ssheetId="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) problems.push(`workbook.xml repeats a sheet name: ${names.join(', ')}`);
    if (new Set(ids).size !== ids.length) problems.push(`workbook.xml repeats a sheetId: ${ids.join(', ')}`);
    for (const tag of sheets) {
      const rid = /\s[\w.-]+:id="([^"]*)"/.exec(tag)?.[1] ?? '';
      if (!workbookRels.has(rid)) problems.push(`workbook.xml: ${tag} has no relationship`);
    }
    if (zip.entries.has('docProps/app.xml')) {
      const app = text('docProps/app.xml');
      const titles = /<TitlesOfParts>\s*<vt:vector\b[^>]*size="(\d+)"[^>]*>([\s\S]*?)<\/vt:vector>/.exec(app);
      const worksheets = /<vt:lpstr>Worksheets<\/vt:lpstr>\s*<\/vt:variant>\s*<vt:variant>\s*<vt:i4>(\d+)<\/vt:i4>/.exec(app);
      if (titles !== null && worksheets !== null) {
        const listed = [...titles[2]!.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1]!);
        if (listed.length !== Number(titles[1])) problems.push(`docProps/app.xml: TitlesOfParts has ${listed.length} titles, its size says ${titles[1]}`);
        if (Number(worksheets[1]) !== names.length) problems.push(`docProps/app.xml counts ${worksheets[1]} worksheets, the workbook has ${names.length}`);
        for (const n of names) if (!listed.includes(n)) problems.push(`docProps/app.xml does not list the sheet '${n}'`);
      }
    }
    return problems;
  } finally {
    zip.close();
  }
}
