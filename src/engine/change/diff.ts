/**
 * What changed since the last scoring, lead by lead: the points since last time, the band move,
 * and the date the lead entered its band. Leads are matched by ID only; a lead without an ID or
 * with an ID another lead shares gets no change (it cannot be matched without guessing), and
 * the previous leads no longer in the table are listed as removed.
 */
import { columnKey } from '../columns';
import type { Band } from '../model';
import { leadIdKey, leadIdText, duplicateIdKeys } from './leadId';
import type { ScoreSnapshot, SnapshotLead } from './snapshot';

/**
 * scored: scored last time too (Change and the band move are known). new: an ID the last
 * scoring did not have (or the first scoring). noId: no ID in its cell. duplicateId: its ID is
 * shared with another lead of the table.
 */
export type ScoreChangeKind = 'scored' | 'new' | 'noId' | 'duplicateId';
/** How the band moved: up or down the model's bands, the same, or to a band of another name when last time's band is not in the model any more. */
export type BandMove = 'up' | 'down' | 'same' | 'renamed';

export interface ScoreChange {
  readonly kind: ScoreChangeKind;
  /** The ID as shown, or null without one. */
  readonly id: string | null;
  /** Points since last time, in hundredths as scores are; null unless scored. */
  readonly points: number | null;
  /** As a Change cell or a list shows it: '+12', '-4.5', '0', 'new', or '' without a usable ID. */
  readonly text: string;
  readonly band: string;
  /** Last time's band; null unless scored. */
  readonly previousBand: string | null;
  readonly move: BandMove | null;
  /** 'YYYY-MM-DD' the lead entered its band: last time's date when the band is the same, the scoring date when it changed or the lead is new; null without a usable ID. */
  readonly bandSince: string | null;
}

/** One lead as scored now, with `row` what the report shows to find it (an Excel row number). */
export interface ScoredLead {
  readonly id: unknown;
  readonly score: number;
  readonly band: string;
  readonly row: number;
}

/** A lead whose band moved, for the report's list. */
export interface BandMoveEntry {
  readonly id: string;
  readonly row: number;
  readonly from: string;
  readonly to: string;
  readonly move: BandMove;
  readonly points: number;
  readonly score: number;
}

export interface ChangeSummary {
  /** The last scoring's date, or null when there was none (the first scoring) or it cannot be compared (restartedFrom). */
  readonly since: string | null;
  /**
   * The last scoring when it identified leads by another column: its IDs are not this table's
   * IDs, so nothing is compared (every lead is new) rather than everything mismatched.
   */
  readonly restartedFrom: { readonly scoredOn: string; readonly idColumn: string } | null;
  readonly scoredOn: string;
  readonly idColumn: string;
  readonly leads: number;
  readonly scored: number;
  readonly newLeads: number;
  /** Per band, highest first: how many leads moved up into it and down into it. */
  readonly entered: readonly { readonly band: string; readonly up: number; readonly down: number }[];
  /** Leads that moved band, best news first (up into the highest band first, then down); at most listLimit of movedCount. */
  readonly moved: readonly BandMoveEntry[];
  readonly movedCount: number;
  /** Rows without an ID (at most listLimit) and how many. */
  readonly noIdRows: readonly number[];
  readonly noIdCount: number;
  /** IDs shared by several leads, each with its rows (at most listLimit IDs), and how many leads share an ID. */
  readonly duplicates: readonly { readonly id: string; readonly rows: readonly number[] }[];
  readonly duplicateCount: number;
  /** Leads of the last scoring whose ID is not in the table now (deleted rows), at most listLimit of removedCount. */
  readonly removed: readonly SnapshotLead[];
  readonly removedCount: number;
}

export interface ChangeOptions {
  /** 'YYYY-MM-DD' of this scoring. */
  readonly today: string;
  /** The ID column's header, recorded in the snapshot. */
  readonly idColumn: string;
  /** The model's name, recorded in the snapshot. */
  readonly model: string;
  /** Keys (leadIdKey) of IDs more than one lead of the table has: duplicateIdKeys over the whole ID column, read before the leads are added. */
  readonly duplicates: ReadonlySet<string>;
  /** Keep the new snapshot (default true); a caller that stores the scores elsewhere saves the memory. */
  readonly keepSnapshot?: boolean;
  /** Entries kept per list of the summary (default 1,000); the counts are always complete. */
  readonly listLimit?: number;
}

/**
 * What a tracker counted over one part of a table (a block of a file scored on a worker
 * thread), with rows as that part numbered them, for join(): every list in table order, as
 * long as the part's own limit let it grow (a part tracked with an unlimited listLimit holds all).
 */
export interface ChangePart {
  readonly counts: { readonly leads: number; readonly scored: number; readonly newLeads: number; readonly moved: number; readonly noId: number; readonly duplicate: number };
  readonly entered: readonly { readonly band: string; readonly up: number; readonly down: number }[];
  readonly movedUp: readonly BandMoveEntry[];
  readonly moved: readonly BandMoveEntry[];
  readonly noIdRows: readonly number[];
  readonly duplicates: readonly { readonly key: string; readonly id: string; readonly rows: readonly number[] }[];
}

/**
 * Compares leads with the last scoring one at a time, in table order, so a file of any size can
 * be streamed through it; memory holds the previous snapshot, the IDs seen and the lists.
 */
export class ChangeTracker {
  private readonly previous: Map<string, SnapshotLead>;
  private readonly rank: Map<string, number>;
  private readonly seen = new Set<string>();
  private readonly kept: SnapshotLead[] = [];
  private readonly duplicateRows = new Map<string, { id: string; rows: number[] }>();
  private readonly entered: Map<string, { up: number; down: number }>;
  private readonly movedUp: BandMoveEntry[] = [];
  private readonly moved: BandMoveEntry[] = [];
  private readonly noIdRows: number[] = [];
  private readonly limit: number;
  private counts = { leads: 0, scored: 0, newLeads: 0, moved: 0, noId: 0, duplicate: 0 };

  private readonly last: ScoreSnapshot | null;
  private readonly restartedFrom: ChangeSummary['restartedFrom'];

  constructor(
    last: ScoreSnapshot | null,
    bands: readonly Band[],
    private readonly options: ChangeOptions,
  ) {
    const sameKey = last === null || columnKey(last.idColumn) === columnKey(options.idColumn);
    this.last = sameKey ? last : null;
    this.restartedFrom = sameKey || last === null ? null : { scoredOn: last.scoredOn, idColumn: last.idColumn };
    this.previous = new Map((this.last?.leads ?? []).map((l) => [leadIdKey(l.id), l]));
    // Bands rank by their lower bound: the order a lead climbs them.
    const ordered = [...bands].sort((a, b) => a.from - b.from);
    this.rank = new Map(ordered.map((b, i) => [b.name.toLowerCase(), i]));
    this.entered = new Map(ordered.reverse().map((b) => [b.name, { up: 0, down: 0 }]));
    this.limit = options.listLimit ?? 1000;
  }

  add(lead: ScoredLead): ScoreChange {
    this.counts.leads++;
    const { today } = this.options;
    const id = leadIdText(lead.id);
    if (id === null || id === '') {
      this.counts.noId++;
      if (this.noIdRows.length < this.limit) this.noIdRows.push(lead.row);
      return { kind: 'noId', id: null, points: null, text: '', band: lead.band, previousBand: null, move: null, bandSince: null };
    }
    const key = leadIdKey(id);
    this.seen.add(key);
    if (this.options.duplicates.has(key)) {
      this.counts.duplicate++;
      const entry = this.duplicateRows.get(key);
      if (entry !== undefined) entry.rows.push(lead.row);
      else if (this.duplicateRows.size < this.limit) this.duplicateRows.set(key, { id, rows: [lead.row] });
      return { kind: 'duplicateId', id, points: null, text: '', band: lead.band, previousBand: null, move: null, bandSince: null };
    }
    const before = this.previous.get(key);
    let change: ScoreChange;
    if (before === undefined) {
      this.counts.newLeads++;
      change = { kind: 'new', id, points: null, text: 'new', band: lead.band, previousBand: null, move: null, bandSince: today };
    } else {
      this.counts.scored++;
      const points = cents(lead.score) - cents(before.score);
      const move = this.moveOf(before.band, lead.band);
      // A band since lost from the snapshot (edited away) is at least the last scoring's date.
      // A lead can not have entered its band after today: a snapshot dated later (scored in a time
      // zone ahead of this one, or a clock set wrong) dates an unchanged band today at the latest.
      const carried = before.bandSince ?? this.last?.scoredOn ?? today;
      const bandSince = move === 'same' && carried <= today ? carried : today;
      change = { kind: 'scored', id, points: points / 100, text: signed(points), band: lead.band, previousBand: before.band, move, bandSince };
      if (move !== 'same') this.recordMove({ id, row: lead.row, from: before.band, to: lead.band, move, points: points / 100, score: lead.score });
    }
    if (this.options.keepSnapshot !== false) this.kept.push({ id, score: lead.score, band: lead.band, bandSince: change.bandSince });
    return change;
  }

  /** What this tracker counted, to be joined into the tracker of the whole table (see join). */
  part(): ChangePart {
    return {
      counts: { ...this.counts },
      entered: [...this.entered].map(([band, n]) => ({ band, up: n.up, down: n.down })),
      movedUp: this.movedUp,
      moved: this.moved,
      noIdRows: this.noIdRows,
      duplicates: [...this.duplicateRows].map(([key, d]) => ({ key, id: d.id, rows: d.rows })),
    };
  }

  /**
   * Counts a part of the table tracked elsewhere (each part once, in table order, after the
   * leads added here) as if its leads had been added here: the lists keep their table order and
   * this tracker's limit, so the summary is the one add() would have made. `rowShift` turns the
   * part's rows into the table's. The part's IDs are not seen by this: give them to see().
   */
  join(part: ChangePart, rowShift: number): void {
    const c = this.counts;
    const p = part.counts;
    this.counts = { leads: c.leads + p.leads, scored: c.scored + p.scored, newLeads: c.newLeads + p.newLeads, moved: c.moved + p.moved, noId: c.noId + p.noId, duplicate: c.duplicate + p.duplicate };
    for (const e of part.entered) {
      const n = this.entered.get(e.band);
      if (n !== undefined) {
        n.up += e.up;
        n.down += e.down;
      }
    }
    const shifted = (m: BandMoveEntry): BandMoveEntry => ({ ...m, row: m.row + rowShift });
    for (const m of part.movedUp) if (this.movedUp.length < this.limit) this.movedUp.push(shifted(m));
    for (const m of part.moved) if (this.moved.length < this.limit) this.moved.push(shifted(m));
    for (const row of part.noIdRows) if (this.noIdRows.length < this.limit) this.noIdRows.push(row + rowShift);
    for (const d of part.duplicates) {
      const rows = d.rows.map((r) => r + rowShift);
      const entry = this.duplicateRows.get(d.key);
      if (entry !== undefined) entry.rows.push(...rows);
      else if (this.duplicateRows.size < this.limit) this.duplicateRows.set(d.key, { id: d.id, rows });
    }
  }

  /** ID keys of the table met outside add() (in joined parts), so that finish() does not list those leads as removed. */
  see(keys: Iterable<string>): void {
    for (const key of keys) this.seen.add(key);
  }

  /** The summary, and the snapshot to keep for next time (null when keepSnapshot is false). */
  finish(): { readonly summary: ChangeSummary; readonly snapshot: ScoreSnapshot | null } {
    const removed: SnapshotLead[] = [];
    let removedCount = 0;
    for (const [key, lead] of this.previous) {
      if (this.seen.has(key)) continue;
      removedCount++;
      if (removed.length < this.limit) removed.push(lead);
    }
    const rankOf = (band: string): number => this.rank.get(band.toLowerCase()) ?? -1;
    // Best news first: up moves into the highest band, then down moves from the highest band.
    const moved = [...this.movedUp, ...this.moved].sort((a, b) => (a.move === 'up' ? 0 : 1) - (b.move === 'up' ? 0 : 1) || rankOf(b.to) - rankOf(a.to) || b.points - a.points || a.row - b.row);
    const { today, idColumn, model } = this.options;
    return {
      summary: {
        since: this.last?.scoredOn ?? null,
        restartedFrom: this.restartedFrom,
        scoredOn: today,
        idColumn,
        leads: this.counts.leads,
        scored: this.counts.scored,
        newLeads: this.counts.newLeads,
        entered: [...this.entered].map(([band, n]) => ({ band, up: n.up, down: n.down })),
        moved: moved.slice(0, this.limit),
        movedCount: this.counts.moved,
        noIdRows: this.noIdRows,
        noIdCount: this.counts.noId,
        duplicates: [...this.duplicateRows.values()],
        duplicateCount: this.counts.duplicate,
        removed,
        removedCount,
      },
      snapshot: this.options.keepSnapshot === false ? null : { scoredOn: today, idColumn, model, leads: this.kept },
    };
  }

  private moveOf(from: string, to: string): BandMove {
    if (from.toLowerCase() === to.toLowerCase()) return 'same';
    const a = this.rank.get(from.toLowerCase());
    const b = this.rank.get(to.toLowerCase());
    if (a === undefined || b === undefined) return 'renamed';
    return b > a ? 'up' : 'down';
  }

  private recordMove(entry: BandMoveEntry): void {
    this.counts.moved++;
    const n = this.entered.get(entry.to) ?? [...this.entered].find(([name]) => name.toLowerCase() === entry.to.toLowerCase())?.[1];
    if (n !== undefined && entry.move === 'up') n.up++;
    if (n !== undefined && entry.move === 'down') n.down++;
    // Up moves and the others are kept apart, each up to the limit, so a full list still has the good news.
    const list = entry.move === 'up' ? this.movedUp : this.moved;
    if (list.length < this.limit) list.push(entry);
  }
}

/** Whole hundredths: scores are kept in them, so a difference is exact. */
const cents = (n: number): number => Math.round(n * 100);

function signed(hundredths: number): string {
  if (hundredths === 0) return '0';
  const text = String(Math.abs(hundredths) / 100);
  return hundredths > 0 ? `+${text}` : `-${text}`;
}

/** Every lead of a table at once (the pane): duplicates found first, then each lead compared. */
export function diffScores(
  previous: ScoreSnapshot | null,
  leads: readonly ScoredLead[],
  bands: readonly Band[],
  options: Omit<ChangeOptions, 'duplicates'>,
): { readonly changes: ScoreChange[]; readonly summary: ChangeSummary; readonly snapshot: ScoreSnapshot } {
  const tracker = new ChangeTracker(previous, bands, { ...options, duplicates: duplicateIdKeys(leads.map((l) => l.id)), keepSnapshot: true });
  const changes = leads.map((l) => tracker.add(l));
  const { summary, snapshot } = tracker.finish();
  return { changes, summary, snapshot: snapshot as ScoreSnapshot };
}
