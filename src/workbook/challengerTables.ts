// The challenger model sheet's table names, apart from insightsWorkbook.ts (which writes that
// sheet and loads with the Insights view) because finding the lead table, at every pane load,
// must skip them too.

/** Appended to the model sheet's table names on the challenger sheet. */
export const CHALLENGER_TABLE_SUFFIX = 'Challenger';

export function challengerTableName(name: string): string {
  return `${name}${CHALLENGER_TABLE_SUFFIX}`;
}
