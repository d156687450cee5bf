/**
 * What each criterion gives each lead, per point: the engine scores a one-criterion copy with
 * 1 point (caps and deductions scaled to match), so a criterion's contribution is exactly
 * points x feature, decay, per-occurrence counts and caps included. Fitting new points to
 * these features and scaling caps with the points keeps that identity.
 */
import { compile, criterionLabel, model, type CompileOptions, type Criterion, type Model, type Result } from '../engine';
import { fail, succeed } from './problems';

export interface CriterionFeature {
  readonly index: number;
  readonly label: string;
  readonly values: Float64Array;
  /** Leads the criterion gave points to (feature not 0). */
  readonly matches: number;
  /** Cells the criterion could not read (they score 0). */
  readonly unusable: number;
}

/** The criterion as it gives one point, its caps and deduction divided by its points. */
export function perPointCriterion(c: Criterion): Criterion {
  const ratio = c.points === 0 ? 1 : 1 / c.points;
  const scale = (x: number | null): number | null => (x === null ? null : x * ratio);
  const low = scale(c.cap.min);
  const high = scale(c.cap.max);
  const cap = ratio > 0 ? { min: low, max: high } : { min: high, max: low };
  const decay = c.decay !== null && c.decay.kind === 'deduct' ? { ...c.decay, points: c.decay.points * Math.abs(ratio) } : c.decay;
  return { ...c, points: 1, cap, decay, enabled: true };
}

/** The criterion with new points, caps and deduction scaled by the same factor. */
export function withPoints(c: Criterion, points: number): Criterion {
  const unit = perPointCriterion(c);
  const scale = (x: number | null): number | null => (x === null ? null : Math.round(x * points * 100) / 100);
  const low = scale(unit.cap.min);
  const high = scale(unit.cap.max);
  const cap = points >= 0 ? { min: low, max: high } : { min: high, max: low };
  const decay = unit.decay !== null && unit.decay.kind === 'deduct' ? { ...unit.decay, points: Math.round(unit.decay.points * Math.abs(points) * 100) / 100 } : unit.decay;
  return { ...c, points, cap, decay };
}

export function criterionFeatures(m: Model, headers: readonly unknown[], rows: readonly (readonly unknown[])[], options: CompileOptions = {}): Result<CriterionFeature[]> {
  const features: CriterionFeature[] = [];
  for (const [index, c] of m.criteria.entries()) {
    if (!c.enabled) continue;
    const single = model({ criteria: [perPointCriterion(c)], asOf: m.asOf, dateOrder: m.dateOrder });
    const compiled = compile(single, headers, options);
    if (!compiled.ok) {
      // The criterion was compiled alone, as criterion 1: point its problems at its place in the model.
      return fail(compiled.problems.map((p) => ('json' in p.at && p.at.json[0] === 'criteria' ? { ...p, at: { json: ['criteria', index, ...p.at.json.slice(2)] } } : p)));
    }
    const scored = compiled.value.scoreRows(rows);
    let matches = 0;
    let unusable = 0;
    for (let i = 0; i < scored.count; i++) {
      if (scored.scores[i] !== 0) matches++;
      unusable += scored.unusableCells[i] ?? 0;
    }
    features.push({ index, label: criterionLabel(c), values: scored.scores, matches, unusable });
  }
  return succeed(features);
}
