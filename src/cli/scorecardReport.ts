/** The readable report of leadscore calibrate when it builds a scorecard. */
import type { Problem } from '../engine';
import type { Scorecard } from '../insights';
import { warningLines } from './insightsReport';

const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${(x * 100).toFixed(1)}%`);
const auc = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(3));

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => '    ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   ').trimEnd());
}

const short = (text: string, width = 48): string => (text.length > width ? `${text.slice(0, width - 3)}...` : text);

export function describeScorecard(s: Scorecard, warnings: readonly Problem[], written: string | null): string {
  const lines = [
    `Scorecard from ${s.leads} leads (${s.converted} converted, ${pct(s.converted / Math.max(1, s.leads))}): built on ${s.trainingLeads}, checked on a hold-out of ${s.holdout.leads} (${s.holdout.converted} converted).`,
    `Hold-out AUC: scorecard ${auc(s.holdout.aucScorecard)}, unconstrained logistic regression ${auc(s.holdout.aucRegression)} (same split).`,
    `Points: the best possible lead has ${s.maximumPoints}; ${s.pointsToDoubleOdds.toFixed(1)} points double the odds of converting. Penalty chosen by 5-fold cross-validation: ${s.lambda}.`,
  ];
  for (const c of s.columns) {
    lines.push('', `${c.column} (information value ${c.iv.toFixed(2)}${c.notAnswered > 0 ? `; ${c.notAnswered} placeholders such as 'Select' counted as blank` : ''}):`);
    lines.push(...table([['bin', 'leads', 'share', 'converted', 'points'], ...c.bins.map((b) => [short(b.label), String(b.leads), pct(b.share), pct(b.rate), String(b.points)])]));
  }
  lines.push('', `Bands (${s.bandNote}):`);
  lines.push(...table([['band', 'from', 'leads', 'share', 'converted'], ...s.bands.map((b) => [b.name, String(b.from), String(b.leads), pct(b.share), pct(b.rate)])]));
  if (s.leftOut.length > 0) lines.push('', 'Columns left out:', ...s.leftOut.map((l) => `  - ${l.column}: ${l.note}`));
  lines.push(...warningLines(warnings));
  lines.push('', written === null ? 'Nothing written: pass -o model.json to save the scorecard as a model.' : `Wrote ${written}: review it, then use it with 'leadscore score <file> --model ${written}'.`);
  return lines.join('\n');
}
