/**
 * The accounts as one table of cells, the same wherever it goes (the Accounts sheet, CSV, a
 * workbook written by `leadscore accounts`): one row per account, best first, then the
 * contacts per band, one column per band of the model.
 */
import type { AccountRollup } from './accounts';

export type AccountsCell = string | number;

export type AccountsColumnKind = 'account' | 'score' | 'band' | 'count' | 'lead' | 'bandCount';

export interface AccountsTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly AccountsCell[])[];
  /** What each column holds, for writers that format by kind (widths, number formats, colours). */
  readonly kinds: readonly AccountsColumnKind[];
}

type Row = AccountRollup['accounts'][number];

export function accountsTable(rollup: AccountRollup): AccountsTable {
  const columns: { header: string; kind: AccountsColumnKind; cell: (a: Row) => AccountsCell }[] = [
    { header: 'Account', kind: 'account', cell: (a) => a.name },
    { header: 'Account score', kind: 'score', cell: (a) => a.score },
    { header: 'Band', kind: 'band', cell: (a) => a.band.name },
    { header: 'Contacts', kind: 'count', cell: (a) => a.contacts },
    { header: 'Engaged contacts', kind: 'count', cell: (a) => a.engaged },
    { header: 'Best lead', kind: 'lead', cell: (a) => a.best.name },
    { header: 'Best lead e-mail', kind: 'lead', cell: (a) => a.best.email },
    { header: 'Best lead score', kind: 'score', cell: (a) => a.best.score },
    ...rollup.bands.map((b, i) => ({ header: b.name, kind: 'bandCount' as const, cell: (a: Row) => a.perBand[i] ?? 0 })),
  ];
  return {
    headers: columns.map((c) => c.header),
    kinds: columns.map((c) => c.kind),
    rows: rollup.accounts.map((a) => columns.map((c) => c.cell(a))),
  };
}

const SCORING_WORDS = { best: 'the best lead', top: 'the sum of the top', average: 'the average of all contacts' } as const;

/** One line saying what the table holds: "42 accounts from 300 of 312 leads (12 with no company or business e-mail); account score: the best lead." */
export function describeAccounts(rollup: AccountRollup): string {
  const n = (k: number, one: string, many: string): string => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  const inAccounts = rollup.leads - rollup.withoutAccount;
  const scoring = rollup.scoring === 'top' ? `${SCORING_WORDS.top} ${rollup.top}` : SCORING_WORDS[rollup.scoring];
  const without = rollup.withoutAccount === 0 ? '' : ` (${n(rollup.withoutAccount, 'lead', 'leads')} with no company or business e-mail in no account)`;
  return `${n(rollup.accounts.length, 'account', 'accounts')} from ${inAccounts.toLocaleString('en-US')} of ${n(rollup.leads, 'lead', 'leads')}${without}; account score: ${scoring}; engaged from Engagement ${rollup.engagedFrom}.`;
}
