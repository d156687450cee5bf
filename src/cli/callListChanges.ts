/**
 * The change since last time for `leadscore calllist`, from what the file holds (the change
 * report's snapshot and Change column; nothing here keeps a snapshot of its own):
 * 1. a Change column an earlier `leadscore score` wrote: the change that scoring found (right
 *    after it, comparing with the snapshot it just wrote would say 0 for every lead);
 * 2. else a workbook's snapshot of the last scoring: the scores now against it, by lead ID
 *    (the engine's ChangeTracker: no ID or a shared ID gets no change, never a guess);
 * 3. else none, and the list has no Change column.
 */
import { changeFromCell, ChangeTracker, duplicateIdKeys, findIdColumn, type CompiledModel, type LeadChange, type ScoreSnapshot } from '../engine';

export const CHANGE_HEADER = 'Change';

export class CallListChanges {
  private readonly changeColumn: number;
  private readonly idColumn: { index: number; header: string } | null = null;
  private readonly ids: unknown[] = [];
  private readonly scores: number[] = [];
  private readonly bands: string[] = [];
  private readonly found = new Map<number, LeadChange>();
  private leads = 0;

  constructor(
    headers: readonly string[],
    ours: ReadonlySet<number>,
    private readonly snapshot: ScoreSnapshot | null,
    private readonly compiled: CompiledModel,
    warn: (message: string) => void,
  ) {
    this.changeColumn = headers.findIndex((h, i) => ours.has(i) && h.trim().toLowerCase() === CHANGE_HEADER.toLowerCase());
    if (this.changeColumn < 0 && snapshot !== null) {
      const id = findIdColumn({ headers, chosen: compiled.model.idColumn, previous: snapshot.idColumn });
      if (id.ok) this.idColumn = { index: id.value.index, header: id.value.header };
      else warn(`the change since last time is left out: ${id.message}`);
    }
  }

  /** Whether the list gets a Change column. */
  get known(): boolean {
    return this.changeColumn >= 0 || this.idColumn !== null;
  }

  /** The next leads (blank rows left out), numbered on from the ones before, as the call list numbers them. */
  add(rows: readonly (readonly unknown[])[]): void {
    if (this.idColumn === null) {
      this.leads += rows.length;
      return;
    }
    const scored = this.compiled.scoreRows(rows);
    rows.forEach((cells, i) => {
      this.ids[this.leads + i] = cells[this.idColumn?.index ?? -1];
      this.scores[this.leads + i] = scored.scores[i] ?? 0;
      this.bands[this.leads + i] = this.compiled.bands[scored.bandIndex[i] ?? 0]?.name ?? '';
    });
    this.leads += rows.length;
  }

  /** After the last lead: compares them all with the snapshot (duplicate IDs are known only then). */
  finish(today: string): void {
    if (this.idColumn === null || this.snapshot === null) return;
    const tracker = new ChangeTracker(this.snapshot, this.compiled.bands, {
      today,
      idColumn: this.idColumn.header,
      model: this.compiled.model.name,
      duplicates: duplicateIdKeys(this.ids),
      keepSnapshot: false,
    });
    for (let row = 0; row < this.leads; row++) {
      const change = tracker.add({ id: this.ids[row], score: this.scores[row] ?? 0, band: this.bands[row] ?? '', row });
      if (change.text !== '') this.found.set(row, { points: change.points, text: change.text });
    }
  }

  readonly changeOf = (row: number, cells: readonly unknown[]): LeadChange | null =>
    this.changeColumn >= 0 ? changeFromCell(cells[this.changeColumn]) : (this.found.get(row) ?? null);
}
