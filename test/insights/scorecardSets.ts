/**
 * Lead tables of different shapes for the scorecard's tests, each seeded. They stand in for the
 * real lists the product is measured on (not in the project), built from their published
 * descriptions, so the method is tested on the class of input rather than one table.
 * - educationLike: an online-education list, ~9,000 leads, ~38% converted, mostly categories
 *   with 30-50% blanks and "Select" placeholders, a falling lead number, a hex prospect id,
 *   correlated activity score/index, and sales tags written after the outcome (a leak);
 * - bankLike: a bank telemarketing list, 11% converted, rows in time order with economic
 *   indicators that move together over time, a client number that grows with the rows
 *   (repeated for clients called twice), "unknown" as a placeholder, a 999 sentinel.
 */
import { createRandom } from '../../src/sample-data/random';

export interface Table {
  readonly headers: string[];
  readonly rows: unknown[][];
}

type Weighted = readonly (readonly [string, number])[];
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function educationLike(n = 9000, seed = 1): Table {
  const r = createRandom(`education-${seed}`);
  const headers = [
    'Prospect ID', 'Lead Number', 'Lead Origin', 'Lead Source', 'Do Not Email', 'TotalVisits',
    'Total Time Spent on Website', 'Page Views Per Visit', 'Last Activity', 'Country', 'Specialization',
    'How did you hear about us', 'What is your current occupation', 'City', 'Lead Profile',
    'Activity Score', 'Activity Index', 'Tags', 'Converted',
  ];
  const origin: Weighted = [['Landing Page Submission', 53], ['API', 39], ['Lead Add Form', 8], ['Lead Import', 0.6]];
  const source: Weighted = [['Google', 31], ['Direct Traffic', 28], ['Olark Chat', 19], ['Organic Search', 12], ['Reference', 6], ['Welingak Website', 1.5], ['Referral Sites', 1.3], ['Facebook', 0.6], ['bing', 0.1], ['Click2call', 0.05], ['Social Media', 0.03]];
  const activity: Weighted = [['Email Opened', 37], ['SMS Sent', 30], ['Olark Chat Conversation', 11], ['Page Visited on Website', 7], ['Converted to Lead', 5], ['Email Bounced', 3.5], ['Email Link Clicked', 3], ['Form Submitted on Website', 1.3], ['Unreachable', 1], ['Unsubscribed', 0.7]];
  const activityEffect: Record<string, number> = { 'SMS Sent': 1.4, 'Email Opened': 0.3, 'Olark Chat Conversation': -1.2, 'Converted to Lead': -1, 'Email Bounced': -1.3 };
  const occupation: Weighted = [['Unemployed', 60], ['Working Professional', 8], ['Student', 2.3], ['Other', 0.2], ['Housewife', 0.1], ['Businessman', 0.1]];
  const specialization = ['Finance Management', 'Human Resource Management', 'Marketing Management', 'Operations Management', 'Business Administration', 'IT Projects Management', 'Supply Chain Management', 'Banking, Investment And Insurance', 'Travel and Tourism', 'Media and Advertising', 'International Business', 'Healthcare Management', 'Hospitality Management', 'E-COMMERCE', 'Retail Management', 'Rural and Agribusiness', 'E-Business', 'Services Excellence'];
  const cities: Weighted = [['Mumbai', 35], ['Thane & Outskirts', 8], ['Other Cities', 7.5], ['Other Cities of Maharashtra', 5], ['Other Metro Cities', 4], ['Tier II Cities', 0.8]];
  const heard: Weighted = [['Online Search', 9], ['Word Of Mouth', 4], ['Student of SomeSchool', 3], ['Other', 2], ['Multiple Sources', 2], ['Advertisements', 1], ['Social Media', 1], ['Email', 0.3], ['SMS', 0.2]];
  const profile: Weighted = [['Potential Lead', 17], ['Other Leads', 5], ['Student of SomeSchool', 2.6], ['Lateral Student', 0.2], ['Dual Specialization Student', 0.2]];
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const o = r.weighted(origin);
    const s = o === 'Lead Add Form' ? (r.chance(0.6) ? 'Reference' : 'Welingak Website') : r.weighted(source);
    const doNotEmail = r.chance(0.08);
    const chat = s === 'Olark Chat';
    const visits = chat ? 0 : Math.min(250, r.poisson(Math.exp(r.normal(1, 0.7))));
    const time = visits === 0 ? 0 : Math.round(Math.exp(r.normal(5.6, 1.1)));
    const views = visits === 0 ? 0 : Math.round((visits * (1 + r.next() * 3)) * 100) / 100;
    const last = r.weighted(activity);
    const occ = r.chance(0.29) ? '' : r.weighted(occupation);
    const prof = r.chance(0.45) ? 'Select' : r.chance(0.53) ? '' : r.weighted(profile);
    let z = -1.75 + (o === 'Lead Add Form' ? 3 : o === 'API' ? -0.2 : 0) + (s === 'Welingak Website' ? 2 : s === 'Reference' ? 1 : chat ? -0.4 : 0) + (doNotEmail ? -1.1 : 0);
    z += 2.6 * Math.min(time, 1600) / 1600 + (activityEffect[last] ?? 0);
    z += occ === 'Working Professional' ? 2.4 : occ === 'Unemployed' ? 0.2 : occ === 'Student' ? -0.3 : occ === '' ? -0.6 : 0.5;
    z += prof === 'Potential Lead' ? 1.3 : prof === 'Student of SomeSchool' ? -2 : prof === 'Other Leads' ? 0.2 : 0;
    const converted = r.next() < sigmoid(z);
    const score = r.chance(0.46) ? null : Math.round(Math.min(18, Math.max(7, 14 + r.normal(0, 1.5) + (converted ? 0.3 : 0))));
    const tags = converted ? r.weighted([['Will revert after reading the email', 70], ['Closed by Horizzon', 20], ['Lost to EINS', 4], ['', 6]]) : r.weighted([['Ringing', 30], ['Interested in other courses', 15], ['Already a student', 12], ['switched off', 6], ['Not doing further education', 5], ['', 32]]);
    rows.push([
      `${(0x7927b2df + i * 2654435761) >>> 0}`.padStart(10, '0') + `-${r.int(1000, 9999)}`,
      660_737 - i * 7 - r.int(0, 5),
      o,
      r.chance(0.004) ? '' : s,
      doNotEmail ? 'Yes' : 'No',
      r.chance(0.015) ? '' : visits,
      time,
      r.chance(0.015) ? '' : views,
      r.chance(0.011) ? '' : last,
      r.chance(0.27) ? '' : r.chance(0.96) ? 'India' : r.pick(['United States', 'United Arab Emirates', 'Singapore', 'Saudi Arabia', 'unknown', 'United Kingdom']),
      r.chance(0.21) ? 'Select' : r.chance(0.2) ? '' : r.pick(specialization),
      r.chance(0.55) ? 'Select' : r.chance(0.53) ? '' : r.weighted(heard),
      occ,
      r.chance(0.24) ? 'Select' : r.chance(0.2) ? '' : r.weighted(cities),
      prof,
      score,
      score === null ? '' : score >= 16 ? '01.High' : score >= 13 ? '02.Medium' : '03.Low',
      tags,
      converted ? 1 : 0,
    ]);
  }
  return { headers, rows };
}

export const BANK_INDICATORS = ['emp.var.rate', 'euribor3m', 'nr.employed'];

export function bankLike(n = 41_188, seed = 1): Table {
  const r = createRandom(`bank-${seed}`);
  const headers = ['Client', 'age', 'job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'day_of_week', 'campaign', 'pdays', 'previous', 'poutcome', 'emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed', 'y'];
  // 26 months; the first ~70% of calls in a boom (high rates, few conversions), then a crisis.
  const months = ['may', 'jun', 'jul', 'aug', 'oct', 'nov', 'dec', 'mar', 'apr', 'sep'];
  const periods = Array.from({ length: 26 }, (_, k) => {
    const boom = k < 14;
    const emp = boom ? r.pick([1.1, 1.4, 1.4, -0.1]) : r.pick([-1.8, -2.9, -3.4, -1.7, -1.1, -3.0]);
    return {
      month: boom ? months[k % 4] : months[4 + (k % 6)],
      emp,
      euribor: Math.max(0.63, Math.round((emp > 0 ? 4.86 - r.next() * 0.1 : emp > -2 ? 1.3 + r.next() * 0.2 : 0.7 + r.next() * 0.3) * 1000) / 1000),
      employed: emp > 1 ? r.pick([5191, 5228.1]) : emp > -1 ? 5195.8 : emp > -2 ? r.pick([5099.1, 5076.2, 5008.7]) : r.pick([5017.5, 4991.6, 4963.6]),
      price: Math.round((92.9 + r.next() * 1.9) * 1000) / 1000,
      confidence: Math.round((-50 + r.next() * 24) * 10) / 10,
    };
  });
  const jobs: Weighted = [['admin.', 25], ['blue-collar', 22], ['technician', 16], ['services', 10], ['management', 7], ['retired', 4], ['entrepreneur', 3.5], ['self-employed', 3.4], ['housemaid', 2.6], ['unemployed', 2.5], ['student', 2.1], ['unknown', 0.8]];
  const jobEffect: Record<string, number> = { retired: 0.6, student: 0.8, 'blue-collar': -0.3 };
  const education: Weighted = [['university.degree', 30], ['high.school', 23], ['basic.9y', 15], ['professional.course', 13], ['basic.4y', 10], ['basic.6y', 6], ['unknown', 4], ['illiterate', 0.05]];
  const rows: unknown[][] = [];
  let client = 1;
  for (let i = 0; i < n; i++) {
    // Later periods are shorter (fewer calls a month in the crisis).
    const period = periods[Math.min(25, Math.floor(26 * Math.pow(i / n, 1.6)))] ?? periods[0]!;
    const age = Math.round(Math.min(95, Math.max(18, r.normal(40, 10) + (r.chance(0.05) ? 25 : 0))));
    const job = age >= 62 && r.chance(0.6) ? 'retired' : age <= 24 && r.chance(0.4) ? 'student' : r.weighted(jobs);
    const cellular = r.chance(period.emp > 0 ? 0.5 : 0.85);
    const campaign = 1 + Math.min(40, Math.floor(-Math.log(1 - r.next()) * 1.6));
    const previous = r.chance(period.emp > 0 ? 0.05 : 0.3) ? 1 + r.int(0, 2) : 0;
    const poutcome = previous === 0 ? 'nonexistent' : r.chance(0.3) ? 'success' : 'failure';
    const pdays = poutcome === 'success' ? r.int(1, 15) : 999;
    let z = -1.55 - 0.55 * period.euribor + (cellular ? 0.7 : 0) - 0.08 * (campaign - 1) + (poutcome === 'success' ? 1.8 : poutcome === 'failure' ? -0.2 : 0);
    z += (jobEffect[job] ?? 0) + (age >= 60 ? 0.7 : age <= 24 ? 0.5 : 0) + 0.015 * (period.confidence + 40);
    const converted = r.next() < sigmoid(z);
    rows.push([
      client,
      age,
      job,
      r.weighted([['married', 60], ['single', 28], ['divorced', 11], ['unknown', 0.2]]),
      r.weighted(education),
      r.weighted([['no', 79], ['unknown', 21], ['yes', 0.01]]),
      r.weighted([['yes', 52], ['no', 45], ['unknown', 2.4]]),
      r.weighted([['no', 82], ['yes', 15], ['unknown', 2.4]]),
      cellular ? 'cellular' : 'telephone',
      period.month,
      r.pick(['mon', 'tue', 'wed', 'thu', 'fri']),
      campaign,
      pdays,
      previous,
      poutcome,
      period.emp,
      period.price,
      period.confidence,
      Math.round((period.euribor + (r.chance(0.3) ? -0.004 : 0)) * 1000) / 1000,
      period.employed,
      converted ? 'yes' : 'no',
    ]);
    // Some clients are called twice in a row: the number repeats, and still grows with the rows.
    if (!r.chance(0.2)) client += 1 + (r.chance(0.1) ? r.int(1, 3) : 0);
  }
  return { headers, rows };
}
