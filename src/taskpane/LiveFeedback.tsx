import type { LeadScore } from '../engine';
import { formatPoints } from './CriterionEditor';
import type { LiveScores } from './liveScores';
import { textOn } from './theme';

/** Count per band and the score distribution of the current rows, recomputed on every edit. */
export function LiveFeedback({ live }: { live: LiveScores }) {
  const maxBin = Math.max(1, ...live.bins.map((b) => b.count));
  return (
    <section aria-labelledby="live-heading" className="group live">
      <h2 id="live-heading">Live preview ({live.count} leads)</h2>
      {live.compiled === null ? (
        <p>Fix the errors above to see the scores.</p>
      ) : (
        <>
          <ul className="band-counts" aria-label="Leads per band">
            {live.bands.map(({ band, count }, i) => (
              <li key={i} data-band={band.name}>
                <span className="swatch" style={{ background: band.color, color: textOn(band.color) }}>{band.name}</span>
                <span className="count">{count}</span>
              </li>
            ))}
          </ul>
          <svg className="histogram" role="img" aria-label={`Score distribution: ${live.bins.map((b) => `${round(b.from)} to ${round(b.to)}: ${b.count}`).join('; ')}`} viewBox={`0 0 ${live.bins.length * 10} 40`} preserveAspectRatio="none" width="100%" height="60">
            {live.bins.map((b, i) => {
              const h = (b.count / maxBin) * 38;
              return <rect key={i} x={i * 10 + 1} y={40 - h} width={8} height={h} fill="currentColor" />;
            })}
          </svg>
          {live.bins.length > 0 && (
            <p className="muted axis">
              Scores from {round(live.bins[0]?.from ?? 0)} to {round(live.bins[live.bins.length - 1]?.to ?? 0)}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Points per criterion of the selected lead; the parts add up to its score. */
export function Explanation({ row, score }: { row: number | null; score: LeadScore | null }) {
  return (
    <section aria-labelledby="explain-heading" className="group">
      <h2 id="explain-heading">Selected lead</h2>
      {row === null || score === null ? (
        <p className="muted">Select a lead row in the table to see why it scores what it does.</p>
      ) : (
        <>
          <p>
            Row {row + 1}: score <strong>{score.score}</strong>, band <strong>{score.band.name}</strong>
            {score.stage !== null ? `, ${score.stage}` : ''} (fit {score.fit}, engagement {score.engagement})
          </p>
          <ul className="explanation" aria-label="Points per criterion">
            {score.explanation.map((p, i) => (
              <li key={i}>
                <span className="points">{formatPoints(p.points)}</span> {p.label}
                {p.detail !== '' && <span className="muted"> ({p.detail})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
