/**
 * The reverse of test/cli/appliedWorkbook.test.ts: a teammate scored the shared workbook with
 * `leadscore score` (its six columns inside the lead table, each header with leadscore's note),
 * then someone presses Apply in Excel. Those columns are scoring's, by the note: Apply replaces
 * them without asking and never reads them as lead data; a Score column without the note is
 * still the user's, and Apply asks before overwriting it.
 */
import { describe, expect, it } from 'vitest';
import { columnLetters, LEADSCORE_COLUMN_NOTE, SCORE_FILE_COLUMNS, templateById } from '../../src/engine';
import { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import { opened } from './openedSession';

const model = templateById('weighted-b2b')!.model;

/** The example leads as `leadscore score` leaves them: its columns added to the table, old values in them, its note on the headers (or not). */
async function scoredByLeadscore(noted: boolean): Promise<{ book: MemoryWorkbook; leadHeaders: string[] }> {
  const book = previewWorkbook();
  const table = (await book.tables()).find((t) => t.name === 'Leads')!;
  const leadHeaders = [...table.headers];
  await book.addTableColumns('Leads', SCORE_FILE_COLUMNS);
  const rows = (await book.tables()).find((t) => t.name === 'Leads')!;
  const first = leadHeaders.length;
  const bodyRows = Number(/(\d+)$/.exec(rows.address)![1]) - 1;
  await book.write([{ sheet: rows.sheet, address: `${columnLetters(first)}2:${columnLetters(first + 5)}${bodyRows + 1}`, values: Array.from({ length: bodyRows }, () => [999, 'Stale', 1, 2, 'MQL', 'A1']) }]);
  if (noted) for (let i = 0; i < SCORE_FILE_COLUMNS.length; i++) book.userNote(rows.sheet, `${columnLetters(first + i)}1`, LEADSCORE_COLUMN_NOTE);
  return { book, leadHeaders };
}

describe('Apply on a workbook leadscore score wrote to', () => {
  it("replaces leadscore's noted columns without asking: no duplicates, scored on the lead columns only", async () => {
    const { book, leadHeaders } = await scoredByLeadscore(true);
    const { session } = await opened(book);
    const result = await session.apply(model, { mode: 'values', subScores: true });
    expect(result.kind).toBe('applied');
    const table = (await book.tables()).find((t) => t.name === 'Leads')!;
    // Apply's columns after the leads; leadscore's Stage and Priority (stale) are gone with the rest.
    expect(table.headers.slice(0, leadHeaders.length)).toEqual(leadHeaders);
    expect(table.headers.slice(leadHeaders.length, leadHeaders.length + 4)).toEqual(['Score', 'Band', 'Fit', 'Engagement']);
    expect(table.headers.filter((h) => h === 'Score')).toHaveLength(1);
    expect(table.headers).not.toContain('Stage');
    expect(table.headers).not.toContain('Priority');
    // The scores are the same as Apply gives on the untouched example leads.
    const fresh = await opened();
    await fresh.session.apply(model, { mode: 'values', subScores: true });
    const scoreColumn = columnLetters(table.headers.indexOf('Score'));
    const values = await book.readValues(table.sheet, `${scoreColumn}2:${scoreColumn}6`);
    const expected = await fresh.book.readValues(table.sheet, `${scoreColumn}2:${scoreColumn}6`);
    expect(values).toEqual(expected);
    expect(values.flat()).not.toContain(999);
    // leadscore's note is not taken for a person's: the Score header carries Apply's own note.
    expect(book.noteAt(table.sheet, `${scoreColumn}1`)).toContain('written by the Lead Scoring add-in');
  });

  it('still asks before overwriting a Score column without the note: it is the user’s', async () => {
    const { book } = await scoredByLeadscore(false);
    const { session } = await opened(book);
    const result = await session.apply(model, { mode: 'values', subScores: true });
    expect(result).toMatchObject({ kind: 'conflict', columns: ['Score', 'Band', 'Fit', 'Engagement'] });
  });
});
