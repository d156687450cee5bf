/**
 * A scorecard as an ordinary model: one criterion per bin that earns points, written with the
 * engine's existing conditions, so the pane and the Lead Scoring sheet edit it like any other.
 * - categories: "is one of" the bin's values; numbers: below / between / at least, the upper
 *   end of a middle bin one step (in the data's decimals) below the next bin's start;
 * - dates: tiers of "in the last N days" (or "more than N days ago") whose points add up to
 *   the bin's, since a bin between two ages needs two conditions;
 * - the missing bin: "is blank", plus one criterion for the placeholders the column held
 *   ("none of the column's values" for categories, "contains no digit" for numbers and dates),
 *   so placeholders score as blank without being named.
 * A bin at 0 points needs no criterion.
 */
import { criterion, type Condition, type Criterion, type Group } from '../engine';
import type { Bin } from './scorecardBinning';
import type { ScorecardColumn } from './scorecardColumns';

const ENGAGEMENT_WORDS = /visit|open|click|download|attend|view|use|like|join|request|trial|demo|activity|webinar|email date|signed|contact|time spent|page|call|session/i;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Far enough back to cover any date a lead table holds: "in the last 100 years". */
const ANY_AGE = 36_500;

const fixed = (x: number, decimals: number): number => Number(x.toFixed(decimals));

function format(x: number, decimals: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** The words a person reads for a bin. */
export function binLabel(c: ScorecardColumn, bin: Bin): string {
  if (bin.missing) return c.notAnswered > 0 ? 'blank or not answered' : 'blank';
  if (c.kind === 'category') {
    const names = bin.codes.map((code) => c.spellings[code] ?? '');
    const shown = names.slice(0, 4).join(', ');
    if (bin.other && names.length > 4) return `${shown} and ${names.length - 4} other rare values`;
    return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
  }
  const d = c.kind === 'date' ? 0 : c.decimals;
  const step = 10 ** -d;
  const unit = c.kind === 'date' ? ' days ago' : '';
  if (bin.lo === null && bin.hi === null) return c.kind === 'date' ? 'any date' : 'any number';
  if (bin.lo === null && c.kind === 'date' && bin.hi === 1) return 'today';
  if (bin.lo === null) return c.kind === 'date' ? `less than ${format(bin.hi ?? 0, d)}${unit}` : `below ${format(bin.hi ?? 0, d)}`;
  if (bin.hi === null) return `${format(bin.lo, d)} or more${unit}`;
  const top = fixed(bin.hi - step, d);
  return top <= bin.lo ? `${format(bin.lo, d)}${unit}` : `${format(bin.lo, d)} to ${format(top, d)}${unit}`;
}

function groupOf(c: ScorecardColumn): Group {
  return ENGAGEMENT_WORDS.test(c.header) || c.kind === 'date' ? 'engagement' : 'fit';
}

function numberCondition(c: ScorecardColumn, bin: Bin): Condition {
  const step = 10 ** -c.decimals;
  if (bin.lo === null && bin.hi === null) return { op: 'contains', values: DIGITS };
  if (bin.lo === null) return { op: 'lt', value: bin.hi ?? 0 };
  if (bin.hi === null) return { op: 'gte', value: bin.lo };
  return { op: 'between', min: bin.lo, max: Math.max(bin.lo, fixed(bin.hi - step, c.decimals)) };
}

/** The criteria that give each lead its bin's points in this column. */
export function columnCriteria(c: ScorecardColumn, bins: readonly Bin[], points: readonly number[], note: (bin: Bin) => string): Criterion[] {
  const group = groupOf(c);
  const out: Criterion[] = [];
  const add = (condition: Condition, p: number, text: string, name = ''): void => {
    if (p > 0) out.push(criterion({ name, group, field: c.header, condition, points: p, note: text }));
  };
  bins.forEach((bin, k) => {
    const p = points[k] ?? 0;
    if (p <= 0) return;
    if (bin.missing) {
      add({ op: 'blank' }, p, note(bin));
      if (c.notAnswered + c.unreadable > 0) {
        const placeholders = `placeholders such as 'Select' or 'N/A' count as blank: ${note(bin)}`;
        if (c.kind === 'category') {
          const values = bins.filter((b) => !b.missing).flatMap((b) => b.codes.map((code) => c.spellings[code] ?? ''));
          add({ op: 'notEquals', values }, p, placeholders, `${c.header}: none of its values (not answered)`);
        } else add({ op: 'notContains', values: DIGITS }, p, placeholders, `${c.header}: no ${c.kind === 'date' ? 'date' : 'number'} (not answered)`);
      }
      return;
    }
    if (c.kind === 'category') add({ op: 'equals', values: bin.codes.map((code) => c.spellings[code] ?? '') }, p, note(bin));
    else if (c.kind === 'numeric') add(numberCondition(c, bin), p, note(bin));
  });
  if (c.kind === 'date') out.push(...dateTiers(c, bins, points, group, note));
  return out;
}

function dateTiers(c: ScorecardColumn, bins: readonly Bin[], points: readonly number[], group: Group, note: (bin: Bin) => string): Criterion[] {
  const answered = bins.map((b, k) => ({ b, p: points[k] ?? 0 })).filter((x) => !x.b.missing);
  if (answered.length === 0) return [];
  const first = answered[0]?.p ?? 0;
  const last = answered[answered.length - 1]?.p ?? 0;
  const out: Criterion[] = [];
  const tier = (condition: Condition, p: number, text: string): void => {
    if (p > 0) out.push(criterion({ group, field: c.header, condition, points: p, note: text }));
  };
  if (first >= last) {
    // Recent converts better: every lead with a date gets the oldest bin's points, and each
    // younger bin adds what it earns over the bin after it.
    tier({ op: 'withinDays', days: ANY_AGE }, last, `any date: ${note(answered[answered.length - 1]?.b as Bin)}`);
    for (let k = answered.length - 1; k >= 1; k--) {
      const cut = answered[k]?.b.lo ?? 0;
      if (cut >= 1) tier({ op: 'withinDays', days: cut - 1 }, (answered[k - 1]?.p ?? 0) - (answered[k]?.p ?? 0), `adds to the tiers below: ${note(answered[k - 1]?.b as Bin)}`);
    }
  } else {
    tier({ op: 'withinDays', days: ANY_AGE }, first, `any date: ${note(answered[0]?.b as Bin)}`);
    for (let k = 1; k < answered.length; k++) {
      const cut = answered[k]?.b.lo ?? 0;
      if (cut >= 1) tier({ op: 'olderThanDays', days: cut - 1 }, (answered[k]?.p ?? 0) - (answered[k - 1]?.p ?? 0), `adds to the tiers above: ${note(answered[k]?.b as Bin)}`);
    }
  }
  return out;
}
