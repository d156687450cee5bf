import { criterion, model, type Criterion, type Model } from './model';

/**
 * The example models of the lead-scoring guides the product was founded on, with the points,
 * decay, stages and bands exactly as the guides give them. Column names are those of the
 * bundled example leads; a user maps them to their own columns by editing the Column cell.
 */
export interface Template {
  readonly id: string;
  readonly model: Model;
}

/** The date of a lead's latest activity of any kind, in the bundled example leads. */
const LAST_ACTIVITY = 'Last Activity Date';
/**
 * Recent activity dominates: web and product signals lose 50% once the lead has been quiet for
 * 30 days, the guides' own decay for email (on the example leads' backtest this ranks converters
 * better than no decay or a 90- to 180-day half-life, and keeps Hot under 30% of leads).
 */
const activityDecay = { kind: 'factor', dateField: LAST_ACTIVITY, afterDays: 30, percent: 50 } as const;

/**
 * An engagement criterion that holds once the lead did something at least once. Every
 * engagement signal decays (a pricing-page visit a year ago says little about today); a
 * template passes its own decay where the guide gives one.
 */
const didAtLeastOnce = (field: string, points: number, name: string, extra: Partial<Criterion> = {}): Criterion =>
  criterion({ group: 'engagement', field, condition: { op: 'gte', value: 1 }, points, name, decay: activityDecay, ...extra });

/**
 * Points per occurrence, always capped: uncapped, one lead with 40 blog visits outscores every
 * buyer. The cap is `maxOccurrences` occurrences' worth.
 */
const perOccurrence = (field: string, points: number, name: string, maxOccurrences: number): Criterion =>
  criterion({
    group: 'engagement', field, condition: { op: 'gte', value: 1 }, points, name, perOccurrenceOf: field,
    cap: { min: null, max: points * maxOccurrences }, decay: activityDecay,
  });

/**
 * Title keywords as Excel wildcard patterns (case-insensitive, whole cell), so "Founder & CEO",
 * "Head of IT" or "VP, Sales" match. Words are matched anywhere; short acronyms only as words
 * (a plain substring "cto" would match "Director", "coo" would match "Coordinator").
 */
const anywhere = (words: readonly string[]): string[] => words.map((w) => `*${w}*`);
const asWord = (acronyms: readonly string[]): string[] =>
  acronyms.flatMap((a) => [a, `${a} *`, `* ${a}`, `* ${a} *`, `${a},*`, `${a}/*`, `*/${a}`, `*/${a}*`]);

export const DECISION_MAKER_TITLES: readonly string[] = [
  ...anywhere(['chief', 'founder', 'president', 'owner', 'head of', 'partner']),
  ...asWord(['CEO', 'CTO', 'CFO', 'COO', 'CIO', 'CMO', 'CRO', 'VP', 'SVP', 'EVP']),
];
export const INFLUENCER_TITLES: readonly string[] = ['manager', 'director', 'team lead', 'supervisor'];

/** Country names as people type them: official and short names, abbreviations, local spellings. */
export const NORTH_AMERICA: readonly string[] = [
  'United States', 'United States of America', 'USA', 'U.S.A.', 'US', 'U.S.', 'America',
  'Canada', 'Mexico', 'México',
];
export const EUROPE: readonly string[] = [
  'United Kingdom', 'UK', 'U.K.', 'Great Britain', 'Britain', 'GB', 'England', 'Scotland', 'Wales', 'Northern Ireland',
  'Ireland', 'Éire', 'Germany', 'Deutschland', 'France', 'Netherlands', 'The Netherlands', 'Holland', 'Nederland',
  'Belgium', 'België', 'Belgique', 'Luxembourg', 'Spain', 'España', 'Portugal', 'Italy', 'Italia',
  'Switzerland', 'Schweiz', 'Suisse', 'Svizzera', 'Austria', 'Österreich', 'Sweden', 'Sverige', 'Norway', 'Norge',
  'Denmark', 'Danmark', 'Finland', 'Suomi', 'Iceland', 'Poland', 'Polska', 'Czech Republic', 'Czechia', 'Česko',
  'Slovakia', 'Hungary', 'Magyarország', 'Romania', 'Bulgaria', 'Greece', 'Hellas', 'Croatia', 'Hrvatska', 'Slovenia',
  'Serbia', 'Estonia', 'Latvia', 'Lithuania', 'Ukraine', 'Malta', 'Cyprus',
];

const engagementExample: Model = model({
  name: 'Engagement example',
  description: 'Points for social and web engagement: +10 liking a LinkedIn post, +5 opening an email, +10 joining a LinkedIn event, +20 visiting the pricing page, +5 downloading an ebook. Cold 0-20, Warm 21-49, Hot 50+. Activity points lose 50% after 30 quiet days; email opens lose 50% after 30 days.',
  criteria: [
    didAtLeastOnce('LinkedIn Post Likes', 10, 'Liked a LinkedIn post'),
    didAtLeastOnce('Email Opens', 5, 'Opened an email', { decay: { kind: 'factor', dateField: 'Last Email Date', afterDays: 30, percent: 50 } }),
    didAtLeastOnce('LinkedIn Event Joins', 10, 'Joined a LinkedIn event'),
    didAtLeastOnce('Pricing Page Visits', 20, 'Visited the pricing page'),
    didAtLeastOnce('Ebook Downloads', 5, 'Downloaded an ebook'),
  ],
});

const planExample: Model = model({
  name: 'Email and pricing plan',
  description: 'The plan example: +10 clicking through an email, +15 visiting the pricing page. Email points lose 50% after 30 days; activity points lose 50% after 30 quiet days.',
  criteria: [
    didAtLeastOnce('Email Clicks', 10, 'Clicked through an email', { decay: { kind: 'factor', dateField: 'Last Email Date', afterDays: 30, percent: 50 } }),
    didAtLeastOnce('Pricing Page Visits', 15, 'Visited the pricing page'),
  ],
});

const emailDecay = { kind: 'factor', dateField: 'Last Email Date', afterDays: 30, percent: 50 } as const;

const weightedB2B: Model = model({
  name: 'Weighted B2B',
  description: 'Fit by industry, title keywords and location; engagement by pricing, datasheet, webinar, blog (5 per visit, at most 25) and email. Email points lose 50% after 30 days; webinar points lose 10 after 90 days; web activity points lose 50% after 30 quiet days. MQL at 50, SQL at 100.',
  criteria: [
    criterion({ group: 'fit', name: 'Industry: technology', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 20 }),
    criterion({ group: 'fit', name: 'Industry: healthcare', field: 'Industry', condition: { op: 'equals', values: ['Healthcare'] }, points: 10 }),
    criterion({ group: 'fit', name: 'Industry: education', field: 'Industry', condition: { op: 'equals', values: ['Education'] }, points: 5 }),
    criterion({ group: 'fit', name: 'Decision maker (chief, founder, VP, head of)', field: 'Title', condition: { op: 'matches', values: DECISION_MAKER_TITLES }, points: 15 }),
    criterion({ group: 'fit', name: 'Influencer (manager, director)', field: 'Title', condition: { op: 'contains', values: INFLUENCER_TITLES }, points: 10 }),
    criterion({ group: 'fit', name: 'Location: North America', field: 'Country', condition: { op: 'equals', values: NORTH_AMERICA }, points: 10 }),
    criterion({ group: 'fit', name: 'Location: Europe', field: 'Country', condition: { op: 'equals', values: EUROPE }, points: 5 }),
    didAtLeastOnce('Pricing Page Visits', 20, 'Visited the pricing page'),
    didAtLeastOnce('Datasheet Downloads', 15, 'Downloaded a product datasheet'),
    didAtLeastOnce('Webinars Attended', 10, 'Attended a webinar', {
      decay: { kind: 'deduct', dateField: 'Last Webinar Date', afterDays: 90, points: 10 },
    }),
    perOccurrence('Blog Visits', 5, 'Blog visits (per visit)', 5),
    didAtLeastOnce('Email Opens', 2, 'Opened an email', { decay: emailDecay }),
    didAtLeastOnce('Email Clicks', 5, 'Clicked a link in an email', { decay: emailDecay }),
    didAtLeastOnce('Email Downloads', 10, 'Downloaded content from an email link', { decay: emailDecay }),
  ],
  stages: { mql: 50, sql: 100 },
});

const b2bSoftware: Model = model({
  name: 'B2B software',
  description: 'Demo request +20, trial sign-up +15, pricing page visit +10. MQL at 50, SQL at 100. Activity points lose 50% after 30 quiet days. Review monthly with sales.',
  criteria: [
    criterion({ group: 'engagement', name: 'Requested a demo', field: 'Demo Requested', condition: { op: 'isTrue' }, points: 20, decay: activityDecay }),
    criterion({ group: 'engagement', name: 'Signed up for a trial', field: 'Trial Signed Up', condition: { op: 'isTrue' }, points: 15, decay: activityDecay }),
    didAtLeastOnce('Pricing Page Visits', 10, 'Visited the pricing page'),
  ],
  stages: { mql: 50, sql: 100 },
});

const consumerElectronics: Model = model({
  name: 'Consumer electronics',
  description: 'Product video view +5, comparison tool used +15. MQL at 30, SQL at 60 for a shorter sales cycle. Activity points lose 50% after 30 quiet days. Review twice a year.',
  criteria: [didAtLeastOnce('Product Video Views', 5, 'Watched a product video'), didAtLeastOnce('Comparison Tool Uses', 15, 'Used the comparison tool')],
  stages: { mql: 30, sql: 60 },
});

const fitByTitleAndSize: Model = model({
  name: 'Fit by title and size',
  description: 'Sales Manager +10, Customer Service Representative +3; a company of 500+ employees +10, of 1-10 employees 0.',
  criteria: [
    criterion({ group: 'fit', name: 'Sales Manager', field: 'Title', condition: { op: 'contains', values: ['Sales Manager'] }, points: 10 }),
    criterion({ group: 'fit', name: 'Customer Service Representative', field: 'Title', condition: { op: 'contains', values: ['Customer Service Representative', 'Customer Service Rep'] }, points: 3 }),
    criterion({ group: 'fit', name: 'Company of 500+ employees', field: 'Employees', condition: { op: 'gte', value: 500 }, points: 10 }),
    criterion({ group: 'fit', name: 'Company of 1-10 employees', field: 'Employees', condition: { op: 'between', min: 1, max: 10 }, points: 0 }),
  ],
});

export const TEMPLATES: readonly Template[] = [
  { id: 'engagement', model: engagementExample },
  { id: 'plan', model: planExample },
  { id: 'weighted-b2b', model: weightedB2B },
  { id: 'b2b-software', model: b2bSoftware },
  { id: 'consumer-electronics', model: consumerElectronics },
  { id: 'fit-title-size', model: fitByTitleAndSize },
];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
