/**
 * Apply and remove: the scoring columns added to the lead table (live =LEADSCORE.* formulas or
 * static values), the model cell and its name, the band colours, and the ownership record that
 * lets Remove take away exactly what Apply added.
 */
import { compile, diffScores, LEADSCORE_COLUMN_NOTE, SCORE_FILE_COLUMNS, SNAPSHOT_SHEET as SNAPSHOT_SHEET_NAME, excelSerialFromIsoDate, findIdColumn, MODEL_SHEET, MODEL_TABLE_NAMES, SCORE_COLUMNS, sheetRef, type Model, type Problem, type ScoreChange } from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { TableInfo, WorkbookGateway, WriteCell } from '../excel/gateway';
import { bandTextRules, scoreRules } from './bandFormats';
import { asText, headerSpan, thisRowSpan } from './formulaText';
import type { LeadTables } from './leadTable';
import { blank } from './modelSheetIO';
import { modelFingerprint, OWNERSHIP_NAMESPACE, ownershipToXml, type Ownership, type ScoreNote } from './ownership';
import { bytesOf } from './payloadBudget';
import { deleteSnapshot, readSnapshot, writeSnapshot } from './scoreSnapshot';
import { scoreHeaderNote } from './scoreHeaderNote';
import type { ApplyChange, ApplyOptions, ApplyResult, RemoveResult } from './session';

/** The workbook name of the cell holding =LEADSCORE.MODEL(...), which the row formulas read. */
export const MODEL_NAME = 'LeadScoringModel';
/** Where that cell and its label sit on the model sheet: row 2, above the tables. */
export const MODEL_CELL = { label: 'A2', cell: 'B2' } as const;

/** Number formats of the added columns: points with two decimals; a band name as General (a text format would keep a formula as text). */
const SCORE_COLUMN_FORMATS: Readonly<Record<string, string>> = {
  [SCORE_COLUMNS.score]: '0.00',
  [SCORE_COLUMNS.band]: 'General',
  [SCORE_COLUMNS.fit]: '0.00',
  [SCORE_COLUMNS.engagement]: '0.00',
  [SCORE_COLUMNS.change]: '+0.00;-0.00;0.00',
  [SCORE_COLUMNS.bandSince]: 'yyyy-mm-dd',
};
/** Columns written as values in either mode: they compare with the last scoring, which a formula cannot see. */
const CHANGE_COLUMNS: readonly string[] = [SCORE_COLUMNS.change, SCORE_COLUMNS.bandSince];

/** What Apply needs of the session it runs in. */
export interface ApplyContext {
  readonly gateway: WorkbookGateway;
  readonly leads: LeadTables;
  readonly today: Date;
  readonly blockBudgetBytes: number;
  /** Requests made so far, for ApplyResult.requests. */
  requestCount(): number;
  /** The refusal to save over a model sheet that cannot be read, or null. */
  unreadableModelSheet(): Promise<{ readonly problems: readonly Problem[]; readonly message: string } | null>;
  /** Saves the model, the sheet already checked. */
  saveModel(model: Model): Promise<void>;
}

export async function applyScoring(ctx: ApplyContext, model: Model, options: ApplyOptions): Promise<ApplyResult> {
  const { gateway, leads } = ctx;
  const start = ctx.requestCount();
  let info;
  try {
    info = await leads.refreshCurrent();
  } catch (e) {
    return { kind: 'invalid', problems: [problem(e instanceof Error ? e.message : String(e))] };
  }
  const owned = await leads.ownership();
  const appliedHere = leads.ownedColumnsOf(info, owned);
  // A teammate's `leadscore score` run wrote its columns with a note on each header: they are
  // scoring's too, so they are replaced rather than questioned or read as lead data.
  const ownedHere = [...appliedHere, ...(await leadscoreColumns(gateway, info))];
  const has = (list: readonly string[], h: string): boolean => list.some((x) => x.toLowerCase() === h.toLowerCase());
  // The last scoring's snapshot, and whether the leads have an ID to compare them by: without
  // one there are no Change and Band since columns (the result says why).
  const stored = await readSnapshot(gateway);
  const previous = stored.kind === 'snapshot' ? stored.snapshot : null;
  const chosenId = options.idColumn ?? model.idColumn;
  const idQuery = { chosen: chosenId, previous: previous?.idColumn ?? null };
  const idHeaders = info.headers.filter((h) => !has(ownedHere, h) && !has([SCORE_COLUMNS.score, SCORE_COLUMNS.band, SCORE_COLUMNS.fit, SCORE_COLUMNS.engagement, ...CHANGE_COLUMNS], h));
  const idFound = findIdColumn({ headers: idHeaders, ...idQuery });
  const tracked = idFound.ok;
  const wanted: string[] = [SCORE_COLUMNS.score, SCORE_COLUMNS.band, ...(options.subScores ? [SCORE_COLUMNS.fit, SCORE_COLUMNS.engagement] : []), ...(tracked ? CHANGE_COLUMNS : [])];

  const conflicts = info.headers.filter((h) => has(wanted, h) && !has(ownedHere, h) && !has(options.allowOverwrite ?? [], h));
  if (conflicts.length > 0) {
    return {
      kind: 'conflict',
      columns: conflicts,
      message: `The table '${info.name}' already has ${conflicts.length === 1 ? 'a column' : 'columns'} ${conflicts.map((c) => `'${c}'`).join(', ')} that scoring did not add. Overwrite ${conflicts.length === 1 ? 'it' : 'them'}?`,
    };
  }
  const leadHeaders = info.headers.filter((h) => !has(ownedHere, h) && !has(wanted, h));
  const compiled = compile(model, leadHeaders, { today: ctx.today });
  if (!compiled.ok) return { kind: 'invalid', problems: compiled.problems };
  if (leadHeaders.length === 0) return { kind: 'invalid', problems: [problem('the lead table has no columns besides the scoring columns')] };
  // Apply saves the model to the model sheet: refused, before anything changes, while that
  // sheet holds a model that cannot be read.
  if (options.replaceModelSheet !== true) {
    const refused = await ctx.unreadableModelSheet();
    if (refused !== null) return { kind: 'unreadableModelSheet', problems: refused.problems, message: refused.message };
  }

  // One scored table per workbook (there is one model cell, over one table's headers): scoring
  // another table first removes what Apply added to the previous one.
  if (owned !== null && appliedHere.length === 0 && owned.table !== info.name) {
    await removeScoring(gateway, leads);
    info = await leads.refreshCurrent();
  }
  // Our old columns and the ones the user agreed to overwrite go; fresh ones are added at the
  // right, so the lead columns stay one contiguous span for the row formulas.
  const replace = info.headers.filter((h) => has(ownedHere, h) || has(wanted, h));
  // A note someone wrote on our Score header goes with the column: it is put back on the new one.
  const keptNote = await userNoteOnScoreHeader(gateway, info, ownedHere, owned?.applied?.note ?? null);
  if (replace.length > 0) await gateway.deleteTableColumns(info.name, replace);
  await gateway.addTableColumns(info.name, wanted);
  info = await leads.refreshCurrent();
  const block = parseAddress(info.address);
  const rowCount = block.rows - 1;
  const firstOwned = block.column + block.columns - wanted.length;

  // The record goes in before anything else is created, so an Apply cut short (a closed
  // workbook, a lost connection) still leaves every added column, name and cell owned.
  const formulas = options.mode === 'formulas';
  const cells = formulas ? [{ sheet: MODEL_SHEET, address: `${MODEL_CELL.label}:${MODEL_CELL.cell}` }] : [];
  const names = formulas ? [MODEL_NAME] : [];
  await gateway.writeCustomXml(OWNERSHIP_NAMESPACE, ownershipToXml({ table: info.name, columns: wanted, names: [...new Set([...names, ...(owned?.names ?? [])])], cells: uniqueCells([...cells, ...(owned?.cells ?? [])]), mode: options.mode }));
  if (!formulas && owned !== null) await removeNamesAndCells(gateway, owned);

  await ctx.saveModel(model);
  const body = { sheet: info.sheet, row: block.row + 1, column: firstOwned, rows: rowCount, columns: wanted.length };
  // A new table column takes its left neighbour's formats: a date column's would show scores as dates.
  await gateway.setNumberFormats(info.sheet, formatAddress(body), wanted.map((h) => SCORE_COLUMN_FORMATS[h] ?? 'General'));
  const rows = (await leads.read(info, { table: info.name, columns: wanted, names: [], cells: [], mode: 'values' })).rows;
  const scored = compiled.value.scoreRows(rows);
  const bands = compiled.value.bands;
  const round = (n: number): number => Math.round(n * 100) / 100;
  const scoreColumns = wanted.filter((h) => !CHANGE_COLUMNS.includes(h));
  let changes: readonly ScoreChange[] = [];
  let change: ApplyChange;
  if (!idFound.ok) change = { kind: 'untracked', reason: idFound.message };
  else {
    const id = findIdColumn({ headers: leadHeaders, ...idQuery, valuesOf: (i) => rows.map((r) => r[i]) });
    const idIndex = id.ok ? id.value.index : -1;
    const today = isoDate(ctx.today);
    const diff = diffScores(
      previous,
      rows.map((r, i) => ({ id: r[idIndex], score: round(scored.scores[i] ?? 0), band: bands[scored.bandIndex[i] ?? 0]?.name ?? '', row: block.row + 2 + i })),
      bands,
      { today, idColumn: id.ok ? id.value.header : '', model: model.name },
    );
    changes = diff.changes;
    const warnings = stored.kind === 'snapshot' ? [...stored.warnings] : stored.kind === 'unreadable' ? [`${stored.message}: this scoring compares with nothing and replaces it`] : [];
    if (!(await writeSnapshot(gateway, diff.snapshot, ctx.blockBudgetBytes))) {
      warnings.push(`a sheet named '${SNAPSHOT_SHEET_NAME}' that the add-in did not write is in the way: the snapshot was not kept, so the next Apply cannot report changes (rename that sheet)`);
    }
    change = { kind: 'tracked', idColumn: id.ok ? id.value.header : '', summary: diff.summary, warnings };
  }
  if (formulas) {
    const first = leadHeaders[0] ?? '';
    const last = leadHeaders[leadHeaders.length - 1] ?? '';
    const modelFormula = `=LEADSCORE.MODEL(${MODEL_TABLE_NAMES.criteria}[#All],${MODEL_TABLE_NAMES.bands}[#All],${MODEL_TABLE_NAMES.settings}[#All],${headerSpan(info.name, first, last)})`;
    await gateway.write([
      { sheet: MODEL_SHEET, address: MODEL_CELL.label, values: [['Scoring model (added by Apply; the Score and Band formulas read it)']] },
      { sheet: MODEL_SHEET, address: MODEL_CELL.cell, formulas: [[modelFormula]] },
    ]);
    await gateway.setName(MODEL_NAME, `=${sheetRef(MODEL_SHEET)}!$B$2`, 'Lead scoring model, added by the Lead Scoring add-in');
    const span = thisRowSpan(info.name, first, last);
    const fn: Record<string, string> = { Score: 'SCORE', Band: 'BAND', Fit: 'FIT', Engagement: 'ENGAGEMENT' };
    // Every row's formulas are the same (structured references to its own row): one fill, so
    // Excel's calculated-column auto-fill runs once instead of once per block.
    await gateway.fillFormulas(info.sheet, formatAddress({ ...body, columns: scoreColumns.length }), scoreColumns.map((h) => `=LEADSCORE.${fn[h] ?? 'SCORE'}(${MODEL_NAME},${span})`));
    if (tracked) await writeRows(gateway, ctx.blockBudgetBytes, { ...body, column: firstOwned + scoreColumns.length, columns: CHANGE_COLUMNS.length }, (r) => changeCells(changes[r]));
  } else {
    const columns = (r: number): WriteCell[] => {
      const out: WriteCell[] = [round(scored.scores[r] ?? 0), asText(bands[scored.bandIndex[r] ?? 0]?.name ?? '')];
      if (options.subScores) out.push(round(scored.fit[r] ?? 0), round(scored.engagement[r] ?? 0));
      if (tracked) out.push(...changeCells(changes[r]));
      return out;
    };
    await writeRows(gateway, ctx.blockBudgetBytes, body, columns);
  }

  // Band colours: plain conditional formats on plain cells.
  const scoreAddress = formatAddress({ row: block.row + 1, column: firstOwned, rows: rowCount, columns: 1 });
  const bandAddress = formatAddress({ row: block.row + 1, column: firstOwned + 1, rows: rowCount, columns: 1 });
  await gateway.addConditionalFormats(info.sheet, bandAddress, bandTextRules(compiled.value.bands));
  await gateway.addConditionalFormats(info.sheet, scoreAddress, scoreRules(compiled.value.bands));

  const at = new Date();
  const headerCell = formatAddress({ row: block.row, column: firstOwned, rows: 1, columns: 1 });
  const note = keptNote === null
    ? await noteScoreHeader(gateway, { sheet: info.sheet, cell: headerCell, text: scoreHeaderNote(model.name, at, options.mode) }, owned?.applied?.note ?? null)
    : await putBackUserNote(gateway, info.sheet, headerCell, keptNote);
  const applied = { model: model.name, at: at.toISOString(), fingerprint: modelFingerprint(model), ...(note.kind === 'written' ? { note: note.note } : {}) };
  await gateway.writeCustomXml(OWNERSHIP_NAMESPACE, ownershipToXml({ table: info.name, columns: wanted, names, cells, mode: options.mode, applied }));
  return { kind: 'applied', rows: rowCount, columns: wanted, requests: ctx.requestCount() - start, scoreNote: note.kind, change };
}

/** The note on the Score header cell of a column Apply added, when a person wrote it (not the one Apply wrote); else null. */
async function userNoteOnScoreHeader(gateway: WorkbookGateway, info: TableInfo, ownedHere: readonly string[], ours: ScoreNote | null): Promise<string | null> {
  const i = info.headers.findIndex((h) => h.toLowerCase() === SCORE_COLUMNS.score.toLowerCase());
  if (!gateway.notesSupported() || i < 0 || !ownedHere.some((h) => h.toLowerCase() === SCORE_COLUMNS.score.toLowerCase())) return null;
  const b = parseAddress(info.address);
  const text = await gateway.readNote(info.sheet, formatAddress({ row: b.row, column: b.column + i, rows: 1, columns: 1 }));
  return text === null || text === ours?.text || text.includes(LEADSCORE_COLUMN_NOTE) ? null : text;
}

/**
 * The columns `leadscore score` wrote to this table: those of its headers that carry its note
 * (a column of that name without the note is the user's). Where Excel has no notes API, none:
 * Apply then asks before overwriting them, as for any column it did not add.
 */
async function leadscoreColumns(gateway: WorkbookGateway, info: TableInfo): Promise<string[]> {
  if (!gateway.notesSupported()) return [];
  const b = parseAddress(info.address);
  const found: string[] = [];
  for (const [i, h] of info.headers.entries()) {
    if (!SCORE_FILE_COLUMNS.some((c) => c.toLowerCase() === h.toLowerCase())) continue;
    const note = await gateway.readNote(info.sheet, formatAddress({ row: b.row, column: b.column + i, rows: 1, columns: 1 }));
    if (note?.includes(LEADSCORE_COLUMN_NOTE) === true) found.push(h);
  }
  return found;
}

/** The person's note back on the new Score header: theirs wins the cell's one note. */
async function putBackUserNote(gateway: WorkbookGateway, sheet: string, cell: string, text: string): Promise<{ kind: 'keptUserNote' }> {
  await gateway.writeNote(sheet, cell, text, null);
  return { kind: 'keptUserNote' };
}

/**
 * Notes the model and date on the Score header cell, where Excel has notes (ExcelApi 1.18):
 * replacing the note the last Apply wrote there, never one a person wrote.
 */
async function noteScoreHeader(gateway: WorkbookGateway, note: ScoreNote, previous: ScoreNote | null): Promise<{ kind: 'written'; note: ScoreNote } | { kind: 'unsupported' | 'keptUserNote' }> {
  if (!gateway.notesSupported()) return { kind: 'unsupported' };
  const ours = previous !== null && previous.sheet.toLowerCase() === note.sheet.toLowerCase() && previous.cell === note.cell ? previous.text : null;
  return (await gateway.writeNote(note.sheet, note.cell, note.text, ours)) ? { kind: 'written', note } : { kind: 'keptUserNote' };
}

/** Change: points (a number), 'new', or blank without a usable ID; Band since: a date, or blank. */
function changeCells(c: ScoreChange | undefined): WriteCell[] {
  if (c === undefined) return ['', ''];
  const points: WriteCell = c.points !== null ? c.points : c.kind === 'new' ? 'new' : '';
  return [points, c.bandSince === null ? '' : excelSerialFromIsoDate(c.bandSince)];
}

/** 'YYYY-MM-DD' of the local calendar day. */
function isoDate(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface RowSpan {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** Writes rows of values in blocks, each request under the payload budget. */
async function writeRows(gateway: WorkbookGateway, budget: number, at: RowSpan, cellsOf: (r: number) => WriteCell[]): Promise<void> {
  const { sheet, row, column, rows, columns } = at;
  let perRow = 1;
  for (let r = 0; r < Math.min(rows, 50); r++) perRow = Math.max(perRow, bytesOf(cellsOf(r)) + 1);
  // Leave a margin for rows longer than the ones measured (long band names, bigger numbers).
  const step = Math.max(1, Math.floor(budget / (perRow * 1.5)));
  for (let r = 0; r < rows; r += step) {
    const n = Math.min(step, rows - r);
    const cells: WriteCell[][] = [];
    for (let i = 0; i < n; i++) cells.push(cellsOf(r + i));
    const address = formatAddress({ row: row + r, column, rows: n, columns });
    await gateway.write([{ sheet, address, values: cells }]);
  }
}

export async function removeScoring(gateway: WorkbookGateway, leads: LeadTables): Promise<RemoveResult> {
  const owned = await leads.ownership();
  if (owned === null) return { columns: [], rules: 0 };
  const table = (await leads.allTables()).find((t) => leads.ownedColumnsOf(t, owned).length > 0);
  let rules = 0;
  const removed: string[] = [];
  if (table !== undefined) {
    const b = parseAddress(table.address);
    const present = owned.columns.filter((c) => table.headers.some((h) => h.toLowerCase() === c.toLowerCase()));
    for (const c of present) {
      const i = table.headers.findIndex((h) => h.toLowerCase() === c.toLowerCase());
      rules += await gateway.countConditionalFormats(table.sheet, formatAddress({ row: b.row, column: b.column + i, rows: b.rows, columns: 1 }));
    }
    if (present.length > 0) await gateway.deleteTableColumns(table.name, present);
    removed.push(...present);
  }
  await removeNamesAndCells(gateway, owned);
  // The snapshot of the last scoring is Apply's too; a sheet of that name it did not write stays.
  await deleteSnapshot(gateway);
  await gateway.writeCustomXml(OWNERSHIP_NAMESPACE, null);
  return { columns: removed, rules };
}

/** Deletes the names and clears the cells a record lists (those still there). */
async function removeNamesAndCells(gateway: WorkbookGateway, owned: Ownership): Promise<void> {
  const existingNames = new Set((await gateway.names()).map((n) => n.name.toLowerCase()));
  for (const n of owned.names) if (existingNames.has(n.toLowerCase())) await gateway.deleteName(n);
  const sheets = new Set((await gateway.sheetNames()).map((s) => s.toLowerCase()));
  const clears = owned.cells.filter((c) => sheets.has(c.sheet.toLowerCase())).map((c) => {
    const b = parseAddress(c.address);
    return { sheet: c.sheet, address: c.address, values: blank(b.rows, b.columns) };
  });
  if (clears.length > 0) await gateway.write(clears);
}

function uniqueCells(cells: readonly { sheet: string; address: string }[]): { sheet: string; address: string }[] {
  const seen = new Set<string>();
  return cells.filter((c) => {
    const k = `${c.sheet.toLowerCase()}!${c.address}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function problem(message: string): Problem {
  return { severity: 'error', at: { input: 'lead table' }, message };
}
