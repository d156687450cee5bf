/**
 * What changed since the last `leadscore score` of a workbook, the same way as for a CSV file
 * (csvChange.ts): the lead sheet's own Score, Band and Band since columns that leadscore wrote
 * (its note on the header) are the snapshot. A first walk over the sheet reads them with the
 * ID column's values before the rewrite writes a single lead, so IDs several leads share are known.
 */
import { statSync } from 'node:fs';
import { SCORE_COLUMNS as COLUMN_NAMES, type Band } from '../../engine';
import { CliError } from '../command';
import type { XlsxPackage } from '../files/xlsxPackage';
import { changeFromPreviousRun, emptyPreviousRun, idColumnChoice, localIsoDate, type CsvChange, type IdColumnChoice, type PreviousRun } from './csvChange';
import { Progress } from './leadColumns';
import { walkLeadSheet, type LeadLocation } from './workbookLeads';

export interface WorkbookChangeQuery {
  readonly bands: readonly Band[];
  readonly modelName: string;
  /** --id-column, else the model's idColumn, else null (detected). */
  readonly chosenId: string | null;
  /** 'YYYY-MM-DD' of this scoring. */
  readonly today: string;
}

/** Stops the first walk as soon as its header shows the sheet was not scored before. */
class NotScoredBefore extends CliError {
  constructor() {
    super('the lead sheet was not scored before');
  }
}

/** The comparison with the previous run, or null when the sheet has no Score and Band columns of leadscore's; `warning` says why nothing was compared. */
export async function prepareWorkbookChange(pkg: XlsxPackage, location: LeadLocation, q: WorkbookChangeQuery): Promise<{ readonly change: CsvChange | null; readonly warning: string | null }> {
  let ids: IdColumnChoice | null = null;
  let previous: PreviousRun | null = null;
  let at = { score: 0, band: 0, since: 0 };
  try {
    await walkLeadSheet(
      pkg,
      location,
      null,
      undefined,
      {
        head: async (_text, header) => {
          const own = (name: string): number => {
            const i = header.headers.findIndex((h, k) => header.ours.has(k) && h === name);
            return i < 0 ? -1 : header.firstColumn + i;
          };
          at = { score: own(COLUMN_NAMES.score), band: own(COLUMN_NAMES.band), since: own(COLUMN_NAMES.bandSince) };
          // Columns the add-in's Apply wrote are left to the pane's own snapshot (not read here yet): compared only with leadscore's own run.
          const applied = (column: number): boolean => header.applied.has(column - header.firstColumn);
          if (at.score < 0 || at.band < 0 || applied(at.score) || applied(at.band)) throw new NotScoredBefore();
          ids = idColumnChoice(header.headers, header.ours, q.chosenId, `${pkg.path}, sheet '${location.sheet.name}'`);
          previous = emptyPreviousRun(ids.candidates);
        },
        readListed: true,
        cellsFrom: () => Math.min(at.score, at.band, ...(at.since < 0 ? [] : [at.since])),
        rows: async (rows) => {
          const p = previous!;
          for (const r of rows) {
            if (r.kind !== 'lead') continue;
            const values = r.values ?? [];
            for (const [i, list] of p.values) list.push(values[i] ?? null);
            const cell = (column: number): unknown => r.cells.find((c) => c.column === column)?.value ?? null;
            p.scores.push(cell(at.score));
            p.bands.push(cell(at.band));
            p.since.push(at.since < 0 ? null : cell(at.since));
          }
        },
        tail: async () => {},
      },
      new Progress(null),
    );
  } catch (error) {
    if (error instanceof NotScoredBefore) return { change: null, warning: null };
    throw error;
  }
  if (ids === null || previous === null) return { change: null, warning: null };
  return changeFromPreviousRun(ids, previous, { input: pkg.path, bands: q.bands, modelName: q.modelName, today: q.today, number: (t) => t, fileDate: () => localIsoDate(statSync(pkg.path).mtime) });
}
