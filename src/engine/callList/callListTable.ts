/**
 * The call list as one table of cells, the same for every place it goes (the Call list sheet,
 * CSV, Markdown, the terminal): one row per lead, the contact columns the leads have, and one
 * column per reason, so it sorts, filters and prints the same everywhere.
 */
import type { CallList } from './callList';
import type { Contact } from './contacts';

export type CallListCell = string | number;

export interface CallListTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CallListCell[])[];
  /** What each column holds, for writers that format by kind (widths, number formats, alignment). */
  readonly kinds: readonly CallListColumnKind[];
}

export type CallListColumnKind = 'rank' | 'row' | 'priority' | 'action' | 'score' | 'band' | 'change' | 'contact' | 'reason';

const CONTACT_HEADERS: Readonly<Record<keyof Contact, string>> = { name: 'Name', company: 'Company', email: 'Email', phone: 'Phone' };

export interface CallListTableOptions {
  /** The header and value of the column that finds the lead in its table, e.g. 'Row' and the Excel row number. */
  readonly rowColumn?: { readonly header: string; readonly of: (row: number) => CallListCell };
  /** Include the Change column (when the change since last scoring is known). */
  readonly change?: boolean;
}

export function callListTable(list: CallList, options: CallListTableOptions = {}): CallListTable {
  const reasonColumns = Math.max(0, ...list.entries.map((e) => e.reasons.length));
  const columns: { header: string; kind: CallListColumnKind; cell: (e: CallList['entries'][number]) => CallListCell }[] = [
    { header: '#', kind: 'rank', cell: (e) => e.rank },
    ...(options.rowColumn === undefined ? [] : [{ header: options.rowColumn.header, kind: 'row' as const, cell: (e: CallList['entries'][number]) => options.rowColumn?.of(e.row) ?? '' }]),
    { header: 'Priority', kind: 'priority', cell: (e) => e.priority ?? '' },
    ...(list.entries.some((e) => e.action !== '') ? [{ header: 'Action', kind: 'action' as const, cell: (e: CallList['entries'][number]) => e.action }] : []),
    { header: 'Score', kind: 'score', cell: (e) => e.score },
    { header: 'Band', kind: 'band', cell: (e) => e.band },
    ...(options.change === true ? [{ header: 'Change', kind: 'change' as const, cell: (e: CallList['entries'][number]) => e.change?.text ?? '' }] : []),
    ...list.contactFields.map((f) => ({ header: CONTACT_HEADERS[f], kind: 'contact' as const, cell: (e: CallList['entries'][number]) => e.contact[f] })),
    ...Array.from({ length: Math.max(1, reasonColumns) }, (_, r) => ({
      header: `Reason ${r + 1}`,
      kind: 'reason' as const,
      cell: (e: CallList['entries'][number]) => e.reasons[r]?.text ?? '',
    })),
  ];
  return {
    headers: columns.map((c) => c.header),
    kinds: columns.map((c) => c.kind),
    rows: list.entries.map((e) => columns.map((c) => c.cell(e))),
  };
}

/** One line saying what the list holds and what it left out: "The top 25 of 312 leads to call (180 Cold and 15 grade D leads not called)." */
export function describeCallList(list: CallList): string {
  const n = list.entries.length;
  const leads = (k: number): string => `${k.toLocaleString('en-US')} lead${k === 1 ? '' : 's'}`;
  const left: string[] = [];
  if (list.skipped.band > 0) left.push(`${list.skipped.band.toLocaleString('en-US')} ${list.skipBands.join(' or ')}`);
  if (list.skipped.grade > 0) left.push(`${list.skipped.grade.toLocaleString('en-US')} grade ${list.skipGrades.join(' or ')}`);
  const notCalled = left.length === 0 ? '' : ` (${left.join(' and ')} ${list.skipped.band + list.skipped.grade === 1 ? 'lead' : 'leads'} not called)`;
  if (n === 0) return `No lead to call among ${leads(list.leads)}${notCalled}.`;
  const which = n === list.eligible ? `All ${leads(n)} to call` : `The top ${n.toLocaleString('en-US')} of ${leads(list.eligible)} to call`;
  return `${which}, from ${leads(list.leads)}${notCalled}.`;
}
