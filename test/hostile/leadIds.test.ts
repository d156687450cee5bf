/**
 * Lead IDs as they arrive from web pages, CRM exports, Japanese input methods and our own CSV
 * writer: the same ID written in ways that look alike must find its previous score; IDs that
 * are really different must not; an ID column that cannot be told apart from another is an
 * error that names both columns, never a coin toss between them.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, diffScores, findIdColumn, leadIdKey, leadIdText, snapshotFromCells, snapshotToCells, type ScoreSnapshot } from '../../src/engine';

const options = { today: '2026-11-26', idColumn: 'Lead ID', model: 'Weighted B2B' };
const last = (ids: readonly string[]): ScoreSnapshot => ({
  scoredOn: '2026-11-18',
  idColumn: 'Lead ID',
  model: 'Weighted B2B',
  leads: ids.map((id, i) => ({ id, score: 10 + i, band: 'Cold', bandSince: '2026-11-01' })),
});
const compare = (previous: readonly string[], now: readonly unknown[]) =>
  diffScores(
    last(previous),
    now.map((id, i) => ({ id, score: 30 + i, band: 'Warm', row: i + 2 })),
    DEFAULT_BANDS,
    options,
  );

describe('an ID written in ways that look alike is one ID', () => {
  it('full-width letters and digits, zero-width characters, a non-breaking space and a quote prefix find the plain ID', () => {
    const { changes, summary } = compare(
      ['AB12', 'A17', '=X1', 'Q 5', 'Zoë-9'],
      ['ＡＢ１２', 'A\u200B17\u2060', "'=X1", 'Q\u00A05', '\uFEFFzoe\u0308-9'],
    );
    expect(changes.map((c) => c.kind)).toEqual(['scored', 'scored', 'scored', 'scored', 'scored']);
    // Each compared with its own previous score: 30 - 10, 31 - 11, ...
    expect(changes.map((c) => c.text)).toEqual(['+20', '+20', '+20', '+20', '+20']);
    expect(summary.removedCount).toBe(0);
  });

  it('two leads whose IDs differ only by such characters are reported as sharing an ID, neither matched', () => {
    const { changes, summary } = compare(['A17'], ['A17', 'A\u200B17']);
    expect(changes.map((c) => c.kind)).toEqual(['duplicateId', 'duplicateId']);
    expect(summary.duplicates).toEqual([{ id: 'A17', rows: [2, 3] }]);
  });

  it('a cell of invisible characters or a lone apostrophe holds no ID', () => {
    expect(leadIdText('\u200B')).toBe('');
    expect(leadIdText("'")).toBe('');
    const { changes, summary } = compare(['A17'], ['\u200B\u200B', "'", 'A17']);
    expect(changes.map((c) => c.kind)).toEqual(['noId', 'noId', 'scored']);
    expect(summary.noIdRows).toEqual([2, 3]);
    expect(summary.duplicateCount).toBe(0);
  });

  it('a snapshot whose IDs were pasted with invisible characters still matches', () => {
    const cells = snapshotToCells(last(['A17\u200B']));
    const read = snapshotFromCells(cells);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(diffScores(read.value, [{ id: 'a17', score: 40, band: 'Warm', row: 2 }], DEFAULT_BANDS, options).changes[0]?.kind).toBe('scored');
  });
});

describe('IDs that are different stay different', () => {
  it('a number is its digits: 123 and "123" meet; "00123", "1e3" and "1,000" are other IDs than 123 and 1000', () => {
    expect(leadIdKey(leadIdText(123) ?? '')).toBe(leadIdKey(leadIdText('123') ?? ''));
    const { changes, summary } = compare(['123', '00123', '1e3', '1,000'], [123, 123.5, 1000, '00124']);
    expect(changes.map((c) => c.kind)).toEqual(['scored', 'new', 'new', 'new']);
    // Nothing is matched by guesswork: the previous IDs without a lead now are listed as removed.
    expect(summary.removed.map((l) => l.id)).toEqual(['00123', '1e3', '1,000']);
  });

  it('a date typed as an ID keeps its form: the text 2026-11-26 is not the date serial 46352', () => {
    const { changes } = compare(['2026-11-26'], [46352, '2026-11-26']);
    expect(changes.map((c) => c.kind)).toEqual(['new', 'scored']);
  });

  it('a very long ID is compared whole: two IDs 40,000 characters long that differ in the last one are two leads', () => {
    const long = 'x'.repeat(40_000);
    const { changes } = compare([`${long}a`], [`${long}a`, `${long}b`]);
    expect(changes.map((c) => c.kind)).toEqual(['scored', 'new']);
  });

  it('errors in the ID column are no ID: #N/A as Excel gives it and as text', () => {
    const { changes } = compare(['A17'], [{ error: '#N/A' }, '#N/A', 'A17']);
    expect(changes.map((c) => c.kind)).toEqual(['noId', 'noId', 'scored']);
  });
});

describe('which column holds the IDs', () => {
  it('a chosen ID column whose header two columns share is an error naming both columns', () => {
    const found = findIdColumn({ headers: ['Lead ID', 'Name', 'lead id '], chosen: 'Lead ID' });
    expect(found).toEqual({
      ok: false,
      message: "2 columns are headed 'Lead ID' (columns A, C), so which one holds the lead IDs is not clear; rename the others, or choose another ID column (Lead ID column)",
    });
  });

  it('the column the last scoring used is not read from a header that now appears twice', () => {
    const found = findIdColumn({ headers: ['Email', 'Name', 'Email'], previous: 'Email' });
    expect(found.ok).toBe(false);
    expect(found.ok ? '' : found.message).toContain('columns A, C');
  });

  it('detection passes over a header two columns share when another column is named like an ID', () => {
    const found = findIdColumn({ headers: ['ID', 'Name', 'ID', 'Email'], valuesOf: () => ['a', 'b'] });
    expect(found).toEqual({ ok: true, value: { index: 3, header: 'Email', how: 'detected' } });
  });

  it('a chosen column the table lacks is an error with the nearest header, never another column', () => {
    const found = findIdColumn({ headers: ['Lead Id', 'Email'], chosen: 'LeadID' });
    expect(found.ok ? '' : found.message).toBe("the lead table has no ID column 'LeadID' (did you mean 'Lead Id'?)");
  });
});
