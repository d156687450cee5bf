import { Button, Checkbox } from '@fluentui/react-components';
import { useState } from 'react';
import type { DateOrder, Model, Result } from '../engine';
import { buildScorecard, type Scorecard } from '../insights';
import type { LeadTable } from '../workbook/session';
import { ProblemList } from './ProblemList';

export interface ScorecardReportProps {
  table: LeadTable;
  /** The outcome column chosen in the Insights view. */
  outcome: string;
  /** How the model in the editor reads text dates; the scorecard reads them the same way. */
  dateOrder: DateOrder;
  /** Sales capacity as a share of leads (the Insights view's field), for the Hot band when asked. */
  capacityShare: number;
  busy: boolean;
  /** Puts the scorecard in the editor, with a notice saying why. */
  onAdopt: (model: Model, why: string) => void;
  onSaveChallenger: (model: Model) => void;
}

const percent = (x: number): string => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
// Bin names can be long lists of values: they wrap instead of being cut off in a 350 px pane.
const WRAP = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;
const CAPTION = { textAlign: 'left', fontWeight: 600, padding: '8px 0 2px' } as const;
const auc = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/**
 * A scorecard from the lead table: points per bin of every usable column, learned from the
 * outcomes (see src/insights/scorecard.ts). Shows, per column, its bins with leads, conversion
 * and points and its information value; the hold-out AUC next to an unconstrained regression;
 * the bands; and why each other column was left out. Adopt replaces the model in the editor;
 * nothing changes until then. Laid out for a 350 px pane: four narrow columns per table, bin
 * names wrap.
 */
export function ScorecardReport({ table, outcome, dateOrder, capacityShare, busy, onAdopt, onSaveChallenger }: ScorecardReportProps) {
  const [result, setResult] = useState<Result<Scorecard> | null>(null);
  const [working, setWorking] = useState(false);
  const [hundred, setHundred] = useState(false);
  const [atCapacity, setAtCapacity] = useState(false);
  const [built, setBuilt] = useState<{ outcome: string; table: LeadTable } | null>(null);

  const build = () => {
    setWorking(true);
    // Let the pane show that it is working before the fit takes the thread.
    setTimeout(() => {
      setResult(buildScorecard(table.headers, table.rows, outcome, { dateOrder, scale: hundred ? '0-100' : 'points', ...(atCapacity ? { capacity: { kind: 'share' as const, share: capacityShare } } : {}) }));
      setBuilt({ outcome, table });
      setWorking(false);
    }, 0);
  };

  const stale = built !== null && (built.outcome !== outcome || built.table !== table);
  const s = result?.ok === true ? result.value : null;
  return (
    <div aria-label="Scorecard" role="region" className="scorecard">
      <h3>Scorecard from the data</h3>
      <p className="muted">Points per answer range of every column that tells converters apart, each column's weakest range at 0.</p>
      <Checkbox label="Best lead scores exactly 100" checked={hundred} onChange={(_, d) => setHundred(d.checked === true)} />
      <Checkbox label={`Hot = the top ${Math.round(capacityShare * 100)}% sales can work`} checked={atCapacity} onChange={(_, d) => setAtCapacity(d.checked === true)} />
      <div className="actions">
        <Button onClick={build} disabled={busy || working || outcome === ''}>{working ? 'Building…' : s === null ? 'Build scorecard' : 'Build again'}</Button>
      </div>
      {working && <p role="status">Building the scorecard: binning each column and fitting the points…</p>}
      {result !== null && !result.ok && <ProblemList problems={result.problems} title="No scorecard:" />}
      {s !== null && (
        <>
          {stale && <p role="note">The outcome column or the leads changed since; build again to use them.</p>}
          <p data-testid="scorecard-auc">
            Hold-out AUC ({s.holdout.leads} leads set aside): scorecard {auc(s.holdout.aucScorecard)}, unconstrained logistic regression {auc(s.holdout.aucRegression)}.
          </p>
          <p className="muted">
            The best lead scores {s.maximumPoints}; {s.pointsToDoubleOdds.toFixed(1)} points double the odds of converting.
          </p>
          {s.columns.map((c) => (
            <table key={c.column} aria-label={`Scorecard: ${c.column}`} className="columns scorecard-bins">
              <caption style={CAPTION}>
                {c.column} <span className="muted">IV {c.iv.toFixed(2)}</span>
              </caption>
              <colgroup>
                <col />
                <col style={{ width: '52px' }} />
                <col style={{ width: '52px' }} />
                <col style={{ width: '40px' }} />
              </colgroup>
              <thead>
                <tr><th>Range</th><th>Leads</th><th>Conv.</th><th>Pts</th></tr>
              </thead>
              <tbody>
                {c.bins.map((b, i) => (
                  <tr key={i}>
                    <td style={WRAP}>{b.label}</td>
                    <td>{b.leads}</td>
                    <td>{percent(b.rate)}</td>
                    <td>{b.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <table aria-label="Scorecard bands" className="columns">
            <caption style={CAPTION}>Bands <span className="muted">(training leads)</span></caption>
            <thead>
              <tr><th>Band</th><th>From</th><th>Leads</th><th>Conv.</th></tr>
            </thead>
            <tbody>
              {s.bands.map((b) => (
                <tr key={b.name}><td>{b.name}</td><td>{b.from}</td><td>{percent(b.share)}</td><td>{percent(b.rate)}</td></tr>
              ))}
            </tbody>
          </table>
          {s.leftOut.length > 0 && (
            <details>
              <summary>{s.leftOut.length} column{s.leftOut.length === 1 ? '' : 's'} left out, and why</summary>
              <ul aria-label="Columns left out">
                {s.leftOut.map((l) => <li key={l.column}><strong>{l.column}</strong>: {l.note}</li>)}
              </ul>
            </details>
          )}
          <ProblemList problems={result?.ok === true ? result.warnings : []} title="Scorecard notes:" />
          <div className="actions">
            <Button appearance="primary" disabled={busy} onClick={() => { onAdopt(s.model, `The scorecard was adopted (hold-out AUC ${auc(s.holdout.aucScorecard)}, unconstrained regression ${auc(s.holdout.aucRegression)}); edit its points as you like.`); setResult(null); }}>Adopt scorecard</Button>
            <Button disabled={busy} onClick={() => onSaveChallenger(s.model)}>Save as challenger</Button>
            <Button disabled={busy} onClick={() => setResult(null)}>Discard</Button>
          </div>
        </>
      )}
    </div>
  );
}
