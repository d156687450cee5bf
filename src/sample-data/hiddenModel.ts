import type { CellValue } from '../engine';
import { C } from './leadColumns';
import { COUNTRIES, DECISION_MAKER_TITLES, PERSONAL_DOMAIN_SET, isSpamLikeName } from './leadVocabulary';

/** The hidden conversion model behind the generated "Converted" column. */

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

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
