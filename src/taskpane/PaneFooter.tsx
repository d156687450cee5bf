import { Button } from '@fluentui/react-components';
import type { LiveScores } from './liveScores';
import { textOn } from './theme';

export interface PaneFooterProps {
  /** The live scores shown: the current ones, or the last good ones while the model has errors. */
  live: LiveScores;
  /** True while `live` is the last good preview rather than the current model's. */
  stale: boolean;
  /** Why Apply cannot run now, in words; null when it can. */
  applyBlocked: string | null;
  busy: boolean;
  status: string;
  onApply: () => void;
}

/** Always in view: the leads per band as the model stands, and Apply (or why it is not possible). */
export function PaneFooter({ live, stale, applyBlocked, busy, status, onApply }: PaneFooterProps) {
  const total = Math.max(1, live.count);
  return (
    <footer className={stale ? 'pane-footer stale' : 'pane-footer'} aria-label="Live preview and Apply">
      <h2 id="live-heading" className="sr-only">Live preview ({live.count} leads)</h2>
      <div className="footer-counts" aria-labelledby="live-heading">
        {live.bands.length === 0 ? (
          <p className="muted">No scores yet.</p>
        ) : (
          <ul className="band-counts" aria-label="Leads per band">
            {live.bands.map(({ band, count }, i) => (
              <li key={i} data-band={band.name} title={`${count} of ${live.count} leads (${Math.round((100 * count) / total)}%)`}>
                <span className="swatch" style={{ background: band.color, color: textOn(band.color) }}>{band.name}</span>
                <span className="count">{count.toLocaleString('en-US')}</span>
                <span className="share">{Math.round((100 * count) / total)}%</span>
              </li>
            ))}
          </ul>
        )}
        {stale && <p className="footer-note">Last good preview: fix the errors to update it.</p>}
        {!stale && live.warning !== null && <p className="footer-note warn" role="note">{live.warning}</p>}
      </div>
      <div className="footer-apply">
        <Button appearance="primary" disabled={busy || applyBlocked !== null} aria-describedby="apply-why" onClick={onApply}>Apply</Button>
        <p id="apply-why" className="apply-why" role="status">{busy ? 'Applying…' : applyBlocked ?? status}</p>
      </div>
    </footer>
  );
}
