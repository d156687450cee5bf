/**
 * The small workbook parts scoring adds to or edits, as text: score cells, the band colours
 * as conditional formats (and their fills in styles.xml), the notes that mark leadscore's
 * header cells (comments plus their VML shapes), Excel Table columns, content types.
 * Each edit touches only what it adds, so the rest of a part stays as Excel wrote it.
 */
import type { Band } from '../../engine';
import { CliError } from '../command';
import { columnLetters, escapeXml, MAX_CELL_CHARS, parseRange, attribute, formatRange, startTags } from '../files/xml';
import type { OutCell } from './leadSinks';

export const CONTENT_TYPE = {
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A cell's XML for a value we write: numbers as numbers, text as inline text (never a formula). */
export function cellXml(prefix: string, ref: string, value: OutCell, style?: string): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  if (value === null || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<${prefix}c r="${ref}"${s}><${prefix}v>${value}</${prefix}v></${prefix}c>` : '';
  if (typeof value === 'boolean') return `<${prefix}c r="${ref}"${s} t="b"><${prefix}v>${value ? 1 : 0}</${prefix}v></${prefix}c>`;
  const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
  return `<${prefix}c r="${ref}"${s} t="inlineStr"><${prefix}is><${prefix}t${space}>${escapeXml(value)}</${prefix}t></${prefix}is></${prefix}c>`;
}

/** Excel keeps at most 32,767 characters in a cell; a longer value would make a file Excel repairs. */
export function checkCellLength(value: OutCell, where: () => string): void {
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
    throw new CliError(`${where()}: the cell holds ${value.length.toLocaleString('en')} characters; Excel keeps at most ${MAX_CELL_CHARS.toLocaleString('en')} in a cell, so the workbook is not written. Shorten it, or write CSV (-o out.csv)`);
  }
}

/** A band's fill as a differential format (what a conditional format applies). */
export function bandDxf(band: Band): string {
  return `<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF${band.color.replace('#', '').toUpperCase()}"/></patternFill></fill></dxf>`;
}

/** styles.xml with one dxf per band (reusing identical ones from an earlier run); returns their ids. */
export function addBandFills(styles: string, bands: readonly Band[]): { xml: string; dxfIds: number[] } {
  let xml = styles;
  let m = /<((?:\w+:)?)dxfs\b[^>]*?(\/>|>)/.exec(xml);
  if (m === null) {
    // dxfs comes after cellStyles (and before tableStyles, colors, extLst).
    const prefix = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
    const after = ['tableStyles', 'colors', 'extLst'].map((n) => xml.search(new RegExp(`<${prefix}${n}[\\s/>]`))).filter((i) => i >= 0);
    const at = after.length > 0 ? Math.min(...after) : xml.lastIndexOf(`</${prefix}styleSheet>`);
    xml = `${xml.slice(0, at)}<${prefix}dxfs count="0"/>${xml.slice(at)}`;
    m = /<((?:\w+:)?)dxfs\b[^>]*?(\/>|>)/.exec(xml)!;
  }
  const prefix = m[1] ?? '';
  const selfClosing = m[2] === '/>';
  const start = m.index + m[0].length;
  const end = selfClosing ? start : xml.indexOf(`</${prefix}dxfs>`, start);
  const body = selfClosing ? '' : xml.slice(start, end);
  const existing = splitElements(body, `${prefix}dxf`);
  const want = bands.map((b) => (prefix === '' ? bandDxf(b) : bandDxf(b).replace(/<(\/?)(\w)/g, `<$1${prefix}$2`)));
  const all = [...existing];
  const dxfIds = want.map((dxf) => {
    const found = all.indexOf(dxf);
    if (found >= 0) return found;
    all.push(dxf);
    return all.length - 1;
  });
  const tag = `<${prefix}dxfs count="${all.length}">`;
  xml = `${xml.slice(0, m.index)}${tag}${all.join('')}</${prefix}dxfs>${xml.slice(selfClosing ? start : end + `</${prefix}dxfs>`.length)}`;
  return { xml, dxfIds };
}

/**
 * The cell style for a day (Excel's built-in short date format 14, shown in the user's locale),
 * reused when the workbook has it from an earlier run; null when the styles have no cellXfs.
 */
export function addDateStyle(styles: string): { xml: string; index: number } | null {
  return addNumberFormatXf(styles, 14);
}

/**
 * The cell style showing numbers in a format given by its code ('yyyy-mm-dd'), or by a built-in
 * format's id (2 is '0.00'): the format and the style are added once and reused from run to run.
 */
export function addNumberFormatStyle(styles: string, format: { readonly id: number } | { readonly code: string }): { xml: string; index: number } | null {
  if ('id' in format) return addNumberFormatXf(styles, format.id);
  const prefix = /<(\w+:)?styleSheet\b/.exec(styles)?.[1] ?? '';
  const code = escapeXml(format.code);
  const formats = startTags(styles, 'numFmt');
  const existing = formats.find((tag) => attribute(tag, 'formatCode') === format.code);
  if (existing !== undefined) return addNumberFormatXf(styles, Number(attribute(existing, 'numFmtId')));
  // Custom formats take ids from 164 up.
  const id = Math.max(163, ...formats.map((tag) => Number(attribute(tag, 'numFmtId') ?? 0))) + 1;
  const added = `<${prefix}numFmt numFmtId="${id}" formatCode="${code}"/>`;
  const list = /<((?:\w+:)?)numFmts\b[^>]*?(\/?)>/.exec(styles);
  let xml: string;
  if (list === null) {
    // numFmts is the styleSheet's first child.
    const sheet = /<(?:\w+:)?styleSheet\b[^>]*>/.exec(styles);
    if (sheet === null) return null;
    const at = sheet.index + sheet[0].length;
    xml = `${styles.slice(0, at)}<${prefix}numFmts count="1">${added}</${prefix}numFmts>${styles.slice(at)}`;
  } else {
    const tag = list[0].replace(/\scount="\d*"/, '').replace(/\/?>$/, ` count="${formats.length + 1}">`);
    const close = `</${list[1] ?? ''}numFmts>`;
    const bodyEnd = list[2] === '/' ? list.index + list[0].length : styles.indexOf(close, list.index);
    if (bodyEnd < 0) return null;
    const body = list[2] === '/' ? '' : styles.slice(list.index + list[0].length, bodyEnd);
    const after = list[2] === '/' ? bodyEnd : bodyEnd + close.length;
    xml = `${styles.slice(0, list.index)}${tag}${body}${added}${close}${styles.slice(after)}`;
  }
  return addNumberFormatXf(xml, id);
}

/** A plain cell style (default font, fill and border) with the number format of this id, reused when there. */
function addNumberFormatXf(styles: string, numFmtId: number): { xml: string; index: number } | null {
  const m = /<((?:\w+:)?)cellXfs\b[^>]*>/.exec(styles);
  if (m === null) return null;
  const prefix = m[1] ?? '';
  const start = m.index + m[0].length;
  const end = styles.indexOf(`</${prefix}cellXfs>`, start);
  if (end < 0) return null;
  const existing = splitElements(styles.slice(start, end), `${prefix}xf`);
  const want = `<${prefix}xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`;
  const found = existing.indexOf(want);
  if (found >= 0) return { xml: styles, index: found };
  const tag = m[0].replace(/\scount="\d*"/, '').replace(/>$/, ` count="${existing.length + 1}">`);
  return { xml: `${styles.slice(0, m.index)}${tag}${existing.join('')}${want}${styles.slice(end)}`, index: existing.length };
}

/** Top-level child elements of a body, as text. */
function splitElements(body: string, name: string): string[] {
  const items: string[] = [];
  const open = new RegExp(`<${name}(?=[\\s/>])[^>]*?(/?)>`, 'g');
  for (let m = open.exec(body); m !== null; m = open.exec(body)) {
    if (m[1] === '/') {
      items.push(m[0]);
      continue;
    }
    const close = `</${name}>`;
    const end = body.indexOf(close, open.lastIndex);
    if (end < 0) break;
    items.push(body.slice(m.index, end + close.length));
    open.lastIndex = end + close.length;
  }
  return items;
}

/** The conditional formats colouring the Score and Band cells by band (native rules, no custom function). */
export function bandFormats(prefix: string, bands: readonly Band[], dxfIds: readonly number[], bandColumn: number, scoreColumn: number, firstRow: number, lastRow: number, firstPriority: number): string {
  const bandLetter = columnLetters(bandColumn);
  const rules = bands
    .map((band, k) => {
      // Excel limits a text literal in a formula to 255 characters.
      if (band.name.length > 255) throw new CliError(`band '${band.name.slice(0, 40)}...' has a name of ${band.name.length} characters; Excel allows at most 255 in a conditional format, so the workbook is not written`);
      const formula = `$${bandLetter}${firstRow}="${band.name.replace(/"/g, '""')}"`;
      return `<${prefix}cfRule type="expression" dxfId="${dxfIds[k]}" priority="${firstPriority + k}"><${prefix}formula>${escapeXml(formula)}</${prefix}formula></${prefix}cfRule>`;
    })
    .join('');
  const block = (column: number): string => `<${prefix}conditionalFormatting sqref="${formatRange({ firstColumn: column, lastColumn: column, firstRow, lastRow })}">${rules}</${prefix}conditionalFormatting>`;
  return block(scoreColumn) + block(bandColumn);
}

/** Elements that follow conditionalFormatting in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_CONDITIONAL_FORMATTING = ['dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
const AFTER_LEGACY_DRAWING = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Where to insert an element in the text after sheetData: before the first element that must follow it. */
export function insertionPoint(tail: string, prefix: string, followers: readonly string[]): number {
  let at = tail.lastIndexOf(`</${prefix}worksheet>`);
  for (const name of followers) {
    const m = new RegExp(`<${prefix}${name}(?=[\\s/>])`).exec(tail);
    if (m !== null && m.index < at) at = m.index;
  }
  return at;
}

/**
 * The tail of the lead sheet: earlier runs' band formats on our columns removed, the new ones
 * added, and the legacy drawing (notes) linked when the sheet had none.
 */
export function editTail(tail: string, prefix: string, options: { ownColumns: readonly number[]; appliedColumns?: readonly number[]; formats: string; legacyDrawingId: string | null }): string {
  let text = tail;
  const within = (sqref: string, columns: readonly number[]): boolean => sqref.split(/\s+/).map(parseRange).every((r) => r !== null && r.firstColumn === r.lastColumn && columns.includes(r.firstColumn));
  // An earlier run's rules: conditional formats lying wholly in our columns, expression rules
  // only; and the band colours Apply put on its columns (any kind of rule: its record says the
  // columns are its own, and it colours them with cell-value and text rules).
  text = text.replace(new RegExp(`<${prefix}conditionalFormatting\\b[^>]*>[\\s\\S]*?</${prefix}conditionalFormatting>`, 'g'), (block) => {
    const sqref = attribute(startTags(block, 'conditionalFormatting')[0] ?? '', 'sqref') ?? '';
    const rules = startTags(block, 'cfRule');
    if (rules.length > 0 && within(sqref, options.appliedColumns ?? [])) return '';
    return within(sqref, options.ownColumns) && rules.length > 0 && rules.every((r) => attribute(r, 'type') === 'expression') ? '' : block;
  });
  if (options.formats !== '') {
    const at = insertionPoint(text, prefix, AFTER_CONDITIONAL_FORMATTING);
    text = text.slice(0, at) + options.formats + text.slice(at);
  }
  if (options.legacyDrawingId !== null) {
    const at = insertionPoint(text, prefix, AFTER_LEGACY_DRAWING);
    text = `${text.slice(0, at)}<${prefix}legacyDrawing xmlns:r="${REL_NS}" r:id="${options.legacyDrawingId}"/>${text.slice(at)}`;
  }
  return text;
}

/** The highest conditional-format priority already on the sheet, so ours come after. */
export function highestPriority(tail: string): number {
  let max = 0;
  for (const m of tail.matchAll(/\spriority="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

export interface NoteToAdd {
  readonly column: number;
  readonly row: number;
  readonly text: string;
}

/** A new comments part holding the notes. */
export function newComments(notes: readonly NoteToAdd[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors><author>leadscore</author></authors><commentList>${notes.map((n) => commentXml('', n, 0)).join('')}</commentList></comments>`;
}

function commentXml(prefix: string, note: NoteToAdd, authorId: number): string {
  return `<${prefix}comment ref="${columnLetters(note.column)}${note.row}" authorId="${authorId}"><${prefix}text><${prefix}t>${escapeXml(note.text)}</${prefix}t></${prefix}text></${prefix}comment>`;
}

/** A comments part with the text of the note on `ref` replaced (its author and shape kept). */
export function replaceCommentText(xml: string, ref: string, text: string): string {
  return xml.replace(/<((?:\w+:)?)comment\b([^>]*)>([\s\S]*?)<\/\1comment>/g, (whole, prefix: string, attributes: string) => {
    if ((attribute(` ${attributes}`, 'ref') ?? '').toUpperCase() !== ref.toUpperCase()) return whole;
    return `<${prefix}comment${attributes}><${prefix}text><${prefix}t xml:space="preserve">${escapeXml(text)}</${prefix}t></${prefix}text></${prefix}comment>`;
  });
}

/** An existing comments part with the notes added (and leadscore as an author). */
export function addComments(xml: string, notes: readonly NoteToAdd[]): string {
  const prefix = /<(\w+:)?comments\b/.exec(xml)?.[1] ?? '';
  const authors = startTags(xml, 'author').length;
  let text = xml;
  if (new RegExp(`<${prefix}authors\\s*/>`).test(text)) text = text.replace(new RegExp(`<${prefix}authors\\s*/>`), `<${prefix}authors><${prefix}author>leadscore</${prefix}author></${prefix}authors>`);
  else if (text.includes(`</${prefix}authors>`)) text = text.replace(`</${prefix}authors>`, `<${prefix}author>leadscore</${prefix}author></${prefix}authors>`);
  else text = text.replace(new RegExp(`(<${prefix}comments\\b[^>]*>)`), `$1<${prefix}authors><${prefix}author>leadscore</${prefix}author></${prefix}authors>`);
  const comments = notes.map((n) => commentXml(prefix, n, authors)).join('');
  if (new RegExp(`<${prefix}commentList\\s*/>`).test(text)) return text.replace(new RegExp(`<${prefix}commentList\\s*/>`), `<${prefix}commentList>${comments}</${prefix}commentList>`);
  if (text.includes(`</${prefix}commentList>`)) return text.replace(`</${prefix}commentList>`, `${comments}</${prefix}commentList>`);
  return text.replace(`</${prefix}comments>`, `<${prefix}commentList>${comments}</${prefix}commentList></${prefix}comments>`);
}

const NOTE_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function noteShape(note: NoteToAdd, id: number): string {
  const c = note.column - 1;
  const r = note.row - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${r}, 2, ${c + 3}, 15, ${r + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

/** A new VML drawing with the notes' shapes; `block` keeps shape ids apart from other sheets'. */
export function newNoteDrawing(notes: readonly NoteToAdd[], block: number): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${NOTE_SHAPE_TYPE}` +
    notes.map((n, i) => noteShape(n, block * 1024 + 1 + i)).join('') +
    '</xml>'
  );
}

/** An existing VML drawing with the notes' shapes added. */
export function addNoteShapes(vml: string, notes: readonly NoteToAdd[]): string {
  let next = 1;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) next = Math.max(next, Number(m[1]) + 1);
  let text = vml.includes('_x0000_t202') ? vml : vml.replace(/(<xml\b[^>]*>)/, `$1${NOTE_SHAPE_TYPE}`);
  const shapes = notes.map((n, i) => noteShape(n, next + i)).join('');
  const close = text.lastIndexOf('</xml>');
  text = close < 0 ? text + shapes : text.slice(0, close) + shapes + text.slice(close);
  return text;
}

/** A relationships part with new relationships added; returns the ids given. */
export function addRelationships(xml: string | null, added: readonly { type: string; target: string }[]): { xml: string; ids: string[] } {
  let text = xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const used = new Set([...text.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  const ids: string[] = [];
  let n = 1;
  let entries = '';
  for (const rel of added) {
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    used.add(id);
    ids.push(id);
    entries += `<Relationship Id="${id}" Type="${rel.type}" Target="${escapeXml(rel.target)}"/>`;
  }
  text = /<Relationships\b[^>]*\/>/.test(text) ? text.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${entries}</Relationships>`) : text.replace('</Relationships>', `${entries}</Relationships>`);
  return { xml: text, ids };
}

/** [Content_Types].xml declaring a part (Override) or an extension (Default), when it does not yet. */
export function declareContentType(xml: string, entry: { part: string; type: string } | { extension: string; type: string }): string {
  if ('extension' in entry) {
    if (new RegExp(`<Default\\b[^>]*Extension="${entry.extension}"`, 'i').test(xml)) return xml;
    return xml.replace('</Types>', `<Default Extension="${entry.extension}" ContentType="${entry.type}"/></Types>`);
  }
  if (xml.includes(`PartName="/${entry.part}"`)) return xml;
  return xml.replace('</Types>', `<Override PartName="/${entry.part}" ContentType="${entry.type}"/></Types>`);
}

/** An Excel Table's XML grown by new columns on its right (ref, autoFilter and tableColumns). */
export function extendTable(xml: string, names: readonly string[]): string {
  if (names.length === 0) return xml;
  const grow = (ref: string): string => {
    const r = parseRange(ref);
    return r === null ? ref : formatRange({ ...r, lastColumn: r.lastColumn + names.length });
  };
  let text = xml.replace(/(<(?:\w+:)?table\b[^>]*?\sref=")([^"]*)(")/, (_, a: string, ref: string, b: string) => a + grow(ref) + b);
  text = text.replace(/(<(?:\w+:)?autoFilter\b[^>]*?\sref=")([^"]*)(")/, (_, a: string, ref: string, b: string) => a + grow(ref) + b);
  const prefix = /<(\w+:)?tableColumns\b/.exec(text)?.[1] ?? '';
  let nextId = 1;
  for (const m of text.matchAll(/<(?:\w+:)?tableColumn\b[^>]*?\sid="(\d+)"/g)) nextId = Math.max(nextId, Number(m[1]) + 1);
  const count = startTags(text, 'tableColumn').length + names.length;
  const columns = names.map((name, i) => `<${prefix}tableColumn id="${nextId + i}" name="${escapeXml(name)}"/>`).join('');
  text = text.replace(new RegExp(`</${prefix}tableColumns>`), `${columns}</${prefix}tableColumns>`);
  return text.replace(/(<(?:\w+:)?tableColumns\b[^>]*?\scount=")(\d+)(")/, `$1${count}$3`);
}

/**
 * An Excel Table's XML without the calculated-column formula of the named columns: Apply fills
 * its Score and Band columns with =LEADSCORE formulas, which Excel records on the table column
 * and would fill into every new row; once leadscore has written values there, it must not.
 */
export function dropCalculatedFormulas(xml: string, names: readonly string[]): string {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return xml.replace(/<((?:\w+:)?)tableColumn\b[^>]*?(?:\/>|>[\s\S]*?<\/\1tableColumn>)/g, (column) => {
    const name = attribute(startTags(column, 'tableColumn')[0] ?? '', 'name') ?? '';
    if (!wanted.has(name.toLowerCase())) return column;
    return column.replace(/<((?:\w+:)?)calculatedColumnFormula\b[^>]*?(?:\/>|>[\s\S]*?<\/\1calculatedColumnFormula>)/g, '');
  });
}

/** The workbook's relationships without the one of the given id. */
export function dropRelationship(rels: string, id: string): string {
  return rels.replace(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Relationship>)/g, (tag) => (attribute(tag, 'Id') === id ? '' : tag));
}

/** [Content_Types].xml without the override of a part that is no longer in the package. */
export function dropContentType(xml: string, part: string): string {
  return xml.replace(/<Override\b[^>]*\/>/g, (tag) => ((attribute(tag, 'PartName') ?? '').replace(/^\//, '') === part ? '' : tag));
}
