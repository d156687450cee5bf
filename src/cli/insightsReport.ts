/** The readable reports of leadscore backtest and calibrate. */
import { formatProblem, GRADES, LEVELS, MIN_LEADS_FOR_RATE, unreachedPriorities, type PriorityMatrix, type PriorityMatrixCell, type Problem } from '../engine';
import type { Backtest, Calibration } from '../insights';

const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${(x * 100).toFixed(1)}%`);
const auc = (x: number | null): string => (x === null || Number.isNaN(x) ? '-' : x.toFixed(3));

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('   '));
}

export function warningLines(warnings: readonly Problem[]): string[] {
  return warnings.length === 0 ? [] : ['', 'Warnings:', ...warnings.map((w) => `  - ${formatProblem(w)}`)];
}

export function describeBacktest(b: Backtest, warnings: readonly Problem[]): string {
  const lines = [
    `Backtest of '${b.model}' on ${b.leads} leads with a known '${b.outcome}' (${b.converted} converted, ${pct(b.conversionRate)})${b.unknownOutcomes > 0 ? `; ${b.unknownOutcomes} rows left out (outcome unknown)` : ''}.`,
    `AUC ${auc(b.auc)}: the chance that a lead that converted scores above one that did not (0.5 is a coin toss).`,
    '',
    'Conversion by band:',
    ...table([['band', 'from', 'leads', 'converted', 'rate', 'lift'], ...b.bands.map((r) => [r.band, String(r.from), String(r.leads), String(r.converted), pct(r.rate), Number.isNaN(r.lift) ? '-' : `${r.lift.toFixed(2)}x`])]),
    '',
    'Conversion by score decile (equal scores stay in one decile):',
    ...table([['decile', 'scores', 'leads', 'rate'], ...b.deciles.filter((d) => d.leads > 0).map((d) => [String(d.decile), d.minScore === d.maxScore ? String(d.minScore) : `${d.minScore}..${d.maxScore}`, String(d.leads), pct(d.rate)])]),
    '',
    'Cumulative gain:',
    ...b.gain.filter((g) => [0.1, 0.2, 0.3, 0.5].includes(g.leadShare)).map((g) => `  the top ${(g.leadShare * 100).toFixed(0)}% of leads capture ${pct(g.gain)} of conversions (lift ${g.lift.toFixed(2)}x)`),
  ];
  for (const t of [b.capacityThreshold, b.rateThreshold]) {
    if (t === null) continue;
    lines.push('', Number.isNaN(t.threshold) ? `Threshold: ${t.reason}.` : `Threshold ${t.threshold}: ${t.reason}; ${t.leads} leads (${pct(t.share)}) convert at ${pct(t.rate)} and hold ${pct(t.gain)} of conversions.`);
  }
  return [...lines, ...warningLines(warnings)].join('\n');
}

export function describeCalibration(c: Calibration, warnings: readonly Problem[], written: string | null): string {
  const short = (label: string): string => (label.length > 60 ? `${label.slice(0, 57)}...` : label);
  const rows = c.criteria.map((x) => [short(x.label), x.oldPoints === null ? 'new' : String(x.oldPoints), String(x.newPoints), String(x.matches), x.note]);
  const lines = [
    `Calibrated on ${c.leads} leads (${c.converted} converted): fitted on ${c.trainingLeads}, checked on a holdout of ${c.holdout.leads} (${c.holdout.converted} converted).`,
    `Holdout AUC: before ${auc(c.holdout.aucBefore)}, after ${auc(c.holdout.aucAfter)}.`,
    `Penalty chosen by 5-fold cross-validation: ${c.lambda}. One point is worth ${c.logOddsPerPoint.toFixed(3)} in log-odds.`,
    '',
    'Points:',
    ...table([['criterion', 'was', 'now', 'matches', ''], ...rows]),
    '',
    `Bands: ${c.model.bands.map((b) => `${b.name} from ${b.from}`).join(', ')}.`,
  ];
  if (c.columns.length > 0) lines.push('', 'Columns left out:', ...c.columns.map((x) => `  - ${x.column}: ${x.note}`));
  lines.push(...warningLines(warnings));
  lines.push('', written === null ? 'Nothing written: pass -o model.json to save the calibrated model.' : `Wrote ${written}: review it, then use it with 'leadscore score <file> --model ${written}'.`);
  return lines.join('\n');
}


/** "41.7%", or "2 of 7" where too few outcomes are known for a rate to mean much; "" with none. */
function cellConversion(c: PriorityMatrixCell): string {
  if (c.rate === null) return '';
  return c.fewOutcomes ? `${c.converted} of ${c.withOutcome}` : pct(c.rate);
}

/**
 * The Priority matrix as text: a 4 x 4 grid of leads (and conversion) per cell, then each cell
 * that holds leads with its recommended action.
 */
export function describePriorityMatrix(x: PriorityMatrix, outcome: string | null): string[] {
  const known = x.hasOutcomes ? `, ${x.withOutcome} with a known '${outcome ?? 'outcome'}' (${x.converted} converted)` : '';
  const at = (grade: string, level: string): PriorityMatrixCell => x.cells.find((c) => c.priority === `${grade}${level}`) as PriorityMatrixCell;
  const grid = [
    ['', ...LEVELS.map((l) => (l === '1' ? 'level 1 (most engaged)' : l === '4' ? 'level 4 (least)' : `level ${l}`))],
    ...GRADES.map((g) => [
      `grade ${g}`,
      ...LEVELS.map((l) => {
        const c = at(g, l);
        const conversion = cellConversion(c);
        return conversion === '' ? String(c.leads) : `${c.leads}: ${conversion}`;
      }),
    ]),
  ];
  const lines = [
    `Priority matrix: fit grade (A best) x engagement level (1 most engaged), ${x.leads} leads${known}.`,
    `Grade A from Fit ${x.thresholds.grades[0]}, B from ${x.thresholds.grades[1]}, C from ${x.thresholds.grades[2]}; level 1 from Engagement ${x.thresholds.levels[0]}, 2 from ${x.thresholds.levels[1]}, 3 from ${x.thresholds.levels[2]}.`,
    ...unreachedPriorities(x),
    ...table(grid),
  ];
  if (x.hasOutcomes) lines.push(`  (leads: conversion among those with a known outcome; "2 of 7" where fewer than ${MIN_LEADS_FOR_RATE} are known)`);
  lines.push('', 'Recommended action per priority:');
  const counted = x.cells.filter((c) => c.leads > 0);
  const figures = table([['priority', 'leads', ...(x.hasOutcomes ? ['converted'] : [])], ...counted.map((c) => [c.priority, String(c.leads), ...(x.hasOutcomes ? [cellConversion(c) || '-'] : [])])]);
  // The action is free text: left-aligned after the figures.
  lines.push(...figures.map((line, i) => `${line}   ${i === 0 ? 'action' : (counted[i - 1] as PriorityMatrixCell).action}`));
  const empty = x.cells.filter((c) => c.leads === 0).map((c) => c.priority);
  if (empty.length > 0) lines.push(`  (no leads in ${empty.join(', ')})`);
  return lines;
}
