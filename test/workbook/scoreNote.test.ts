// Issue 13: the Score header cell notes the model and the date it was applied, where Excel has
// notes (ExcelApi 1.18); re-Apply replaces that note, and no note a person wrote is overwritten.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { columnLetters, criterion, model as makeModel, templateById, type Model } from '../../src/engine';
import type { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { noteDate, scoreHeaderNote } from '../../src/workbook/scoreHeaderNote';
import { opened } from './openedSession';

const weighted = (): Model => templateById('weighted-b2b')!.model;
const other = (): Model => makeModel({ name: 'Pricing only', criteria: [criterion({ group: 'engagement', field: 'Pricing Page Visits', condition: { op: 'gte', value: 1 }, points: 30 })] });

/** The A1 address of a header cell of the Leads table (on row 1 of the Leads sheet). */
async function headerCell(book: MemoryWorkbook, header: string): Promise<string> {
  const headers = (await book.tables()).find((t) => t.name === 'Leads')?.headers ?? [];
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return `${columnLetters(i)}1`;
}

afterEach(() => vi.useRealTimers());

describe('the note on the Score header (issue 13)', () => {
  it('names the model, the date and time of Apply and the output mode, and says the add-in wrote the column', async () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 26, 14, 5), toFake: ['Date'] });
    const { book, session } = await opened();
    const result = await session.apply(weighted(), { mode: 'values', subScores: false });
    expect(result).toMatchObject({ kind: 'applied', scoreNote: 'written' });
    const note = book.noteAt('Leads', await headerCell(book, 'Score'));
    expect(note).toBe(scoreHeaderNote('Weighted B2B', new Date(2026, 10, 26, 14, 5), 'values'));
    expect(note).toContain("model 'Weighted B2B', applied 26 Nov 2026, 14:05");
    expect(note).toContain('Static values');
    expect(note).toContain('written by the Lead Scoring add-in');
    expect(Object.keys(book.notesOf('Leads'))).toEqual([await headerCell(book, 'Score')]);
  });

  it('is replaced by the next Apply, never stacked: one note, naming the model applied last', async () => {
    const { book, session } = await opened();
    await session.apply(weighted(), { mode: 'values', subScores: false });
    expect(await session.apply(other(), { mode: 'formulas', subScores: true })).toMatchObject({ kind: 'applied', scoreNote: 'written' });
    const notes = book.notesOf('Leads');
    expect(Object.keys(notes)).toEqual([await headerCell(book, 'Score')]);
    expect(Object.values(notes)[0]).toContain("model 'Pricing only'");
    expect(Object.values(notes)[0]).toContain('Live formulas');
  });

  it("never touches a note a person wrote on another cell, and Remove takes away only the add-in's", async () => {
    const { book, session } = await opened();
    const company = await headerCell(book, 'Company');
    book.userNote('Leads', company, 'Ask Dana before changing');
    book.userNote('Leads', 'B7', 'Called on Monday');
    await session.apply(weighted(), { mode: 'values', subScores: false });
    await session.apply(other(), { mode: 'values', subScores: false });
    const notes = book.notesOf('Leads');
    expect(notes[company]).toBe('Ask Dana before changing');
    expect(notes.B7).toBe('Called on Monday');
    expect(Object.keys(notes)).toHaveLength(3);
    await session.removeScoring();
    expect(book.notesOf('Leads')).toEqual({ [company]: 'Ask Dana before changing', B7: 'Called on Monday' });
  });

  it("keeps a note a person wrote on the Score header itself through re-Apply, instead of the add-in's", async () => {
    const { book, session } = await opened();
    await session.apply(weighted(), { mode: 'values', subScores: false });
    book.userNote('Leads', await headerCell(book, 'Score'), 'Reviewed with sales in November');
    expect(await session.apply(other(), { mode: 'values', subScores: true })).toMatchObject({ kind: 'applied', scoreNote: 'keptUserNote' });
    expect(book.notesOf('Leads')).toEqual({ [await headerCell(book, 'Score')]: 'Reviewed with sales in November' });
    // And the Apply after that still leaves it alone.
    await session.apply(weighted(), { mode: 'values', subScores: false });
    expect(book.notesOf('Leads')).toEqual({ [await headerCell(book, 'Score')]: 'Reviewed with sales in November' });
  });

  it('on an Excel without notes (before ExcelApi 1.18) Apply works, writes no note, and the record still names the model and date', async () => {
    const { book, session } = await opened();
    book.notes = false; // writeNote and readNote now fail, as the API is missing
    expect(await session.apply(weighted(), { mode: 'values', subScores: false })).toMatchObject({ kind: 'applied', scoreNote: 'unsupported' });
    expect(await session.apply(other(), { mode: 'values', subScores: false })).toMatchObject({ kind: 'applied', scoreNote: 'unsupported' });
    expect(book.notesOf('Leads')).toEqual({});
    expect((await session.reloadTable()).applied).toMatchObject({ model: 'Pricing only', mode: 'values' });
  });

  it('writes dates one way in every locale: day, month name, year, 24-hour time', () => {
    expect(noteDate(new Date(2026, 0, 5, 9, 7))).toBe('5 Jan 2026, 09:07');
    expect(noteDate(new Date(2026, 11, 31, 23, 59))).toBe('31 Dec 2026, 23:59');
  });
});
