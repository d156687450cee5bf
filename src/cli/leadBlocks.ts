/**
 * A lead table read a block at a time, for commands that need every lead once but keep only a
 * little of it (the call list): CSV or a workbook's lead table, through the same readers as
 * `leadscore score`, so a file reads the same way whichever command reads it.
 */
import { snapshotFromCells, SNAPSHOT_SHEET, type Model, type ScoreSnapshot } from '../engine';
import { CsvReader, detectCsvEncoding } from './files/csvReader';
import { XlsxPackage } from './files/xlsxPackage';
import { fileKind } from './leadFile';
import { modelFromWorkbook } from './modelSource';
import { decimalCommaNumber, scoreCsvLeads } from './scoring/csvLeads';
import { Progress } from './scoring/leadColumns';
import { locateLeads, sheetGrid, walkLeadSheet } from './scoring/workbookLeads';

/** What else is known of the table before its first lead. */
export interface LeadTableHead {
  /** The columns an earlier `leadscore score` wrote (Score, Band, ...), by index. */
  readonly ours: ReadonlySet<number>;
  /** The snapshot of the last scoring a workbook keeps (the change report's), or null. */
  readonly snapshot: ScoreSnapshot | null;
  readonly warnings: readonly string[];
}

export interface LeadBlockHandlers {
  /** Called once, before any block: the table's headers, for a workbook its own model (when asked for), and the rest. */
  begin(headers: readonly string[], workbookModel: Model | null, head: LeadTableHead): void;
  /** The next leads (blank rows left out), with the row number each has where the user sees it (null for CSV). */
  block(rows: readonly (readonly unknown[])[], sheetRows: readonly number[] | null): void;
}

export interface LeadBlocksRead {
  readonly warnings: readonly string[];
  /** 'Row' (the sheet's row number) for a workbook; null for CSV, whose lines a quoted line break can shift. */
  readonly rowHeader: 'Row' | null;
}

/** `workbookModel`: read the workbook's Lead Scoring sheet too (not when --model gives the model: a broken sheet then stops nothing). */
export async function readLeadBlocks(input: string, table: string | undefined, workbookModel: boolean, handlers: LeadBlockHandlers, progress: Progress): Promise<LeadBlocksRead> {
  if (fileKind(input) === 'csv') {
    // The delimiter decides how numbers read (1.200 is 1200 in a ;-delimited file): known from the header line.
    const sniff = CsvReader.fromFile(input, detectCsvEncoding(input));
    const localNumbers = sniff.delimiter === ';';
    sniff.close();
    const result = await scoreCsvLeads(
      input,
      null,
      undefined,
      {
        begin: (headers, ours) => handlers.begin(headers, null, { ours, snapshot: null, warnings: [] }),
        rows: async (block) => {
          const leads = block.filter((r) => r.lead).map((r) => (localNumbers ? r.cells.map((c) => (typeof c === 'string' ? decimalCommaNumber(c) : c)) : r.cells));
          handlers.block(leads, null);
        },
        finish: async () => {},
      },
      progress,
    );
    return { warnings: result.warnings, rowHeader: null };
  }
  const pkg = XlsxPackage.open(input);
  try {
    const own = workbookModel ? await modelFromWorkbook(pkg) : null;
    const snapshotSheet = pkg.sheets.find((s) => s.name.toLowerCase() === SNAPSHOT_SHEET.toLowerCase());
    const read = snapshotSheet === undefined ? null : snapshotFromCells(await sheetGrid(pkg, snapshotSheet));
    const snapshotWarnings = read === null ? [] : read.ok ? read.warnings.map((w) => `${input}: ${w}`) : [`${input}: ${read.message}; the change since last time is left out`];
    const location = await locateLeads(pkg, table);
    const summary = await walkLeadSheet(
      pkg,
      location,
      null,
      undefined,
      {
        head: async (_text, header) =>
          handlers.begin(header.headers, own?.model ?? null, { ours: header.ours, snapshot: read?.ok === true ? read.value : null, warnings: snapshotWarnings }),
        rows: async (walked) => {
          const leads = walked.filter((r) => r.kind === 'lead' && r.values !== null);
          handlers.block(leads.map((r) => r.values ?? []), leads.map((r) => r.row.number));
        },
        tail: async () => {},
      },
      progress,
    );
    return { warnings: summary.warnings, rowHeader: 'Row' };
  } finally {
    pkg.close();
  }
}
