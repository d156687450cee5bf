/**
 * The change report in words: "12 leads became Hot, 4 dropped to Cold since 18 Nov", and its
 * details, for the pane and `leadscore score` alike. Beside the engine, not in it: the pane
 * loads it with its report (after an Apply), not with every page.
 */
import type { ChangeSummary } from '../engine';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '18 Nov' for a date of this year, '18 Nov 2025' otherwise. */
export function shortDate(iso: string, today: string): string {
  const [year, month, day] = iso.split('-');
  const text = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
  return year === today.slice(0, 4) ? text : `${text} ${year}`;
}

const leads = (n: number): string => `${n.toLocaleString('en-US')} lead${n === 1 ? '' : 's'}`;

/**
 * The headline: how many leads moved into each band since the last scoring, up moves first
 * (highest band first), then down moves (lowest band first):
 * "12 leads became Hot, 3 became Warm, 4 dropped to Cold since 18 Nov".
 */
export function changeHeadline(s: ChangeSummary): string {
  if (s.restartedFrom !== null) {
    const r = s.restartedFrom;
    return `Leads are identified by '${s.idColumn}' now, by '${r.idColumn}' at the last scoring (${shortDate(r.scoredOn, s.scoredOn)}): nothing compared; Change shows from the next scoring`;
  }
  if (s.since === null) return `First scoring: ${leads(s.leads)} scored; Change shows from the next scoring`;
  const since = shortDate(s.since, s.scoredOn);
  const ups = s.entered.filter((b) => b.up > 0).map((b) => `${b.up.toLocaleString('en-US')} became ${b.band}`);
  const downs = [...s.entered].reverse().filter((b) => b.down > 0).map((b) => `${b.down.toLocaleString('en-US')} dropped to ${b.band}`);
  const renamed = s.movedCount - s.entered.reduce((n, b) => n + b.up + b.down, 0);
  const others = renamed > 0 ? [`${renamed.toLocaleString('en-US')} moved to a band the model no longer has`] : [];
  const parts = [...ups, ...downs, ...others];
  if (parts.length === 0) return `No lead changed band since ${since}`;
  // "12 leads became Hot": the noun once, on the first count.
  const first = parts[0] as string;
  const firstCount = Number(first.split(' ')[0]?.replace(/,/g, ''));
  parts[0] = first.replace(/^[\d,]+/, leads(firstCount));
  return `${parts.join(', ')} since ${since}`;
}

/**
 * What else the report must say so that nothing is silently mismatched: new leads, leads no
 * longer in the table, leads without an ID and leads sharing one (none of these get a Change).
 */
export function changeNotes(s: ChangeSummary): string[] {
  const notes: string[] = [];
  const rows = (list: readonly number[], total: number): string => `${list.slice(0, 10).join(', ')}${total > Math.min(list.length, 10) ? ', ...' : ''}`;
  if (s.since !== null && s.newLeads > 0) notes.push(`${leads(s.newLeads)} new since the last scoring (Change: new)`);
  if (s.removedCount > 0) {
    const ids = s.removed.slice(0, 10).map((l) => `'${l.id}'`).join(', ');
    notes.push(`${leads(s.removedCount)} of the last scoring ${s.removedCount === 1 ? 'is' : 'are'} no longer in the table (by ${s.idColumn}): ${ids}${s.removedCount > 10 ? ', ...' : ''}`);
  }
  if (s.noIdCount > 0) notes.push(`${leads(s.noIdCount)} without ${s.idColumn} ${s.noIdCount === 1 ? 'gets' : 'get'} no Change or Band since (row${s.noIdCount === 1 ? '' : 's'} ${rows(s.noIdRows, s.noIdCount)})`);
  if (s.duplicateCount > 0) {
    const shown = s.duplicates.slice(0, 5).map((d) => `'${d.id}' (rows ${rows(d.rows, d.rows.length)})`).join(', ');
    notes.push(`${leads(s.duplicateCount)} share ${s.idColumn} with another lead and get no Change or Band since: ${shown}${s.duplicates.length > 5 ? ', ...' : ''}`);
  }
  return notes;
}

/** One line per lead that moved band, at most `limit`, then how many more: "'ann@acme.com' (row 12): Warm -> Hot, +18". */
export function movedLines(s: ChangeSummary, limit: number): string[] {
  const lines = s.moved.slice(0, limit).map((m) => `'${m.id}' (row ${m.row}): ${m.from} -> ${m.to}, ${m.points > 0 ? '+' : ''}${m.points}`);
  const more = s.movedCount - lines.length;
  if (more > 0) lines.push(`... and ${more.toLocaleString('en-US')} more`);
  return lines;
}
