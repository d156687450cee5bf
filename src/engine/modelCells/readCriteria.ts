import { isBlank, showCell } from '../cells/cellValue';
import { readNumber, readYes } from '../cells/readCell';
import { conditionLabel, conditionOpFromLabel, CONDITION_OPS } from '../conditions/conditionLabels';
import { CONDITION_KINDS, type OpsOfShape } from '../conditions/conditionKinds';
import type { Cap, Condition, Criterion, Decay, Group } from '../model';
import type { Problem } from '../problems';
import { CRITERIA_HEADERS, DECAY_CELL, splitList, type CellTable } from './layout';
import { Collector, readTable } from './tableReader';

export function readCriteria(table: CellTable | undefined): { value: Criterion[]; problems: Problem[]; rowNumbers: number[] } {
  const out = new Collector('criteria');
  const t = readTable(table);
  const value: Criterion[] = [];
  const rowNumbers: number[] = [];
  if (table === undefined || table.length === 0) {
    out.error(null, 'Column', 'the criteria table is missing', `its header row is: ${CRITERIA_HEADERS.join(', ')}`);
    return { value, problems: out.problems, rowNumbers };
  }
  for (const required of ['Column', 'Condition', 'Points']) {
    if (!t.has(required)) out.error(null, required, 'this column is missing from the criteria table');
  }
  if (out.problems.length > 0) return { value, problems: out.problems, rowNumbers };

  for (const { number: n, cells } of t.rows) {
    const get = (h: (typeof CRITERIA_HEADERS)[number]): unknown => t.cell(cells, h);
    const groupCell = out.text(get('Group'), n, 'Group');
    const groupText = groupCell.toLowerCase();
    let group: Group = 'fit';
    if (groupText === 'engagement' || groupText === 'implicit') group = 'engagement';
    else if (groupText !== 'fit' && groupText !== 'explicit' && groupText !== '') {
      out.error(n, 'Group', `'${groupCell}' is not a group`, "write 'Fit' or 'Engagement'");
    } else if (groupText === '') out.error(n, 'Group', 'no group given', "write 'Fit' or 'Engagement'");

    const field = out.text(get('Column'), n, 'Column');
    if (field === '') out.error(n, 'Column', 'no column given', 'name the lead-table column this criterion reads');
    const condition = readCondition(out, n, out.text(get('Condition'), n, 'Condition'), get('Value'));
    const points = out.number(get('Points'), n, 'Points', true);
    const perOccurrence = out.text(get('Per occurrence of'), n, 'Per occurrence of');
    const cap: Cap = { min: out.number(get('Cap min'), n, 'Cap min', false), max: out.number(get('Cap max'), n, 'Cap max', false) };
    const decay = readDecay(out, n, get);
    const enabledCell = get('Enabled');
    let enabled = true;
    if (!isBlank(enabledCell)) {
      const yes = readYes(enabledCell);
      if (Number.isNaN(yes)) out.error(n, 'Enabled', `${showCell(enabledCell)} is neither yes nor no`, 'write TRUE or FALSE');
      else enabled = yes === 1;
    }
    if (condition === null || points === null || decay === undefined) continue;
    value.push({
      name: out.text(get('Criterion'), n, 'Criterion'),
      group,
      field,
      condition,
      points,
      perOccurrenceOf: perOccurrence === '' ? null : perOccurrence,
      decay,
      cap,
      enabled,
      note: out.text(get('Note'), n, 'Note'),
    });
    rowNumbers.push(n);
  }
  return { value, problems: out.problems, rowNumbers };
}

const BETWEEN_TEXT = /^(.+?)\s*(?:\bto\b|\band\b|\.\.|–)\s*(.+)$/i;

function readCondition(out: Collector, n: number, label: string, valueCell: unknown): Condition | null {
  if (label === '') {
    out.error(n, 'Condition', 'no condition given', `use one of: ${CONDITION_OPS.map(conditionLabel).join(', ')}`);
    return null;
  }
  const op = conditionOpFromLabel(label);
  if (op === undefined) {
    out.error(n, 'Condition', `'${label}' is not a condition`, `use one of: ${CONDITION_OPS.map(conditionLabel).join(', ')}`);
    return null;
  }
  // By the shape of the operator's kind; the casts hold because the shape table says so.
  switch (CONDITION_KINDS[op].shape) {
    case 'values': {
      const values = splitList(out.text(valueCell, n, 'Value'));
      if (values.length === 0) {
        out.error(n, 'Value', `'${label}' needs a value`, 'separate several values with ;');
        return null;
      }
      return { op: op as OpsOfShape<'values'>, values };
    }
    case 'value': {
      const value = out.number(valueCell, n, 'Value', true);
      return value === null ? null : { op: op as OpsOfShape<'value'>, value };
    }
    case 'range': {
      const m = BETWEEN_TEXT.exec(out.text(valueCell, n, 'Value'));
      const min = m === null ? Number.NaN : readNumber(m[1]);
      const max = m === null ? Number.NaN : readNumber(m[2]);
      if (Number.isNaN(min) || Number.isNaN(max)) {
        out.error(n, 'Value', `${showCell(valueCell)} is not a range`, "write it as '10 to 50'");
        return null;
      }
      return { op: op as OpsOfShape<'range'>, min, max };
    }
    case 'days': {
      const days = out.number(valueCell, n, 'Value', true);
      return days === null ? null : { op: op as OpsOfShape<'days'>, days };
    }
    case 'none':
      return { op: op as OpsOfShape<'none'> };
  }
}

/** The decay of a row: null for none, undefined when the row's decay cells have errors. */
function readDecay(out: Collector, n: number, get: (h: (typeof CRITERIA_HEADERS)[number]) => unknown): Decay | null | undefined {
  const kindCell = out.text(get('Decay'), n, 'Decay');
  const kindText = kindCell.toLowerCase();
  if (kindText === '' || kindText === 'none') return null;
  const kind = (Object.keys(DECAY_CELL) as Decay['kind'][]).find((k) => DECAY_CELL[k] === kindText || k.toLowerCase() === kindText);
  if (kind === undefined) {
    out.error(n, 'Decay', `'${kindCell}' is not a kind of decay`, `use ${Object.values(DECAY_CELL).join(', ')}, or leave it empty`);
    return undefined;
  }
  const before = out.problems.length;
  const amount = out.number(get('Decay amount'), n, 'Decay amount', true);
  const dateField = out.text(get('Decay date column'), n, 'Decay date column');
  if (dateField === '') out.error(n, 'Decay date column', 'decay needs a date column');
  const afterDays = kind === 'halfLife' ? 0 : out.number(get('Decay after days'), n, 'Decay after days', true);
  if (out.problems.length > before || amount === null || afterDays === null) return undefined;
  switch (kind) {
    case 'factor':
      return { kind, dateField, afterDays, percent: amount };
    case 'deduct':
      return { kind, dateField, afterDays, points: amount };
    case 'halfLife':
      return { kind, dateField, halfLifeDays: amount };
  }
}
