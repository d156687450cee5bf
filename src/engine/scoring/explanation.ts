import { showCell } from '../cells/cellValue';
import { describeCondition } from '../conditions/conditionLabels';
import { describeDecayEffect } from '../decay';
import type { Criterion, Group } from '../model';
import type { CompiledCriterion, Trace } from './compiledCriterion';

/** One line of a lead's explanation. The points of all parts add up to the score. */
export interface ExplanationPart {
  /** 'criterion': a criterion that matched; 'unusable': one whose cell could not be read (0 points); 'cap': a cap or the scale's bounds. */
  readonly kind: 'criterion' | 'unusable' | 'cap';
  readonly group: Group | null;
  readonly label: string;
  /** Contribution to the score, in the score's scale, to the hundredth. */
  readonly points: number;
  readonly detail: string;
  /** Position of the criterion in the model, for 'criterion' and 'unusable' parts. */
  readonly criterionIndex: number | null;
}

/** Whole units of raw points (see ScoreArithmetic): sums of them are exact, so explanations add up. */
export type Units = number;

export interface UnitBounds {
  readonly min: Units;
  readonly max: Units;
}

/** The name a criterion is shown by: its own, or its condition in words. */
export function criterionLabel(c: Criterion): string {
  return c.name !== '' ? c.name : describeCondition(c.field, c.condition);
}

export function unusablePart(c: CompiledCriterion, why: string): ExplanationPart {
  return { kind: 'unusable', group: c.source.group, label: c.label, points: 0, detail: `not scored: ${why}`, criterionIndex: c.index };
}

/** A sum within bounds. */
export function bounded(sum: Units, bounds: UnitBounds): Units {
  return sum < bounds.min ? bounds.min : sum > bounds.max ? bounds.max : sum;
}

/**
 * The part that says what bounds took away from a sum (or added to it), worth limited - sum
 * units; its points are filled in when the score is split into parts. `show` turns units into
 * the score's scale for the label.
 */
export function capPart(sum: Units, limited: Units, bounds: UnitBounds, group: Group | null, what: string, show: (units: Units) => number): Omit<ExplanationPart, 'points'> {
  const atMax = limited === bounds.max;
  return {
    kind: 'cap',
    group,
    label: `${what} ${atMax ? 'capped at' : 'raised to'} ${show(limited)}`,
    detail: `${what} came to ${show(sum)}; the ${atMax ? 'maximum' : 'minimum'} is ${show(limited)}`,
    criterionIndex: null,
  };
}

export function criterionDetail(c: CompiledCriterion, row: readonly unknown[], value: unknown, trace: Trace, pointsPerScorePoint: number | null): string {
  const { count, undecayed, uncapped, capped } = trace;
  const steps = [`${c.source.field} = ${showCell(value)}`];
  if (c.countColumn >= 0) steps.push(`${count} x ${c.points} = ${round2(undecayed)}`);
  const decayNote = c.decay === null ? null : describeDecayEffect(c.decay, undecayed, row[c.dateColumn]);
  if (decayNote !== null) steps.push(uncapped === undecayed ? decayNote : `${decayNote}, ${round2(undecayed)} -> ${round2(uncapped)}`);
  if (capped !== uncapped) steps.push(`capped at ${capped}`);
  if (pointsPerScorePoint !== null) steps.push(`${round2(capped)} of ${round2(pointsPerScorePoint * 100)} possible points`);
  return steps.join('; ');
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
