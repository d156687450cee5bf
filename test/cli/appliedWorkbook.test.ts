/**
 * A team shares a workbook: one person scores it in Excel with the pane's Apply (Score, Band,
 * Fit, Engagement, Change and Band since inside the lead table, and the ownership record in a
 * custom XML part), a teammate runs `leadscore score` on the saved file. The columns Apply wrote
 * are scoring's own by that record, so they are refreshed in place, never added twice and never
 * taken for lead data; a Score column without the record is still the user's, and refused.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/command';
import { leadTableToCsv, parseCsv } from '../../src/cli/csv';
import { openAtomic } from '../../src/cli/files/atomicFile';
import { XlsxPackage } from '../../src/cli/files/xlsxPackage';
import { ZipReader, ZipWriter } from '../../src/cli/files/zip';
import { modelFromWorkbook, writeModelSheet } from '../../src/cli/modelSource';
import { compile, modelFingerprint, OWNERSHIP_NAMESPACE, ownershipFromXml, ownershipToXml, SCORE_COLUMNS, SNAPSHOT_SHEET, SNAPSHOT_TITLE, templateById, type Model, type Ownership } from '../../src/engine';
import { generateLeads } from '../../src/sample-data/generateLeads';
import { scoreFile } from '../../src/cli/commands/score';
import { FOUR_CRITERIA_MODEL } from './fourCriteriaModel';
import { runCli } from './runCli';
import { packageProblems } from './xlsxPackageCheck';

const MODEL: Model = { ...templateById('weighted-b2b')!.model, asOf: '2026-11-01' };
const PANE_COLUMNS = [SCORE_COLUMNS.score, SCORE_COLUMNS.band, SCORE_COLUMNS.fit, SCORE_COLUMNS.engagement, SCORE_COLUMNS.change, SCORE_COLUMNS.bandSince];
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_CALC_CHAIN = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_CUSTOM_XML_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leadscore-applied-'));
});

/** The note Apply left on the Score header, as its record has it. */
const APPLY_NOTE = "Lead Scoring: model 'Weighted B2B', applied 20 Nov 2026, 10:00.\nLive formulas: they follow the model on the Lead Scoring sheet.";

const leads = (): { headers: string[]; rows: string[][] } => parseCsv(leadTableToCsv(generateLeads({ count: 40, seed: 'interop', asOf: '2026-11-01' })));

/** The record as Apply writes it at the end of a formulas-mode Apply (src/workbook/applyScoring.ts). */
function paneRecord(table: string, model: Model = MODEL): Ownership {
  return {
    table,
    columns: PANE_COLUMNS,
    names: ['LeadScoringModel'],
    cells: [{ sheet: 'Lead Scoring', address: 'A2:B2' }],
    mode: 'formulas',
    applied: { model: model.name, at: '2026-11-20T09:00:00.000Z', fingerprint: modelFingerprint(model), note: { sheet: 'Leads', cell: 'A1', text: APPLY_NOTE } },
  };
}

/**
 * A workbook as Excel saves it after Apply: the lead table with the pane's columns inside it
 * (Score and Band as =LEADSCORE formulas with their last values, a pane-style colour rule on
 * Score), the model sheet, another sheet; then, when `record` is given, the record as Excel
 * stores a custom XML part: customXml/item1.xml (UTF-16 with a byte order mark when `utf16`),
 * its properties part, and a customXml relationship from the workbook.
 */
async function paneScoredWorkbook(
  path: string,
  options: {
    record: Ownership | null;
    utf16?: boolean;
    headers?: readonly string[];
    leads?: { headers: string[]; rows: (string | number)[][] };
    model?: Model;
    /** Apply's snapshot sheet, as its cells (dates as Date). */
    snapshot?: unknown[][];
    /** The note on the Score header cell. */
    scoreNote?: string;
  },
): Promise<{ headers: string[]; rows: (string | number)[][] }> {
  const table = options.leads ?? leads();
  const extra = options.headers ?? PANE_COLUMNS;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Leads');
  const oldValues = (r: number): (string | number | { formula: string; result: number | string })[] =>
    extra.map((h) =>
      h === 'Score' ? { formula: 'LEADSCORE.SCORE(LeadScoringModel,Leads[@])', result: 999 } : h === 'Band' ? { formula: 'LEADSCORE.BAND(LeadScoringModel,Leads[@])', result: 'Stale' } : h === 'Band since' ? 46300 : r,
    );
  sheet.addTable({
    name: 'Leads',
    ref: 'A1',
    headerRow: true,
    columns: [...table.headers, ...extra].map((name) => ({ name })),
    rows: table.rows.map((row, r) => [...row, ...oldValues(r)]),
  });
  const scoreLetter = sheet.getColumn(table.headers.length + 1).letter;
  sheet.addConditionalFormatting({
    ref: `${scoreLetter}2:${scoreLetter}${table.rows.length + 1}`,
    rules: [{ type: 'cellIs', operator: 'between', formulae: ['0', '50'], priority: 1, style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } } }],
  });
  if (options.scoreNote !== undefined) sheet.getCell(`${scoreLetter}1`).note = options.scoreNote;
  writeModelSheet(wb, options.model ?? MODEL);
  wb.addWorksheet('Notes').getCell('A1').value = 'keep me';
  if (options.snapshot !== undefined) {
    const snap = wb.addWorksheet(SNAPSHOT_SHEET);
    options.snapshot.forEach((row) => snap.addRow(row));
    // Apply formats the dates as dates (src/workbook/scoreSnapshot.ts).
    snap.getColumn(4).numFmt = 'yyyy-mm-dd';
    snap.getCell('B2').numFmt = 'yyyy-mm-dd';
  }
  const plain = join(dir, 'plain.xlsx');
  await wb.xlsx.writeFile(options.record === null ? path : plain);
  if (options.record !== null) addCustomXmlPart(plain, path, ownershipToXml(options.record), options.utf16 === true, { scoreColumn: scoreLetter, rows: table.rows.length });
  return table;
}

/**
 * Adds the record as Excel saves a custom XML part, and what Excel saves for Apply's formulas
 * that ExcelJS does not write: the Score column's calculated-column formula on the table and
 * the calculation chain naming the Score cells.
 */
function addCustomXmlPart(from: string, to: string, xml: string, utf16: boolean, formulas: { scoreColumn: string; rows: number }): void {
  const reader = ZipReader.open(from);
  const out = openAtomic(to);
  const zip = new ZipWriter(out);
  const edited = new Set(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/tables/table1.xml']);
  for (const [name, entry] of reader.entries) if (!edited.has(name)) zip.copy(reader, entry);
  const types = reader.readEntry('[Content_Types].xml').toString('utf8');
  zip.add(
    '[Content_Types].xml',
    types
      .replace(
        '</Types>',
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>' +
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      )
      .replace(/(<Types[^>]*>)(?![\s\S]*Extension="xml")/, '$1<Default Extension="xml" ContentType="application/xml"/>'),
  );
  const rels = reader.readEntry('xl/_rels/workbook.xml.rels').toString('utf8');
  zip.add(
    'xl/_rels/workbook.xml.rels',
    rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdCx1" Type="${REL_CUSTOM_XML}" Target="../customXml/item1.xml"/><Relationship Id="rIdCalc" Type="${REL_CALC_CHAIN}" Target="calcChain.xml"/></Relationships>`,
    ),
  );
  const chain = Array.from({ length: formulas.rows }, (_, i) => `<c r="${formulas.scoreColumn}${i + 2}"${i === 0 ? ' i="1"' : ''}/>`).join('');
  zip.add('xl/calcChain.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><calcChain xmlns="${MAIN}">${chain}</calcChain>`);
  const tableXml = reader.readEntry('xl/tables/table1.xml').toString('utf8');
  const withFormula = tableXml.replace(/(<tableColumn\b[^>]*\sname="Score"[^>]*?)(\/>|>)/, (_, tag: string) => `${tag}><calculatedColumnFormula>LEADSCORE.SCORE(LeadScoringModel,Leads[@])</calculatedColumnFormula></tableColumn>`);
  expect(withFormula).toContain('calculatedColumnFormula');
  zip.add('xl/tables/table1.xml', withFormula);
  const item = `<?xml version="1.0" encoding="${utf16 ? 'UTF-16' : 'UTF-8'}" standalone="no"?>${xml}`;
  zip.add('customXml/item1.xml', utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(item, 'utf16le')]) : item);
  zip.add('customXml/_rels/item1.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${REL_CUSTOM_XML_PROPS}" Target="itemProps1.xml"/></Relationships>`);
  zip.add(
    'customXml/itemProps1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6B1E2F0A-3C4D-4E5F-8A9B-0C1D2E3F4A5B}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
  );
  zip.finish();
  out.commit();
  reader.close();
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const headerRow = (sheet: ExcelJS.Worksheet): unknown[] => {
  const headers: unknown[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c) => headers.push(c.value));
  return headers;
};

describe('leadscore score on a workbook the add-in scored (Apply)', () => {
  it("replaces Apply's columns in place by its record: scores as the engine does, nothing duplicated, the rest of the workbook kept", async () => {
    const input = join(dir, 'shared.xlsx');
    const table = await paneScoredWorkbook(input, { record: paneRecord('Leads') });
    const output = join(dir, 'out.xlsx');
    const r = await runCli('score', input, '-o', output, '--json');
    // The one thing said: the last Apply's Change and Band since were emptied.
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/'Change', 'Band since' came from the add-in's last Apply/);
    expect(r.code).toBe(EXIT.ok);
    const summary = JSON.parse(r.out) as { leads: number; warnings: string[] };
    expect(summary.leads).toBe(40);
    expect(summary.warnings.join('\n')).toMatch(/'Change', 'Band since' came from the add-in's last Apply/);

    const wb = await load(output);
    // The snapshot of this scoring is kept for the next one (Apply's or leadscore's), on a sheet added at the end.
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Leads', 'Lead Scoring', 'Notes', 'Lead Scoring Snapshot']);
    expect(wb.getWorksheet('Notes')!.getCell('A1').value).toBe('keep me');
    const sheet = wb.getWorksheet('Leads')!;
    const headers = headerRow(sheet);
    // Apply's four scoring columns reused where they stand; Stage and Priority added after Band since.
    expect(headers).toEqual([...table.headers, ...PANE_COLUMNS, 'Stage', 'Priority']);
    for (const h of ['Score', 'Band', 'Fit', 'Engagement', 'Change', 'Band since']) expect(headers.filter((x) => x === h)).toHaveLength(1);

    // Scored on the lead columns only: Apply's old values (999, 'Stale') are no lead data.
    const compiled = compile(MODEL, table.headers);
    if (!compiled.ok) throw new Error('model');
    const scored = compiled.value.scoreRows(table.rows);
    const col = (name: string): number => headers.indexOf(name) + 1;
    for (let i = 0; i < table.rows.length; i++) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col('Score')).value).toBe(scored.scores[i]);
      expect(row.getCell(col('Band')).value).toBe(MODEL.bands[scored.bandIndex[i] ?? 0]!.name);
      expect(row.getCell(col('Fit')).value).toBe(scored.fit[i]);
      // The last Apply's change columns are emptied, not left out of date.
      expect(row.getCell(col('Change')).value).toBeNull();
      expect(row.getCell(col('Band since')).value).toBeNull();
    }
    // Apply's colour rule on Score is gone; leadscore's own band colours are on Score and Band.
    const formats = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    const letter = (name: string): string => sheet.getColumn(col(name)).letter;
    expect(formats.map((f) => f.ref).sort()).toEqual([`${letter('Band')}2:${letter('Band')}41`, `${letter('Score')}2:${letter('Score')}41`].sort());
    expect(formats.every((f) => f.rules.every((rule) => rule.type === 'expression'))).toBe(true);
    // The record stays: Apply in Excel still knows its columns.
    const out = ZipReader.open(output);
    expect(out.readEntry('customXml/item1.xml').toString('utf8')).toContain(OWNERSHIP_NAMESPACE);
    // Apply's formulas are gone for good: no calculated-column formula to fill new rows, and no
    // calculation chain naming cells that now hold values (Excel rebuilds it) nor anything pointing to it.
    expect(out.readEntry('xl/tables/table1.xml').toString('utf8')).not.toContain('calculatedColumnFormula');
    expect(out.entries.has('xl/calcChain.xml')).toBe(false);
    expect(out.readEntry('xl/_rels/workbook.xml.rels').toString('utf8')).not.toContain('calcChain');
    expect(out.readEntry('[Content_Types].xml').toString('utf8')).not.toContain('calcChain');
    expect(out.readEntry('xl/_rels/workbook.xml.rels').toString('utf8')).toContain('customXml');
    out.close();
    // Apply left no note on its Score header (Excel without the notes API): one now names this run; the record says leadscore scored last.
    expect(noteOn(output, `${letter('Score')}1`)).toMatch(/^Lead Scoring: model 'Weighted B2B', scored by leadscore on /);
    expect(recordOf(output)).toMatchObject({ mode: 'values', applied: { model: 'Weighted B2B', scoredBy: 'leadscore', note: { sheet: 'Leads', cell: `${letter('Score')}1` } } });

    // A second run refreshes the same columns again.
    const again = await runCli('score', output, '--in-place');
    expect(again.code).toBe(EXIT.ok);
    expect(headerRow((await load(output)).getWorksheet('Leads')!)).toEqual([...table.headers, ...PANE_COLUMNS, 'Stage', 'Priority']);
  });

  it('reads the record when Excel saved it as UTF-16', async () => {
    const input = join(dir, 'utf16.xlsx');
    const table = await paneScoredWorkbook(input, { record: paneRecord('Leads'), utf16: true });
    const r = await runCli('score', input, '-o', join(dir, 'out.xlsx'));
    expect(r.err).not.toMatch(/did not write/);
    expect(r.code).toBe(EXIT.ok);
    expect(headerRow((await load(join(dir, 'out.xlsx'))).getWorksheet('Leads')!)).toEqual([...table.headers, ...PANE_COLUMNS, 'Stage', 'Priority']);
  });

  it("still refuses a Score column when the workbook has no Apply record: it is the user's own", async () => {
    const bare = join(dir, 'bare.xlsx');
    await paneScoredWorkbook(bare, { record: null, headers: ['Score'] });
    const r = await runCli('score', bare);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("already has a column named 'Score' that leadscore did not write");
    expect(existsSync(join(dir, 'bare.scored.xlsx'))).toBe(false);

  });

  it("refuses the user's Score column when the record lists other columns only", async () => {
    const input = join(dir, 'partial.xlsx');
    await paneScoredWorkbook(input, { record: { ...paneRecord('Leads'), columns: ['Band'] }, headers: ['Score', 'Band'] });
    const r = await runCli('score', input);
    expect(r.code).toBe(EXIT.input);
    expect(r.err).toContain("already has a column named 'Score' that leadscore did not write");
  });
});

/** Dates as ExcelJS reads a date cell: the day at midnight UTC. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/**
 * A workbook the pane's Apply scored on 20 Nov with FOUR_CRITERIA_MODEL (hand-computed in
 * fourCriteriaModel.ts), edited since: its snapshot sheet holds the scores of that Apply, the
 * lead data changed, L4 was added and L9 deleted.
 */
const FOUR_LEADS = {
  headers: ['Lead ID', 'Name', 'Industry', 'Employees', 'Demo', 'Visits'],
  rows: [
    ['L1', 'Ann', 'Technology', 500, 'yes', 5], // 40 + 20 + 30 + 10 = 100 Hot
    ['L2', 'Bo', 'Retail', 10, 'no', 0], // 0 Cold
    ['L3', 'Cy', 'Technology', 10, 'no', 3], // 40 + 10 = 50 Hot
    ['L4', 'Di', 'Retail', 500, 'yes', 0], // 20 + 30 = 50 Hot, new
  ],
};
const APPLY_SNAPSHOT: unknown[][] = [
  [SNAPSHOT_TITLE],
  ['Scored on', day('2026-11-20')],
  ['ID column', 'Lead ID'],
  ['Model', FOUR_CRITERIA_MODEL.name],
  [],
  ['Lead ID', 'Score', 'Band', 'Band since'],
  ['L1', 40, 'Warm', day('2026-11-10')],
  ['L2', 50, 'Hot', day('2026-11-20')],
  ['L3', 55.5, 'Hot', day('2026-11-05')],
  ['L9', 30, 'Warm', day('2026-11-12')],
];

/** The note on a cell of the Leads sheet, read as leadscore reads notes (ExcelJS reads only notes written in runs). */
function noteOn(path: string, ref: string): string | undefined {
  const pkg = XlsxPackage.open(path);
  try {
    return pkg.notes(pkg.sheets.find((s) => s.name === 'Leads')!).get(ref);
  } finally {
    pkg.close();
  }
}

function recordOf(path: string): Ownership {
  const zip = ZipReader.open(path);
  try {
    return ownershipFromXml(zip.readEntry('customXml/item1.xml').toString('utf8'))!;
  } finally {
    zip.close();
  }
}

describe('Apply, then leadscore score: compared with the snapshot of the last Apply', () => {
  it("writes Change and Band since into Apply's columns by ID, reports the deleted lead, and replaces Apply's snapshot", async () => {
    const input = join(dir, 'applied.xlsx');
    await paneScoredWorkbook(input, { record: paneRecord('Leads', FOUR_CRITERIA_MODEL), leads: FOUR_LEADS, model: FOUR_CRITERIA_MODEL, snapshot: APPLY_SNAPSHOT, scoreNote: APPLY_NOTE });
    const output = join(dir, 'out.xlsx');
    const summary = await scoreFile({ input, output, today: '2026-11-26' });
    // Nothing emptied: Apply's Change and Band since are brought up to date.
    expect(summary.warnings).toEqual([]);
    expect(summary.change).toMatchObject({ since: '2026-11-20', idColumn: 'Lead ID', scored: 3, newLeads: 1, movedCount: 2, removedCount: 1 });
    expect(summary.change!.removed.map((l) => l.id)).toEqual(['L9']);

    const sheet = (await load(output)).getWorksheet('Leads')!;
    const headers = headerRow(sheet);
    expect(headers).toEqual([...FOUR_LEADS.headers, ...PANE_COLUMNS, 'Stage', 'Priority']);
    const col = (name: string): number => headers.indexOf(name) + 1;
    const cells = [2, 3, 4, 5].map((r) => ['Lead ID', 'Score', 'Band', 'Change', 'Band since'].map((h) => sheet.getRow(r).getCell(col(h)).value));
    expect(cells).toEqual([
      ['L1', 100, 'Hot', '+60', day('2026-11-26')],
      ['L2', 0, 'Cold', '-50', day('2026-11-26')],
      ['L3', 50, 'Hot', '-5.5', day('2026-11-05')],
      ['L4', 50, 'Hot', 'new', day('2026-11-26')],
    ]);
    const snapshot = (await load(output)).getWorksheet(SNAPSHOT_SHEET)!;
    expect(snapshot.getCell('B2').value).toEqual(day('2026-11-26'));
    expect([7, 8, 9, 10, 11].map((r) => snapshot.getRow(r).getCell(1).value ?? null)).toEqual(['L1', 'L2', 'L3', 'L4', null]);
    expect(packageProblems(output)).toEqual([]);

    // The Score header's note and Apply's record say who scored last, with which model, and that the scores are values now.
    const noteText = noteOn(output, `${sheet.getColumn(col('Score')).letter}1`) ?? '';
    expect(noteText).toMatch(/^Lead Scoring: model 'Untitled model', scored by leadscore on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\.\nStatic values/);
    const record = recordOf(output);
    // The fingerprint of the model as read from the model sheet, which is what the pane compares with its model to flag static scores as out of date.
    const pkg = XlsxPackage.open(output);
    const fromSheet = (await modelFromWorkbook(pkg))!.model;
    pkg.close();
    expect(record).toMatchObject({ table: 'Leads', columns: PANE_COLUMNS, mode: 'values', applied: { model: 'Untitled model', fingerprint: modelFingerprint(fromSheet), scoredBy: 'leadscore' } });
    expect(record.applied!.note).toEqual({ sheet: 'Leads', cell: `${sheet.getColumn(col('Score')).letter}1`, text: noteText });
    expect(Date.now() - Date.parse(record.applied!.at)).toBeLessThan(60_000);
  });

  it("leaves a person's note on the Score header as it is, and the record then names no note", async () => {
    const input = join(dir, 'noted.xlsx');
    await paneScoredWorkbook(input, { record: paneRecord('Leads', FOUR_CRITERIA_MODEL), leads: FOUR_LEADS, model: FOUR_CRITERIA_MODEL, snapshot: APPLY_SNAPSHOT, scoreNote: 'Ask Bo before calling anyone' });
    const output = join(dir, 'out.xlsx');
    await scoreFile({ input, output, today: '2026-11-26' });
    expect(noteOn(output, 'G1')).toBe('Ask Bo before calling anyone');
    const record = recordOf(output);
    expect(record.applied).toMatchObject({ scoredBy: 'leadscore', model: 'Untitled model' });
    expect(record.applied!.note).toBeUndefined();
  });
});
