/**
 * Why a lead is worth a call, in a few words per reason: the criteria that moved its score
 * most, as "Job Title is VP Sales (+15)".
 *
 * The biggest reasons are the criterion parts of the explanation with the largest effect
 * either way (|points|), so a penalty as large as the lead's best signals ("Personal email
 * address (-10)") is shown to the caller, and a small one is not. Caps and the scale's
 * bounds are not reasons, and neither is a criterion whose cell could not be read (0 points).
 * Equal effects keep the model's order, so the same lead always reads the same.
 */
import { isBlank } from '../cells/cellValue';
import { readNumber } from '../cells/readCell';
import type { HeaderLookup } from '../columns';
import { describeCondition } from '../conditions/conditionLabels';
import type { ExplanationPart } from '../scoring/explanation';
import type { Criterion, Group } from '../model';

export interface CallReason {
  /** "Job Title is VP Sales (+15)". */
  readonly text: string;
  readonly points: number;
  readonly group: Group | null;
  /** Position of the criterion in the model. */
  readonly criterionIndex: number;
}

/** A reason's words stop here, so that a printed list stays one line per reason. */
const MAX_REASON_CHARS = 60;
const MAX_VALUE_CHARS = 30;

/** Conditions that are true of the cell's own value, so showing the value says why ("is VP Sales"). */
const SHOWS_VALUE = new Set(['equals', 'contains', 'startsWith', 'endsWith', 'matches', 'lt', 'lte', 'gt', 'gte', 'between']);

/** Points as a person writes a change: +20, -10, +7.5 (to the hundredth, as scores are kept). */
export function signedPoints(points: number): string {
  const rounded = Math.round(points * 100) / 100 + 0;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

export function biggestReasons(
  parts: readonly ExplanationPart[],
  criteria: readonly Criterion[],
  lookup: HeaderLookup,
  row: readonly unknown[],
  count: number,
): CallReason[] {
  const scored = parts.filter((p): p is ExplanationPart & { criterionIndex: number } => p.kind === 'criterion' && p.points !== 0 && p.criterionIndex !== null);
  scored.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.criterionIndex - b.criterionIndex);
  return scored.slice(0, Math.max(0, count)).map((p) => {
    const c = criteria[p.criterionIndex];
    const words = c === undefined ? p.label : reasonWords(c, lookup, row);
    return { text: `${clip(words, MAX_REASON_CHARS)} (${signedPoints(p.points)})`, points: p.points, group: p.group, criterionIndex: p.criterionIndex };
  });
}

/** The criterion's own name when it has one; else the column and the value that matched it; per occurrence, how many times. */
function reasonWords(c: Criterion, lookup: HeaderLookup, row: readonly unknown[]): string {
  const cell = (field: string): unknown => {
    const i = lookup.find(field);
    return i === undefined ? undefined : row[i];
  };
  const name = c.name.trim();
  if (c.perOccurrenceOf !== null) {
    const times = readNumber(cell(c.perOccurrenceOf));
    const label = name !== '' ? name : c.perOccurrenceOf.trim();
    return Number.isFinite(times) ? `${label} x${Math.round(times * 100) / 100}` : label;
  }
  if (name !== '') return name;
  const value = cell(c.field);
  // A date, blank or yes/no condition says more as the rule ("Demo within the last 30 days") than as the value.
  return SHOWS_VALUE.has(c.condition.op) && !isBlank(value) && typeof value !== 'boolean'
    ? `${c.field.trim()} is ${clip(String(value).trim(), MAX_VALUE_CHARS)}`
    : describeCondition(c.field, c.condition);
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
