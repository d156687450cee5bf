/**
 * What changed since the last scoring of a workbook, by the pane's Apply or by `leadscore score`:
 * the `Lead Scoring Snapshot` sheet either of them keeps (xlsxSnapshot.ts) is the previous
 * scoring, so leads deleted since are reported too. A workbook without that sheet that
 * leadscore scored before is compared as a CSV file is (csvChange.ts): its own Score, Band and
 * Band since columns (leadscore's note on the header) are the snapshot. A first walk over the
 * lead sheet reads the ID column's values (and those columns) before the rewrite writes a
 * single lead, so the ID column is known and IDs several leads share are found.
 */
import { statSync } from 'node:fs';
import { ChangeTracker, duplicateIdKeys, findIdColumn, SCORE_COLUMNS as COLUMN_NAMES, type Band, type ChangeSummary, type ScoreSnapshot } from '../../engine';
import { CliError } from '../command';
import type { XlsxPackage } from '../files/xlsxPackage';
import { changeFromPreviousRun, CsvChange, emptyPreviousRun, idColumnChoice, localIsoDate, type IdColumnChoice, type PreviousRun } from './csvChange';
import { Progress } from './leadColumns';
import type { OutCell } from './leadSinks';
import { walkLeadSheet, type LeadLocation } from './workbookLeads';
import { readSnapshotSheet, type SnapshotTarget } from './xlsxSnapshot';

export interface WorkbookChangeQuery {
  readonly bands: readonly Band[];
  readonly modelName: string;
  /** --id-column, else the model's idColumn, else null (detected). */
  readonly chosenId: string | null;
  /** 'YYYY-MM-DD' of this scoring. */
  readonly today: string;
}

/** Each lead compared as it is written; then the summary and the snapshot to keep (null: no ID column after all). */
export interface LeadComparison {
  /** Change and Band since of one lead: `values` its table cells, `score` its score cells (Score, Band, ...), `row` its sheet row. */
  cells(values: readonly unknown[], score: readonly OutCell[], row: number): OutCell[];
  finish(): { readonly summary: ChangeSummary; readonly snapshot: ScoreSnapshot | null } | null;
}

export interface WorkbookChange {
  /** Each lead compared, as it is written, with the previous scoring (or with none: a first scoring). */
  readonly compare: LeadComparison;
  /** Whether Change and Band since columns are written: only when there is a previous scoring to compare with. */
  readonly columns: boolean;
  /** Where this run's snapshot is kept; null when a sheet of that name is the user's. */
  readonly snapshot: SnapshotTarget | null;
}

export interface PreparedWorkbookChange {
  /** Null when the leads have no ID column (or the walk found no lead table to compare). */
  readonly change: WorkbookChange | null;
  /** Why nothing was compared, for the report; null when compared or nothing was there to compare with. */
  readonly warning: string | null;
  /** Said on stderr: the snapshot sheet's rows left out, a sheet of that name in the way. */
  readonly warnings: readonly string[];
}

/**
 * Reads the previous scoring: the snapshot sheet, else the lead sheet's own columns from an
 * earlier `leadscore score`; finds the ID column; returns the comparison to run as the leads are written.
 */
export async function prepareWorkbookChange(pkg: XlsxPackage, location: LeadLocation, q: WorkbookChangeQuery): Promise<PreparedWorkbookChange> {
  const stored = await readSnapshotSheet(pkg);
  const warnings: string[] = [];
  if (stored.kind === 'snapshot') warnings.push(...stored.warnings.map((w) => `${pkg.path}: ${w}`));
  if (stored.kind === 'unreadable') warnings.push(`${pkg.path}: ${stored.message}; this scoring does not compare with it and replaces it`);
  if (stored.kind === 'foreign') {
    warnings.push(`${pkg.path}: a sheet named '${stored.sheet}' that Lead Scoring did not write is in the way: it was left as it is and the snapshot of this scoring was not kept, so the next one cannot report deleted leads (rename that sheet)`);
  }
  // The lead sheet itself, named like the snapshot (--table): never written over by the snapshot.
  const onLeadSheet = stored.kind !== 'none' && stored.kind !== 'foreign' && stored.sheet.part === location.sheet.part;
  const previousSnapshot: ScoreSnapshot | null = stored.kind === 'snapshot' && !onLeadSheet ? stored.snapshot : null;
  const target: SnapshotTarget | null = onLeadSheet || stored.kind === 'foreign' ? null : stored.kind === 'none' ? { kind: 'add' } : { kind: 'replace', sheet: stored.sheet };

  let ids: IdColumnChoice | null = null;
  let previous: PreviousRun | null = null;
  let fromColumns = false;
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
          // Columns Apply wrote are compared through Apply's snapshot sheet only: without it, their last values are not leadscore's to trust.
          const applied = (column: number): boolean => header.applied.has(column - header.firstColumn);
          fromColumns = previousSnapshot === null && at.score >= 0 && at.band >= 0 && !applied(at.score) && !applied(at.band);
          const choice = idColumnChoice(header.headers, header.ours, q.chosenId, `${pkg.path}, sheet '${location.sheet.name}'`);
          const kept = previousSnapshot === null ? null : findIdColumn({ headers: choice.leadHeaders, previous: previousSnapshot.idColumn });
          const candidates = kept?.ok === true && kept.value.how === 'previous' ? [...choice.candidates, kept.value.index] : choice.candidates;
          ids = { ...choice, candidates };
          previous = emptyPreviousRun(candidates);
          // Nothing to compare with: no Change columns, so the ID column can be found from the scoring pass itself (FirstScoring), not a walk of its own.
          if (previousSnapshot === null && !fromColumns) throw new FirstScoringFound();
        },
        readListed: true,
        cellsFrom: () => (fromColumns ? Math.min(at.score, at.band, ...(at.since < 0 ? [] : [at.since])) : Number.POSITIVE_INFINITY),
        rows: async (rows) => {
          const p = previous!;
          for (const r of rows) {
            if (r.kind !== 'lead') continue;
            const values = r.values ?? [];
            for (const [i, list] of p.values) list.push(values[i] ?? null);
            if (!fromColumns) continue;
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
    if (!(error instanceof FirstScoringFound)) throw error;
    const choice = ids as IdColumnChoice | null;
    const first = choice === null || choice.candidates.length === 0 ? null : new FirstScoring(choice, q);
    return { change: first === null ? null : { compare: first, columns: false, snapshot: target }, warning: null, warnings };
  }
  const idChoice = ids as IdColumnChoice | null;
  const run = previous as PreviousRun | null;
  if (idChoice === null || run === null) return { change: null, warning: null, warnings };

  if (fromColumns) {
    const fromRun = changeFromPreviousRun(idChoice, run, {
      input: pkg.path,
      bands: q.bands,
      modelName: q.modelName,
      today: q.today,
      number: (t) => t,
      fileDate: () => localIsoDate(statSync(pkg.path).mtime),
      keepSnapshot: true,
    });
    return { change: fromRun.change === null ? null : { compare: streamed(fromRun.change), columns: true, snapshot: target }, warning: fromRun.warning, warnings };
  }
  const found = idChoice.chosen ?? findIdColumn({ headers: [...idChoice.leadHeaders], previous: previousSnapshot?.idColumn ?? null, valuesOf: (i) => run.values.get(i) ?? [] });
  if (!found.ok) {
    // A first scoring without an ID column keeps no snapshot and says nothing: there is nothing to compare yet.
    return { change: null, warning: previousSnapshot === null ? null : `No Change or Band since: ${found.message}, or give --id-column`, warnings };
  }
  const idCells = run.values.get(found.value.index) ?? [];
  run.values.clear();
  const tracker = new ChangeTracker(previousSnapshot, q.bands, { today: q.today, idColumn: found.value.header, model: q.modelName, duplicates: duplicateIdKeys(idCells), keepSnapshot: true });
  return { change: { compare: streamed(new CsvChange(tracker, found.value.index)), columns: true, snapshot: target }, warning: null, warnings };
}

/** Each lead compared in turn against the previous scoring read beforehand. */
function streamed(change: CsvChange): LeadComparison {
  return { cells: (values, score, row) => change.cells(values, score, row), finish: () => change.tracker.finish() };
}

/** Stops the first walk at the header of a table scored for the first time. */
class FirstScoringFound extends CliError {
  constructor() {
    super('the lead table has no previous scoring');
  }
}

/**
 * A first scoring: no Change is written, so each lead's ID candidates and score are kept as the
 * scoring pass goes, and the ID column (which needs every value: unique, filled), the IDs
 * several leads share and the snapshot are worked out at the end. One walk of the sheet, not two.
 */
class FirstScoring implements LeadComparison {
  private readonly leads: { score: number; band: string; row: number }[] = [];
  private readonly values: Map<number, unknown[]>;

  constructor(
    private readonly ids: IdColumnChoice,
    private readonly q: WorkbookChangeQuery,
  ) {
    this.values = new Map(ids.candidates.map((i) => [i, []]));
  }

  cells(values: readonly unknown[], score: readonly OutCell[], row: number): OutCell[] {
    for (const [i, list] of this.values) list.push(values[i] ?? null);
    this.leads.push({ score: Number(score[0]), band: String(score[1] ?? ''), row });
    return [];
  }

  finish(): { readonly summary: ChangeSummary; readonly snapshot: ScoreSnapshot | null } | null {
    const found = this.ids.chosen ?? findIdColumn({ headers: [...this.ids.leadHeaders], valuesOf: (i) => this.values.get(i) ?? [] });
    if (!found.ok) return null;
    const idCells = this.values.get(found.value.index) ?? [];
    this.values.clear();
    const tracker = new ChangeTracker(null, this.q.bands, { today: this.q.today, idColumn: found.value.header, model: this.q.modelName, duplicates: duplicateIdKeys(idCells), keepSnapshot: true });
    this.leads.forEach((lead, k) => tracker.add({ id: idCells[k], ...lead }));
    return tracker.finish();
  }
}
