/** The string tables every lead is drawn from (only ids, emails and company names are built per lead). */

export const FIRST_NAMES = [
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

export const LAST_NAMES = [
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
export const slug = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
export const FIRST_SLUGS = FIRST_NAMES.map(slug);
export const LAST_SLUGS = LAST_NAMES.map(slug);

type Weighted<T> = readonly (readonly [T, number])[];

export const INDUSTRIES: Weighted<string> = [
  ['Technology', 22], ['Healthcare', 10], ['Education', 8], ['Finance', 10],
  ['Manufacturing', 10], ['Retail', 9], ['Consumer Electronics', 5], ['Hospitality', 5],
  ['Government', 4], ['Non-profit', 5], ['Real Estate', 6], ['Media', 6],
];

export const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
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

export const COINED_HEADS = [
  'Blue', 'North', 'Bright', 'Silver', 'Green', 'Iron', 'Clear', 'Swift', 'Summit', 'Nova', 'Apex',
  'Cedar', 'Pine', 'Harbor', 'Stone', 'Sun', 'Star', 'Quantum', 'Vertex', 'Red', 'Oak', 'Maple',
];
export const COINED_TAILS = [
  'peak', 'field', 'wave', 'bridge', 'point', 'line', 'soft', 'logic', 'grid', 'core', 'path',
  'gate', 'forge', 'mark', 'view', 'scale', 'sphere', 'stack', 'leaf', 'river',
];
export const DESCRIPTORS = [
  'Labs', 'Group', 'Systems', 'Solutions', 'Partners', 'Technologies', 'Consulting', 'Holdings',
];
export const PLACES = [
  'Springfield', 'Riverside', 'Fairview', 'Greenville', 'Oakridge', 'Lakewood', 'Kingston',
  'Milton', 'Ashford', 'Westbrook',
];

export interface CountryInfo {
  readonly name: string;
  readonly weight: number;
  readonly tld: string;
  readonly legal: readonly string[];
  readonly northAmericaOrEurope: boolean;
}
const country = (
  name: string, weight: number, tld: string, legal: readonly string[], naEu = false,
): CountryInfo => ({ name, weight, tld, legal, northAmericaOrEurope: naEu });

export const COUNTRIES: readonly CountryInfo[] = [
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
export const COUNTRY_TABLE: Weighted<CountryInfo> = COUNTRIES.map((c) => [c, c.weight] as const);

export const LEAD_SOURCES: Weighted<string> = [
  ['Website', 30], ['Paid Search', 15], ['LinkedIn', 14], ['Email Campaign', 12],
  ['Webinar', 10], ['Referral', 10], ['Trade Show', 9],
];

// Titles: the scoring templates match the first 18 strings exactly. Two tables because who fills
// in a form differs with company size: owners and founders at micro companies, staff elsewhere.
export const TITLES_SMALL: Weighted<string> = [
  ['Owner', 16], ['CEO', 9], ['Founder', 6], ['Chief Executive Officer', 2], ['CTO', 2],
  ['Office Manager', 7], ['Sales Manager', 4], ['Marketing Manager', 4], ['Operations Manager', 3],
  ['Consultant', 6], ['Customer Service Representative', 3], ['Software Engineer', 3],
  ['Analyst', 2], ['Student', 4], ['VP Sales', 0.5], ['VP Marketing', 0.5],
  ['Chief Technology Officer', 0.5], ['IT Director', 0.3], ['Marketing Director', 0.5],
  ['Account Executive', 2], ['Intern', 1],
];
export const TITLES_LARGE: Weighted<string> = [
  ['CEO', 2], ['Chief Executive Officer', 1], ['CTO', 1.5], ['Chief Technology Officer', 1],
  ['CFO', 1], ['VP Sales', 2.5], ['VP Marketing', 2.5], ['Sales Manager', 7],
  ['Marketing Manager', 8], ['IT Director', 3.5], ['Marketing Director', 3],
  ['Operations Manager', 5], ['Customer Service Representative', 5], ['Software Engineer', 8],
  ['Analyst', 7], ['Consultant', 4], ['Student', 2], ['Owner', 0.5], ['Office Manager', 3],
  ['Product Manager', 4], ['Project Manager', 4], ['HR Manager', 2], ['Account Executive', 4],
  ['Business Development Representative', 3], ['Data Scientist', 2], ['Head of Growth', 1],
  ['Procurement Specialist', 1.5], ['Intern', 1.5],
];
export const DECISION_MAKER_TITLES: ReadonlySet<string> = new Set([
  'CEO', 'Chief Executive Officer', 'CTO', 'Chief Technology Officer', 'CFO', 'VP Sales',
  'VP Marketing', 'Owner', 'Founder',
]);

/** Free-mail domains; an address at one of these is a personal (not business) email. */
export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'proton.me', 'gmx.de',
  'web.de', 'aol.com',
];
export const PERSONAL_DOMAINS_DEFAULT: Weighted<string> = [
  ['gmail.com', 50], ['yahoo.com', 12], ['hotmail.com', 10], ['outlook.com', 12],
  ['icloud.com', 8], ['proton.me', 3], ['aol.com', 2], ['gmx.de', 1],
];
export const PERSONAL_DOMAINS_DE: Weighted<string> = [
  ['gmx.de', 25], ['web.de', 20], ['gmail.com', 35], ['outlook.com', 8], ['icloud.com', 5],
  ['proton.me', 4], ['hotmail.com', 3],
];

export const PERSONAL_DOMAIN_SET: ReadonlySet<string> = new Set(PERSONAL_EMAIL_DOMAINS);

export const SPAM_NAMES = ['asdf', 'qwerty', 'aaaa', 'test', 'xxx', 'zxcv', 'jjjj', 'sdfg', 'abc'];
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

