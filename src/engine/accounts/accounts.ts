/**
 * Accounts: leads rolled up to the companies they work for, scored from their contacts, as
 * HubSpot, 6sense and Demandbase score a company (docs/sales-view.md, "Accounts").
 *
 * - A lead's account is its company (the model's 'Account column', else a column headed
 *   Company, Account, Organisation...), else its e-mail domain (accountKey.ts). A lead with
 *   neither is counted as without an account, never dropped silently. A blank row is no lead.
 * - The account score comes from the contacts' scores as the engine gives them (so it follows
 *   any change to how a lead is scored): the best lead's score, the sum of the N best, or the
 *   average, in whole hundredths (half up), the unit scores are kept in.
 * - The account's band is the band its score reaches, by the model's bands.
 * - Engaged contacts: Engagement at or above the model's 'Engaged from' (else the Priority
 *   matrix's level 2, so levels 1 and 2 are engaged).
 * - The best lead: highest score, then highest Engagement, then e-mail, then name, then the
 *   account name as that lead gives it (by code point, blank first), then the first in the
 *   table. The SQL export orders the same way, except the last step, where the tied leads
 *   show the same figures anyway.
 * - Accounts are listed by score, highest first, then by key (code point).
 *
 * Built a block of rows at a time (AccountsBuilder), so that a file of any length keeps one
 * small record per account.
 */
import { isBlank } from '../cells/cellValue';
import { headerLookup } from '../columns';
import type { CompiledModel } from '../compile';
import { contactColumns, contactOf, type ContactColumns } from '../callList/contacts';
import type { AccountScoring, Band, Model } from '../model';
import { priorityThresholds } from '../priority';
import type { Problem, Result } from '../problems';
import { cellText, companyKey, compareCodePoints, domainKey } from './accountKey';

export interface AccountLead {
  /** Index of the lead's row among the rows given (blank rows counted). */
  readonly row: number;
  readonly name: string;
  readonly email: string;
  readonly score: number;
  readonly engagement: number;
  readonly band: string;
}

export interface Account {
  /** The normalised key the leads met on: 'acme', 'acme.com'. */
  readonly key: string;
  /** As shown: the best lead's company cell (trimmed), or the domain when it has none. */
  readonly name: string;
  readonly score: number;
  readonly band: Band;
  readonly bandIndex: number;
  readonly contacts: number;
  readonly engaged: number;
  /** Contacts per band, in the model's band order. */
  readonly perBand: readonly number[];
  readonly best: AccountLead;
}

export interface AccountColumns {
  /** Headers as in the table; null when there is none. */
  readonly company: string | null;
  readonly email: string | null;
  readonly name: string | null;
}

export interface AccountRollup {
  readonly accounts: readonly Account[];
  /** Leads read (blank rows are not leads). */
  readonly leads: number;
  /** Leads with neither a company nor a business e-mail address: in no account. */
  readonly withoutAccount: number;
  /** Leads whose account came from the e-mail domain (no company given). */
  readonly byDomain: number;
  readonly scoring: AccountScoring;
  readonly top: number;
  /** The lowest Engagement counted as engaged, in the Engagement column's unit. */
  readonly engagedFrom: number;
  readonly columns: AccountColumns;
  readonly bands: readonly Band[];
}

/** What rolling up needs besides the scores: the columns and the engaged threshold, or the located problems. */
export interface AccountPlan {
  readonly company: number | null;
  readonly email: number | null;
  readonly contacts: ContactColumns;
  readonly engagedFrom: number;
  readonly columns: AccountColumns;
}

/**
 * Finds the columns and works out the engaged threshold. Errors, located at the model's
 * setting: a named company column that is not in the table; a table with neither a company
 * nor an e-mail column; an automatic 'Engaged from' with nothing to work it out from.
 */
export function planAccounts(m: Model, headers: readonly string[]): Result<AccountPlan> {
  const problems: Problem[] = [];
  const contacts = contactColumns(headers);
  const lookup = headerLookup(headers);
  let company = contacts.company;
  if (m.accounts.column !== null) {
    const found = lookup.find(m.accounts.column);
    if (found === undefined) {
      const suggestion = lookup.suggest(m.accounts.column);
      problems.push({
        severity: 'error',
        at: { json: ['accounts', 'column'] },
        message: `unknown column '${m.accounts.column}'`,
        hint: suggestion !== undefined ? `did you mean '${suggestion}'?` : 'name the column that holds each lead\'s company, or leave the setting empty',
      });
    }
    company = found ?? null;
  }
  // Without a column headed like an e-mail address, the column the model checks for personal e-mail is one.
  const personal = m.criteria.find((c) => c.enabled && c.condition.op === 'personalEmail');
  const email = contacts.email ?? (personal === undefined ? null : (lookup.find(personal.field) ?? null));
  if (company === null && email === null && problems.length === 0) {
    problems.push({
      severity: 'error',
      at: { json: ['accounts', 'column'] },
      message: 'the table has no company column and no e-mail column, so leads cannot be rolled up to accounts',
      hint: "name the company column in 'Account column' (a column headed Company, Account or Organisation, or Email, is found by itself)",
    });
  }
  const engagedFrom = engagedThreshold(m, problems);
  if (problems.length > 0) return { ok: false, problems };
  const header = (i: number | null): string | null => (i === null ? null : (headers[i] ?? '').trim());
  const nameColumn = contacts.name ?? contacts.firstName ?? contacts.lastName;
  return {
    ok: true,
    value: { company, email, contacts, engagedFrom, columns: { company: header(company), email: header(email), name: header(nameColumn) } },
    warnings: [],
  };
}

function engagedThreshold(m: Model, problems: Problem[]): number {
  if (m.accounts.engagedFrom !== null) return m.accounts.engagedFrom;
  // Only the engagement levels are wanted: fixed grades keep a model without Fit criteria from failing on them.
  const levels = priorityThresholds({ ...m, priority: { ...m.priority, gradeA: 3, gradeB: 2, gradeC: 1 } });
  if (levels.ok) return levels.value.levels[1];
  problems.push({
    severity: 'error',
    at: { json: ['accounts', 'engagedFrom'] },
    message: "the Engagement criteria can give no points, or points without limit, so 'Engaged from' cannot be worked out",
    hint: "write a value for 'Engaged from' (the lowest Engagement of an engaged contact) or for 'Level 2 from'",
  });
  return Number.NaN;
}

interface Tally {
  readonly key: string;
  count: number;
  engaged: number;
  sumCents: number;
  /** The highest scores, in cents, highest first; at most `top` of them. */
  readonly topCents: number[];
  readonly perBand: number[];
  best: AccountLead & { readonly shown: string };
}

/** Best lead order: the better lead first. The account's shown name comes from the best lead, so it breaks ties too. */
export function betterLead(a: AccountLead & { readonly shown: string }, b: AccountLead & { readonly shown: string }): number {
  return (
    b.score - a.score ||
    b.engagement - a.engagement ||
    compareCodePoints(a.email, b.email) ||
    compareCodePoints(a.name, b.name) ||
    compareCodePoints(a.shown, b.shown) ||
    a.row - b.row
  );
}

const centsOf = (score: number): number => Math.round(score * 100);

export class AccountsBuilder {
  private readonly tallies = new Map<string, Tally>();
  private readonly top: number;
  private rows = 0;
  private leads = 0;
  private withoutAccount = 0;
  private byDomain = 0;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly plan: AccountPlan,
  ) {
    const { scoring, top } = compiled.model.accounts;
    // Only 'sum of top N' needs more than the best score kept per account.
    this.top = scoring === 'top' ? top : 1;
  }

  /** Scores a block of rows (numbered on from the rows added before) and tallies each lead to its account. */
  add(block: readonly (readonly unknown[])[]): void {
    const first = this.rows;
    this.rows += block.length;
    if (block.length === 0) return;
    const scored = this.compiled.scoreRows(block);
    const bands = this.compiled.bands;
    const { company, email, contacts, engagedFrom } = this.plan;
    for (let i = 0; i < block.length; i++) {
      const cells = block[i] ?? [];
      if (cells.every(isBlank)) continue;
      this.leads++;
      const companyText = company === null ? '' : cellText(cells[company]);
      let key = companyText === '' ? null : companyKey(companyText);
      let shown = companyText.trim();
      if (key === null) {
        key = email === null ? null : domainKey(cellText(cells[email]));
        shown = key ?? '';
        if (key !== null) this.byDomain++;
      }
      if (key === null) {
        this.withoutAccount++;
        continue;
      }
      const score = scored.scores[i] ?? 0;
      const engagement = scored.engagement[i] ?? 0;
      const bandIndex = scored.bandIndex[i] ?? 0;
      const contact = contactOf(contacts, cells);
      const lead = { row: first + i, name: contact.name, email: email === null ? '' : cellText(cells[email]).trim(), score, engagement, band: bands[bandIndex]?.name ?? '', shown };
      let tally = this.tallies.get(key);
      if (tally === undefined) {
        tally = { key, count: 0, engaged: 0, sumCents: 0, topCents: [], perBand: bands.map(() => 0), best: lead };
        this.tallies.set(key, tally);
      } else if (betterLead(lead, tally.best) < 0) {
        tally.best = lead;
      }
      tally.count++;
      if (engagement >= engagedFrom) tally.engaged++;
      tally.perBand[bandIndex] = (tally.perBand[bandIndex] ?? 0) + 1;
      const cents = centsOf(score);
      tally.sumCents += cents;
      insertTop(tally.topCents, cents, this.top);
    }
  }

  result(): AccountRollup {
    const m = this.compiled.model;
    const bands = this.compiled.bands;
    const bandFrom = bands.map((b) => b.from);
    const bandOf = (score: number): number => {
      let band = 0;
      for (let i = 1; i < bandFrom.length; i++) if (score >= (bandFrom[i] ?? Number.POSITIVE_INFINITY)) band = i;
      return band;
    };
    const accounts = [...this.tallies.values()].map((t): Account => {
      const score = accountScore(m.accounts.scoring, t) / 100;
      const bandIndex = bandOf(score);
      const { shown, ...best } = t.best;
      return { key: t.key, name: shown, score, band: bands[bandIndex] as Band, bandIndex, contacts: t.count, engaged: t.engaged, perBand: t.perBand, best };
    });
    accounts.sort((a, b) => b.score - a.score || compareCodePoints(a.key, b.key));
    return {
      accounts,
      leads: this.leads,
      withoutAccount: this.withoutAccount,
      byDomain: this.byDomain,
      scoring: m.accounts.scoring,
      top: m.accounts.top,
      engagedFrom: this.plan.engagedFrom,
      columns: this.plan.columns,
      bands,
    };
  }
}

/** The account score in cents. The average is rounded half up as a double division, which SQL repeats exactly. */
function accountScore(scoring: AccountScoring, t: Tally): number {
  if (scoring === 'average') return Math.floor(t.sumCents / t.count + 0.5) + 0;
  if (scoring === 'top') return t.topCents.reduce((sum, c) => sum + c, 0);
  return t.topCents[0] ?? 0;
}

/** Keeps the `limit` highest values, highest first. */
function insertTop(list: number[], value: number, limit: number): void {
  if (list.length === limit && value <= (list[limit - 1] ?? Number.NEGATIVE_INFINITY)) return;
  let i = list.length;
  while (i > 0 && (list[i - 1] ?? 0) < value) i--;
  list.splice(i, 0, value);
  if (list.length > limit) list.pop();
}

/** Rolls the rows of one table up to accounts. */
export function rollUpAccounts(compiled: CompiledModel, rows: readonly (readonly unknown[])[]): Result<AccountRollup> {
  const plan = planAccounts(compiled.model, compiled.headers);
  if (!plan.ok) return plan;
  const builder = new AccountsBuilder(compiled, plan.value);
  builder.add(rows);
  return { ok: true, value: builder.result(), warnings: [] };
}
