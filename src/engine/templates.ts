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

const didAtLeastOnce = (field: string, points: number, name: string, extra: Partial<Criterion> = {}): Criterion =>
  criterion({ group: 'engagement', field, condition: { op: 'gte', value: 1 }, points, name, ...extra });

const NORTH_AMERICA = ['United States', 'USA', 'US', 'Canada', 'Mexico'];
const EUROPE = [
  'United Kingdom', 'UK', 'Ireland', 'Germany', 'France', 'Netherlands', 'Belgium', 'Luxembourg', 'Spain',
  'Portugal', 'Italy', 'Switzerland', 'Austria', 'Sweden', 'Norway', 'Denmark', 'Finland', 'Iceland', 'Poland',
  'Czech Republic', 'Czechia', 'Slovakia', 'Hungary', 'Romania', 'Bulgaria', 'Greece', 'Croatia', 'Slovenia',
  'Serbia', 'Estonia', 'Latvia', 'Lithuania', 'Ukraine', 'Malta', 'Cyprus',
];

const engagementExample: Model = model({
  name: 'Engagement example',
  description: 'Points for social and web engagement: +10 liking a LinkedIn post, +5 opening an email, +10 joining a LinkedIn event, +20 visiting the pricing page, +5 downloading an ebook. Cold 0-20, Warm 21-49, Hot 50+.',
  criteria: [
    didAtLeastOnce('LinkedIn Post Likes', 10, 'Liked a LinkedIn post'),
    didAtLeastOnce('Email Opens', 5, 'Opened an email'),
    didAtLeastOnce('LinkedIn Event Joins', 10, 'Joined a LinkedIn event'),
    didAtLeastOnce('Pricing Page Visits', 20, 'Visited the pricing page'),
    didAtLeastOnce('Ebook Downloads', 5, 'Downloaded an ebook'),
  ],
});

const planExample: Model = model({
  name: 'Email and pricing plan',
  description: 'The plan example: +10 clicking through an email, +15 visiting the pricing page.',
  criteria: [didAtLeastOnce('Email Clicks', 10, 'Clicked through an email'), didAtLeastOnce('Pricing Page Visits', 15, 'Visited the pricing page')],
});

const emailDecay = { kind: 'factor', dateField: 'Last Email Date', afterDays: 30, percent: 50 } as const;

const weightedB2B: Model = model({
  name: 'Weighted B2B',
  description: 'Fit by industry, title and location; engagement by pricing, datasheet, webinar, blog and email. Email points lose 50% after 30 days; webinar points lose 10 after 90 days. MQL at 50, SQL at 100.',
  criteria: [
    criterion({ group: 'fit', name: 'Industry: technology', field: 'Industry', condition: { op: 'equals', values: ['Technology'] }, points: 20 }),
    criterion({ group: 'fit', name: 'Industry: healthcare', field: 'Industry', condition: { op: 'equals', values: ['Healthcare'] }, points: 10 }),
    criterion({ group: 'fit', name: 'Industry: education', field: 'Industry', condition: { op: 'equals', values: ['Education'] }, points: 5 }),
    criterion({
      group: 'fit',
      name: 'Decision maker (CTO, CEO)',
      field: 'Title',
      condition: { op: 'equals', values: ['CTO', 'CEO', 'Chief Technology Officer', 'Chief Executive Officer'] },
      points: 15,
    }),
    criterion({ group: 'fit', name: 'Influencer (manager, director)', field: 'Title', condition: { op: 'contains', values: ['Manager', 'Director'] }, points: 10 }),
    criterion({ group: 'fit', name: 'Location: North America', field: 'Country', condition: { op: 'equals', values: NORTH_AMERICA }, points: 10 }),
    criterion({ group: 'fit', name: 'Location: Europe', field: 'Country', condition: { op: 'equals', values: EUROPE }, points: 5 }),
    didAtLeastOnce('Pricing Page Visits', 20, 'Visited the pricing page'),
    didAtLeastOnce('Datasheet Downloads', 15, 'Downloaded a product datasheet'),
    didAtLeastOnce('Webinars Attended', 10, 'Attended a webinar', {
      decay: { kind: 'deduct', dateField: 'Last Webinar Date', afterDays: 90, points: 10 },
    }),
    criterion({ group: 'engagement', name: 'Blog visits (per visit)', field: 'Blog Visits', condition: { op: 'gte', value: 1 }, points: 5, perOccurrenceOf: 'Blog Visits' }),
    didAtLeastOnce('Email Opens', 2, 'Opened an email', { decay: emailDecay }),
    didAtLeastOnce('Email Clicks', 5, 'Clicked a link in an email', { decay: emailDecay }),
    didAtLeastOnce('Email Downloads', 10, 'Downloaded content from an email link', { decay: emailDecay }),
  ],
  stages: { mql: 50, sql: 100 },
});

const b2bSoftware: Model = model({
  name: 'B2B software',
  description: 'Demo request +20, trial sign-up +15, pricing page visit +10. MQL at 50, SQL at 100. Review monthly with sales.',
  criteria: [
    criterion({ group: 'engagement', name: 'Requested a demo', field: 'Demo Requested', condition: { op: 'isTrue' }, points: 20 }),
    criterion({ group: 'engagement', name: 'Signed up for a trial', field: 'Trial Signed Up', condition: { op: 'isTrue' }, points: 15 }),
    didAtLeastOnce('Pricing Page Visits', 10, 'Visited the pricing page'),
  ],
  stages: { mql: 50, sql: 100 },
});

const consumerElectronics: Model = model({
  name: 'Consumer electronics',
  description: 'Product video view +5, comparison tool used +15. MQL at 30, SQL at 60 for a shorter sales cycle. Review twice a year.',
  criteria: [didAtLeastOnce('Product Video Views', 5, 'Watched a product video'), didAtLeastOnce('Comparison Tool Uses', 15, 'Used the comparison tool')],
  stages: { mql: 30, sql: 60 },
});

const fitByTitleAndSize: Model = model({
  name: 'Fit by title and size',
  description: 'Sales Manager +10, Customer Service Representative +3; a company of 500+ employees +10, of 1-10 employees 0.',
  criteria: [
    criterion({ group: 'fit', name: 'Sales Manager', field: 'Title', condition: { op: 'equals', values: ['Sales Manager'] }, points: 10 }),
    criterion({ group: 'fit', name: 'Customer Service Representative', field: 'Title', condition: { op: 'equals', values: ['Customer Service Representative'] }, points: 3 }),
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
