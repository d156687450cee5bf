/**
 * The `Lead Scoring Snapshot` sheet in a saved workbook: the same sheet, cell for cell, that the
 * pane's Apply keeps (src/engine/change/snapshot.ts is the format; src/workbook/scoreSnapshot.ts
 * writes it through Excel). `leadscore score` reads it as the previous scoring and writes it
 * again as a worksheet part of the package: a new part (with its entries in workbook.xml, the
 * workbook's relationships, the content types and docProps/app.xml) or, when the add-in's sheet
 * is there, the same part replaced, so its place among the tabs and its hidden state stay.
 *
 * A sheet of that name whose A1 is not the snapshot's title is the user's: neither read nor
 * written, as in the pane.
 */
import { posix } from 'node:path';
import { excelSerialFromIsoDate, isSnapshotHeaderRow, snapshotHead, SnapshotLeadRows, SNAPSHOT_HEADER_ROW, SNAPSHOT_SHEET, SNAPSHOT_TITLE, snapshotToCells, type ScoreSnapshot } from '../../engine';
import { CliError } from '../command';
import { rowCells, SheetRowReader, type EngineCell } from '../files/sheetRows';
import type { SheetInfo, XlsxPackage } from '../files/xlsxPackage';
import { attribute, columnLetters, escapeXml, MAX_ROWS, startTags } from '../files/xml';
import { cellXml } from './xlsxParts';

export type StoredSnapshot =
  | { readonly kind: 'none' }
  /** A sheet of that name that is not the add-in's: neither read nor replaced. */
  | { readonly kind: 'foreign'; readonly sheet: string }
  | { readonly kind: 'unreadable'; readonly sheet: SheetInfo; readonly message: string }
  | { readonly kind: 'snapshot'; readonly sheet: SheetInfo; readonly snapshot: ScoreSnapshot; readonly warnings: readonly string[] };

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Every sheet name of the workbook (chart sheets too: a new sheet's name must differ from all). */
function allSheetNames(pkg: XlsxPackage): string[] {
  return startTags(pkg.text(pkg.workbookPart), 'sheet').map((tag) => attribute(tag, 'name') ?? '');
}

/**
 * The snapshot sheet the workbook holds, if any, read from A1 (four columns) as the pane reads
 * it. Streamed: the rows above the header are kept to find the labels, each lead row after it
 * goes straight into the snapshot, so a snapshot of a million leads never sits in memory as cells.
 */
export async function readSnapshotSheet(pkg: XlsxPackage): Promise<StoredSnapshot> {
  const name = allSheetNames(pkg).find((n) => same(n, SNAPSHOT_SHEET));
  if (name === undefined) return { kind: 'none' };
  const sheet = pkg.sheets.find((s) => s.name === name);
  if (sheet === undefined) return { kind: 'foreign', sheet: name };
  const context = { sharedStrings: pkg.sharedStrings(), dateStyles: pkg.dateStyles(), where: pkg.path };
  const head: EngineCell[][] = [];
  let leads: SnapshotLeadRows | null = null;
  let nextRow = 1;
  const chunks = pkg.zip.streamEntry(sheet.part);
  try {
    const reader = new SheetRowReader(chunks[Symbol.asyncIterator]());
    await reader.head();
    for (let row = await reader.next(); row !== null; row = await reader.next()) {
      const values: EngineCell[] = [null, null, null, null];
      for (const c of rowCells(row, context, reader.elementPrefix, (column) => column <= 4)) if (c.column <= 4) values[c.column - 1] = c.value;
      if (leads !== null) {
        // Rows Excel leaves out (blank) still count, so the warnings name the right rows.
        for (; nextRow < row.number; nextRow++) leads.add([]);
        leads.add(values);
        nextRow = row.number + 1;
        continue;
      }
      for (; nextRow < row.number; nextRow++) head.push([]);
      head.push(values);
      nextRow = row.number + 1;
      if (head[0]?.[0] !== SNAPSHOT_TITLE) return { kind: 'foreign', sheet: name };
      if (isSnapshotHeaderRow(values)) {
        const found = snapshotHead(head);
        if (!found.ok) return { kind: 'unreadable', sheet, message: found.message };
        leads = new SnapshotLeadRows(found.scoredOn, row.number + 1);
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${pkg.path}: sheet '${sheet.name}' cannot be read; the workbook is damaged (${(error as Error).message})`);
  } finally {
    await chunks.return(undefined);
  }
  if (head[0]?.[0] !== SNAPSHOT_TITLE) return { kind: 'foreign', sheet: name };
  const found = snapshotHead(head);
  if (!found.ok) return { kind: 'unreadable', sheet, message: found.message };
  const read = (leads ?? new SnapshotLeadRows(found.scoredOn)).finish();
  return { kind: 'snapshot', sheet, snapshot: { scoredOn: found.scoredOn, idColumn: found.idColumn, model: found.model, leads: read.leads }, warnings: read.warnings };
}

/** The cell styles the snapshot's numbers are written with, as the pane formats them. */
export interface SnapshotStyles {
  /** 'yyyy-mm-dd' (Scored on, Band since). */
  readonly date: string;
  /** '0.00' (Score). */
  readonly score: string;
}

/** Where the snapshot goes: the add-in's sheet replaced in its part, or a new sheet added. */
export type SnapshotTarget = { readonly kind: 'replace'; readonly sheet: SheetInfo } | { readonly kind: 'add' };

/** Rows written per piece of the streamed part. */
const ROWS_PER_WRITE = 2000;

/** Writes the snapshot sheet's XML in pieces (a snapshot of 200,000 leads is some 25 MB of XML). */
export async function writeSnapshotSheet(snapshot: ScoreSnapshot, styles: SnapshotStyles, write: (text: string) => Promise<void>): Promise<void> {
  const cells = snapshotToCells(snapshot);
  if (cells.length > MAX_ROWS) throw new CliError(`the snapshot of ${snapshot.leads.length.toLocaleString('en')} leads does not fit on a sheet`);
  await write(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      `<dimension ref="A1:D${cells.length}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
      '<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="2" width="14" customWidth="1"/><col min="3" max="3" width="14" customWidth="1"/><col min="4" max="4" width="14" customWidth="1"/></cols>' +
      '<sheetData>',
  );
  let text = '';
  for (let r = 0; r < cells.length; r++) {
    let xml = '';
    (cells[r] ?? []).forEach((cell, c) => {
      const ref = `${columnLetters(c + 1)}${r + 1}`;
      const isDate = (r === 1 && c === 1) || (r >= SNAPSHOT_HEADER_ROW && c === 3);
      const isScore = r >= SNAPSHOT_HEADER_ROW && c === 1;
      if (isDate && typeof cell === 'string' && cell !== '') xml += cellXml('', ref, excelSerialFromIsoDate(cell), styles.date);
      else if (isScore && typeof cell === 'number') xml += cellXml('', ref, cell, styles.score);
      else if (typeof cell === 'string' || typeof cell === 'number') xml += cellXml('', ref, cell);
    });
    text += `<row r="${r + 1}">${xml}</row>`;
    if ((r + 1) % ROWS_PER_WRITE === 0) {
      await write(text);
      text = '';
    }
  }
  await write(text);
  await write('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * workbook.xml with a sheet added after the others (a new tab at the end, as Apply's sheet is),
 * visible, under the next free sheetId, linked by relationship `relId`.
 */
export function addWorkbookSheet(xml: string, name: string, relId: string): string {
  const sheets = /<((?:\w+:)?)sheets\b[^>]*?(\/?)>/.exec(xml);
  if (sheets === null) throw new CliError('the workbook part lists no sheets');
  const prefix = sheets[1] ?? '';
  const nextId = Math.max(0, ...startTags(xml, 'sheet').map((tag) => Number(attribute(tag, 'sheetId') ?? 0)).filter(Number.isFinite)) + 1;
  // The relationships namespace under the prefix the part declares for it, else declared on the element.
  const declared = new RegExp(`xmlns:([\\w.-]+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(xml)?.[1];
  const rel = declared === undefined ? `xmlns:r="${REL_NS}" r:id="${relId}"` : `${declared}:id="${relId}"`;
  const entry = `<${prefix}sheet name="${escapeXml(name)}" sheetId="${nextId}" ${rel}/>`;
  if (sheets[2] === '/') return `${xml.slice(0, sheets.index)}<${prefix}sheets>${entry}</${prefix}sheets>${xml.slice(sheets.index + sheets[0].length)}`;
  const close = xml.indexOf(`</${prefix}sheets>`, sheets.index);
  return `${xml.slice(0, close)}${entry}${xml.slice(close)}`;
}

/**
 * docProps/app.xml with the sheet's name added to the worksheet titles (TitlesOfParts, counted
 * under HeadingPairs' "Worksheets"), or null when the part is not laid out that way: Excel
 * rewrites these properties on save and opens a file without them, so it is then left as it is.
 */
export function addAppSheetTitle(xml: string, name: string): string | null {
  const pairs = /<((?:\w+:)?)HeadingPairs>([\s\S]*?)<\/\1HeadingPairs>/.exec(xml);
  const titles = /<((?:\w+:)?)TitlesOfParts>\s*<(\w+:)vector\b([^>]*)>([\s\S]*?)<\/\2vector>\s*<\/\1TitlesOfParts>/.exec(xml);
  if (pairs === null || titles === null) return null;
  const vt = titles[2] ?? 'vt:';
  const variants = [...(pairs[2] ?? '').matchAll(new RegExp(`<${vt}variant>\\s*<${vt}(lpstr|i4)>([^<]*)</${vt}\\1>\\s*</${vt}variant>`, 'g'))];
  let before = 0;
  let count: RegExpMatchArray | null = null;
  for (let k = 0; k + 1 < variants.length; k += 2) {
    const heading = variants[k]!;
    const n = variants[k + 1]!;
    if (heading[1] !== 'lpstr' || n[1] !== 'i4') return null;
    if (heading[2] === 'Worksheets') {
      count = n;
      break;
    }
    before += Number(n[2]);
  }
  if (count === null) return null;
  const worksheets = Number(count[2]);
  const items = [...(titles[4] ?? '').matchAll(new RegExp(`<${vt}lpstr>[^<]*</${vt}lpstr>|<${vt}lpstr/>`, 'g'))];
  const size = Number(/\ssize="(\d+)"/.exec(titles[3] ?? '')?.[1]);
  if (!Number.isFinite(before + worksheets) || items.length !== size || before + worksheets > items.length) return null;
  const insertAt = before + worksheets === items.length ? (titles[4] ?? '').length : items[before + worksheets]!.index!;
  const old = titles[4] ?? '';
  const body = `${old.slice(0, insertAt)}<${vt}lpstr>${escapeXml(name)}</${vt}lpstr>${old.slice(insertAt)}`;
  const bodyStart = titles[0].indexOf('>', titles[0].indexOf(`<${vt}vector`)) + 1;
  const titlesXml = (titles[0].slice(0, bodyStart) + body + titles[0].slice(bodyStart + old.length)).replace(/(\ssize=")(\d+)(")/, `$1${size + 1}$3`);
  const countXml = count[0].replace(`>${count[2]}<`, `>${worksheets + 1}<`);
  const pairsXml = (pairs[0] ?? '').replace(count[0], countXml);
  return xml.replace(pairs[0], pairsXml).replace(titles[0], titlesXml);
}

/** A new worksheet part's path beside the workbook's other sheets. */
export function freeSheetPart(pkg: XlsxPackage): string {
  const folder = posix.join(posix.dirname(pkg.workbookPart), 'worksheets');
  for (let n = 1; ; n++) if (!pkg.has(`${folder}/sheet${n}.xml`)) return `${folder}/sheet${n}.xml`;
}
