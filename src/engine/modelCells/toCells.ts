import { conditionLabel } from '../conditions/conditionLabels';
import type { Condition, Model } from '../model';
import { PRIORITIES, priorityActionOf } from '../priorityActions';
import { ACCOUNT_SCORING_CELL, BANDS_HEADERS, CRITERIA_HEADERS, DECAY_CELL, GROUP_CELL, joinList, SETTINGS, SETTINGS_HEADERS, type Cell, type ModelCells } from './layout';

export function modelToCells(m: Model): ModelCells {
  const criteria: Cell[][] = [[...CRITERIA_HEADERS]];
  for (const c of m.criteria) {
    const d = c.decay;
    criteria.push([
      GROUP_CELL[c.group],
      c.name,
      c.field,
      conditionLabel(c.condition.op),
      conditionValueCell(c.condition),
      c.points,
      c.perOccurrenceOf ?? '',
      c.cap.min ?? '',
      c.cap.max ?? '',
      d === null ? '' : DECAY_CELL[d.kind],
      d === null ? '' : d.kind === 'factor' ? d.percent : d.kind === 'deduct' ? d.points : d.halfLifeDays,
      d === null || d.kind === 'halfLife' ? '' : d.afterDays,
      d === null ? '' : d.dateField,
      c.enabled,
      c.note,
    ]);
  }
  const bands: Cell[][] = [[...BANDS_HEADERS], ...m.bands.map((b): Cell[] => [b.name, b.from, b.color])];
  const settings: Cell[][] = [
    [...SETTINGS_HEADERS],
    [SETTINGS.name, m.name],
    [SETTINGS.description, m.description],
    [SETTINGS.version, m.version],
    [SETTINGS.scale, m.scale],
    [SETTINGS.asOf, m.asOf ?? ''],
    [SETTINGS.dateOrder, m.dateOrder],
    [SETTINGS.mql, m.stages.mql ?? ''],
    [SETTINGS.sql, m.stages.sql ?? ''],
    [SETTINGS.fitMin, m.groupCaps.fit.min ?? ''],
    [SETTINGS.fitMax, m.groupCaps.fit.max ?? ''],
    [SETTINGS.engagementMin, m.groupCaps.engagement.min ?? ''],
    [SETTINGS.engagementMax, m.groupCaps.engagement.max ?? ''],
    [SETTINGS.totalMin, m.totalCap.min ?? ''],
    [SETTINGS.totalMax, m.totalCap.max ?? ''],
    [SETTINGS.gradeA, m.priority.gradeA ?? ''],
    [SETTINGS.gradeB, m.priority.gradeB ?? ''],
    [SETTINGS.gradeC, m.priority.gradeC ?? ''],
    [SETTINGS.level1, m.priority.level1 ?? ''],
    [SETTINGS.level2, m.priority.level2 ?? ''],
    [SETTINGS.level3, m.priority.level3 ?? ''],
    [SETTINGS.accountColumn, m.accounts.column ?? ''],
    [SETTINGS.accountScoring, ACCOUNT_SCORING_CELL[m.accounts.scoring]],
    [SETTINGS.accountTop, m.accounts.top],
    [SETTINGS.engagedFrom, m.accounts.engagedFrom ?? ''],
    [SETTINGS.idColumn, m.idColumn ?? ''],
    // Every action written out, defaults too, so the sheet shows the whole playbook to edit.
    ...PRIORITIES.map((p): Cell[] => [SETTINGS[`action${p}`], priorityActionOf(m, p)]),
  ];
  return { criteria, bands, settings };
}

function conditionValueCell(c: Condition): Cell {
  if ('values' in c) return joinList(c.values);
  if ('value' in c) return c.value;
  if ('min' in c) return `${c.min} to ${c.max}`;
  if ('days' in c) return c.days;
  return '';
}
