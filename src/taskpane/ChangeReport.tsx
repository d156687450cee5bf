import { printable, type BandMoveEntry, type ChangeSummary } from '../engine';
import { changeHeadline, changeNotes } from '../insights/changeReport';
import type { ApplyChange } from '../workbook/session';

/** Leads listed per band move in the pane; the rest are counted (the sheet's Change column has them all). */
const LISTED_PER_GROUP = 3;

/** The leads that moved into one band one way ("Dropped to Cold"), with how many did in all. */
interface MoveGroup {
  readonly key: string;
  readonly title: string;
  readonly total: number;
  readonly leads: readonly BandMoveEntry[];
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The moved leads grouped as the headline words them, in its order: up into the highest band
 * first, then down into the lowest band first, then moves to bands the model no longer has. The
 * groups and their totals come from the summary's complete per-band counts: the summary lists a
 * limited number of leads, so a group may have fewer listed than it holds, or none.
 */
export function moveGroups(s: ChangeSummary): MoveGroup[] {
  const listed = (way: BandMoveEntry['move'], band: string) => s.moved.filter((m) => m.move === way && m.to === band);
  const ups = s.entered.filter((b) => b.up > 0).map((b) => ({ key: `up:${b.band}`, title: `Became ${b.band}`, total: b.up, leads: listed('up', b.band) }));
  const downs = [...s.entered].reverse().filter((b) => b.down > 0).map((b) => ({ key: `down:${b.band}`, title: `Dropped to ${b.band}`, total: b.down, leads: listed('down', b.band) }));
  const elsewhere = new Map<string, BandMoveEntry[]>();
  for (const m of s.moved) if (m.move !== 'up' && m.move !== 'down') elsewhere.set(m.to, [...(elsewhere.get(m.to) ?? []), m]);
  const renamed = [...elsewhere].map(([band, leads]) => ({ key: `moved:${band}`, title: `Moved to ${band}`, total: leads.length, leads }));
  return [...ups, ...downs, ...renamed].map((g) => ({ ...g, title: printable(g.title) }));
}

const signed = (points: number): string => `${points > 0 ? '+' : ''}${points.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

/**
 * What changed since the last Apply: the headline ("12 leads became Hot, 4 dropped to Cold since
 * 18 Nov"), the leads that moved band grouped as the headline counts them (so the leads that
 * dropped to Cold are listed, not only the first few moves), and what was not compared (new,
 * gone, no ID, shared ID). IDs wrap rather than being cut: the ID is how the lead is found.
 */
export function ChangeReport({ change }: { change: ApplyChange }) {
  if (change.kind === 'untracked') {
    return (
      <section className="change-report" aria-labelledby="change-heading" data-testid="change-report">
        <h3 id="change-heading">What changed</h3>
        <p className="muted small">No Change column: {printable(change.reason)}.</p>
      </section>
    );
  }
  const s: ChangeSummary = change.summary;
  const notes = [...changeNotes(s), ...change.warnings];
  const groups = moveGroups(s);
  const listed = groups.reduce((n, g) => n + Math.min(g.leads.length, LISTED_PER_GROUP), 0);
  return (
    <section className="change-report" aria-labelledby="change-heading" data-testid="change-report">
      <h3 id="change-heading">What changed</h3>
      <p className="change-headline">{printable(changeHeadline(s))}</p>
      {groups.map((g, i) => (
        <div key={g.key} className="change-group">
          <h4 id={`change-group-${i}`}>
            {g.title}: <span className="change-total">{count(g.total)} lead{g.total === 1 ? '' : 's'}</span>
          </h4>
          <ul className="change-moves" aria-labelledby={`change-group-${i}`}>
            {g.leads.slice(0, LISTED_PER_GROUP).map((m) => (
              <li key={`${m.row}-${m.id}`}>
                <span className="change-lead">
                  <span className="change-id">{printable(m.id)}</span> <span className="change-where">row {m.row}, from {printable(m.from)}</span>
                </span>
                <span className={`change-points ${m.move === 'up' ? 'change-up' : 'change-down'}`}>{signed(m.points)}</span>
              </li>
            ))}
          </ul>
          {g.total > LISTED_PER_GROUP && <p className="change-more">and {count(g.total - Math.min(g.leads.length, LISTED_PER_GROUP))} more</p>}
        </div>
      ))}
      {s.movedCount > listed && <p className="muted small">All {count(s.movedCount)} leads that changed band: filter the Change or Band since column.</p>}
      {notes.length > 0 && (
        <ul className="change-notes muted small">
          {notes.map((n) => (
            <li key={n}>{printable(n)}</li>
          ))}
        </ul>
      )}
      <p className="muted small">Identified by &apos;{printable(s.idColumn)}&apos;; the last scoring is kept on the &apos;Lead Scoring Snapshot&apos; sheet.</p>
    </section>
  );
}
