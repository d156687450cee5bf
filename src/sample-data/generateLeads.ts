import { excelSerialFromIsoDate, type CellValue } from '../engine';
import { type Company, COMPANY_POOL, STREAMS, makeCompany } from './companies';
import { hiddenModelLogit, sigmoid } from './hiddenModel';
import { C, LEAD_COLUMNS, type GeneratedLeads } from './leadColumns';
import {
  FIRST_NAMES, FIRST_SLUGS, LAST_NAMES, LAST_SLUGS, LEAD_SOURCES, PERSONAL_DOMAINS_DE,
  PERSONAL_DOMAINS_DEFAULT, SPAM_NAMES, TITLES_LARGE, TITLES_SMALL,
} from './leadVocabulary';
import { applyMess } from './messyCells';
import { SeededRandom, hashSeed } from './random';

export { LEAD_COLUMNS, type LeadColumn, type GeneratedLeads } from './leadColumns';
export { PERSONAL_EMAIL_DOMAINS, isSpamLikeName } from './leadVocabulary';
export {
  HIDDEN_MODEL, type HiddenFeature, hiddenModelFeatures, hiddenModelLogit,
} from './hiddenModel';

/**
 * Deterministic synthetic sales leads for tests, benchmarks and the bundled example.
 *
 * Every row comes from its own stream derived from (seed, row index), so the first N rows do not
 * depend on how many rows are asked for. Each row uses two streams: the main one draws the lead
 * itself, the "mess" one draws spam and formatting noise, so a messy table is the clean table
 * plus corrupted cells (apart from the ~2% spam rows, whose names and emails are replaced).
 */

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

export function generateLeads(options: GenerateLeadsOptions): GeneratedLeads {
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
    rng.reseed(seedHash, index, STREAMS.main);
    if (messiness > 0) mess.reseed(seedHash, index, STREAMS.mess); // else never drawn from

    const companyId = rng.int(0, COMPANY_POOL - 1);
    let company = companies[companyId];
    if (company === undefined) {
      company = makeCompany(companyRng.reseed(seedHash, companyId, STREAMS.company));
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
