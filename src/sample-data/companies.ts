import { SeededRandom } from './random';
import {
  COUNTRY_TABLE, type CountryInfo, DESCRIPTORS, INDUSTRIES, INDUSTRY_WORDS, LAST_NAMES, PLACES,
  COINED_HEADS, COINED_TAILS, slug,
} from './leadVocabulary';

/**
 * Companies: a fixed pool, each drawn from its own stream, so leads share employers (as in a real
 * CRM export) and a company's industry, size, country and domain agree across its leads.
 */

export const COMPANY_POOL = 25_000;
/** The random streams of one seed, one per purpose; distinct, so no two purposes draw alike. */
export const STREAMS = { main: 1, mess: 2, company: 3, realistic: 4 } as const;

export interface Company {
  readonly name: string;
  readonly domain: string;
  readonly industry: string;
  readonly employees: number;
  readonly country: CountryInfo;
}

export function makeCompany(rng: SeededRandom): Company {
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
