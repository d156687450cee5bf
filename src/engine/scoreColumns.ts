/**
 * The headers of the columns scoring writes beside a lead table, one definition for every
 * writer: Apply in the pane (score and band, optionally fit and engagement) and `leadscore
 * score` (all five, in this order).
 */
export const SCORE_COLUMNS = { score: 'Score', band: 'Band', fit: 'Fit', engagement: 'Engagement', stage: 'Stage' } as const;
