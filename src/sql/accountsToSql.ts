/**
 * The account rollup as one SQL SELECT over the lead query (toSql.ts): one row per account with
 * the figures the engine's rollUpAccounts gives (src/engine/accounts), from the same constants:
 * the legal-form pattern, the placeholder and free-mail lists are the engine's, inlined as
 * literals. Account arithmetic starts from each lead's score as the lead query gives it, so it
 * follows the engine's per-lead rounding wherever that goes.
 *
 * DuckDB and PostgreSQL (the dialects it is checked on); Spark has no Unicode normalisation
 * function, so it is refused rather than approximated.
 */
import {
  characterClass,
  COMPANY_PREFIX_PATTERN,
  COMPANY_SUFFIX_PATTERN,
  FULL_WIDTH_AS_ASCII,
  FULL_WIDTH_FORMS,
  INVISIBLE_CHARACTERS,
  NOT_A_COMPANY,
  NOT_IN_A_DOMAIN,
  PERSONAL_EMAIL_DOMAINS,
  planAccounts,
  PUNCTUATION_CHARACTERS,
  SUFFIX_TAIL,
  type Model,
  type Result,
} from '../engine';
import { dialectByName, type Dialect } from './dialects';
import { jsTrim, num } from './readFields';
import { commentText } from './sqlText';
import { modelToSql, type SqlOptions } from './toSql';

export interface AccountSqlOptions extends SqlOptions {
  /** The lead table's column names, to find the company, e-mail and name columns as the engine does. */
  readonly headers: readonly string[];
}

/** The account query's columns, in order; then one `<band> contacts` column per band. */
export const ACCOUNT_SQL_COLUMNS = ['account', 'account_key', 'score', 'band', 'contacts', 'engaged_contacts', 'best_lead', 'best_lead_email', 'best_lead_score'] as const;

const NS = '__leadscore_';

export function accountsToSql(m: Model, options: AccountSqlOptions): Result<string> {
  const d = dialectByName(options.dialect);
  if (d.name === 'spark') {
    return { ok: false, problems: [{ severity: 'error', at: { input: 'dialect' }, message: 'the account query is written for DuckDB and PostgreSQL only', hint: 'Spark SQL has no Unicode normalisation, which company names need' }] };
  }
  const plan = planAccounts(m, options.headers);
  if (!plan.ok) return plan;
  const leads = modelToSql(m, options);
  if (!leads.ok) return leads;
  const { contacts, engagedFrom } = plan.value;
  const column = (i: number | null): string | null => (i === null ? null : d.ident(options.headers[i] ?? ''));
  const text = (c: string | null): string => (c === null ? `CAST(NULL AS ${d.text})` : `CAST(${c} AS ${d.text})`);
  const trimmed = (c: string | null): string => `coalesce(${jsTrim(d, text(c))}, '')`;

  const companyCol = column(plan.value.company);
  const emailCol = column(plan.value.email);
  const companyText = text(companyCol);
  const [companyKey, domainKey, key] = [`${NS}company_key`, `${NS}domain_key`, `${NS}key`];
  const [email, name, cents, rank] = [`${NS}email`, `${NS}name`, `${NS}cents`, `${NS}rank`];

  // The name as contactOf gives it: the name column, else first and last name joined by a space.
  const nameOf = (): string => {
    const whole = column(contacts.name);
    const first = column(contacts.firstName);
    const last = column(contacts.lastName);
    const parts = first !== null && last !== null ? `(CASE WHEN ${trimmed(first)} <> '' AND ${trimmed(last)} <> '' THEN ${trimmed(first)} || ' ' || ${trimmed(last)} ELSE ${trimmed(first)} || ${trimmed(last)} END)` : trimmed(first ?? last);
    return whole === null ? parts : `(CASE WHEN ${trimmed(whole)} <> '' THEN ${trimmed(whole)} ELSE ${parts} END)`;
  };

  // Three steps, each naming what the next reads, so no expression is repeated per use.
  const spaced = `${NS}company_spaced`;
  const address = `${NS}address`;
  const headTail = `${NS}company_cut`;
  const domain = `${NS}domain`;
  // The account name the lead would give its account: its company as typed, else its domain.
  const shown = `(CASE WHEN ${companyKey} IS NOT NULL THEN ${NS}company_shown ELSE ${domainKey} END)`;
  const emailPlain = plainSql(d, text(emailCol));
  const keyed = `SELECT s.score, s.engagement, s.band,
    ${companySpacedSql(d, plainSql(d, companyText))} AS ${spaced},
    ${addressSql(d, emailPlain)} AS ${address},
    (length(${emailPlain}) - length(replace(${emailPlain}, '@', ''))) AS ${NS}ats,
    ${jsTrim(d, companyText)} AS ${NS}company_shown,
    ${trimmed(emailCol)} AS ${email},
    ${nameOf()} AS ${name},
    round(s.score * ${num(d, 100)}) AS ${cents}
  FROM leads_scored AS s`;
  const cut = `SELECT k0.*,
    regexp_replace(left(${spaced}, greatest(length(${spaced}) - ${SUFFIX_TAIL}, 0)) || regexp_replace(right(${spaced}, ${SUFFIX_TAIL}), ${d.str(COMPANY_SUFFIX_PATTERN)}, ''), ${d.str(COMPANY_PREFIX_PATTERN)}, '') AS ${headTail},
    lower(${d.afterLast(address, '@')}) AS ${domain}
  FROM keyed0 AS k0`;
  const placeholders = [...NOT_A_COMPANY].map(d.str).join(', ');
  const freeMail = [...PERSONAL_EMAIL_DOMAINS].map(d.str).join(', ');
  // emailDomain: something before the last '@', no white space, a domain of dot-separated labels; then not free mail.
  const keys = `SELECT k1.*,
    (CASE WHEN ${headTail} = '' OR ${headTail} IN (${placeholders}) OR ${d.matches(headTail, `^${characterClass(PUNCTUATION_CHARACTERS, escapeFor(d))}*$`)} THEN NULL ELSE ${headTail} END) AS ${companyKey},
    (CASE WHEN ${address} LIKE '%@%' AND length(${address}) > length(${domain}) + 1 AND NOT ${d.matches(address, d.whitespaceClass)}
      AND ${d.matches(domain, '^[^.]+([.][^.]+)+$')} AND ${domain} NOT IN (${freeMail})
      AND NOT ${d.matches(domain, NOT_IN_A_DOMAIN)} AND ${NS}ats = 1 THEN ${domain} END) AS ${domainKey}
  FROM keyed1 AS k1`;
  const collate = d.name === 'postgres' ? ' COLLATE "C"' : '';
  const ranked = `SELECT k.*,
    coalesce(${companyKey}, ${domainKey}) AS ${key},
    row_number() OVER (PARTITION BY coalesce(${companyKey}, ${domainKey}) ORDER BY k.score DESC, k.engagement DESC, ${email}${collate}, ${name}${collate}, ${shown}${collate}) AS ${rank}
  FROM keyed AS k
  WHERE coalesce(${companyKey}, ${domainKey}) IS NOT NULL`;

  const { scoring, top } = m.accounts;
  const accountCents =
    scoring === 'average'
      ? `floor(sum(${cents}) / count(*) + ${num(d, 0.5)})`
      : scoring === 'top'
        ? `sum(CASE WHEN ${rank} <= ${top} THEN ${cents} ELSE ${num(d, 0)} END)`
        : `max(${cents})`;
  const best = (e: string): string => `max(CASE WHEN ${rank} = 1 THEN ${e} END)`;
  const bandCounts = m.bands.map((b) => `sum(CASE WHEN r.band = ${d.str(b.name)} THEN 1 ELSE 0 END) AS ${d.ident(`${b.name} contacts`)}`);
  const grouped = `SELECT
    ${best(shown)} AS account,
    ${key} AS account_key,
    ${accountCents} / ${num(d, 100)} AS score,
    count(*) AS contacts,
    sum(CASE WHEN r.engagement >= ${num(d, engagedFrom)} THEN 1 ELSE 0 END) AS engaged_contacts,
    ${best(name)} AS best_lead,
    ${best(email)} AS best_lead_email,
    ${best('r.score')} AS best_lead_score,
    ${bandCounts.join(',\n    ')}
  FROM ranked AS r
  GROUP BY ${key}`;
  const firstBand = d.str(m.bands[0]?.name ?? '');
  const bandWhens = m.bands
    .slice(1)
    .reverse()
    .map((b) => `WHEN a.score >= ${num(d, b.from)} THEN ${d.str(b.name)}`);
  const bandSql = bandWhens.length === 0 ? firstBand : `(CASE ${bandWhens.join(' ')} ELSE ${firstBand} END)`;
  const scoringText = scoring === 'top' ? `the sum of the top ${top}` : scoring === 'average' ? 'the average of all contacts' : 'the best lead';
  const header = `-- Accounts of lead scoring model '${commentText(m.name)}' for ${d.name}; generated by leadscore sql --accounts.
-- One row per account (company, else business e-mail domain); account score: ${scoringText}; engaged from Engagement ${engagedFrom}.
-- Leads with neither a company nor a business e-mail address are in no account and not listed.
`;
  const bandNames = m.bands.map((b) => d.ident(`${b.name} contacts`));
  return {
    ok: true,
    value: `${header}WITH leads_scored AS (
${leads.value}
),
keyed0 AS (
  ${keyed}
),
keyed1 AS (
  ${cut}
),
keyed AS (
  ${keys}
),
ranked AS (
  ${ranked}
),
accounts AS (
  ${grouped}
)
SELECT a.account, a.account_key, a.score, ${bandSql} AS band, a.contacts, a.engaged_contacts, a.best_lead, a.best_lead_email, a.best_lead_score${bandNames.map((b) => `, a.${b}`).join('')}
FROM accounts AS a
ORDER BY a.score DESC, a.account_key${collate}`,
    warnings: leads.warnings,
  };
}

/** companyKey's first steps (src/engine/accounts/accountKey.ts) in SQL: NFC, JavaScript's trim, lower case, runs of white space as one space. */
function companySpacedSql(d: Dialect, s: string): string {
  const nfc = d.name === 'duckdb' ? `nfc_normalize(${s})` : `normalize(${s}, NFC)`;
  return `regexp_replace(lower(${jsTrim(d, nfc)}), ${d.str(`${d.whitespaceClass}+`)}, ' ', 'g')`;
}

/** A code point in a regular expression: RE2 (DuckDB) writes \x{XXXX}, PostgreSQL \uXXXX. */
function escapeFor(d: Dialect): (codePoint: number) => string {
  return (cp) => (d.name === 'duckdb' ? `\\x{${cp.toString(16).padStart(4, '0')}}` : `\\u${cp.toString(16).padStart(4, '0')}`);
}

/** accountKey's plainText: full-width forms as ASCII, invisible characters removed. */
function plainSql(d: Dialect, s: string): string {
  return `translate(regexp_replace(${s}, ${d.str(characterClass(INVISIBLE_CHARACTERS, escapeFor(d)))}, '', 'g'), ${d.str(FULL_WIDTH_FORMS)}, ${d.str(FULL_WIDTH_AS_ASCII)})`;
}

/** emailDomain's address: the trimmed text, or what is inside "Name <...>" when it ends with '>' (NULL when there is no '<'). */
function addressSql(d: Dialect, s: string): string {
  const t = jsTrim(d, s);
  return `(CASE WHEN ${t} LIKE '%>' THEN (CASE WHEN ${d.position(t, "'<'")} > 0 THEN ${jsTrim(d, d.group(t, '<([^<]*)>$', 1))} END) ELSE ${t} END)`;
}
