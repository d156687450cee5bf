import { compile, type Band, type CompiledModel, type Model, type Problem } from '../engine';
import type { LeadTable } from '../workbook/session';

export interface LiveScores {
  readonly compiled: CompiledModel | null;
  readonly problems: readonly Problem[];
  readonly bands: readonly { band: Band; count: number }[];
  /** Score histogram: equal-width bins from min to max. */
  readonly bins: readonly { from: number; to: number; count: number }[];
  readonly scores: Float64Array | null;
  readonly count: number;
  /** Average fit and engagement points over the rows, for the group headers. */
  readonly averages: { readonly fit: number; readonly engagement: number } | null;
  /** A sentence when the top band holds too many leads to mean "work these first"; else null. */
  readonly warning: string | null;
}

/** Above this share of leads in the top band, the band stops picking out the best leads. */
export const TOP_BAND_SHARE_LIMIT = 0.3;

/** The warning for a top band that holds more than 30% of the leads, or null. */
export function topBandWarning(bands: readonly { band: Band; count: number }[], total: number): string | null {
  const top = bands[bands.length - 1];
  if (top === undefined || bands.length < 2 || total === 0) return null;
  const share = top.count / total;
  if (share <= TOP_BAND_SHARE_LIMIT) return null;
  return `${Math.round(share * 100)}% of leads are ${top.band.name}: more than 30% means sales cannot tell the best apart. Raise where ${top.band.name} starts, or cap the rules that add the most.`;
}

const BIN_COUNT = 12;

/**
 * Compiles the model against the table's headers once and scores every row: the figures the
 * pane shows while weights are edited. Synchronous on purpose: 10,000 leads take a few ms.
 */
export function liveScores(m: Model, table: LeadTable | null, asOf?: string): LiveScores {
  const headers = table?.headers ?? [];
  const result = compile(m, headers, asOf === undefined ? {} : { asOf });
  if (!result.ok) {
    return { compiled: null, problems: result.problems, bands: [], bins: [], scores: null, count: 0, averages: null, warning: null };
  }
  const compiled = result.value;
  const rows = table?.rows ?? [];
  const scored = compiled.scoreRows(rows);
  const bandCounts = compiled.bands.map((band) => ({ band, count: 0 }));
  for (let i = 0; i < scored.count; i++) {
    const slot = bandCounts[scored.bandIndex[i] ?? 0];
    if (slot !== undefined) slot.count++;
  }
  let fit = 0;
  let engagement = 0;
  for (let i = 0; i < scored.count; i++) {
    fit += scored.fit[i] ?? 0;
    engagement += scored.engagement[i] ?? 0;
  }
  const averages = scored.count === 0 ? null : { fit: fit / scored.count, engagement: engagement / scored.count };
  return {
    compiled, problems: result.warnings, bands: bandCounts, bins: histogram(scored.scores), scores: scored.scores, count: scored.count,
    averages, warning: topBandWarning(bandCounts, scored.count),
  };
}

export function histogram(scores: Float64Array): { from: number; to: number; count: number }[] {
  if (scores.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const width = max > min ? (max - min) / BIN_COUNT : 1;
  const bins = Array.from({ length: max > min ? BIN_COUNT : 1 }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0 }));
  for (const s of scores) {
    const i = Math.min(bins.length - 1, Math.floor((s - min) / width));
    const bin = bins[i];
    if (bin !== undefined) bin.count++;
  }
  return bins;
}
