/**
 * The headers of the columns scoring writes beside a lead table, one definition for every
 * writer: Apply in the pane (score and band, optionally fit and engagement, then change and
 * band since when the leads have an ID) and `leadscore score` (SCORE_FILE_COLUMNS, then Change
 * and Band since when it re-scores a CSV file: docs/sales-view.md#what-changed).
 */
export const SCORE_COLUMNS = {
  score: 'Score',
  band: 'Band',
  fit: 'Fit',
  engagement: 'Engagement',
  stage: 'Stage',
  priority: 'Priority',
  /** Points since the last scoring ('new' for a lead it did not have). */
  change: 'Change',
  /** The date the lead entered its band. */
  bandSince: 'Band since',
} as const;

/** What `leadscore score` writes after the lead table, in this order; re-scoring refreshes them. */
export const SCORE_FILE_COLUMNS: readonly string[] = [
  SCORE_COLUMNS.score,
  SCORE_COLUMNS.band,
  SCORE_COLUMNS.fit,
  SCORE_COLUMNS.engagement,
  SCORE_COLUMNS.stage,
  SCORE_COLUMNS.priority,
];

/**
 * What earlier versions of `leadscore score` wrote, newest first, so a re-run still recognises
 * their columns (a CSV file has no other mark): the first five, before Priority was added.
 */
export const EARLIER_SCORE_FILE_COLUMNS: readonly (readonly string[])[] = [SCORE_FILE_COLUMNS.slice(0, 5)];

/**
 * The note `leadscore score` puts on each header cell it writes in a workbook: its mark of
 * ownership there, read by later runs and by Apply in the pane (a column so named without it is the user's).
 */
export const LEADSCORE_COLUMN_NOTE = 'Written by leadscore score; refreshed on each run.';
