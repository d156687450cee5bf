/** Warnings about criteria that cannot tell leads apart, or that read cells they cannot use. */
import type { Problem } from '../engine';
import type { CriterionFeature } from './criterionFeatures';

export function criterionGuardrails(features: readonly CriterionFeature[], rows: number): Problem[] {
  const problems: Problem[] = [];
  for (const f of features) {
    const at = { json: ['criteria', f.index], label: f.label };
    if (f.matches === 0) problems.push({ severity: 'warning', at, message: `never matches in ${rows} leads`, hint: 'check the column and the values it looks for, or remove it' });
    else if (f.matches === rows && rows > 1) problems.push({ severity: 'warning', at, message: `matches all ${rows} leads, so it does not tell them apart`, hint: 'make it more specific, or remove it' });
    if (f.unusable > 0) problems.push({ severity: 'warning', at, message: `${f.unusable === 1 ? '1 cell' : `${f.unusable} cells`} could not be read and scored 0 (e.g. text in a number column)`, hint: 'clean those cells to score them' });
  }
  return problems;
}
