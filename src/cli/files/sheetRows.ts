/**
 * A worksheet part read as a stream of rows. The text before the rows (sheet properties,
 * columns...) and after them (merged cells, conditional formats...) is kept whole; each row
 * comes with its exact XML, so a writer can pass untouched rows through byte for byte.
 * Nothing here allocates by the sheet's claimed size: a stray cell at XFD1048576 costs one
 * cell, not a million rows.
 */
import { excelSerialFromIsoDate } from '../../engine';
import { attribute, MAX_COLUMNS, MAX_ROWS, xmlText, runText } from './xml';

export type EngineCell = string | number | boolean | null;

export interface RawCell {
  /** 1-based column. */
  readonly column: number;
  /** Offsets of the cell's XML in its row's XML. */
  readonly start: number;
  readonly end: number;
  /** The value as the engine takes it (dates as serial numbers, formulas as their result). */
  readonly value: EngineCell;
  /** True when the cell is a number shown as a date (by its style) or a typed date. */
  readonly isDate: boolean;
  /** The cell's style index (its s attribute), -1 for none. */
  readonly style: number;
}

/** Receives each cell of a row as it is scanned (no object per cell). */
export type CellVisitor = (column: number, start: number, end: number, value: EngineCell, isDate: boolean, style: number) => void;

export interface RawRow {
  /** 1-based row number. */
  readonly number: number;
  /** The row's whole XML, from `<row` to its end. */
  readonly xml: string;
  /** Offset in xml where the row's content starts (after the start tag) and ends (before `</row>`); both xml.length for `<row/>`. */
  readonly contentStart: number;
  readonly contentEnd: number;
}

export interface CellContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly where: string;
}

/** Reads rows from a sheet part's text, arriving in chunks. */
export class SheetRowReader {
  private text = '';
  private pos = 0;
  private ended = false;
  private readonly decoder = new TextDecoder('utf-8');
  private inRows = false;
  private lastRow = 0;
  /** The namespace prefix of the sheet's elements ('' or e.g. 'x:'). */
  private prefix = '';
  /** Bytes of the part consumed so far, for progress. */
  bytes = 0;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done === true) {
      this.ended = true;
      this.text = this.text.slice(this.pos) + this.decoder.decode();
      this.pos = 0;
      return false;
    }
    this.bytes += next.value.length;
    this.text = this.text.slice(this.pos) + this.decoder.decode(next.value, { stream: true });
    this.pos = 0;
    return true;
  }

  /** The text up to and including the `<sheetData>` start tag. Call once, first. */
  async head(): Promise<string> {
    for (;;) {
      const m = /<((?:[A-Za-z_][\w.-]*:)?)sheetData(?=[\s/>])[^>]*>/.exec(this.text);
      if (m !== null) {
        this.prefix = m[1] ?? '';
        const end = m.index + m[0].length;
        const head = this.text.slice(0, end);
        this.pos = end;
        this.inRows = !m[0].endsWith('/>');
        return head;
      }
      if (!(await this.more())) throw new Error('the sheet has no sheetData element');
    }
  }

  /** The next row, or null after the last; whitespace between rows is dropped. */
  async next(): Promise<RawRow | null> {
    if (!this.inRows) return null;
    const open = `<${this.prefix}row`;
    const closeData = `</${this.prefix}sheetData>`;
    const closeRow = `</${this.prefix}row>`;
    for (;;) {
      const at = this.text.indexOf('<', this.pos);
      if (at >= 0) {
        if (this.text.startsWith(closeData, at)) {
          this.pos = at;
          this.inRows = false;
          return null;
        }
        if (this.text.startsWith(open, at) && at + open.length < this.text.length) {
          const tagEnd = this.text.indexOf('>', at);
          if (tagEnd >= 0) {
            const selfClosing = this.text[tagEnd - 1] === '/';
            const end = selfClosing ? tagEnd + 1 : this.text.indexOf(closeRow, tagEnd);
            if (end >= 0) {
              const rowEnd = selfClosing ? end : end + closeRow.length;
              const xml = this.text.slice(at, rowEnd);
              this.pos = rowEnd;
              const tag = xml.slice(0, tagEnd - at + 1);
              const r = attribute(tag, 'r');
              const number = r === undefined ? this.lastRow + 1 : Number(r);
              if (!Number.isInteger(number) || number < 1 || number > MAX_ROWS || number <= this.lastRow) {
                throw new Error(`row number ${r ?? '?'} after row ${this.lastRow} is not a valid row (rows go up to ${MAX_ROWS.toLocaleString('en')}, in order)`);
              }
              this.lastRow = number;
              const contentStart = selfClosing ? xml.length : tagEnd - at + 1;
              const contentEnd = selfClosing ? xml.length : xml.length - closeRow.length;
              return { number, xml, contentStart, contentEnd };
            }
          }
        } else if (at + closeData.length <= this.text.length && !this.text.startsWith(open, at)) {
          throw new Error(`unexpected content in the sheet's rows: ${JSON.stringify(this.text.slice(at, at + 30))}`);
        }
      }
      if (!(await this.more())) throw new Error('the sheet ends inside its rows; is the file truncated?');
    }
  }

  /** Everything from `</sheetData>` to the end. Call after next() returned null. */
  async tail(): Promise<string> {
    while (await this.more());
    const tail = this.text.slice(this.pos);
    this.text = '';
    this.pos = 0;
    return tail;
  }

  get elementPrefix(): string {
    return this.prefix;
  }
}

/**
 * The cells of a row. `wanted(column)` says which cells need their value read (others get
 * their position only), so columns beyond the table cost nothing. Written with indexOf and
 * character codes rather than regular expressions: it runs for every cell of the sheet.
 */
export function rowCells(row: RawRow, context: CellContext, prefix: string, wanted: (column: number) => boolean): RawCell[] {
  const cells: RawCell[] = [];
  scanRow(row, context, prefix, wanted, (column, start, end, value, isDate, style) => cells.push({ column, start, end, value, isDate, style }));
  return cells;
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STRING = 2;
const T_INLINE = 3;
const T_BOOLEAN = 4;
const T_DATE = 5;

/** rowCells without the objects: each cell goes to `visit`. */
export function scanRow(row: RawRow, context: CellContext, prefix: string, wanted: (column: number) => boolean, visit: CellVisitor): void {
  const xml = row.xml;
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const vOpen = `<${prefix}v>`;
  const vClose = `</${prefix}v>`;
  let pos = row.contentStart;
  let column = 0;
  while (pos < row.contentEnd) {
    const at = xml.indexOf(open, pos);
    if (at < 0 || at >= row.contentEnd) break;
    let i = at + open.length;
    const after = xml.charCodeAt(i);
    if (!(after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13)) {
      pos = i;
      continue;
    }
    const tagEnd = xml.indexOf('>', i);
    if (tagEnd < 0) throw new Error(`row ${row.number}: a cell is not closed`);
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    // Attributes r, s and t, read in place.
    let refColumn = -1;
    let style = -1;
    let type = T_NUMBER;
    while (i < tagEnd) {
      let c = xml.charCodeAt(i);
      while (c === 32 || c === 9 || c === 10 || c === 13) c = xml.charCodeAt(++i);
      if (i >= tagEnd || c === 47) break;
      const nameStart = i;
      while (i < tagEnd && xml.charCodeAt(i) !== 61 && xml.charCodeAt(i) !== 32) i++;
      const nameEnd = i;
      while (xml.charCodeAt(i) === 32) i++;
      if (xml.charCodeAt(i) !== 61) break;
      i++;
      while (xml.charCodeAt(i) === 32) i++;
      const quote = xml.charCodeAt(i);
      const valueEnd = xml.indexOf(quote === 39 ? "'" : '"', i + 1);
      if (valueEnd < 0 || valueEnd > tagEnd) throw new Error(`row ${row.number}: a cell has a damaged attribute`);
      const valueStart = i + 1;
      i = valueEnd + 1;
      if (nameEnd - nameStart !== 1) continue;
      const name = xml.charCodeAt(nameStart);
      if (name === 114 /* r */) {
        let n = 0;
        for (let k = valueStart; k < valueEnd; k++) {
          const ch = xml.charCodeAt(k) | 32;
          if (ch >= 97 && ch <= 122) n = n * 26 + (ch - 96);
          else if (ch !== 36 /* $ */ && n > 0) break;
        }
        refColumn = n;
      } else if (name === 115 /* s */) {
        style = 0;
        for (let k = valueStart; k < valueEnd; k++) style = style * 10 + (xml.charCodeAt(k) - 48);
        if (!(style >= 0)) style = -1;
      } else if (name === 116 /* t */) {
        const t0 = xml.charCodeAt(valueStart);
        const length = valueEnd - valueStart;
        type =
          length === 1 ? (t0 === 115 ? T_SHARED : t0 === 98 ? T_BOOLEAN : t0 === 101 ? T_STRING : t0 === 100 ? T_DATE : T_NUMBER) : t0 === 105 ? T_INLINE : t0 === 115 ? T_STRING : T_NUMBER;
      }
    }
    column = refColumn < 0 ? column + 1 : refColumn;
    if (column < 1 || column > MAX_COLUMNS) throw new Error(`row ${row.number}: a cell reference is outside the sheet`);
    let end: number;
    if (selfClosing) end = tagEnd + 1;
    else {
      const closeAt = xml.indexOf(close, tagEnd);
      if (closeAt < 0) throw new Error(`row ${row.number}: a cell is not closed`);
      end = closeAt + close.length;
    }
    let value: EngineCell = null;
    let isDate = false;
    if (!selfClosing && wanted(column)) {
      const contentEnd = end - close.length;
      if (type === T_INLINE) value = runText(xml.slice(tagEnd + 1, contentEnd));
      else {
        let v: string | null = null;
        const vAt = xml.indexOf(vOpen, tagEnd);
        if (vAt >= 0 && vAt < contentEnd) {
          const vEnd = xml.indexOf(vClose, vAt);
          if (vEnd >= 0 && vEnd <= contentEnd) v = xml.slice(vAt + vOpen.length, vEnd);
        } else {
          // <v xml:space="preserve"> and the like: the general path.
          v = elementText(xml.slice(tagEnd + 1, contentEnd), `${prefix}v`);
        }
        if (v !== null) {
          switch (type) {
            case T_SHARED:
              value = context.sharedStrings[Number(v)] ?? null;
              break;
            case T_STRING:
              value = xmlText(v);
              break;
            case T_BOOLEAN:
              value = v.trim() === '1' || v.trim().toLowerCase() === 'true';
              break;
            case T_DATE: {
              const serial = excelSerialFromIsoDate(xmlText(v).slice(0, 10));
              if (Number.isFinite(serial)) {
                value = serial;
                isDate = true;
              } else value = xmlText(v);
              break;
            }
            default: {
              const n = Number(v);
              if (v.length > 0 && Number.isFinite(n) && v.trim() !== '') {
                value = n;
                isDate = style >= 0 && context.dateStyles[style] === true;
              }
            }
          }
        }
      }
    }
    visit(column, at, end, value, isDate, style);
    pos = end;
  }
}

function elementText(inner: string, name: string): string | null {
  const open = inner.indexOf(`<${name}`);
  if (open < 0) return null;
  const tagEnd = inner.indexOf('>', open);
  if (tagEnd < 0 || inner[tagEnd - 1] === '/') return null;
  const close = inner.indexOf(`</${name}>`, tagEnd);
  return close < 0 ? null : inner.slice(tagEnd + 1, close);
}

/** A value that counts as present: not null and not an empty string. */
export function isPresent(value: EngineCell): boolean {
  return value !== null && value !== '';
}
