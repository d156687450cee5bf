import type { CellValue } from '../engine';

/** The generated table's columns, in order, and the indexes the generator and the hidden model use. */

export const LEAD_COLUMNS = [
  'Lead ID',
  'First Name',
  'Last Name',
  'Email',
  'Company',
  'Title',
  'Industry',
  'Employees',
  'Country',
  'Lead Source',
  'Created Date',
  'Website Visits',
  'Pricing Page Visits',
  'Blog Visits',
  'Datasheet Downloads',
  'Ebook Downloads',
  'Webinars Attended',
  'Last Webinar Date',
  'Email Opens',
  'Email Clicks',
  'Email Downloads',
  'Last Email Date',
  'LinkedIn Post Likes',
  'LinkedIn Event Joins',
  'Demo Requested',
  'Trial Signed Up',
  'Product Video Views',
  'Comparison Tool Uses',
  'Last Activity Date',
  'Converted',
] as const;

export type LeadColumn = (typeof LEAD_COLUMNS)[number];

export interface GeneratedLeads {
  headers: string[];
  rows: CellValue[][];
}

const col = (name: LeadColumn): number => LEAD_COLUMNS.indexOf(name);
export const C = {
  first: col('First Name'),
  last: col('Last Name'),
  email: col('Email'),
  company: col('Company'),
  title: col('Title'),
  industry: col('Industry'),
  employees: col('Employees'),
  country: col('Country'),
  created: col('Created Date'),
  pricing: col('Pricing Page Visits'),
  datasheets: col('Datasheet Downloads'),
  webinars: col('Webinars Attended'),
  clicks: col('Email Clicks'),
  demo: col('Demo Requested'),
  trial: col('Trial Signed Up'),
  lastActivity: col('Last Activity Date'),
  converted: col('Converted'),
};
export const COUNT_COLUMNS = LEAD_COLUMNS.flatMap((name, i) =>
  /Visits|Downloads|Attended|Opens|Clicks|Likes|Joins|Views|Uses/.test(name) ? [i] : [],
);
export const DATE_COLUMNS = LEAD_COLUMNS.flatMap((name, i) => (name.endsWith('Date') ? [i] : []));
