import { isBlank, showCell } from '../cells/cellValue';
import { excelSerialFromIsoDate, isExcelDateSerial, isoDateFromExcelSerial } from '../cells/excelDate';
import { DEFAULT_ACCOUNTS, MODEL_VERSION, type AccountScoring, type Model, type Priority } from '../model';
import { PRIORITIES } from '../priorityActions';
import type { Problem } from '../problems';
import { ACCOUNT_SCORING_CELL, SETTINGS, type CellTable } from './layout';
import { Collector, headerKey, readTable } from './tableReader';

export type Settings = Omit<Model, 'criteria' | 'bands'>;

export function readSettings(table: CellTable | undefined): { value: Settings; problems: Problem[]; rowNumbers: Map<string, number> } {
  const out = new Collector('settings');
  const byName = new Map<string, { value: unknown; row: number; typed: string }>();
  const t = readTable(table);
  for (const { number: n, cells } of t.rows) {
    const typed = out.text(t.cell(cells, 'Setting'), n, 'Setting');
    const name = headerKey(typed);
    if (name !== '') byName.set(name, { value: t.cell(cells, 'Value'), row: n, typed });
  }
  const known = new Set(Object.values(SETTINGS).map((s) => s.toLowerCase()));
  for (const [name, { row, typed }] of byName) {
    if (!known.has(name)) out.error(row, 'Setting', `'${typed}' is not a setting`, `the settings are: ${SETTINGS_IN_WORDS}`);
  }
  const raw = (label: string): { value: unknown; row: number } => byName.get(label.toLowerCase()) ?? { value: '', row: 0 };
  const text = (label: string): string => {
    const s = raw(label);
    return out.text(s.value, s.row, label);
  };
  const num = (label: string): number | null => {
    const s = raw(label);
    return out.number(s.value, s.row, label, false);
  };

  // The format version was read (and older cells migrated) before these tables: migrations.ts.
  const scaleText = text(SETTINGS.scale).toLowerCase();
  const scale = scaleText === '0-100' || scaleText === '0 to 100' || scaleText === 'percent' ? '0-100' : 'points';
  if (scaleText !== '' && scaleText !== 'points' && scale === 'points') {
    out.error(raw(SETTINGS.scale).row, SETTINGS.scale, `'${scaleText}' is not a scale`, "write 'points' or '0-100'");
  }
  const orderText = text(SETTINGS.dateOrder).toUpperCase();
  if (orderText !== '' && orderText !== 'MDY' && orderText !== 'DMY') {
    out.error(raw(SETTINGS.dateOrder).row, SETTINGS.dateOrder, `'${orderText}' is not a date order`, "write 'MDY' (month first) or 'DMY' (day first)");
  }
  const scoringText = text(SETTINGS.accountScoring).toLowerCase().replace(/\s+/g, ' ');
  const scoring = (Object.keys(ACCOUNT_SCORING_CELL) as AccountScoring[]).find((k) => ACCOUNT_SCORING_CELL[k].toLowerCase() === scoringText);
  if (scoringText !== '' && scoring === undefined) {
    out.error(raw(SETTINGS.accountScoring).row, SETTINGS.accountScoring, `'${text(SETTINGS.accountScoring)}' is not a way to score an account`, `write ${Object.values(ACCOUNT_SCORING_CELL).map((c) => `'${c}'`).join(', ')}`);
  }
  return {
    value: {
      version: MODEL_VERSION,
      name: text(SETTINGS.name) || 'Untitled model',
      description: text(SETTINGS.description),
      scale,
      asOf: readAsOf(out, raw(SETTINGS.asOf)),
      dateOrder: orderText === 'DMY' ? 'DMY' : 'MDY',
      stages: { mql: num(SETTINGS.mql), sql: num(SETTINGS.sql) },
      groupCaps: {
        fit: { min: num(SETTINGS.fitMin), max: num(SETTINGS.fitMax) },
        engagement: { min: num(SETTINGS.engagementMin), max: num(SETTINGS.engagementMax) },
      },
      totalCap: { min: num(SETTINGS.totalMin), max: num(SETTINGS.totalMax) },
      priority: {
        gradeA: num(SETTINGS.gradeA),
        gradeB: num(SETTINGS.gradeB),
        gradeC: num(SETTINGS.gradeC),
        level1: num(SETTINGS.level1),
        level2: num(SETTINGS.level2),
        level3: num(SETTINGS.level3),
      },
      accounts: {
        column: text(SETTINGS.accountColumn) || null,
        scoring: scoring ?? DEFAULT_ACCOUNTS.scoring,
        top: num(SETTINGS.accountTop) ?? DEFAULT_ACCOUNTS.top,
        engagedFrom: num(SETTINGS.engagedFrom),
      },
      idColumn: text(SETTINGS.idColumn) || null,
      // An empty cell is the default action; normaliseModel drops texts equal to the default.
      priorityActions: Object.fromEntries(PRIORITIES.map((p): [Priority, string] => [p, text(SETTINGS[`action${p}`])])),
    },
    problems: out.problems,
    rowNumbers: new Map([...byName].map(([name, { row }]) => [name, row])),
  };
}

// Sixteen 'Action ..' rows would drown the other names: they are named as a range.
const SETTINGS_IN_WORDS = [...Object.values(SETTINGS).filter((label) => !label.startsWith('Action ')), 'Action A1 to Action D4'].join(', ');

/** Excel turns a typed date into a serial number; both that and 'YYYY-MM-DD' text are read. */
function readAsOf(out: Collector, cell: { value: unknown; row: number }): string | null {
  if (isBlank(cell.value)) return null;
  if (typeof cell.value === 'number' && isExcelDateSerial(cell.value)) return isoDateFromExcelSerial(cell.value);
  const text = out.text(cell.value, cell.row, SETTINGS.asOf);
  if (!Number.isNaN(excelSerialFromIsoDate(text))) return text;
  out.error(cell.row, SETTINGS.asOf, `${showCell(cell.value)} is not a date`, 'write it as YYYY-MM-DD, or leave it empty for today');
  return null;
}
