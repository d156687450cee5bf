/**
 * Leads from a CSV file, read a block at a time. A damaged table is never scored: a row with
 * more cells than the header (cells that would be dropped), or a quoted cell whose line break
 * leaves its row the wrong length (an unbalanced quote merging rows), fails the command with
 * the lines listed. A row with fewer cells is read with the missing cells blank, and listed
 * as a warning.
 */
import type { Model } from '../../engine';
import { CliError } from '../command';
import { mayNeedNeutralising, neutraliseFormula } from '../csv';
import { CsvReader, describeDelimiter, detectCsvEncoding, type CsvRecord, type Delimiter } from '../files/csvReader';
import { blockRows, compileFor, csvOwnColumns, Progress, RowProblems, scoreCells, ScoreTally } from './leadColumns';
import type { LeadSink, OutRow } from './leadSinks';

export interface CsvLeadsResult {
  /** Null when only reading (no model). */
  readonly tally: ScoreTally | null;
  readonly warnings: string[];
  readonly delimiter: Delimiter;
}

/**
 * In a file delimited by ; (what Excel saves where the decimal mark is a comma), numbers are
 * read by that convention: "1.200" is 1200, "1,5" is 1.5, "1.234,5" is 1234.5. Other text is
 * left to the engine as it is. The file's own text is written back unchanged.
 */
export function decimalCommaNumber(text: string): string | number {
  const t = text.trim();
  if (/^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t) || /^[+-]?\d+,\d+$/.test(t)) {
    const n = Number(t.replace(/\./g, '').replace(',', '.'));
    if (Number.isFinite(n)) return n;
  }
  return text;
}

export async function scoreCsvLeads(input: string, model: Model | null, asOf: string | undefined, sink: LeadSink, progress: Progress): Promise<CsvLeadsResult> {
  const reader = CsvReader.fromFile(input, detectCsvEncoding(input));
  try {
    const header = reader.next();
    if (header === null || header.cells.every((h) => h.trim() === '')) throw new CliError(`${input}: the file is empty; a CSV file needs a header row`);
    const headers = header.cells.map((h) => h.trim());
    const width = headers.length;
    const ours = csvOwnColumns(headers, input);
    const compiled = model === null ? null : compileFor(model, headers, ours, asOf, input);
    const tally = compiled === null ? null : new ScoreTally(compiled);
    sink.begin(headers, ours, compiled?.bands ?? []);
    const delimiter: Delimiter = reader.delimiter;
    const localNumbers = delimiter === ';';
    const errors = new RowProblems();
    const short = new RowProblems(5);
    const multiline = new RowProblems(5);
    const size = blockRows(width);
    let block: { cells: string[]; text?: string | undefined }[] = [];
    // A comma-delimited line without quotes can be copied to CSV output as it is, when no cell needs neutralising.
    // (Such a line has no quote, no line break, and no comma inside a cell: only neutralising could change it.)
    const copyable = (record: CsvRecord): string | undefined => {
      if (delimiter !== ',' || record.text === undefined || record.cells.length !== width || ours.size > 0) return undefined;
      for (const cell of record.cells) if (mayNeedNeutralising(cell) && neutraliseFormula(cell) !== cell) return undefined;
      return record.text;
    };
    /** Blank rows held back until a lead follows them: blank rows at the end are dropped. */
    let heldBlanks = 0;
    const blankRow = (): OutRow => ({ cells: headers.map(() => ''), lead: false, score: null });

    for (let record = reader.next(); record !== null; record = reader.next()) {
      const cells = record.cells;
      if (cells.every((c) => c === '')) {
        heldBlanks++;
        continue;
      }
      if (record.multiline && cells.length === width) multiline.add(record.lastLine > record.line ? `lines ${record.line}-${record.lastLine}` : `line ${record.line}`);
      if (cells.length !== width) {
        const extra = cells.slice(width);
        if (record.multiline) {
          errors.add(`line ${record.line}: a quoted cell spanning lines leaves this row with ${cells.length} cells for ${width} columns; is a quote unbalanced?`);
        } else if (extra.some((c) => c.trim() !== '')) {
          errors.add(`line ${record.line}: ${cells.length} cells for ${width} columns; the cells past the last column (${extra.filter((c) => c.trim() !== '').slice(0, 2).map((c) => JSON.stringify(c.slice(0, 30))).join(', ')}) would be lost`);
        } else if (cells.length < width) {
          short.add(`line ${record.line}`);
        }
        if (cells.length > width) cells.length = width;
        while (cells.length < width) cells.push('');
      }
      // Blank rows before this lead are kept in place (not leads, no scores).
      for (; heldBlanks > 0; heldBlanks--) {
        block.push({ cells: BLANK });
        if (block.length >= size) await flush();
      }
      block.push({ cells, text: copyable(record) });
      if (block.length >= size) {
        await flush();
        progress.step(() => `scoring: ${(tally?.leads ?? 0).toLocaleString('en')} leads, ${Math.round((reader.bytesRead / Math.max(1, reader.totalBytes)) * 100)}% of the file read`);
      }
    }
    await flush();

    if (errors.count > 0) {
      throw new CliError(
        `${input}: the table is damaged, so no lead was scored (${describeDelimiter(delimiter)}-delimited, ${width} columns):\n  ${errors.lines().join('\n  ')}\n` +
          'Fix those rows (a cell holding the delimiter, a quote or a line break must be quoted, and a quote inside it doubled) and run again.',
      );
    }
    const warnings: string[] = [];
    if (short.count > 0) warnings.push(`${input}: ${short.count} row(s) have fewer cells than the header; their missing cells were read as blank: ${short.lines().join(', ')}`);
    if (multiline.count > 0) {
      warnings.push(`${input}: ${multiline.count} row(s) have a quoted cell over several lines (a note written on several lines, or a stray quote merging leads): ${multiline.lines().join(', ')}`);
    }
    return { tally, warnings, delimiter };

    async function flush(): Promise<void> {
      // The engine scores every row given; blank rows are taken out and put back after.
      if (block.length === 0) return;
      if (errors.count > 0) {
        block = [];
        return;
      }
      const leads = block.filter((r) => r.cells !== BLANK);
      const rows = localNumbers ? leads.map((r) => r.cells.map(decimalCommaNumber)) : leads.map((r) => r.cells);
      const scored = tally?.score(rows) ?? null;
      const out: OutRow[] = [];
      let k = 0;
      for (const row of block) {
        if (row.cells === BLANK) out.push(blankRow());
        else out.push({ cells: row.cells, text: row.text, lead: true, score: scored === null ? null : scoreCells(tally!.model, scored, k++) });
      }
      block = [];
      await sink.rows(out);
    }
  } finally {
    reader.close();
  }
}

const BLANK: string[] = [];
