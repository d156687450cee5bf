/**
 * The little XML the workbook parts need: attributes of one tag, text with its entities,
 * and escaping for what we write. Spreadsheet XML is machine-written and flat, so a scanner
 * over the text is enough, and far faster than a DOM for a sheet of millions of cells.
 */

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of an XML node: entities decoded, then OOXML's _xHHHH_ escapes (for control characters). */
export function xmlText(raw: string): string {
  let text = raw;
  if (text.includes('&')) {
    text = text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) => {
      if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10));
      return NAMED[name] ?? '';
    });
  }
  if (text.includes('_x')) text = text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

function safeCodePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\uFFFD';
}

/** Text escaped for an element or an attribute; characters XML 1.0 cannot hold become _xHHHH_. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

/** The value of attribute `name` in a tag's text (`<c r="A1" t="s">`), or undefined. */
export function attribute(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    // Preceded by whitespace (not part of a longer name such as "sr" or "x:r").
    if (!(before === 32 || before === 9 || before === 10 || before === 13)) continue;
    let i = at + name.length;
    while (tag[i] === ' ') i++;
    if (tag[i] !== '=') continue;
    i++;
    while (tag[i] === ' ') i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, i + 1);
    if (end < 0) return undefined;
    const value = tag.slice(i + 1, end);
    return value.includes('&') || value.includes('_x') ? xmlText(value) : value;
  }
}

/** Every start tag `<prefix:name ...>` (with any or no namespace prefix) in `xml`, as its text. */
export function startTags(xml: string, name: string): string[] {
  const tags: string[] = [];
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])[^>]*>`, 'g');
  for (let m = pattern.exec(xml); m !== null; m = pattern.exec(xml)) tags.push(m[0]);
  return tags;
}

/** The elements `<name ...>...</name>` (any prefix), each as its whole text. */
export function elements(xml: string, name: string): string[] {
  const found: string[] = [];
  const pattern = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${name})(?=[\\s/>])[^>]*?(?:/>|>)`, 'g');
  for (let m = pattern.exec(xml); m !== null; m = pattern.exec(xml)) {
    if (m[0].endsWith('/>')) {
      found.push(m[0]);
      continue;
    }
    const close = `</${m[1]}>`;
    const end = xml.indexOf(close, pattern.lastIndex);
    if (end < 0) break;
    found.push(xml.slice(m.index, end + close.length));
    pattern.lastIndex = end + close.length;
  }
  return found;
}

/** The text of every <t> in an element (a shared string, an inline string, a note), phonetic runs left out. */
export function runText(xml: string): string {
  const withoutPhonetic = xml.includes('rPh') ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  let text = '';
  const pattern = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
  for (let m = pattern.exec(withoutPhonetic); m !== null; m = pattern.exec(withoutPhonetic)) text += m[1];
  return xmlText(text);
}

/** Column letters for a 1-based column number (1 -> A, 16384 -> XFD). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** 1-based column number of letters (A -> 1), or 0 when they are not column letters. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    const upper = c >= 97 ? c - 32 : c;
    if (upper < 65 || upper > 90) return 0;
    n = n * 26 + (upper - 64);
  }
  return n;
}

/** The parts of an A1 reference ("$B$12" -> column 2, row 12); null when it is not one. */
export function parseCellRef(ref: string): { column: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (m === null) return null;
  const column = columnNumber(m[1]!);
  const row = Number(m[2]);
  if (column < 1 || column > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return null;
  return { column, row };
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** The most characters Excel keeps in one cell. */
export const MAX_CELL_CHARS = 32_767;

export interface CellRange {
  readonly firstColumn: number;
  readonly firstRow: number;
  readonly lastColumn: number;
  readonly lastRow: number;
}

/** "B3:F20" (or one cell) as numbers; null when it is not a range. */
export function parseRange(ref: string): CellRange | null {
  const [from, to] = ref.split(':');
  const a = parseCellRef(from ?? '');
  const b = to === undefined ? a : parseCellRef(to);
  if (a === null || b === null) return null;
  return { firstColumn: Math.min(a.column, b.column), firstRow: Math.min(a.row, b.row), lastColumn: Math.max(a.column, b.column), lastRow: Math.max(a.row, b.row) };
}

export function formatRange(r: CellRange): string {
  const a = `${columnLetters(r.firstColumn)}${r.firstRow}`;
  const b = `${columnLetters(r.lastColumn)}${r.lastRow}`;
  return a === b ? a : `${a}:${b}`;
}
