/**
 * The Insights view's figures as words and tables: the outcome column to suggest, the
 * sentences the pane shows, and the report the "Write Insights sheet" button sends to the
 * workbook (the tables behind the figures, with the charts to draw over them).
 */
import { DEFAULT_OUTCOME_VALUES, describeMove, readOutcomes, type Backtest, type ModelComparison, type ThresholdSuggestion } from '../insights';
import type { InsightsPriority, InsightsReport, InsightsTable, LeadTable } from '../workbook/session';

/** Names that say "outcome", most telling first: a column named exactly so, then one containing it. */
const OUTCOME_NAMES = [/^\s*(converted|conversion|won|outcome|closed won|is converted|is won)\s*$/i, /convert|\bwon\b|outcome/i];

/**
 * The column the insights library reads as an outcome (yes/no, won/lost, 1/0, ...): at least
 * 80% of its cells readable and both outcomes present; a name like "Converted" is preferred.
 */
export function suggestOutcomeColumn(table: Pick<LeadTable, 'headers' | 'rows'>): string | null {
  const readable = table.headers
    .map((header, column) => ({ header, outcomes: readOutcomes(table.rows, column, DEFAULT_OUTCOME_VALUES) }))
    .filter(({ outcomes: o }) => o.converted > 0 && o.notConverted > 0 && o.converted + o.notConverted >= 0.8 * table.rows.length);
  for (const name of OUTCOME_NAMES) {
    const named = readable.find((r) => name.test(r.header));
    if (named !== undefined) return named.header;
  }
  return readable[0]?.header ?? null;
}

export const percent = (x: number, digits = 0): string => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a');
const score = (x: number): string => String(Math.round(x * 100) / 100);

export function summaryLine(b: Backtest): string {
  return `Model '${b.model}' on ${b.leads} leads with a known '${b.outcome}' (${b.converted} converted, ${percent(b.conversionRate, 1)}).`;
}

export function aucLine(auc: number): string {
  return `AUC ${auc.toFixed(3)}: the chance that a lead that converted scores above one that did not (0.5 is a coin toss).`;
}

export function thresholdLine(t: ThresholdSuggestion): string {
  if (!Number.isFinite(t.threshold)) return `No threshold fits: ${t.reason}.`;
  return `Work leads scoring ${score(t.threshold)} or more: ${t.leads} leads (${percent(t.share)}), converting at ${percent(t.rate)}, holding ${percent(t.gain)} of all conversions (${t.reason}).`;
}

/** "Top 20% of leads capture 46% of conversions (lift 2.3x)". */
export function gainLine(p: Backtest['gain'][number]): string {
  return `Top ${percent(p.leadShare)} of leads capture ${percent(p.gain)} of conversions (lift ${Number.isFinite(p.lift) ? p.lift.toFixed(1) : 'n/a'}x)`;
}

/** The gain point at a share of leads (0.2 = the top 20%), or undefined. */
export function gainAt(b: Backtest, share: number): Backtest['gain'][number] | undefined {
  return b.gain.find((p) => Math.abs(p.leadShare - share) < 1e-9);
}

const finite = (x: number): number | string => (Number.isFinite(x) ? x : '');

export function bandTable(b: Backtest): InsightsTable {
  return {
    title: 'Conversion by band',
    headers: ['Band', 'Conversion rate', 'Leads', 'Converted', 'Lift', 'From score'],
    rows: b.bands.map((r) => [r.band, finite(r.rate), r.leads, r.converted, finite(r.lift), r.from]),
    formats: [null, '0.0%', '0', '0', '0.00', null],
    chart: { kind: 'columnClustered', title: `Conversion rate by band (${b.model})`, columns: 2 },
  };
}

export function gainTable(b: Backtest): InsightsTable {
  return {
    title: 'Cumulative gain',
    headers: ['Leads worked (top, by score)', 'Share of conversions captured', 'Random order', 'Leads', 'Conversions', 'Lift'],
    rows: [['0%', 0, 0, 0, 0, ''], ...b.gain.map((p) => [`Top ${percent(p.leadShare)}`, p.gain, p.leadShare, p.leads, Math.round(p.conversions * 100) / 100, finite(p.lift)])],
    formats: [null, '0%', '0%', '0', '0.0', '0.00'],
    chart: { kind: 'line', title: 'Cumulative gain: share of conversions captured', columns: 3 },
  };
}

export function distributionTable(b: Backtest): InsightsTable {
  return {
    title: 'Score distribution',
    headers: ['Scores', 'Leads', 'Converted', 'Conversion rate'],
    rows: b.distribution.map((d) => [d.from === d.to ? score(d.from) : `${score(d.from)} to ${score(d.to)}`, d.leads, d.converted, d.leads === 0 ? '' : d.converted / d.leads]),
    formats: [null, '0', '0', '0.0%'],
  };
}

function comparisonTables(c: ModelComparison): InsightsTable[] {
  const top = (b: Backtest) => gainAt(b, 0.2);
  const row = (role: string, b: Backtest) => [role, b.model, b.auc, finite(top(b)?.gain ?? Number.NaN), finite(top(b)?.lift ?? Number.NaN)];
  return [
    {
      title: 'Champion and challenger',
      headers: ['Role', 'Model', 'AUC', 'Top 20% capture', 'Lift at top 20%'],
      rows: [row('Champion', c.champion), row('Challenger', c.challenger)],
      formats: [null, null, '0.000', '0%', '0.00'],
    },
    {
      title: 'Band migration (rows: champion band, columns: challenger band)',
      headers: ['Champion \\ challenger', ...c.challenger.bands.map((b) => b.band)],
      rows: c.migration.map((r, i) => [c.champion.bands[i]?.band ?? '', ...r]),
    },
  ];
}

/** The report for the Insights sheet. */
export function insightsReport(b: Backtest, threshold: ThresholdSuggestion | null, comparison: ModelComparison | null, priority: InsightsPriority | null = null): InsightsReport {
  const lines = [summaryLine(b), aucLine(b.auc)];
  if (b.unknownOutcomes > 0) lines.push(`${b.unknownOutcomes} rows left out: their outcome is not known.`);
  if (threshold !== null) lines.push(thresholdLine(threshold));
  if (comparison !== null) {
    lines.push(`Challenger '${comparison.challenger.model}': AUC ${comparison.challenger.auc.toFixed(3)} against ${comparison.champion.auc.toFixed(3)}.`);
    for (const m of comparison.moves.slice(0, 5)) lines.push(`${describeMove(m)}.`);
  }
  return {
    title: `Lead scoring insights: '${b.model}' against '${b.outcome}'`,
    lines,
    tables: [bandTable(b), gainTable(b), distributionTable(b), ...(comparison === null ? [] : comparisonTables(comparison))],
    ...(priority === null ? {} : { priority }),
  };
}

/**
 * The first thing the Insights view says, in plain words: how much better the top band
 * converts than the bottom one ("Hot leads convert 4.6x as often as Cold (20.6% against 4.5%)").
 */
export function headline(b: Backtest): string {
  const withLeads = b.bands.filter((r) => r.leads > 0);
  const top = withLeads[withLeads.length - 1];
  const bottom = withLeads[0];
  if (top === undefined || bottom === undefined || top === bottom) return `${percent(b.conversionRate, 1)} of these leads converted; every lead is in one band, so the bands do not tell them apart yet.`;
  if (bottom.converted === 0) return `${top.band} leads convert at ${percent(top.rate, 1)}; no ${bottom.band} lead converted.`;
  const ratio = top.rate / bottom.rate;
  if (ratio < 1.05) return `${top.band} leads convert no more often than ${bottom.band} (${percent(top.rate, 1)} against ${percent(bottom.rate, 1)}): the model does not pick out buyers yet.`;
  return `${top.band} leads convert ${ratio.toFixed(1)}x as often as ${bottom.band} (${percent(top.rate, 1)} against ${percent(bottom.rate, 1)}).`;
}

/** A score bin as people read it: whole numbers when the bins are wider than a point ("21 to 43"). */
export function binLabel(d: { from: number; to: number }, width: number): string {
  const digits = width >= 5 ? 0 : width >= 0.5 ? 1 : 2;
  const f = (x: number) => String(Number(x.toFixed(digits)));
  return d.from === d.to ? f(d.from) : `${f(d.from)} to ${f(d.to)}`;
}

/** Data-quality warnings summarised: how many, and the first one's gist, for the line above the list. */
export function warningsSummary(count: number, first: string | undefined): string {
  if (count === 0) return '';
  const gist = first === undefined ? '' : `: ${first.length > 90 ? `${first.slice(0, 88)}…` : first}`;
  return `${count} data-quality warning${count === 1 ? '' : 's'}${gist}`;
}
