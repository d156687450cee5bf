import { excelSerialFromIsoDate } from './cells/excelDate';
import { joinList } from './modelCells/layout';
import type { Cap, Criterion, Model } from './model';
import { resultOf, type Problem, type Result } from './problems';
import { priorityProblems } from './priority';
import { MAX_ACTION_LENGTH, PRIORITIES } from './priorityActions';
import { maximumScore } from './scoreRange';

/**
 * Checks what a schema cannot: that bounds are ordered, bands ascend, colours are colours,
 * and that a 0-100 scale has a maximum to be a percentage of. Returns every problem.
 */
export function validateModel(m: Model): Result<Model> {
  const problems: Problem[] = [];
  const error = (path: (string | number)[], message: string, hint?: string): void => {
    problems.push({ severity: 'error', at: { json: path }, message, ...(hint === undefined ? {} : { hint }) });
  };
  const warn = (path: (string | number)[], message: string, hint?: string): void => {
    problems.push({ severity: 'warning', at: { json: path }, message, ...(hint === undefined ? {} : { hint }) });
  };

  if (m.criteria.length > MAX_CRITERIA) error(['criteria'], `${m.criteria.length.toLocaleString('en-US')} criteria`, `use at most ${MAX_CRITERIA.toLocaleString('en-US')}`);
  checkNumbers(m, error);
  checkTexts(m, error);
  m.criteria.forEach((c, i) => checkCriterion(c, ['criteria', i], error));
  const seenNames = new Map<string, number>();
  m.criteria.forEach((c, i) => {
    if (c.name === '') return;
    const key = c.name.toLowerCase();
    const first = seenNames.get(key);
    if (first === undefined) seenNames.set(key, i);
    else warn(['criteria', i, 'name'], `the name '${c.name}' is also used by criterion ${first + 1}`, 'give each criterion its own name so explanations can tell them apart');
  });

  checkCap(m.groupCaps.fit, ['groupCaps', 'fit'], error);
  checkCap(m.groupCaps.engagement, ['groupCaps', 'engagement'], error);
  checkCap(m.totalCap, ['totalCap'], error);

  // Band indexes are stored in bytes, and no one reads more than a handful of bands anyway.
  if (m.bands.length > MAX_BANDS) error(['bands'], `${m.bands.length} bands`, `use at most ${MAX_BANDS}`);
  const bandNames = new Set<string>();
  m.bands.forEach((band, i) => {
    const path = ['bands', i];
    if (band.name === '') error([...path, 'name'], 'the band has no name');
    else if (bandNames.has(band.name.toLowerCase())) error([...path, 'name'], `the band name '${band.name}' is used twice`);
    bandNames.add(band.name.toLowerCase());
    if (!/^#[0-9A-F]{6}$/i.test(band.color)) error([...path, 'color'], `'${band.color}' is not a colour`, "write it as #RRGGBB, e.g. '#F8CBAD'");
    const previous = m.bands[i - 1];
    if (previous !== undefined && !(band.from > previous.from)) {
      error([...path, 'from'], `starts at ${band.from}, not above '${previous.name}' (${previous.from})`, 'list bands from the lowest score to the highest');
    }
  });

  const { mql, sql } = m.stages;
  if (mql !== null && sql !== null && mql > sql) error(['stages', 'mql'], `MQL at ${mql} is above SQL at ${sql}`, 'a lead becomes MQL before SQL');

  // Out-of-order thresholds are only worth reporting once each is a number.
  if (Object.values(m.priority).every((v) => v === null || Number.isFinite(v))) problems.push(...priorityProblems(m));

  const { top } = m.accounts;
  if (Number.isFinite(top) && !(Number.isInteger(top) && top >= 1 && top <= MAX_ACCOUNT_TOP)) {
    error(['accounts', 'top'], `${top} is not a number of leads`, `write a whole number from 1 to ${MAX_ACCOUNT_TOP.toLocaleString('en-US')}`);
  }

  if (m.asOf !== null && Number.isNaN(excelSerialFromIsoDate(m.asOf))) {
    error(['asOf'], `'${m.asOf}' is not a date`, 'write it as YYYY-MM-DD, or leave it empty for today');
  }

  if (m.scale === '0-100') {
    const max = maximumScore(m);
    if (max === Number.POSITIVE_INFINITY) {
      error(['scale'], 'a 0-100 scale needs a highest possible score, and per-occurrence points make it unlimited', 'set a cap on each per-occurrence criterion, a group maximum or a total maximum');
    } else if (!(max > 0)) {
      error(['scale'], 'a 0-100 scale needs at least one criterion that can give positive points');
    } else if (max < MIN_PERCENT_SCALE_MAXIMUM) {
      error(['scale'], `a 0-100 scale needs a highest possible score of at least ${MIN_PERCENT_SCALE_MAXIMUM} points; this model's is ${max}`, 'give the criteria more points, or use the points scale');
    }
  }
  return resultOf(m, problems);
}

const MAX_BANDS = 255;
/** 'Sum of the top N' adds a handful of contacts; beyond this it is a typo, not a choice. */
const MAX_ACCOUNT_TOP = 10_000;

/** Excel holds at most 32,767 characters in a cell; a band name becomes a name in Excel's formats and filters, which take 255. */
const MAX_CELL_TEXT = 32_767;
const MAX_BAND_NAME = 255;

/**
 * Control characters (other than tab and line breaks) cannot be stored in an .xlsx file, and
 * in a terminal they are commands (escape sequences): a model carrying one is refused.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Every text the model sheet writes fits in a cell Excel accepts. */
function checkTexts(m: Model, error: Report): void {
  const text = (value: string, path: (string | number)[], limit = MAX_CELL_TEXT): void => {
    const control = CONTROL_CHARACTER.exec(value);
    if (control !== null) {
      const code = `U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      error(path, `holds the control character ${code}, which a workbook cannot store`, 'remove it; it often comes with text pasted from a terminal or another program');
    }
    if (value.length > limit) error(path, `${value.length.toLocaleString('en-US')} characters; Excel takes at most ${limit.toLocaleString('en-US')} here`, 'shorten it');
  };
  text(m.name, ['name']);
  text(m.description, ['description']);
  m.criteria.forEach((c, i) => {
    const path = ['criteria', i];
    text(c.name, [...path, 'name']);
    text(c.note, [...path, 'note']);
    text(c.field, [...path, 'field']);
    if (c.perOccurrenceOf !== null) text(c.perOccurrenceOf, [...path, 'perOccurrenceOf']);
    if (c.decay !== null) text(c.decay.dateField, [...path, 'decay', 'dateField']);
    if ('values' in c.condition) {
      // The values share one cell, separated by '; ' and with ';' and '\' escaped.
      text(joinList(c.condition.values), [...path, 'condition']);
    }
  });
  m.bands.forEach((b, i) => {
    text(b.name, ['bands', i, 'name'], MAX_BAND_NAME);
  });
  if (m.accounts.column !== null) text(m.accounts.column, ['accounts', 'column']);
  for (const p of PRIORITIES) {
    const action = m.priorityActions[p];
    if (action === undefined) continue;
    const path = ['priorityActions', p];
    text(action, path, MAX_ACTION_LENGTH);
    // A cell, a CSV file or a pasted report would run it as a formula (CSV injection).
    if (FORMULA_START.test(action.trim())) error(path, `starts with '${action.trim()[0]}', which Excel reads as the start of a formula`, "start with a word, such as 'Call now'");
    if (/[\r\n\u2028\u2029]/.test(action)) error(path, 'has a line break; an action is one line in a matrix cell', 'write it on one line');
  }
}

// The full-width forms too: a Japanese input method types them, and Excel and the CSV writer (neutraliseFormula) treat them as the ASCII ones.
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Scores are sums of whole hundredths, exact while they stay below 2^53: with at most 50,000
 * criteria of at most a billion points each (MAX_POINTS), they do. The per-row count of
 * unreadable cells is kept in 16 bits, which 50,000 also fits.
 */
const MAX_CRITERIA = 50_000;
export const MAX_POINTS = 1e9;

/** What 100 means on the 0-100 scale must be at least this: a smaller maximum would make one point worth more than the arithmetic can hold. */
const MIN_PERCENT_SCALE_MAXIMUM = 0.01;

/**
 * Every number in a model is finite (JSON cannot even hold the others), and what is added up
 * (points, deductions, caps) stays within a billion points either way.
 */
function checkNumbers(m: Model, error: Report): void {
  const finite = (value: number | null, path: (string | number)[]): boolean => {
    if (value === null || Number.isFinite(value)) return true;
    error(path, `${value} is not a number this model can use`, 'write a finite number');
    return false;
  };
  const points = (value: number | null, path: (string | number)[], what: string, hint?: string): void => {
    if (finite(value, path) && value !== null && Math.abs(value) > MAX_POINTS) {
      error(path, `${what} of ${value} is beyond ${MAX_POINTS.toLocaleString('en-US')} points either way`, hint);
    }
  };
  const capOf = (cap: Cap, path: (string | number)[]): void => {
    points(cap.min, [...path, 'min'], 'a minimum', 'leave it empty for no limit');
    points(cap.max, [...path, 'max'], 'a maximum', 'leave it empty for no limit');
  };
  m.criteria.forEach((c, i) => {
    const path = ['criteria', i];
    points(c.points, [...path, 'points'], 'points');
    capOf(c.cap, [...path, 'cap']);
    const cond = c.condition;
    if ('value' in cond) finite(cond.value, [...path, 'condition', 'value']);
    if (cond.op === 'between') {
      finite(cond.min, [...path, 'condition', 'min']);
      finite(cond.max, [...path, 'condition', 'max']);
    }
    if ('days' in cond) finite(cond.days, [...path, 'condition', 'days']);
    const d = c.decay;
    if (d !== null && d.kind !== 'halfLife') finite(d.afterDays, [...path, 'decay', 'afterDays']);
    if (d?.kind === 'deduct') points(d.points, [...path, 'decay', 'points'], 'a deduction');
    if (d?.kind === 'halfLife') finite(d.halfLifeDays, [...path, 'decay', 'halfLifeDays']);
  });
  capOf(m.groupCaps.fit, ['groupCaps', 'fit']);
  capOf(m.groupCaps.engagement, ['groupCaps', 'engagement']);
  capOf(m.totalCap, ['totalCap']);
  m.bands.forEach((b, i) => finite(b.from, ['bands', i, 'from']));
  finite(m.stages.mql, ['stages', 'mql']);
  finite(m.stages.sql, ['stages', 'sql']);
  for (const [key, value] of Object.entries(m.priority)) finite(value, ['priority', key]);
  finite(m.accounts.top, ['accounts', 'top']);
  finite(m.accounts.engagedFrom, ['accounts', 'engagedFrom']);
}

type Report = (path: (string | number)[], message: string, hint?: string) => void;

function checkCriterion(c: Criterion, path: (string | number)[], error: Report): void {
  if (c.field === '') error([...path, 'field'], 'no column given', 'name the column header this criterion reads');
  const cond = c.condition;
  if ('values' in cond) {
    cond.values.forEach((v, j) => {
      if (v === '') error([...path, 'condition', 'values', j], 'an empty value', 'use "is blank" to test for empty cells');
    });
  }
  if (cond.op === 'between' && cond.min > cond.max) error([...path, 'condition'], `between ${cond.min} and ${cond.max}: the lower bound is above the upper`);
  if ((cond.op === 'withinDays' || cond.op === 'olderThanDays') && !(cond.days >= 0)) error([...path, 'condition', 'days'], `${cond.days} days is negative`);
  if (c.perOccurrenceOf === '') error([...path, 'perOccurrenceOf'], 'no count column given');
  const d = c.decay;
  if (d !== null) {
    if (d.dateField === '') error([...path, 'decay', 'dateField'], 'decay needs a date column');
    if (d.kind !== 'halfLife' && !(d.afterDays >= 0)) error([...path, 'decay', 'afterDays'], `${d.afterDays} days is negative`);
    if (d.kind === 'factor' && !(d.percent >= 0 && d.percent <= 100)) error([...path, 'decay', 'percent'], `${d.percent}% is not between 0 and 100`);
    if (d.kind === 'deduct' && !(d.points >= 0)) error([...path, 'decay', 'points'], `deducting ${d.points} points`, 'write the deduction as a positive number of points to lose');
    if (d.kind === 'halfLife' && !(d.halfLifeDays > 0)) error([...path, 'decay', 'halfLifeDays'], `a half-life of ${d.halfLifeDays} days`, 'a half-life must be more than 0 days');
  }
  checkCap(c.cap, [...path, 'cap'], error);
}

function checkCap(cap: Cap, path: (string | number)[], error: Report): void {
  if (cap.min !== null && cap.max !== null && cap.min > cap.max) error(path, `minimum ${cap.min} is above maximum ${cap.max}`);
}
