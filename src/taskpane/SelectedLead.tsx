import { Button } from '@fluentui/react-components';
import type { Band, LeadScore } from '../engine';
import { formatPoints } from './CriterionEditor';
import { DismissIcon } from './icons';
import { nextBand, type LeadIdentity } from './leadIdentity';
import { textOn } from './theme';

export interface SelectedLeadProps {
  lead: LeadIdentity | null;
  score: LeadScore | null;
  bands: readonly Band[];
  onClose: () => void;
}

const PARTS_SHOWN = 6;

/**
 * The lead selected in the sheet, pinned above the tabs: who it is, the row Excel shows, its
 * score and band, every part of the explanation, and what the next band needs.
 */
export function SelectedLead({ lead, score, bands, onClose }: SelectedLeadProps) {
  if (lead === null || score === null) {
    return <p className="lead-hint muted">Select a lead&apos;s row in the sheet to see why it scores what it does.</p>;
  }
  const next = nextBand(bands, score.score);
  const parts = score.explanation.filter((p) => p.points !== 0 || p.kind !== 'criterion' || p.detail !== '');
  const title = lead.name !== '' ? lead.name : `Row ${lead.excelRow ?? '?'}`;
  return (
    <section className="lead-card" aria-labelledby="lead-heading">
      <div className="lead-top">
        <div className="lead-who">
          <h2 id="lead-heading" title={title}>{title}</h2>
          <p className="muted">
            {lead.company !== '' && <>{lead.company} · </>}
            {lead.excelRow !== null ? `row ${lead.excelRow}` : 'row unknown'}
          </p>
        </div>
        <div className="lead-score" aria-label={`Score ${score.score}, ${score.band.name}${score.stage !== null ? `, ${score.stage}` : ''}`}>
          <strong>{score.score}</strong>
          <span className="swatch" style={{ background: score.band.color, color: textOn(score.band.color) }}>{score.band.name}</span>
        </div>
        <Button size="small" appearance="subtle" aria-label="Close the selected lead" onClick={onClose} icon={<DismissIcon />} />
      </div>
      <p className="lead-summary">
        Fit {score.fit} · engagement {score.engagement}
        {score.stage !== null && <> · <strong>{score.stage}</strong></>}
        {' · '}
        {next === null ? 'top band' : <span data-testid="next-band">{next.points} more to {next.band.name}</span>}
      </p>
      <details className="lead-parts" open>
        <summary>Why: {parts.length} part{parts.length === 1 ? '' : 's'}</summary>
        <ul aria-label="Points per criterion">
          {parts.slice(0, parts.length > PARTS_SHOWN + 1 ? PARTS_SHOWN : parts.length).map((p, i) => <Part key={i} part={p} />)}
        </ul>
        {parts.length > PARTS_SHOWN + 1 && (
          <details className="lead-more">
            <summary>{parts.length - PARTS_SHOWN} more</summary>
            <ul aria-label="More points per criterion">
              {parts.slice(PARTS_SHOWN).map((p, i) => <Part key={i} part={p} />)}
            </ul>
          </details>
        )}
      </details>
    </section>
  );
}

function Part({ part }: { part: LeadScore['explanation'][number] }) {
  return (
    <li className={part.points < 0 ? 'negative' : undefined}>
      <span className="part-label">
        <span className="part-name">{part.label}</span>
        {part.detail !== '' && <span className="part-detail" title={part.detail}>{part.detail}</span>}
      </span>
      <span className="points">{formatPoints(part.points)}</span>
    </li>
  );
}
