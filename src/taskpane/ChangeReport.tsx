import { printable, type ChangeSummary } from '../engine';
import { changeHeadline, changeNotes } from '../insights/changeReport';
import type { ApplyChange } from '../workbook/session';

/** Leads listed in the pane; the rest are counted (the sheet's Change column has them all). */
const LISTED = 8;

/**
 * What changed since the last Apply: the headline ("12 leads became Hot, 4 dropped to Cold since
 * 18 Nov"), the leads that moved band, and what was not compared (new, gone, no ID, shared ID).
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
  return (
    <section className="change-report" aria-labelledby="change-heading" data-testid="change-report">
      <h3 id="change-heading">What changed</h3>
      <p className="change-headline">{printable(changeHeadline(s))}</p>
      {s.moved.length > 0 && (
        <ul className="change-moves">
          {s.moved.slice(0, LISTED).map((m) => (
            <li key={`${m.row}-${m.id}`}>
              <span className="change-id" title={printable(m.id)}>{printable(m.id)}</span>
              <span className="muted small">row {m.row}</span>
              <span className="change-bands">{m.from} to {m.to}</span>
              <span className={`change-points ${m.move === 'up' ? 'change-up' : 'change-down'}`}>{m.points > 0 ? '+' : ''}{m.points}</span>
            </li>
          ))}
        </ul>
      )}
      {s.movedCount > LISTED && <p className="muted small">and {(s.movedCount - LISTED).toLocaleString('en-US')} more: filter the Change or Band since column.</p>}
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
