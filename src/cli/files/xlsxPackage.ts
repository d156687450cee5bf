/**
 * An .xlsx opened as what it is, a zip of XML parts: its sheets and where they live, shared
 * strings, which cell styles are dates, Excel Tables, and notes. Parts are read only when
 * asked for, and a sheet is read as a stream of rows (sheetRows.ts), so a workbook of any
 * size costs memory for its shared strings, not for its cells.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { posix } from 'node:path';
import { CliError } from '../command';
import { attribute, elements, parseRange, runText, startTags, xmlText, type CellRange } from './xml';
import { ZipReader } from './zip';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
} as const;

export interface Relationship {
  readonly id: string;
  /** The type URI's last segment ("worksheet", "comments"...), which is what strict and transitional files share. */
  readonly kind: string;
  readonly type: string;
  /** The target part's path inside the zip (resolved, no leading slash); null for external targets. */
  readonly part: string | null;
  readonly target: string;
}

export interface SheetInfo {
  readonly name: string;
  readonly part: string;
  readonly hidden: boolean;
}

export interface TableInfo {
  readonly name: string;
  readonly part: string;
  readonly sheet: SheetInfo;
  readonly range: CellRange;
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly xml: string;
}

/** The signature of an OLE compound file: how Excel stores a password-protected .xlsx (and old .xls). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class XlsxPackage {
  readonly sheets: readonly SheetInfo[];
  readonly workbookPart: string;
  private strings: string[] | null = null;
  private dateStyleFlags: boolean[] | null = null;
  private readonly workbookRels: Relationship[];

  private constructor(
    readonly path: string,
    readonly zip: ZipReader,
  ) {
    const root = this.relationships('');
    const office = root.find((r) => r.kind === 'officeDocument');
    this.workbookPart = office?.part ?? 'xl/workbook.xml';
    if (!zip.entries.has(this.workbookPart)) throw new CliError(`${path}: not an Excel workbook (the package has no workbook part); is it a Word or PowerPoint file renamed?`);
    this.workbookRels = this.relationships(this.workbookPart);
    const workbookXml = this.text(this.workbookPart);
    this.sheets = startTags(workbookXml, 'sheet').flatMap((tag) => {
      const id = attribute(tag, 'r:id') ?? attribute(tag, 'id');
      const rel = this.workbookRels.find((r) => r.id === id);
      // Chart sheets and dialog sheets hold no cells.
      if (rel?.part == null || rel.kind !== 'worksheet') return [];
      return [{ name: attribute(tag, 'name') ?? '', part: rel.part, hidden: (attribute(tag, 'state') ?? 'visible') !== 'visible' }];
    });
  }

  /** Opens a workbook, refusing encrypted, legacy and damaged files with a message that says which. */
  static open(path: string): XlsxPackage {
    const head = readHead(path);
    if (CFB_MAGIC.every((b, i) => head[i] === b)) {
      throw new CliError(
        `${path}: the workbook is password-protected (encrypted) or an old .xls file; ` +
          'open it in Excel, remove the password (File > Info > Protect Workbook) or save it as .xlsx, and try again',
      );
    }
    if (!(head[0] === 0x50 && head[1] === 0x4b)) throw new CliError(`${path}: not an .xlsx workbook (it is not a zip package); is the file damaged or misnamed?`);
    const zip = ZipReader.open(path);
    try {
      return new XlsxPackage(path, zip);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  close(): void {
    this.zip.close();
  }


  has(part: string): boolean {
    return this.zip.entries.has(part);
  }

  text(part: string): string {
    return this.zip.readEntry(part).toString('utf8').replace(/^\uFEFF/, '');
  }

  /** The relationships of a part ('' for the package's own). */
  relationships(part: string): Relationship[] {
    const relsPart = relsPathOf(part);
    if (!this.zip.entries.has(relsPart)) return [];
    const base = posix.dirname(part);
    return startTags(this.text(relsPart), 'Relationship').map((tag) => {
      const type = attribute(tag, 'Type') ?? '';
      const target = attribute(tag, 'Target') ?? '';
      const external = (attribute(tag, 'TargetMode') ?? '') === 'External';
      return { id: attribute(tag, 'Id') ?? '', type, kind: type.slice(type.lastIndexOf('/') + 1), target, part: external ? null : resolvePart(base, target) };
    });
  }

  /** Shared strings, in order (rich text flattened to its text). */
  sharedStrings(): string[] {
    if (this.strings === null) {
      const rel = this.workbookRels.find((r) => r.kind === 'sharedStrings');
      const strings: string[] = [];
      if (rel?.part != null && this.has(rel.part)) {
        const xml = this.text(rel.part);
        const pattern = /<(?:\w+:)?si(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g;
        for (let m = pattern.exec(xml); m !== null; m = pattern.exec(xml)) strings.push(m[1] === undefined ? '' : runText(m[1]));
      }
      this.strings = strings;
    }
    return this.strings;
  }

  stylesPart(): string | null {
    const rel = this.workbookRels.find((r) => r.kind === 'styles');
    return rel?.part != null && this.has(rel.part) ? rel.part : null;
  }

  /** For each cell style index: does its number format show a date? */
  dateStyles(): boolean[] {
    if (this.dateStyleFlags === null) {
      const part = this.stylesPart();
      const flags: boolean[] = [];
      if (part !== null) {
        const xml = this.text(part);
        const custom = new Map<number, string>();
        for (const tag of startTags(xml, 'numFmt')) custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
        const cellXfs = elements(xml, 'cellXfs')[0] ?? '';
        for (const tag of startTags(cellXfs, 'xf')) {
          const id = Number(attribute(tag, 'numFmtId') ?? 0);
          flags.push(isDateFormat(id, custom.get(id)));
        }
      }
      this.dateStyleFlags = flags;
    }
    return this.dateStyleFlags;
  }

  /** The Excel Tables on a sheet. */
  tables(sheet: SheetInfo): TableInfo[] {
    return this.relationships(sheet.part)
      .filter((r) => r.kind === 'table' && r.part !== null && this.has(r.part))
      .flatMap((r) => {
        const xml = this.text(r.part!);
        const tag = startTags(xml, 'table')[0] ?? '';
        const range = parseRange(attribute(tag, 'ref') ?? '');
        if (range === null) return [];
        return [
          {
            name: attribute(tag, 'displayName') ?? attribute(tag, 'name') ?? '',
            part: r.part!,
            sheet,
            range,
            headerRows: Number(attribute(tag, 'headerRowCount') ?? 1),
            totalsRows: Number(attribute(tag, 'totalsRowCount') ?? 0),
            xml,
          },
        ];
      });
  }

  /** The notes (legacy comments) of a sheet, by cell reference. */
  notes(sheet: SheetInfo): Map<string, string> {
    const notes = new Map<string, string>();
    const rel = this.relationships(sheet.part).find((r) => r.kind === 'comments');
    if (rel?.part == null || !this.has(rel.part)) return notes;
    for (const comment of elements(this.text(rel.part), 'comment')) {
      const ref = attribute(startTags(comment, 'comment')[0] ?? '', 'ref');
      if (ref !== undefined) notes.set(ref.toUpperCase(), runText(comment));
    }
    return notes;
  }
}

export function relsPathOf(part: string): string {
  return part === '' ? '_rels/.rels' : posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** A relationship target as a zip path: relative to the source part's folder, or absolute from the root. */
export function resolvePart(base: string, target: string): string {
  const decoded = xmlText(target);
  const path = decoded.startsWith('/') ? decoded.slice(1) : posix.join(base, decoded);
  return posix.normalize(path).replace(/^(\.\.\/)+/, '').replace(/^\.\//, '');
}

/** Built-in date/time formats (ECMA-376 18.8.30) and the CJK ones Excel also treats as dates. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A number format shows a date when it has date/time codes outside quotes, brackets and escapes. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATES.has(id);
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!;
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare) && !/general/i.test(bare);
}

function readHead(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`);
  }
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return head;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: ${code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}
