import type { CellValue } from '../engine';
import { generateLeads } from './generateLeads';
import { STREAMS } from './companies';
import { C, LEAD_COLUMNS, type GeneratedLeads } from './leadColumns';
import { SeededRandom, hashSeed } from './random';

/**
 * The generated leads as a real CRM or web-form export looks, for the scorecard's tests and
 * benchmark: what a point-learning method must see through.
 * - About 40% of the form answers (Title, Industry, Employees, Company Size, Country, Lead
 *   Source) are missing, half of them left at a placeholder ("Select", "N/A", "-", "unknown",
 *   "Not provided" in varying case). Converted leads skip fewer questions, as on real forms.
 * - Correlated columns: "Company Size" is Employees in bands; "Total Page Views" is the sum of
 *   the three page-visit columns with noise.
 * - "Lead Number": a sequential number, growing with the row (a CRM's auto-number).
 * - "Lead Status": set by sales after the outcome (Won only for converted leads), a leak.
 * The other columns are the generator's, with its usual mess (messiness 0.03). The same seed
 * gives the same table; rows come from their own streams, so the first N rows do not depend on
 * the count.
 */
export const REALISTIC_COLUMNS = [
  'Lead Number', 'Lead ID', 'Email', 'Title', 'Industry', 'Employees', 'Company Size', 'Country',
  'Lead Source', 'Created Date', 'Website Visits', 'Pricing Page Visits', 'Blog Visits',
  'Total Page Views', 'Datasheet Downloads', 'Webinars Attended', 'Email Opens', 'Email Clicks',
  'Demo Requested', 'Trial Signed Up', 'Last Activity Date', 'Lead Status', 'Converted',
] as const;

/** The placeholders the realistic table writes for "not answered". */
export const REALISTIC_PLACEHOLDERS: readonly string[] = ['Select', 'SELECT', 'N/A', 'n/a', '-', 'unknown', 'Unknown', 'Not provided', '--select--', 'none'];

export interface RealisticLeadsOptions {
  count: number;
  seed?: number | string;
  asOf?: string;
  /** Share of form answers missing among leads that did not convert (converted leads: three quarters of it). Default 0.42. */
  missing?: number;
}

const FORM_COLUMNS = ['Title', 'Industry', 'Country', 'Lead Source'] as const;

function companySize(employees: CellValue): string {
  const n = typeof employees === 'number' ? employees : Number.NaN;
  if (Number.isNaN(n)) return '';
  return n <= 10 ? '1-10' : n <= 50 ? '11-50' : n <= 200 ? '51-200' : n <= 1000 ? '201-1000' : '1000+';
}

export function generateRealisticLeads(options: RealisticLeadsOptions): GeneratedLeads {
  const seed = options.seed ?? 1;
  const base = generateLeads({ count: options.count, seed, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) });
  const missing = Math.min(0.9, Math.max(0, options.missing ?? 0.42));
  const rng = new SeededRandom();
  const seedHash = hashSeed(seed);
  const from = (row: readonly CellValue[], name: (typeof LEAD_COLUMNS)[number]): CellValue => row[LEAD_COLUMNS.indexOf(name)];
  const count = (v: CellValue): number => (typeof v === 'number' ? v : Number(String(v).trim()) || 0);
  const rows = base.rows.map((row, index) => {
    rng.reseed(seedHash, index, STREAMS.realistic);
    const converted = row[C.converted] === true;
    const skip = converted ? missing * 0.75 : missing;
    const unanswered = (): CellValue => (rng.chance(0.5) ? '' : rng.pick(REALISTIC_PLACEHOLDERS));
    const answer = (v: CellValue): CellValue => (rng.chance(skip) ? unanswered() : v);
    const out: Record<(typeof REALISTIC_COLUMNS)[number], CellValue> = {
      'Lead Number': 660_000 + index * 7 + rng.int(0, 6),
      'Lead ID': from(row, 'Lead ID'),
      Email: from(row, 'Email'),
      Title: '',
      Industry: '',
      Employees: '',
      'Company Size': '',
      Country: '',
      'Lead Source': '',
      'Created Date': from(row, 'Created Date'),
      'Website Visits': from(row, 'Website Visits'),
      'Pricing Page Visits': from(row, 'Pricing Page Visits'),
      'Blog Visits': from(row, 'Blog Visits'),
      'Total Page Views': Math.max(0, count(from(row, 'Website Visits')) + count(from(row, 'Pricing Page Visits')) + count(from(row, 'Blog Visits')) + rng.int(-1, 2)),
      'Datasheet Downloads': from(row, 'Datasheet Downloads'),
      'Webinars Attended': from(row, 'Webinars Attended'),
      'Email Opens': from(row, 'Email Opens'),
      'Email Clicks': from(row, 'Email Clicks'),
      'Demo Requested': from(row, 'Demo Requested'),
      'Trial Signed Up': from(row, 'Trial Signed Up'),
      'Last Activity Date': from(row, 'Last Activity Date'),
      'Lead Status': converted ? (rng.chance(0.9) ? 'Won' : 'Negotiation') : rng.weighted([['Lost', 45], ['Open', 35], ['Nurture', 15], ['Negotiation', 5]] as const),
      Converted: converted,
    };
    for (const name of FORM_COLUMNS) out[name] = answer(from(row, name));
    // Employees and its bands are one form answer: skipped together.
    if (rng.chance(skip)) {
      const placeholder = unanswered();
      out.Employees = placeholder === '' || rng.chance(0.5) ? '' : 'N/A';
      out['Company Size'] = placeholder;
    } else {
      out.Employees = from(row, 'Employees');
      out['Company Size'] = companySize(from(row, 'Employees')) || unanswered();
    }
    return REALISTIC_COLUMNS.map((name) => out[name]);
  });
  return { headers: [...REALISTIC_COLUMNS], rows };
}
