// What the production scripts in dist/ are made of, by package or source folder, in KB gzip
// (npm run build first; the build writes source maps). `npm run size -- --contents`.
// Each minified character is attributed to the source file its source map names; a group's gzip
// size is its own text gzipped, scaled so a script's groups add up to the script's real gzip
// size. An estimate (gzip shares repeats across groups), good for ranking what to cut.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The source-map "mappings" of one line: [generated column, source index] per segment. */
function decodeLine(text, state) {
  const segments = [];
  let column = 0;
  for (const segment of text.split(',')) {
    if (segment === '') continue;
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const c of segment) {
      const digit = DIGIT.get(c);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0];
    if (fields.length > 1) state.source += fields[1];
    segments.push([column, fields.length > 1 ? state.source : -1]);
  }
  return segments;
}

/** node_modules/@scope/name or node_modules/name, else the first two folders under src/. */
export function groupOf(source) {
  const clean = source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
  const inModules = clean.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules) return inModules[1];
  const inSrc = clean.match(/^src\/([^/]+)(?:\/([^/]+))?/);
  if (inSrc) return inSrc[2] !== undefined && !inSrc[2].includes('.') ? `src/${inSrc[1]}/${inSrc[2]}` : `src/${inSrc[1]}`;
  return clean.startsWith('webpack/') ? 'webpack runtime' : clean;
}

/** The groups of one built script, each with its minified characters and estimated KB gzip. */
export function contentsOf(file, group = groupOf) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const texts = new Map();
  const add = (name, text) => texts.set(name, (texts.get(name) ?? '') + text);
  const lines = code.split('\n');
  const state = { source: 0 };
  map.mappings.split(';').forEach((mapped, index) => {
    const line = lines[index] ?? '';
    const segments = decodeLine(mapped, state);
    let previousEnd = 0;
    segments.forEach(([column, source], i) => {
      if (column > previousEnd) add('(unmapped)', line.slice(previousEnd, column));
      const end = segments[i + 1]?.[0] ?? line.length;
      add(source < 0 ? '(unmapped)' : group(map.sources[source]), line.slice(column, end));
      previousEnd = end;
    });
    if (segments.length === 0) add('(unmapped)', line);
  });
  const totalKb = gzipSync(code, { level: 9 }).length / 1024;
  const raw = [...texts].map(([name, text]) => ({ name, chars: text.length, alone: gzipSync(text, { level: 9 }).length / 1024 }));
  const aloneSum = raw.reduce((sum, g) => sum + g.alone, 0);
  const groups = raw.map((g) => ({ name: g.name, chars: g.chars, kb: (g.alone / aloneSum) * totalKb })).sort((a, b) => b.kb - a.kb);
  return { totalKb, groups };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 15);
  for (const file of files) {
    const { totalKb, groups } = contentsOf(file);
    console.log(`${path.relative(process.cwd(), file)}: ${totalKb.toFixed(1)} KB gzip`);
    for (const g of groups.slice(0, top)) console.log(`  ${g.kb.toFixed(1).padStart(6)} KB  ${(g.chars / 1024).toFixed(0).padStart(5)} KB min  ${g.name}`);
  }
}
