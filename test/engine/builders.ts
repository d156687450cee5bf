import { compile, criterion, model, type CompileOptions, type LeadScore, type Model } from '../../src/engine';

/** The day test leads are scored as of, and its Excel serial. */
export const AS_OF = '2026-11-01';
export const AS_OF_SERIAL = 46327;

/** Every column a model reads, so that a test lead needs to name only the cells it cares about. */
export function columnsOf(m: Model): string[] {
  const columns = new Set<string>();
  for (const c of m.criteria) {
    columns.add(c.field);
    if (c.perOccurrenceOf !== null) columns.add(c.perOccurrenceOf);
    if (c.decay !== null) columns.add(c.decay.dateField);
  }
  return [...columns];
}

/** Scores one lead given as { column: cell }; columns it does not name are blank. */
export function scoreLead(m: Model, cells: Readonly<Record<string, unknown>>, options: CompileOptions = { asOf: AS_OF }): LeadScore {
  const headers = [...new Set([...columnsOf(m), ...Object.keys(cells)])];
  const compiled = compile(m, headers, options);
  if (!compiled.ok) throw new Error(`model did not compile: ${JSON.stringify(compiled.problems)}`);
  return compiled.value.scoreRow(headers.map((h) => cells[h] ?? ''));
}

/** The points of each explanation part by label, for readable assertions. */
export function pointsByLabel(lead: LeadScore): Record<string, number> {
  return Object.fromEntries(lead.explanation.map((p) => [p.label, p.points]));
}

/**
 * The Priority scenario shared by the engine's and the functions' tests: Fit can give at most
 * 40 + 20 = 60 (automatic grades from 45, 30, 15), Engagement at most 30 + 10 = 40 (levels from
 * 30, 20, 10).
 */
export const PRIORITY_MODEL = model({
  criteria: [
    criterion({ group: 'fit', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 40 }),
    criterion({ group: 'fit', field: 'Employees', condition: { op: 'gte', value: 100 }, points: 20 }),
    criterion({ group: 'engagement', field: 'Demo', condition: { op: 'isTrue' }, points: 30 }),
    criterion({ group: 'engagement', field: 'Webinar', condition: { op: 'isTrue' }, points: 10 }),
  ],
});
export const PRIORITY_HEADERS = ['Industry', 'Employees', 'Demo', 'Webinar'];
