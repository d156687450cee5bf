import type { CellValue } from '../engine/cells/cellValue';
import { excelSerialFromIsoDate, isoDateFromExcelSerial } from '../engine/cells/excelDate';
import { SeededRandom, hashSeed } from './random';

/**
 * Deterministic synthetic sales leads for tests, benchmarks and the bundled example.
 *
 * Every row comes from its own stream derived from (seed, row index), so the first N rows do not
 * depend on how many rows are asked for. Each row uses two streams: the main one draws the lead
 * itself, the "mess" one draws spam and formatting noise, so a messy table is the clean table
 * plus corrupted cells (apart from the ~2% spam rows, whose names and emails are replaced).
 */

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

export interface GenerateLeadsOptions {
  count: number;
  /** Index of the first row: rows first..first+count-1 of the endless table for this seed, so a large table can be made in chunks. Default 0. */
  first?: number;
  seed?: number | string;
  /** 'YYYY-MM-DD'; every date is on or before it. Default '2026-11-01'. */
  asOf?: string;
  /** Probability (0..1) that an affected cell is messed up; 0 gives clean data. Default 0.03. */
  messiness?: number;
}

export interface LeadTable {
  headers: string[];
  rows: CellValue[][];
}

const col = (name: LeadColumn): number => LEAD_COLUMNS.indexOf(name);
const C = {
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
const COUNT_COLUMNS = LEAD_COLUMNS.flatMap((name, i) =>
  /Visits|Downloads|Attended|Opens|Clicks|Likes|Joins|Views|Uses/.test(name) ? [i] : [],
);
const DATE_COLUMNS = LEAD_COLUMNS.flatMap((name, i) => (name.endsWith('Date') ? [i] : []));

// ---------------------------------------------------------------------------------------------
// String tables (shared by every row; only ids, emails and company names are built per lead).

const FIRST_NAMES = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William',
  'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah',
  'Daniel', 'Karen', 'Matthew', 'Emily', 'Andrew', 'Olivia', 'Christopher', 'Emma', 'Ryan',
  'Sophie', 'Kevin', 'Laura', 'Brian', 'Rachel', 'Oliver', 'Charlotte', 'Harry', 'Amelia',
  'George', 'Isla', 'Liam', 'Chloe', 'Noah', 'Grace', 'Lukas', 'Anna', 'Jonas', 'Lena', 'Felix',
  'Hannah', 'Maximilian', 'Julia', 'Pierre', 'Camille', 'Louis', 'Léa', 'Hugo', 'Manon',
  'Antoine', 'Javier', 'Lucía', 'Carlos', 'María', 'Alejandro', 'Sofía', 'Diego', 'Valentina',
  'Mateo', 'Giulia', 'Marco', 'Francesca', 'Luca', 'Sven', 'Astrid', 'Erik', 'Ingrid', 'Lars',
  'Freja', 'Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka', 'Sean', 'Aoife', 'Ciarán', 'Niamh', 'Raj',
  'Priya', 'Arjun', 'Ananya', 'Vikram', 'Deepika', 'Rohan', 'Sneha', 'Hiroshi', 'Yuki', 'Kenji',
  'Aiko', 'Takeshi', 'Wei', 'Mei', 'Jun', 'Min-jun', 'Ji-woo', 'Thabo', 'Nomvula', 'Sipho',
  'Kwame', 'Amara', 'Chinedu', 'Ngozi', 'Ahmed', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Aisha',
  'Tiago', 'Beatriz', 'João', 'Gabriela', 'Lucas', 'Isabela', 'Daan', 'Sanne', 'Fleur',
] as const;

const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson',
  'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker',
  'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Evans', 'Turner',
  'Hughes', 'Murphy', "O'Brien", 'Kelly', 'Byrne', 'Walsh', "O'Connor", 'Müller', 'Schmidt',
  'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Dubois', 'Bernard',
  'Moreau', 'Laurent', 'Lefèvre', 'Fontaine', 'García', 'Rodríguez', 'Martínez', 'López',
  'González', 'Hernández', 'Pérez', 'Sánchez', 'Torres', 'Rossi', 'Russo', 'Ferrari', 'Esposito',
  'Bianchi', 'Romano', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Lindqvist', 'Nowak',
  'Kowalski', 'Wiśniewski', 'Wójcik', 'de Vries', 'van Dijk', 'Jansen', 'Bakker', 'Visser',
  'Patel', 'Sharma', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Tanaka', 'Suzuki',
  'Takahashi', 'Watanabe', 'Yamamoto', 'Nakamura', 'Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Kim',
  'Park', 'Nguyen', 'Tran', 'Silva', 'Santos', 'Oliveira', 'Pereira', 'Costa', 'Dlamini', 'Nkosi',
  'Naidoo', 'Botha', 'Okafor', 'Mensah', 'Haddad', 'Khan', 'Cohen', 'Ivanova',
] as const;

/** ASCII email form of a name: "Wiśniewski" -> "wisniewski", "O'Brien" -> "obrien". */
const slug = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
const FIRST_SLUGS = FIRST_NAMES.map(slug);
const LAST_SLUGS = LAST_NAMES.map(slug);

type Weighted<T> = readonly (readonly [T, number])[];

const INDUSTRIES: Weighted<string> = [
  ['Technology', 22], ['Healthcare', 10], ['Education', 8], ['Finance', 10],
  ['Manufacturing', 10], ['Retail', 9], ['Consumer Electronics', 5], ['Hospitality', 5],
  ['Government', 4], ['Non-profit', 5], ['Real Estate', 6], ['Media', 6],
];

const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
  Technology: ['Software', 'Systems', 'Data', 'Cloud', 'Analytics', 'Digital'],
  Healthcare: ['Health', 'Medical', 'Care', 'Clinics', 'Diagnostics'],
  Education: ['Academy', 'Learning', 'Institute', 'Tutoring'],
  Finance: ['Capital', 'Financial', 'Advisors', 'Insurance'],
  Manufacturing: ['Industries', 'Manufacturing', 'Works', 'Components'],
  Retail: ['Outfitters', 'Stores', 'Market', 'Supply'],
  'Consumer Electronics': ['Electronics', 'Devices', 'Audio'],
  Hospitality: ['Hotels', 'Hospitality', 'Resorts', 'Restaurants'],
  Government: ['County', 'Council', 'Authority'],
  'Non-profit': ['Foundation', 'Trust', 'Alliance'],
  'Real Estate': ['Realty', 'Properties', 'Estates'],
  Media: ['Media', 'Studios', 'Publishing'],
};

const COINED_HEADS = [
  'Blue', 'North', 'Bright', 'Silver', 'Green', 'Iron', 'Clear', 'Swift', 'Summit', 'Nova', 'Apex',
  'Cedar', 'Pine', 'Harbor', 'Stone', 'Sun', 'Star', 'Quantum', 'Vertex', 'Red', 'Oak', 'Maple',
];
const COINED_TAILS = [
  'peak', 'field', 'wave', 'bridge', 'point', 'line', 'soft', 'logic', 'grid', 'core', 'path',
  'gate', 'forge', 'mark', 'view', 'scale', 'sphere', 'stack', 'leaf', 'river',
];
const DESCRIPTORS = [
  'Labs', 'Group', 'Systems', 'Solutions', 'Partners', 'Technologies', 'Consulting', 'Holdings',
];
const PLACES = [
  'Springfield', 'Riverside', 'Fairview', 'Greenville', 'Oakridge', 'Lakewood', 'Kingston',
  'Milton', 'Ashford', 'Westbrook',
];

interface CountryInfo {
  readonly name: string;
  readonly weight: number;
  readonly tld: string;
  readonly legal: readonly string[];
  readonly northAmericaOrEurope: boolean;
}
const country = (
  name: string, weight: number, tld: string, legal: readonly string[], naEu = false,
): CountryInfo => ({ name, weight, tld, legal, northAmericaOrEurope: naEu });

const COUNTRIES: readonly CountryInfo[] = [
  country('United States', 40, 'com', ['Inc', 'LLC', 'Corp'], true),
  country('Canada', 6, 'ca', ['Inc', 'Ltd'], true),
  country('Mexico', 3, 'com.mx', ['SA de CV'], true),
  country('United Kingdom', 9, 'co.uk', ['Ltd', 'PLC'], true),
  country('Germany', 6, 'de', ['GmbH', 'AG'], true),
  country('France', 4, 'fr', ['SAS', 'SA'], true),
  country('Netherlands', 3, 'nl', ['BV'], true),
  country('Spain', 3, 'es', ['SL', 'SA'], true),
  country('Italy', 2, 'it', ['SpA', 'Srl'], true),
  country('Sweden', 2, 'se', ['AB'], true),
  country('Ireland', 2, 'ie', ['Ltd'], true),
  country('Poland', 2, 'pl', ['Sp. z o.o.'], true),
  country('India', 6, 'in', ['Pvt Ltd']),
  country('Australia', 4, 'com.au', ['Pty Ltd']),
  country('Brazil', 3, 'com.br', ['Ltda']),
  country('Japan', 2, 'co.jp', ['Co., Ltd.']),
  country('Singapore', 2, 'com.sg', ['Pte Ltd']),
  country('South Africa', 1, 'co.za', ['(Pty) Ltd']),
];
const COUNTRY_TABLE: Weighted<CountryInfo> = COUNTRIES.map((c) => [c, c.weight] as const);

const LEAD_SOURCES: Weighted<string> = [
  ['Website', 30], ['Paid Search', 15], ['LinkedIn', 14], ['Email Campaign', 12],
  ['Webinar', 10], ['Referral', 10], ['Trade Show', 9],
];

// Titles: the scoring templates match the first 18 strings exactly. Two tables because who fills
// in a form differs with company size: owners and founders at micro companies, staff elsewhere.
const TITLES_SMALL: Weighted<string> = [
  ['Owner', 16], ['CEO', 9], ['Founder', 6], ['Chief Executive Officer', 2], ['CTO', 2],
  ['Office Manager', 7], ['Sales Manager', 4], ['Marketing Manager', 4], ['Operations Manager', 3],
  ['Consultant', 6], ['Customer Service Representative', 3], ['Software Engineer', 3],
  ['Analyst', 2], ['Student', 4], ['VP Sales', 0.5], ['VP Marketing', 0.5],
  ['Chief Technology Officer', 0.5], ['IT Director', 0.3], ['Marketing Director', 0.5],
  ['Account Executive', 2], ['Intern', 1],
];
const TITLES_LARGE: Weighted<string> = [
  ['CEO', 2], ['Chief Executive Officer', 1], ['CTO', 1.5], ['Chief Technology Officer', 1],
  ['CFO', 1], ['VP Sales', 2.5], ['VP Marketing', 2.5], ['Sales Manager', 7],
  ['Marketing Manager', 8], ['IT Director', 3.5], ['Marketing Director', 3],
  ['Operations Manager', 5], ['Customer Service Representative', 5], ['Software Engineer', 8],
  ['Analyst', 7], ['Consultant', 4], ['Student', 2], ['Owner', 0.5], ['Office Manager', 3],
  ['Product Manager', 4], ['Project Manager', 4], ['HR Manager', 2], ['Account Executive', 4],
  ['Business Development Representative', 3], ['Data Scientist', 2], ['Head of Growth', 1],
  ['Procurement Specialist', 1.5], ['Intern', 1.5],
];
const DECISION_MAKER_TITLES: ReadonlySet<string> = new Set([
  'CEO', 'Chief Executive Officer', 'CTO', 'Chief Technology Officer', 'CFO', 'VP Sales',
  'VP Marketing', 'Owner', 'Founder',
]);

/** Free-mail domains; an address at one of these is a personal (not business) email. */
export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'proton.me', 'gmx.de',
  'web.de', 'aol.com',
];
const PERSONAL_DOMAINS_DEFAULT: Weighted<string> = [
  ['gmail.com', 50], ['yahoo.com', 12], ['hotmail.com', 10], ['outlook.com', 12],
  ['icloud.com', 8], ['proton.me', 3], ['aol.com', 2], ['gmx.de', 1],
];
const PERSONAL_DOMAINS_DE: Weighted<string> = [
  ['gmx.de', 25], ['web.de', 20], ['gmail.com', 35], ['outlook.com', 8], ['icloud.com', 5],
  ['proton.me', 4], ['hotmail.com', 3],
];

const PERSONAL_DOMAIN_SET: ReadonlySet<string> = new Set(PERSONAL_EMAIL_DOMAINS);

const SPAM_NAMES = ['asdf', 'qwerty', 'aaaa', 'test', 'xxx', 'zxcv', 'jjjj', 'sdfg', 'abc'];
const SPAM_NAME_SET: ReadonlySet<string> = new Set(SPAM_NAMES);

/**
 * Spam-like: a keyboard-mash/test name, or a name typed all in lower case ("john smith"). Real
 * names in the tables are capitalised, so a leading a-z marks a careless or fake sign-up.
 */
export function isSpamLikeName(first: string, last: string): boolean {
  const f = first.trim();
  const l = last.trim();
  return (
    startsLowercase(f) ||
    (startsLowercase(l) && !/^(de|van|von|da|di) /.test(l)) ||
    SPAM_NAME_SET.has(f.toLowerCase()) ||
    SPAM_NAME_SET.has(l.toLowerCase())
  );
}

const startsLowercase = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122;
};

// ---------------------------------------------------------------------------------------------
// The hidden conversion model.

export type HiddenFeature =
  | 'industryTechOrHealthcare'
  | 'decisionMakerTitle'
  | 'managerOrDirectorTitle'
  | 'northAmericaOrEurope'
  | 'log1pPricingPageVisits'
  | 'downloadedDatasheet'
  | 'attendedWebinar'
  | 'clickedEmail'
  | 'demoRequested'
  | 'trialSignedUp'
  | 'activeLast30Days'
  | 'personalEmail'
  | 'spamLikeName';

/**
 * The true model behind "Converted": P(converted) = sigmoid(intercept + sum(weight * feature)),
 * with features computed from the clean row by `hiddenModelFeatures`. Calibration tests can
 * compare a fitted scoring model against these coefficients.
 */
export const HIDDEN_MODEL: {
  readonly intercept: number;
  readonly weights: Readonly<Record<HiddenFeature, number>>;
  readonly describe: string;
} = {
  intercept: -3.8,
  weights: {
    industryTechOrHealthcare: 0.5,
    decisionMakerTitle: 0.8,
    managerOrDirectorTitle: 0.4,
    northAmericaOrEurope: 0.3,
    log1pPricingPageVisits: 0.7,
    downloadedDatasheet: 0.4,
    attendedWebinar: 0.5,
    clickedEmail: 0.4,
    demoRequested: 1.4,
    trialSignedUp: 1.2,
    activeLast30Days: 0.6,
    personalEmail: -0.8,
    spamLikeName: -3,
  },
  describe:
    'logit P(Converted) = intercept + sum of weight x feature, features from the clean row: ' +
    'industryTechOrHealthcare (Industry is Technology or Healthcare), decisionMakerTitle ' +
    '(C-level, VP, Owner or Founder), managerOrDirectorTitle (Title contains Manager or ' +
    'Director), northAmericaOrEurope (Country), log1pPricingPageVisits (ln(1 + Pricing Page ' +
    'Visits)), downloadedDatasheet (Datasheet Downloads > 0), attendedWebinar (Webinars Attended ' +
    '> 0), clickedEmail (Email Clicks > 0), demoRequested, trialSignedUp (booleans), ' +
    'activeLast30Days (asOf - Last Activity Date <= 30), personalEmail (free-mail domain, see ' +
    'PERSONAL_EMAIL_DOMAINS), spamLikeName (see isSpamLikeName); all 0/1 except the log term.',
};

const num = (v: CellValue): number => (typeof v === 'number' ? v : 0);
const str = (v: CellValue): string => (typeof v === 'string' ? v : '');
const NA_EU: ReadonlySet<string> = new Set(
  COUNTRIES.filter((c) => c.northAmericaOrEurope).map((c) => c.name),
);

type FeatureOf = (row: readonly CellValue[], asOfSerial: number) => number;
const bit = (b: boolean): number => (b ? 1 : 0);

/** Each feature as a function of a clean row: one definition serves the generator and tests. */
const FEATURES: Readonly<Record<HiddenFeature, FeatureOf>> = {
  industryTechOrHealthcare: (r) => {
    const industry = str(r[C.industry]);
    return bit(industry === 'Technology' || industry === 'Healthcare');
  },
  decisionMakerTitle: (r) => bit(DECISION_MAKER_TITLES.has(str(r[C.title]))),
  managerOrDirectorTitle: (r) => {
    const title = str(r[C.title]);
    return bit(title.includes('Manager') || title.includes('Director'));
  },
  northAmericaOrEurope: (r) => bit(NA_EU.has(str(r[C.country]))),
  log1pPricingPageVisits: (r) => Math.log1p(num(r[C.pricing])),
  downloadedDatasheet: (r) => bit(num(r[C.datasheets]) > 0),
  attendedWebinar: (r) => bit(num(r[C.webinars]) > 0),
  clickedEmail: (r) => bit(num(r[C.clicks]) > 0),
  demoRequested: (r) => bit(r[C.demo] === true),
  trialSignedUp: (r) => bit(r[C.trial] === true),
  activeLast30Days: (r, asOf) => bit(asOf - num(r[C.lastActivity]) <= 30),
  personalEmail: (r) => {
    const email = str(r[C.email]);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    // Lower-casing only when needed: this runs once per generated lead.
    return bit(
      PERSONAL_DOMAIN_SET.has(domain) ||
        (/[A-Z]/.test(domain) && PERSONAL_DOMAIN_SET.has(domain.toLowerCase())),
    );
  },
  spamLikeName: (r) => bit(isSpamLikeName(str(r[C.first]), str(r[C.last]))),
};
const FEATURE_TERMS = (Object.keys(FEATURES) as HiddenFeature[]).map(
  (k) => [HIDDEN_MODEL.weights[k], FEATURES[k]] as const,
);

/** The hidden model's features of a clean (messiness 0) row. */
export function hiddenModelFeatures(
  row: readonly CellValue[],
  asOfSerial: number,
): Record<HiddenFeature, number> {
  const out = {} as Record<HiddenFeature, number>;
  for (const k of Object.keys(FEATURES) as HiddenFeature[]) out[k] = FEATURES[k](row, asOfSerial);
  return out;
}

/** intercept + sum(weight * feature) of a clean row, without allocating (called per lead). */
export function hiddenModelLogit(row: readonly CellValue[], asOfSerial: number): number {
  let z = HIDDEN_MODEL.intercept;
  for (const [weight, feature] of FEATURE_TERMS) z += weight * feature(row, asOfSerial);
  return z;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

// ---------------------------------------------------------------------------------------------
// Companies: a fixed pool, each drawn from its own stream, so leads share employers (as in a real
// CRM export) and a company's industry, size, country and domain agree across its leads.

const COMPANY_POOL = 25_000;
const STREAM_MAIN = 1;
const STREAM_MESS = 2;
const STREAM_COMPANY = 3;

interface Company {
  readonly name: string;
  readonly domain: string;
  readonly industry: string;
  readonly employees: number;
  readonly country: CountryInfo;
}

function makeCompany(rng: SeededRandom): Company {
  const industry = rng.weighted(INDUSTRIES);
  const ctry = rng.weighted(COUNTRY_TABLE);
  // Heavy tail: log-normal with median ~10, so half have 1-10 people and ~4% have 500+.
  let employees = Math.min(50_000, Math.max(1, Math.round(Math.exp(rng.normal(2.3, 2.2)))));
  if (employees > 100 && rng.chance(0.7)) {
    // People report headcount in round numbers: 2 significant digits.
    const unit = 10 ** (Math.floor(Math.log10(employees)) - 1);
    employees = Math.round(employees / unit) * unit;
  }
  if (industry === 'Government') employees = Math.max(employees, 25); // even small towns have staff
  const words = INDUSTRY_WORDS[industry] ?? DESCRIPTORS;
  let core: string;
  let descriptor = '';
  const shape = industry === 'Government' ? 4 : rng.int(0, 3);
  switch (shape) {
    case 0:
      core = rng.pick(LAST_NAMES);
      descriptor = rng.chance(0.5) ? rng.pick(DESCRIPTORS) : rng.pick(words);
      break;
    case 1:
      core = rng.pick(COINED_HEADS) + rng.pick(COINED_TAILS);
      if (rng.chance(0.5)) descriptor = rng.chance(0.5) ? rng.pick(DESCRIPTORS) : rng.pick(words);
      break;
    case 2:
      core = `${rng.pick(LAST_NAMES)} & ${rng.pick(LAST_NAMES)}`;
      if (rng.chance(0.4)) descriptor = rng.pick(words);
      break;
    case 3:
      core = `${rng.pick(COINED_HEADS)} ${rng.pick(words)}`;
      break;
    default:
      core = rng.chance(0.5) ? `City of ${rng.pick(PLACES)}` : `${rng.pick(PLACES)} ${rng.pick(words)}`;
  }
  const base = descriptor === '' ? core : `${core} ${descriptor}`;
  const legal = industry !== 'Government' && rng.chance(0.45) ? rng.pick(ctry.legal) : '';
  const name = legal === '' ? base : `${base} ${legal}`;
  const tld =
    industry === 'Government' && ctry.name === 'United States'
      ? 'gov'
      : ctry.tld !== 'com' && rng.chance(0.4)
        ? 'com'
        : industry === 'Technology' && rng.chance(0.25)
          ? 'io'
          : ctry.tld;
  // Domains drop the legal form and often the descriptor: "Bluepeak Labs Inc" -> bluepeak.io.
  const domain = `${slug(rng.chance(0.5) ? core : base)}.${tld}`;
  return { name, domain, industry, employees, country: ctry };
}

// ---------------------------------------------------------------------------------------------

/** Excel-style thousands separators for messy Employees cells: 1200 -> "1,200". */
const withThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const INDUSTRY_MESS: readonly ((s: string) => string)[] = [
  (s) => `  ${s.toLowerCase()} `,
  (s) => s.toUpperCase(),
  (s) => `${s} `,
  (s) => ` ${s}`,
];

export function generateLeads(options: GenerateLeadsOptions): LeadTable {
  const count = Math.max(0, Math.floor(options.count));
  const firstIndex = Math.max(0, Math.floor(options.first ?? 0));
  const asOfText = options.asOf ?? '2026-11-01';
  const asOf = excelSerialFromIsoDate(asOfText);
  if (Number.isNaN(asOf)) throw new Error(`asOf must be a 'YYYY-MM-DD' date, got '${asOfText}'`);
  const messiness = Math.min(1, Math.max(0, options.messiness ?? 0.03));
  const spamRate = Math.min(0.5, (messiness * 2) / 3); // ~2% at the default 0.03
  const seedHash = hashSeed(options.seed ?? 1);

  const rng = new SeededRandom();
  const mess = new SeededRandom();
  const companyRng = new SeededRandom();
  const companies = new Array<Company | undefined>(COMPANY_POOL); // cache: a company is drawn once
  const rows: CellValue[][] = new Array<CellValue[]>(count);

  for (let index = firstIndex; index < firstIndex + count; index++) {
    rng.reseed(seedHash, index, STREAM_MAIN);
    if (messiness > 0) mess.reseed(seedHash, index, STREAM_MESS); // else never drawn from

    const companyId = rng.int(0, COMPANY_POOL - 1);
    let company = companies[companyId];
    if (company === undefined) {
      company = makeCompany(companyRng.reseed(seedHash, companyId, STREAM_COMPANY));
      companies[companyId] = company;
    }

    const fi = rng.int(0, FIRST_NAMES.length - 1);
    const li = rng.int(0, LAST_NAMES.length - 1);
    let first: string = FIRST_NAMES[fi]!;
    let last: string = LAST_NAMES[li]!;
    const title = rng.weighted(company.employees <= 10 ? TITLES_SMALL : TITLES_LARGE);
    const source = rng.weighted(LEAD_SOURCES);

    // ~20% sign up with a free-mail address; students and micro-company owners far more often.
    const personalP = title === 'Student' ? 0.85 : company.employees <= 10 ? 0.25 : 0.12;
    const personal = rng.chance(personalP);
    const emailStyle = rng.next();
    const f = FIRST_SLUGS[fi]!;
    const l = LAST_SLUGS[li]!;
    let email: string;
    if (personal) {
      const domain = rng.weighted(
        company.country.name === 'Germany' ? PERSONAL_DOMAINS_DE : PERSONAL_DOMAINS_DEFAULT,
      );
      const suffix = rng.chance(0.4) ? String(rng.int(1, 99)) : '';
      email = `${emailStyle < 0.7 ? `${f}.${l}` : `${f}${l}`}${suffix}@${domain}`;
    } else {
      const local =
        emailStyle < 0.7 ? `${f}.${l}` : emailStyle < 0.85 ? `${f[0]}${l}` : emailStyle < 0.93 ? f : `${f}_${l}`;
      email = `${local}@${company.domain}`;
    }

    // Spam is drawn from the mess stream so the main stream (and the clean lead) is unchanged.
    const spam = spamRate > 0 && mess.chance(spamRate);
    if (spam) {
      if (mess.chance(0.5)) {
        first = mess.pick(SPAM_NAMES);
        last = mess.pick(SPAM_NAMES);
        email = mess.chance(0.5) ? `${first}@${last}.com` : `${first}${mess.int(1, 999)}@gmail.com`;
      } else {
        first = first.toLowerCase();
        last = last.toLowerCase();
      }
    }

    const created = asOf - Math.floor(548 * Math.pow(rng.next(), 1.3)); // newer leads are commoner
    const span = asOf - created;
    // Latent interest: log-normal, so most leads barely engage and a few engage a lot. Older
    // leads have had more time to accumulate activity.
    let interest = Math.exp(rng.normal(-0.6, 1.1));
    if (source === 'Referral') interest *= 1.8;
    if (spam) interest *= 0.15; // fake sign-ups rarely come back
    const tenure = 0.35 + 0.65 * Math.min(1, span / 120);
    const mu = interest * tenure;
    const viaSite = source === 'Website' || source === 'Paid Search';

    const website = rng.poisson(8 * mu) + (viaSite ? 1 : 0);
    const pricing = rng.poisson(1.1 * Math.pow(interest, 1.3) * tenure);
    const blog = rng.poisson(3 * mu);
    const datasheets = rng.poisson(0.45 * mu);
    const ebooks = rng.poisson(0.6 * mu);
    const webinars = rng.poisson(0.35 * mu) + (source === 'Webinar' ? 1 : 0);
    const subscribed = rng.chance(0.85);
    const opens = subscribed ? rng.poisson(6 * mu) : 0;
    const clickP = 0.12 + 0.1 * Math.min(1, interest / 3);
    const clicks = rng.binomial(opens, clickP); // a click needs an open
    const emailDownloads = rng.binomial(clicks, 0.3);
    const likes = rng.poisson((source === 'LinkedIn' ? 2.5 : 0.8) * mu);
    const eventJoins = rng.poisson((source === 'LinkedIn' ? 0.4 : 0.12) * mu);
    const demo = rng.chance(
      sigmoid(-3.4 + 0.9 * Math.log(interest) + (pricing > 0 ? 0.6 : 0) +
        (source === 'Referral' || source === 'Trade Show' ? 0.6 : 0)),
    );
    const trial = rng.chance(sigmoid(-3.2 + 0.8 * Math.log(interest) + (demo ? 0.8 : 0)));
    const videos = rng.poisson(1 * mu);
    const comparisons = rng.poisson(0.3 * mu);

    // Leads go cold: activity happens in a window after creation whose length is exponential,
    // longer for more interested leads; only leads whose window reaches asOf look recent.
    const activeDays = -Math.log(1 - rng.next()) * 60 * (0.5 + Math.min(interest, 3));
    const end = Math.min(asOf, created + Math.floor(activeDays));
    const lastWebinar = webinars > 0 ? lastOf(rng, webinars, created, end) : '';
    const emailEvents = opens + clicks + emailDownloads;
    const lastEmail = emailEvents > 0 ? lastOf(rng, emailEvents, created, end) : '';
    const otherEvents =
      website + pricing + blog + datasheets + ebooks + likes + eventJoins + videos + comparisons +
      (demo ? 1 : 0) + (trial ? 1 : 0);
    let lastActivity = otherEvents > 0 ? lastOf(rng, otherEvents, created, end) : created;
    if (lastWebinar !== '' && lastWebinar > lastActivity) lastActivity = lastWebinar;
    if (lastEmail !== '' && lastEmail > lastActivity) lastActivity = lastEmail;

    const row: CellValue[] = [
      `L-${String(index + 1).padStart(6, '0')}`,
      first, last, email, company.name, title, company.industry, company.employees,
      company.country.name, source, created,
      website, pricing, blog, datasheets, ebooks, webinars, lastWebinar,
      opens, clicks, emailDownloads, lastEmail,
      likes, eventJoins, demo, trial, videos, comparisons, lastActivity,
      false,
    ];
    row[C.converted] = rng.next() < sigmoid(hiddenModelLogit(row, asOf));
    if (messiness > 0) applyMess(row, mess, messiness);
    rows[index - firstIndex] = row;
  }
  return { headers: [...LEAD_COLUMNS], rows };
}

/** The day of the last of n events uniform over [from, to]: the max of n uniforms is u^(1/n). */
function lastOf(rng: SeededRandom, n: number, from: number, to: number): number {
  return Math.min(to, from + Math.floor((to - from + 1) * Math.pow(rng.next(), 1 / n)));
}

/** Corrupts cells the way hand-maintained spreadsheets are corrupted; each with probability m. */
function applyMess(row: CellValue[], mess: SeededRandom, m: number): void {
  for (const i of COUNT_COLUMNS) {
    const v = row[i];
    if (typeof v !== 'number') continue;
    if (mess.chance(m)) {
      const k = mess.int(0, 3);
      row[i] = k === 0 ? ` ${v} ` : k === 1 ? `${v} ` : k === 2 ? ` ${v}` : String(v);
    } else if (mess.chance(m / 10)) {
      row[i] = '#N/A';
    }
  }
  const employees = row[C.employees];
  if (mess.chance(m)) row[C.employees] = '';
  else if (typeof employees === 'number' && mess.chance(m)) {
    row[C.employees] = employees >= 1000 ? withThousands(employees) : ` ${employees} `;
  }
  if (mess.chance(m)) row[C.country] = '';
  if (mess.chance(m)) row[C.title] = '';
  if (mess.chance(m)) row[C.industry] = mess.pick(INDUSTRY_MESS)(str(row[C.industry]));
  if (mess.chance(m / 2)) row[C.company] = `${str(row[C.company])} `;
  for (const i of DATE_COLUMNS) {
    const v = row[i];
    if (typeof v === 'number' && mess.chance(m)) {
      const iso = isoDateFromExcelSerial(v);
      // Text dates as typed by people: ISO, or US month/day/year.
      row[i] = mess.chance(0.5) ? iso : `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
    }
  }
}
