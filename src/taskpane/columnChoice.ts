import { headerLookup, type Group, type Model } from '../engine';
import type { LeadColumn } from '../workbook/session';

/** Identifiers and contact details: every lead differs, so a criterion on them scores nothing useful. */
const NOT_A_SIGNAL = /(^|\b|_)(id|key|uuid|guid|phone|mobile|fax|zip|postcode|postal)(\b|_|$)|first\s*name|last\s*name|^name$|e-?mail|address|url|website$/i;

/**
 * The column a new criterion should start on: one the model does not use yet that can carry
 * a signal for the group. Fit: a category with a few repeated values (Industry, Country);
 * engagement: a count (Pricing Page Visits). Never an ID or a name column when another fits.
 */
export function usefulColumn(columns: readonly LeadColumn[], m: Model, group: Group): LeadColumn | undefined {
  const used = new Set(m.criteria.flatMap((c) => [c.field, c.perOccurrenceOf ?? '']).map((f) => f.trim().toLowerCase()));
  const fresh = columns.filter((c) => !used.has(c.name.trim().toLowerCase()) && !NOT_A_SIGNAL.test(c.name));
  const categories = fresh.filter((c) => c.kind === 'category' && c.distinct.length >= 2);
  const counts = fresh.filter((c) => c.kind === 'number');
  const preferred = group === 'fit' ? [...categories, ...counts] : [...counts, ...fresh.filter((c) => c.kind === 'category'), ...categories];
  return preferred[0] ?? fresh[0] ?? columns.find((c) => !NOT_A_SIGNAL.test(c.name)) ?? columns[0];
}

/** The table column a mistyped name most likely means ("Industy" -> "Industry"), if any is close. */
export function nearestColumn(field: string, columns: readonly LeadColumn[]): string | undefined {
  const lookup = headerLookup(columns.map((c) => c.name));
  if (field.trim() === '' || lookup.find(field) !== undefined) return undefined;
  return lookup.suggest(field);
}
