import { excelErrorOf, isBlank } from './cells/cellValue';
import { foldText, NO, readNumber, readYes, YES } from './cells/readCell';
import { compileCondition, MATCH, nextDown, nextUp, numericBounds } from './conditions/compileCondition';
import type { Criterion, Group, Model } from './model';
import { bestContribution, clamp, MAX_CONTRIBUTION } from './scoreRange';

/**
 * The most a single lead can reach in one group (Fit or Engagement), in raw points within the
 * group's caps: what the Priority matrix's automatic grades and levels are shares of.
 *
 * Criteria on different columns add up. Criteria on one column add up only as far as one cell
 * can meet them together: Industry = Technology +20 and Industry = Healthcare +10 give at most
 * 20; Employees >= 10 +5 and >= 100 +10 give 15; Industry = Technology +20 and Industry =
 * Technology -7.5 give 12.5. Each column is tried at a cell of every kind its conditions tell
 * apart (each listed value, each range end and the numbers just either side, yes and no words,
 * blank, an error, text listed nowhere), since between such cells no verdict changes. Where
 * that cannot be proved (text searches and wildcards away from a listed value, dates, spam,
 * free mail, per-occurrence counts), a criterion is taken to hold whenever it would add points:
 * the result may then be above what any lead reaches, never below.
 *
 * The 0-100 scale keeps its own maximum (maximumScore): every 0-100 score, snapshot and exported
 * query is a share of it, and issue 17 fixed it as "every positive criterion met", so changing
 * it would move every score already written. A threshold only sorts leads into grades, so it
 * can use the tighter, exact maximum.
 */
export function groupMaximum(m: Model, group: Group): number {
  let known = maxima.get(m);
  if (known === undefined) {
    known = {};
    maxima.set(m, known);
  }
  const cached = known[group];
  if (cached !== undefined) return cached;
  const byColumn = new Map<string, Criterion[]>();
  for (const c of m.criteria) {
    if (!c.enabled || c.group !== group) continue;
    // Fields written alike read one column. 'Industry' and 'industry' usually do too, but a CSV
    // file may hold both headers (the engine takes an exact match first), so they add up.
    const key = c.field.trim();
    const same = byColumn.get(key);
    if (same === undefined) byColumn.set(key, [c]);
    else same.push(c);
  }
  let sum = 0;
  for (const same of byColumn.values()) sum += columnMaximum(same);
  const max = clamp(sum, m.groupCaps[group]);
  known[group] = max;
  return max;
}

const maxima = new WeakMap<Model, { fit?: number; engagement?: number }>();

/** Above this many text tests on one column, searches count as free rather than tried at each listed value. */
const MAX_TEXT_TESTS = 1_000_000;
const CONTEXT = { asOfDay: 0, dateOrder: 'MDY' } as const;

/** The most the criteria of one column give one lead together. */
function columnMaximum(criteria: readonly Criterion[]): number {
  let free = 0; // added whatever the cell holds
  let searchesFree = 0; // text searches, at a cell whose text is not one tried
  let blank = 0;
  let notBlank = 0;
  let yes = 0;
  let notEqualsAll = 0;
  const searches: { test: (cell: unknown) => number; best: number }[] = [];
  const ranges: { lo: number; hi: number; best: number }[] = [];
  const equalsByText = new Map<string, number[]>();
  const equalsByNumber = new Map<number, number[]>();
  const listed: { best: number; negated: boolean }[] = [];
  const texts = new Map<string, string>(); // folded -> as written: one cell per text the conditions tell apart
  const numbers: number[] = [];

  for (const c of criteria) {
    const condition = c.condition;
    const op = condition.op;
    if (c.perOccurrenceOf !== null || op === 'withinDays' || op === 'olderThanDays' || op === 'spamLike' || op === 'personalEmail') {
      free += Math.max(0, bestContribution(c));
      continue;
    }
    const best = bestWhenHolding(c);
    if (condition.op === 'equals' || condition.op === 'notEquals') {
      const id = listed.length;
      listed.push({ best, negated: condition.op === 'notEquals' });
      if (condition.op === 'notEquals') notEqualsAll += best;
      for (const value of condition.values) {
        const text = foldText(value);
        texts.set(text, value);
        addTo(equalsByText, text, id);
        const n = readNumber(value);
        if (!Number.isNaN(n)) {
          addTo(equalsByNumber, n, id);
          numbers.push(n);
        }
      }
    } else if (op === 'blank') blank += best;
    else if (op === 'notBlank') notBlank += best;
    else if (op === 'isTrue') yes += best;
    else if (op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte' || op === 'between') {
      const { lo, hi } = numericBounds(condition);
      ranges.push({ lo, hi, best });
      numbers.push(lo, hi);
    } else {
      searches.push({ test: compileCondition(condition, CONTEXT).test, best });
      searchesFree += Math.max(0, best);
    }
  }
  if (yes !== 0) {
    // Yes and no words are cells of their own: "1" is yes and the number 1, "5" is neither.
    for (const word of [...YES, ...NO]) if (word !== '') texts.set(word, word);
    numbers.push(0);
  }
  const trySearches = searches.length * texts.size <= MAX_TEXT_TESTS;
  const rangesAt = rangeSums(ranges);

  /** The equals and not-equals criteria at a cell of this text (null: text listed nowhere) and number. */
  const seen = new Int32Array(listed.length);
  let cell = 0;
  const listedAt = (text: string | null, n: number): number => {
    cell++;
    let sum = notEqualsAll;
    for (const ids of [text === null ? undefined : equalsByText.get(text), Number.isNaN(n) ? undefined : equalsByNumber.get(n)]) {
      for (const id of ids ?? []) {
        if (seen[id] === cell) continue; // listed both as text and as a number
        seen[id] = cell;
        const l = listed[id] as { best: number; negated: boolean };
        sum += l.negated ? -l.best : l.best;
      }
    }
    return sum;
  };

  // An error cell meets no condition, so every column can give nothing; a blank one meets only 'is blank'.
  let most = Math.max(0, blank);
  // Text listed nowhere: no equals holds, every not-equals does, searches may.
  most = Math.max(most, notEqualsAll + notBlank + searchesFree);
  for (const [folded, text] of texts) {
    if (isBlank(text) || excelErrorOf(text) !== null) continue;
    const n = readNumber(text);
    let sum = listedAt(folded, n) + rangesAt(n) + notBlank + (readYes(text) === 1 ? yes : 0);
    if (trySearches) {
      for (const s of searches) if (s.test(text) === MATCH) sum += s.best;
    } else sum += searchesFree;
    most = Math.max(most, sum);
  }
  // Each listed number and range end, and just either side of it: as a number cell (yes unless
  // 0), and as text that reads as that number (no yes word but those above; searches may hold).
  for (const n of numbers.length === 0 ? [0] : numbers) {
    if (!Number.isFinite(n)) continue;
    for (const x of [n, nextDown(n), nextUp(n)]) {
      if (!Number.isFinite(x)) continue;
      const common = rangesAt(x) + notBlank + searchesFree;
      most = Math.max(most, listedAt(String(x), x) + common + (x !== 0 ? yes : 0), listedAt(null, x) + common);
    }
  }
  return most + free;
}

const FEW_RANGES = 64;

/** A function giving the sum of the ranges that hold at a number, in log time (a column may have thousands). */
function rangeSums(ranges: readonly { lo: number; hi: number; best: number }[]): (n: number) => number {
  // A few ranges are summed directly, so that their points add up as written, with no differences of sums.
  if (ranges.length <= FEW_RANGES) {
    return (n) => {
      let sum = 0;
      for (const r of ranges) if (n >= r.lo && n <= r.hi) sum += r.best;
      return sum;
    };
  }
  const byLo = [...ranges].sort((a, b) => a.lo - b.lo);
  const byHi = [...ranges].sort((a, b) => a.hi - b.hi);
  const loSums = [0];
  for (const r of byLo) loSums.push((loSums[loSums.length - 1] as number) + r.best);
  const hiSums = [0];
  for (const r of byHi) hiSums.push((hiSums[hiSums.length - 1] as number) + r.best);
  // Count of sorted values meeting a test: the first index where it fails.
  const countWhile = <T>(sorted: readonly T[], holds: (x: T) => boolean): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holds(sorted[mid] as T)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (n) => {
    if (Number.isNaN(n)) return 0;
    // Ranges starting at or below n, less those ending below it.
    return (loSums[countWhile(byLo, (r) => r.lo <= n)] as number) - (hiSums[countWhile(byHi, (r) => r.hi < n)] as number);
  };
}

function addTo<K>(index: Map<K, number[]>, key: K, id: number): void {
  const ids = index.get(key);
  if (ids === undefined) index.set(key, [id]);
  else if (ids[ids.length - 1] !== id) ids.push(id);
}

/**
 * The most a criterion given once gives a lead when it holds: its points within its cap. Decay
 * only takes points toward zero, so negative points may shrink as far as their decay allows.
 */
function bestWhenHolding(c: Criterion): number {
  let most = c.points;
  const d = c.decay;
  if (d !== null && c.points < 0) {
    const decayed = d.kind === 'factor' ? c.points * (1 - d.percent / 100) : d.kind === 'deduct' ? Math.min(0, c.points + Math.abs(d.points)) : 0;
    most = Math.max(most, decayed);
  }
  return clamp(most, { min: Math.max(c.cap.min ?? -MAX_CONTRIBUTION, -MAX_CONTRIBUTION), max: Math.min(c.cap.max ?? MAX_CONTRIBUTION, MAX_CONTRIBUTION) });
}
