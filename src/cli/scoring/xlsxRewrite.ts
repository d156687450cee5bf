/**
 * Scoring a workbook into a workbook: the lead sheet is rewritten as it streams (rows without
 * leads pass through byte for byte, lead rows get their score cells), a few small parts are
 * edited (styles for the band fills, the Excel Table, the notes), and every other part is
 * copied compressed, unchanged. Formulas, number formats, widths, other sheets, charts,
 * macros: all are kept because they are never parsed.
 */
import { posix } from 'node:path';
import { excelSerialFromIsoDate, leadscoreScoreNote, SCORE_COLUMNS as COLUMN_NAMES, SNAPSHOT_SHEET, type ChangeSummary, type Model, type Ownership, type ScoreNote } from '../../engine';
import { CliError } from '../command';
import type { AtomicFile } from '../files/atomicFile';
import type { RawCell, RawRow } from '../files/sheetRows';
import { REL, relsPathOf, type XlsxPackage } from '../files/xlsxPackage';
import { attribute, columnLetters, formatRange, MAX_COLUMNS, parseRange, startTags } from '../files/xml';
import { ZipWriter } from '../files/zip';
import { Progress, SCORE_COLUMN_NOTE, SCORE_COLUMNS, type ScoreTally } from './leadColumns';
import {
  addBandFills,
  addDateStyle,
  addNumberFormatStyle,
  addComments,
  addNoteShapes,
  addRelationships,
  bandFormats,
  cellXml,
  CONTENT_TYPE,
  declareContentType,
  dropCalculatedFormulas,
  dropContentType,
  dropRelationship,
  editTail,
  extendTable,
  highestPriority,
  newComments,
  newNoteDrawing,
  replaceCommentText,
  type NoteToAdd,
} from './xlsxParts';
import { applyRecordPart, refreshedApplyRecord } from './applyRecord';
import { CHANGE_COLUMNS } from './csvChange';
import { walkLeadSheet, type HeaderInfo, type LeadLocation, type WalkedRow, type WalkSummary } from './workbookLeads';
import type { WorkbookChange } from './xlsxChange';
import { addAppSheetTitle, addWorkbookSheet, freeSheetPart, writeSnapshotSheet } from './xlsxSnapshot';

interface Plan {
  readonly header: HeaderInfo;
  /** The columns this run writes: the score columns, then Change and Band since when leads are compared with the last run. */
  readonly names: readonly string[];
  readonly prefix: string;
  /** Sheet column (1-based) of each column in `names`, in that order. */
  readonly columns: number[];
  /** The columns that did not exist before this run. */
  readonly added: Set<number>;
  /** Every score column, old or new. */
  readonly targets: Set<number>;
  /** Columns Apply wrote that this run does not (Change, Band since): their values are the last Apply's, so they are emptied. */
  readonly cleared: Set<number>;
  /** The sheet columns Apply wrote, by its record. */
  readonly applied: number[];
  /** Set once a formula cell is replaced or emptied (Apply's =LEADSCORE formulas). */
  readonly replacedFormulas: { found: boolean };
  /** Column letters of `columns`. */
  readonly letters: string[];
  readonly notes: NoteToAdd[];
  readonly dxfIds: number[];
  readonly styles: string | null;
  /** The cell style Band since is written with (a date), or undefined to write ISO text. */
  readonly dateStyle: string | undefined;
  /** Apply's Score column refreshed: the note left on its header (null: a person's note there, kept) and the cell whose note of Apply's is replaced. */
  refresh: { readonly note: ScoreNote | null; readonly replace: string | null } | null;
}

const U31 = 2 ** 31;
const BAND_SINCE = COLUMN_NAMES.bandSince;

/**
 * `change`: each lead compared with the last scoring (xlsxChange.ts), written as Change and Band
 * since when there was one, and this run's snapshot kept on the snapshot sheet; null when the
 * leads have no ID column.
 */
export async function rewriteWorkbook(
  pkg: XlsxPackage,
  location: LeadLocation,
  model: Model,
  asOf: string | undefined,
  out: AtomicFile,
  progress: Progress,
  change: WorkbookChange | null = null,
): Promise<{ tally: ScoreTally; warnings: string[]; change: ChangeSummary | null }> {
  const { sheet, table } = location;
  const where = `${pkg.path}, ${table === null ? `sheet '${sheet.name}'` : `table '${table.name}'`}`;
  const sheetRels = relsPathOf(sheet.part);
  const relationships = pkg.relationships(sheet.part);
  const commentsRel = relationships.find((r) => r.kind === 'comments' && r.part !== null && pkg.has(r.part));
  const vmlRel = relationships.find((r) => r.kind === 'vmlDrawing' && r.part !== null && pkg.has(r.part));
  const stylesPart = pkg.stylesPart();
  if (stylesPart === null) throw new CliError(`${pkg.path}: the workbook has no styles part; open it in Excel and save it again`);
  // The calculation chain lists the cells that hold formulas; replacing Apply's formula cells
  // with values would leave it naming cells without one, which Excel reports as damage. Held
  // back until the sheet is written, then dropped (Excel rebuilds it) or copied as it was.
  const calcChainRel = pkg.relationships(pkg.workbookPart).find((r) => r.kind === 'calcChain' && r.part !== null && pkg.has(r.part));
  const workbookRels = relsPathOf(pkg.workbookPart);
  // The snapshot sheet: the add-in's part replaced where it is, or a new part listed in the workbook, its relationships and the document properties.
  const snapshotTarget = change?.snapshot ?? null;
  const snapshotPart = snapshotTarget === null ? null : snapshotTarget.kind === 'replace' ? snapshotTarget.sheet.part : freeSheetPart(pkg);
  const addsSheet = snapshotTarget?.kind === 'add';
  const appPart = addsSheet ? (pkg.relationships('').find((r) => r.kind === 'extended-properties' && r.part !== null && pkg.has(r.part))?.part ?? undefined) : undefined;
  const edited = new Set(
    [
      sheet.part,
      sheetRels,
      '[Content_Types].xml',
      stylesPart,
      table?.part,
      commentsRel?.part,
      vmlRel?.part,
      calcChainRel?.part,
      calcChainRel !== undefined || addsSheet ? workbookRels : undefined,
      snapshotPart ?? undefined,
      addsSheet ? pkg.workbookPart : undefined,
      appPart,
    ].filter((p): p is string => typeof p === 'string'),
  );

  // Where notes would go, decided before the sheet is written (its tail names the drawing).
  const commentsPart = commentsRel?.part ?? freePart(pkg, 'xl/comments', '.xml');
  const vmlPart = vmlRel?.part ?? freePart(pkg, 'xl/drawings/vmlDrawing', '.vml');
  const newRels: { type: string; target: string }[] = [];
  if (commentsRel === undefined) newRels.push({ type: REL.comments, target: posix.relative(posix.dirname(sheet.part), commentsPart) });
  if (vmlRel === undefined) newRels.push({ type: REL.vmlDrawing, target: posix.relative(posix.dirname(sheet.part), vmlPart) });
  const grownRels = addRelationships(pkg.has(sheetRels) ? pkg.text(sheetRels) : null, newRels);
  const newDrawingId = vmlRel === undefined ? (grownRels.ids[grownRels.ids.length - 1] ?? null) : null;

  // Apply's record says who scored last: rewritten when this run refreshes Apply's columns.
  const recordPart = applyRecordPart(pkg);
  if (recordPart !== null) edited.add(recordPart.part);
  const at = new Date();

  const zip = new ZipWriter(out);
  for (const [key, entry] of pkg.zip.entries) if (!edited.has(key)) zip.copy(pkg.zip, entry);

  let plan: Plan | null = null;
  const sheetEntry = pkg.zip.entries.get(sheet.part);
  let walked: WalkSummary | null = null;
  await zip.stream(
    sheet.part,
    async (write) => {
      walked = await walkLeadSheet(
        pkg,
        location,
        model,
        asOf,
        {
          head: async (text, header, prefix) => {
            plan = makePlan(pkg, where, header, prefix, stylesPart, change?.columns === true ? [...SCORE_COLUMNS, ...CHANGE_COLUMNS] : SCORE_COLUMNS);
            plan.refresh = refreshApplyNote(plan, recordPart?.record ?? null, pkg.notes(sheet), sheet.name, leadscoreScoreNote(model.name, at));
            await write(editHead(text, plan));
          },
          cellsFrom: () => Math.min(...plan!.columns, ...plan!.cleared),
          rows: async (rows) => {
            let text = '';
            for (const r of rows) {
              if (change !== null && r.kind === 'lead' && r.score !== null) {
                // Every lead goes through the comparison, for the snapshot, even on a first scoring that writes no Change columns.
                const compared = change.compare.cells(r.values ?? [], r.score, r.row.number);
                if (change.columns) r.score = [...r.score, ...compared];
              }
              text += rewriteRow(r, plan!, where);
            }
            await write(text);
          },
          tail: async (text, summary) => {
            const p = plan!;
            const [scoreColumn, bandColumn] = p.columns as [number, number];
            const firstRow = p.header.headerRow + 1;
            const lastRow = table !== null ? Math.max(firstRow, p.header.lastDataRow) : summary.lastLeadRow;
            const formats = summary.lastLeadRow === 0 ? '' : bandFormats(p.prefix, summary.tally!.model.bands, p.dxfIds, bandColumn, scoreColumn, firstRow, lastRow, highestPriority(text) + 1);
            const legacyDrawingId = p.notes.length > 0 ? newDrawingId : null;
            await write(editTail(text, p.prefix, { ownColumns: [scoreColumn, bandColumn], appliedColumns: p.applied, formats, legacyDrawingId }));
          },
        },
        progress,
      );
    },
    (sheetEntry?.size ?? 0) > U31,
  );
  const done = plan as Plan | null;
  const result = walked as WalkSummary | null;
  if (done === null || result === null) throw new Error('the lead sheet was not walked');

  // The parts edited alongside the sheet; each one left unchanged is copied as it was.
  const addOrCopy = (part: string, text: string | null): void => {
    if (text !== null) zip.add(part, text);
    else {
      const entry = pkg.zip.entries.get(part);
      if (entry !== undefined) zip.copy(pkg.zip, entry);
    }
  };
  const finished = change === null ? null : change.compare.finish();
  const snapshot = snapshotPart === null ? null : (finished?.snapshot ?? null);
  let styles = done.styles;
  if (snapshot !== null && snapshotPart !== null) {
    // The pane's formats: Scored on and Band since as yyyy-mm-dd dates, Score with two decimals.
    const date = addNumberFormatStyle(styles ?? pkg.text(stylesPart), { code: 'yyyy-mm-dd' });
    const score = date === null ? null : addNumberFormatStyle(date.xml, { id: 2 });
    if (date === null || score === null) throw new CliError(`${pkg.path}: the workbook's styles have no cell formats; open it in Excel and save it again`);
    styles = score.xml;
    await zip.stream(snapshotPart, (write) => writeSnapshotSheet(snapshot, { date: String(date.index), score: String(score.index) }, write));
  }
  else if (snapshotTarget?.kind === 'replace') addOrCopy(snapshotTarget.sheet.part, null);
  addOrCopy(stylesPart, styles);
  if (table !== null) {
    const addedNames = done.columns.flatMap((c, k) => (done.added.has(c) ? [done.names[k]!] : []));
    const appliedNames = done.applied.map((c) => done.header.headers[c - done.header.firstColumn] ?? '');
    const tableXml = appliedNames.length > 0 ? dropCalculatedFormulas(table.xml, appliedNames) : table.xml;
    addOrCopy(table.part, addedNames.length > 0 ? extendTable(tableXml, addedNames) : tableXml !== table.xml ? tableXml : null);
  }
  const dropCalcChain = calcChainRel !== undefined && done.replacedFormulas.found;
  let relsXml: string | null = dropCalcChain ? dropRelationship(pkg.text(workbookRels), calcChainRel.id) : null;
  if (calcChainRel !== undefined && !dropCalcChain) addOrCopy(calcChainRel.part!, null);
  const newSheet = addsSheet && snapshot !== null && snapshotPart !== null;
  if (newSheet) {
    const added = addRelationships(relsXml ?? (pkg.has(workbookRels) ? pkg.text(workbookRels) : null), [{ type: REL.worksheet, target: posix.relative(posix.dirname(pkg.workbookPart), snapshotPart) }]);
    relsXml = added.xml;
    zip.add(pkg.workbookPart, addWorkbookSheet(pkg.text(pkg.workbookPart), SNAPSHOT_SHEET, added.ids[0]!));
    if (appPart !== undefined) addOrCopy(appPart, addAppSheetTitle(pkg.text(appPart), SNAPSHOT_SHEET));
  } else if (addsSheet) {
    addOrCopy(pkg.workbookPart, null);
    if (appPart !== undefined) addOrCopy(appPart, null);
  }
  if (calcChainRel !== undefined || addsSheet) addOrCopy(workbookRels, relsXml);
  const notes = done.notes.length > 0;
  const replaced = done.refresh?.replace ?? null;
  const comments = commentsRel === undefined ? null : replaced === null ? pkg.text(commentsPart) : replaceCommentText(pkg.text(commentsPart), replaced, done.refresh!.note!.text);
  addOrCopy(commentsPart, notes ? (comments !== null ? addComments(comments, done.notes) : newComments(done.notes)) : replaced !== null ? comments : null);
  if (recordPart !== null) addOrCopy(recordPart.part, done.refresh === null ? null : refreshedApplyRecord(recordPart.record, { model, at, note: done.refresh.note }));
  addOrCopy(vmlPart, !notes ? null : vmlRel !== undefined ? addNoteShapes(pkg.text(vmlPart), done.notes) : newNoteDrawing(done.notes, pkg.sheets.indexOf(sheet) + 1));
  addOrCopy(sheetRels, notes && newRels.length > 0 ? grownRels.xml : null);
  let contentTypes: string | null = null;
  if (notes) {
    contentTypes = declareContentType(pkg.text('[Content_Types].xml'), { part: commentsPart, type: CONTENT_TYPE.comments });
    contentTypes = declareContentType(contentTypes, { extension: 'vml', type: CONTENT_TYPE.vml });
  }
  if (dropCalcChain) contentTypes = dropContentType(contentTypes ?? pkg.text('[Content_Types].xml'), calcChainRel.part!);
  if (newSheet) contentTypes = declareContentType(contentTypes ?? pkg.text('[Content_Types].xml'), { part: snapshotPart, type: CONTENT_TYPE.worksheet });
  addOrCopy('[Content_Types].xml', contentTypes);
  zip.finish();
  const name = (c: number): string => `'${done.header.headers[c - done.header.firstColumn] ?? columnLetters(c)}'`;
  const byApply = done.applied;
  const clearedApply = [...done.cleared].filter((c) => byApply.includes(c)).map(name);
  // leadscore's own Change and Band since of a run that could compare, now that it cannot (no ID column): the report says why.
  const clearedOwn = [...done.cleared].filter((c) => !byApply.includes(c)).map(name);
  const it = (list: readonly string[]): string => (list.length === 1 ? 'it' : 'them');
  const warnings = [...result.warnings];
  if (clearedApply.length > 0) warnings.push(`${where}: ${clearedApply.join(', ')} came from the add-in's last Apply, and the workbook has no '${SNAPSHOT_SHEET}' sheet of that Apply (or no ID column now) to compare with; emptied rather than left out of date (the next scoring fills ${it(clearedApply)} again)`);
  if (clearedOwn.length > 0) warnings.push(`${where}: ${clearedOwn.join(', ')} from leadscore's last run could not be brought up to date this time; emptied rather than left out of date`);
  return { tally: result.tally!, warnings, change: finished?.summary ?? null };
}

function freePart(pkg: XlsxPackage, stem: string, ext: string): string {
  for (let n = 1; ; n++) if (!pkg.has(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
}

function makePlan(pkg: XlsxPackage, where: string, header: HeaderInfo, prefix: string, stylesPart: string, names: readonly string[]): Plan {
  const columns: number[] = [];
  const added = new Set<number>();
  let next = header.lastColumn + 1;
  for (const name of names) {
    const existing = header.headers.findIndex((h, i) => h.toLowerCase() === name.toLowerCase() && header.ours.has(i));
    if (existing >= 0) columns.push(header.firstColumn + existing);
    else {
      columns.push(next);
      added.add(next);
      next++;
    }
  }
  if (next - 1 > MAX_COLUMNS) {
    throw new CliError(
      `${where}: the table ends at column ${columnLetters(header.lastColumn)}, and its ${added.size} score columns would go past ${columnLetters(MAX_COLUMNS)}, the last column Excel has. ` +
        `Move the table left, delete unused columns (or a stray cell in row ${header.headerRow}), or write CSV (-o out.csv)`,
    );
  }
  // The header cells of new columns look like their neighbour (its style), and carry our note.
  const notes: NoteToAdd[] = [...added].map((column) => ({ column, row: header.headerRow, text: SCORE_COLUMN_NOTE }));
  const bands = header.compiled!.bands;
  const filled = addBandFills(pkg.text(stylesPart), bands);
  const dxfIds = filled.dxfIds;
  const dated = names.includes(BAND_SINCE) ? addDateStyle(filled.xml) : null;
  const styles = dated?.xml ?? filled.xml;
  const targets = new Set(columns);
  const cleared = new Set([...header.ours].map((i) => header.firstColumn + i).filter((c) => !targets.has(c)));
  const applied = [...header.applied].map((i) => header.firstColumn + i);
  return { header, names, prefix, columns, added, targets, cleared, applied, replacedFormulas: { found: false }, letters: columns.map(columnLetters), notes, dxfIds, styles, dateStyle: dated === null ? undefined : String(dated.index), refresh: null };
}

/**
 * The note on Apply's Score header once this run rewrote the column, so it names this run's
 * model and time rather than the last Apply's: Apply's note (the text its record holds) is
 * replaced, an empty header cell gets one, and a person's note is left as it is. Null when the
 * Score column is not Apply's.
 */
function refreshApplyNote(plan: Plan, record: Ownership | null, notes: ReadonlyMap<string, string>, sheet: string, text: string): Plan['refresh'] {
  const column = plan.columns[0]!;
  if (record === null || !plan.applied.includes(column)) return null;
  const cell = `${columnLetters(column)}${plan.header.headerRow}`;
  const note = { sheet, cell, text };
  const existing = notes.get(cell);
  if (existing === undefined) {
    plan.notes.push({ column, row: plan.header.headerRow, text });
    return { note, replace: null };
  }
  return isRecordedNote(existing, record.applied?.note?.text) ? { note, replace: cell } : { note: null, replace: null };
}

/** Whether a note's text is the one the record says the add-in wrote (Excel may put the author's name on a line before it). */
function isRecordedNote(text: string, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  const plain = (t: string): string => t.replace(/\r\n?/g, '\n').trim();
  const [have, want] = [plain(text), plain(recorded)];
  return want !== '' && (have === want || have.endsWith(`\n${want}`));
}

function editHead(head: string, plan: Plan): string {
  const last = Math.max(...plan.columns);
  let text = head.replace(/(<(?:\w+:)?dimension\b[^>]*?\sref=")([^"]*)(")/, (all, a: string, ref: string, b: string) => {
    const r = parseRange(ref);
    return r === null || r.lastColumn >= last ? all : a + formatRange({ ...r, lastColumn: last }) + b;
  });
  if (plan.added.size === 0) return text;
  const p = plan.prefix;
  const widths = [...plan.added].map((column) => ({ column, width: plan.names[plan.columns.indexOf(column)]!.length + 4 }));
  const colsMatch = new RegExp(`<${p}cols>([\\s\\S]*?)</${p}cols>`).exec(text);
  if (colsMatch === null) {
    const at = text.lastIndexOf(`<${p}sheetData`);
    const cols = widths.map((w) => `<${p}col min="${w.column}" max="${w.column}" width="${w.width}" customWidth="1"/>`).join('');
    return `${text.slice(0, at)}<${p}cols>${cols}</${p}cols>${text.slice(at)}`;
  }
  const existing = startTags(colsMatch[1] ?? '', 'col').map((tag) => ({ min: Number(attribute(tag, 'min')), max: Number(attribute(tag, 'max')), tag }));
  const free = widths.filter((w) => !existing.some((e) => w.column >= e.min && w.column <= e.max));
  const all = [...existing, ...free.map((w) => ({ min: w.column, max: w.column, tag: `<${p}col min="${w.column}" max="${w.column}" width="${w.width}" customWidth="1"/>` }))].sort((a, b) => a.min - b.min);
  text = text.slice(0, colsMatch.index) + `<${p}cols>${all.map((e) => e.tag).join('')}</${p}cols>` + text.slice(colsMatch.index + colsMatch[0].length);
  return text;
}

const HAS_CONTENT = /<(?:\w+:)?(?:v|is|f)[\s>]/;

function rewriteRow(walked: WalkedRow, plan: Plan, where: string): string {
  const { row, cells, kind } = walked;
  if (kind === 'outside') return row.xml;
  const { targets, added, columns, prefix, cleared } = plan;
  const inTarget = cells.filter((c) => targets.has(c.column));
  if (kind === 'blank') {
    // Scores of a lead that is no longer there: removed, and nothing written.
    const stale = cells.filter((c) => (targets.has(c.column) && !added.has(c.column)) || cleared.has(c.column));
    noteFormulas(row, stale, plan);
    return stale.length === 0 ? row.xml : rebuild(row, cells, (c) => !stale.includes(c), []);
  }
  for (const c of inTarget) {
    if (added.has(c.column) && HAS_CONTENT.test(row.xml.slice(c.start, c.end))) {
      const value = c.value === null ? row.xml.slice(c.start, c.end).replace(/<[^>]*>/g, '').slice(0, 40) : String(c.value).slice(0, 40);
      throw new CliError(
        `${where}: cell ${columnLetters(c.column)}${row.number} holds '${value}' where leadscore would write its ${plan.names[columns.indexOf(c.column)]} column; ` +
          'move what is there (or the table), then run again',
      );
    }
  }
  const ours: { column: number; xml: string }[] = [];
  if (kind === 'header') {
    const neighbour = cells.filter((c) => c.column <= plan.header.lastColumn && !targets.has(c.column)).pop();
    for (const column of added) ours.push({ column, xml: cellXml(prefix, `${columnLetters(column)}${row.number}`, plan.names[columns.indexOf(column)]!, neighbour === undefined || neighbour.style < 0 ? undefined : String(neighbour.style)) });
    if (ours.length === 0) return row.xml;
    return rebuild(row, cells, (c) => !added.has(c.column), ours);
  }
  const score = walked.score ?? [];
  columns.forEach((column, k) => {
    const value = score[k] ?? null;
    // Band since as a real date cell: Excel sorts and filters it as a date, in the user's date format.
    const day = plan.dateStyle !== undefined && plan.names[k] === BAND_SINCE && typeof value === 'string' ? excelSerialFromIsoDate(value) : Number.NaN;
    ours.push({ column, xml: Number.isNaN(day) ? cellXml(prefix, `${plan.letters[k]}${row.number}`, value) : cellXml(prefix, `${plan.letters[k]}${row.number}`, day, plan.dateStyle) });
  });
  const keep = (c: RawCell): boolean => !targets.has(c.column) && !cleared.has(c.column);
  noteFormulas(row, cells.filter((c) => !keep(c)), plan);
  return rebuild(row, cells, keep, ours);
}

const FORMULA = /<(?:\w+:)?f[\s>/]/;

/** Remembers whether a cell about to be replaced held a formula (then the calculation chain goes). */
function noteFormulas(row: RawRow, dropped: readonly RawCell[], plan: Plan): void {
  if (plan.replacedFormulas.found) return;
  if (dropped.some((c) => FORMULA.test(row.xml.slice(c.start, c.end)))) plan.replacedFormulas.found = true;
}

/**
 * The row with ours inserted in column order and some of the listed cells dropped. `cells`
 * lists the row's cells from some column on; everything before the first of them is kept as it is.
 */
function rebuild(row: RawRow, cells: readonly RawCell[], keep: (c: RawCell) => boolean, ours: { column: number; xml: string }[]): string {
  const xml = row.xml;
  const selfClosing = row.contentStart === xml.length;
  // The start tag without "spans" (an optional hint that our cells could contradict).
  const startTag = xml.slice(0, row.contentStart).replace(/\sspans="[^"]*"/, '');
  const opening = selfClosing ? `${startTag.slice(0, -2)}>` : startTag;
  const closing = selfClosing ? `</${/^<(\w+:)?row/.exec(xml)?.[1] ?? ''}row>` : xml.slice(row.contentEnd);
  ours.sort((a, b) => a.column - b.column);
  const firstListed = cells[0]?.start ?? row.contentEnd;
  let body = selfClosing ? '' : xml.slice(row.contentStart, firstListed);
  let k = 0;
  let lastEnd = firstListed;
  for (const c of cells) {
    while (k < ours.length && ours[k]!.column < c.column) body += ours[k++]!.xml;
    if (keep(c)) body += xml.slice(c.start, c.end);
    lastEnd = c.end;
  }
  while (k < ours.length) body += ours[k++]!.xml;
  const rest = selfClosing ? '' : xml.slice(lastEnd, row.contentEnd);
  return opening + body + rest + closing;
}
