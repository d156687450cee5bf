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
    return { compiled: null, problems: result.problems, bands: [], bins: [], scores: null, count: 0 };
  }
  const compiled = result.value;
  const rows = table?.rows ?? [];
  const scored = compiled.scoreRows(rows);
  const bandCounts = compiled.bands.map((band) => ({ band, count: 0 }));
  for (let i = 0; i < scored.count; i++) {
    const slot = bandCounts[scored.bandIndex[i] ?? 0];
    if (slot !== undefined) slot.count++;
  }
  return { compiled, problems: result.warnings, bands: bandCounts, bins: histogram(scored.scores), scores: scored.scores, count: scored.count };
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
