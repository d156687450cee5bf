/**
 * Text laid out in a terminal's columns (the plain tables of `leadscore accounts` and
 * `leadscore calllist`). A column is counted in what the terminal shows, not in UTF-16 units:
 * an emoji is one character of two units, so cutting by units printed half of one (a broken
 * character); a Japanese or Chinese character and most emoji take two columns, a combining
 * accent none, so counting units put every column after a company name like 株式会社アクメ out
 * of line. Control and direction characters are shown escaped (visible) before measuring, so an
 * ESC in a name neither moves the cursor nor pushes the columns.
 */
import { visible } from './command';

/** Columns a code point takes in a monospaced terminal: 0 for combining and zero-width ones, 2 for wide ones (East Asian wide and full-width, emoji). */
function columnsOf(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x2060 || cp === 0xfeff) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** The columns a text takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += columnsOf(ch.codePointAt(0) ?? 0);
  return width;
}

/** A cell's text for a terminal table: one line, control characters escaped. */
export function terminalCell(value: unknown): string {
  return visible(String(value ?? '').replace(/\s+/g, ' ').trim());
}

/** The text in exactly `width` columns: cut at a whole character with '…' when longer, padded on the right (or left, for numbers). */
export function fitColumns(text: string, width: number, alignRight: boolean): string {
  let shown = text;
  let used = displayWidth(text);
  if (used > width) {
    shown = '';
    used = 0;
    for (const ch of text) {
      const w = columnsOf(ch.codePointAt(0) ?? 0);
      if (used + w > width - 1) break;
      shown += ch;
      used += w;
    }
    shown += '…';
    used += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - used));
  return alignRight ? pad + shown : shown + pad;
}
