import type { Model } from './model';
import { normalisePriorityActions } from './priorityActions';

// Apart from schema.ts (the JSON reader) so that reading a model from cells does not load zod:
// the pane's page gets zod only with the JSON import.

/**
 * Trims what the comparison would trim anyway, and turns -0 into 0 (JSON and cells cannot keep
 * the sign), so that equal models are equal as data.
 */
export function normaliseModel(m: Model): Model {
  return withoutNegativeZero({
    ...m,
    name: m.name.trim(),
    description: m.description.trim(),
    criteria: m.criteria.map((c) => ({
      ...c,
      name: c.name.trim(),
      note: c.note.trim(),
      field: c.field.trim(),
      perOccurrenceOf: c.perOccurrenceOf === null || c.perOccurrenceOf.trim() === '' ? null : c.perOccurrenceOf.trim(),
      condition:
        'values' in c.condition ? { ...c.condition, values: c.condition.values.map((v) => v.trim()) } : c.condition,
      decay: c.decay === null ? null : { ...c.decay, dateField: c.decay.dateField.trim() },
    })),
    bands: m.bands.map((b) => ({ ...b, name: b.name.trim(), color: b.color.trim().toUpperCase() })),
    // An empty as-of date is no as-of date: "leave it empty for today".
    asOf: m.asOf === null || m.asOf.trim() === '' ? null : m.asOf.trim(),
    // An empty company column is no column: "leave it empty to find it by its header".
    accounts: { ...m.accounts, column: m.accounts.column === null || m.accounts.column.trim() === '' ? null : m.accounts.column.trim() },
    // An empty ID column is no choice: detect it.
    idColumn: m.idColumn === null || m.idColumn.trim() === '' ? null : m.idColumn.trim(),
    priorityActions: normalisePriorityActions(m.priorityActions),
  });
}

function withoutNegativeZero<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (Array.isArray(value)) return value.map(withoutNegativeZero) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)])) as T;
  }
  return value;
}
