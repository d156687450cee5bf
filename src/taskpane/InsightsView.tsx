import { Button, Field, Select } from '@fluentui/react-components';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { priorityActionOf, withPriorityAction, type Band, type Model, type Priority, type Result } from '../engine';
import { backtest, calibrate, compareModels, describeMove, type Backtest, type Calibration } from '../insights';
import type { InsightsActionEdits, LeadTable, ScoringSession } from '../workbook/session';
import { aucLine, binLabel, gainAt, gainLine, headline, insightsReport, percent, suggestOutcomeColumn, summaryLine, thresholdLine, warningsSummary } from './insightsReport';
import { textOn } from './theme';
import { NumberField } from './NumberField';
import { priorityMatrixOf, PriorityMatrixView } from './PriorityMatrixView';
import { ProblemList } from './ProblemList';
import { ScorecardReport } from './ScorecardReport';

export interface InsightsViewProps {
  session: ScoringSession;
  /** The champion: the model in the editor, which Apply and the functions use. */
  model: Model;
  table: LeadTable;
  /** Replaces the model in the editor (the user can still edit it), with a notice saying why. */
  onAdopt: (model: Model, why: string) => void;
  /** Edits the model in the editor, as the Model tab does (the priority actions). */
  onEdit: (update: (current: Model) => Model) => void;
}

const GAIN_SHOWN = [0.1, 0.2, 0.3, 0.5];
const auc = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(3));
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Insights for the current lead table: the model proved against an outcome column (AUC,
 * conversion per band, gain, distribution, a threshold for sales' capacity, data-quality
 * warnings), points calibrated from the outcomes to adopt or discard, and the model compared
 * with a challenger (the calibrated model or the one saved beside it).
 */
export function InsightsView({ session, model, table, onAdopt, onEdit }: InsightsViewProps) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<string>('');
  const [capacity, setCapacity] = useState<number>(20);
  const [calibration, setCalibration] = useState<Result<Calibration> | null>(null);
  /** The model the calibration started from, to say when the editor has moved on since. */
  const [calibratedFrom, setCalibratedFrom] = useState<Model | null>(null);
  const [challenger, setChallenger] = useState<{ model: Model; source: string } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  // Actions typed over the Insights sheet's action cells join the model when the view opens, and again before the sheet is written.
  useEffect(() => {
    let live = true;
    session.readInsightsActionEdits().then((edits) => {
      if (!live) return;
      const taken = newActions(model, edits);
      if (taken.length === 0) return;
      onEdit((current) => withActions(current, edits));
      setStatus(tookLine(taken, edits));
    }, () => undefined);
    return () => {
      live = false;
    };
    // Once per opening of the view (so not on `model`): later edits are taken when the sheet is written.
  }, [session]);

  const show = () => {
    setOpen(true);
    if (outcome === '') setOutcome(suggestOutcomeColumn(table) ?? '');
  };

  const share = Math.min(1, Math.max(0, capacity / 100));
  // A backtest of 10,000 leads takes about 0.1 s: typing in the editor goes first, the figures follow.
  const shown = useDeferredValue(model);
  const result = useMemo(
    () => (!open || outcome === '' ? null : backtest(shown, table.headers, table.rows, outcome, { capacity: { kind: 'share', share } })),
    [open, outcome, shown, table, share],
  );
  const comparison = useMemo(
    () => (!open || outcome === '' || challenger === null ? null : compareModels(shown, challenger.model, table.headers, table.rows, outcome)),
    [open, outcome, shown, table, challenger],
  );

  const runCalibration = () => {
    setBusy(true);
    setStatus('Calibrating points from the outcomes…');
    // Let the pane show the status before the fit takes the thread.
    setTimeout(() => {
      const cal = calibrate(model, table.headers, table.rows, outcome);
      setCalibration(cal);
      setCalibratedFrom(model);
      if (cal.ok) setChallenger({ model: cal.value.model, source: 'the calibrated model' });
      setStatus(cal.ok ? '' : 'Calibration is not possible on this table; see the problems below.');
      setBusy(false);
    }, 0);
  };

  const adopt = (cal: Calibration) => {
    onAdopt(cal.model, `The calibrated points were adopted (holdout AUC ${auc(cal.holdout.aucBefore)} before, ${auc(cal.holdout.aucAfter)} after); edit them as you like.`);
    setCalibration(null);
    setChallenger(null);
    setStatus('Adopted: the calibrated model is now in the editor.');
  };

  const discard = () => {
    setCalibration(null);
    if (challenger?.source === 'the calibrated model') setChallenger(null);
    setStatus('Discarded the calibrated model; the model in the editor is unchanged.');
  };

  const act = async (what: string, action: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus(await action());
    } catch (e) {
      setStatus(`${what} failed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const saveChallenger = (m: Model) =>
    act('Saving the challenger', async () => {
      await session.saveChallenger(m);
      return "Saved as the challenger on the sheet 'Lead Scoring (challenger)'. Apply and the functions still use the Lead Scoring sheet.";
    });

  const loadChallenger = () =>
    act('Loading the challenger', async () => {
      const stored = await session.loadChallenger();
      if (stored.model === null) return stored.problems.length > 0 ? `The challenger sheet cannot be read: ${stored.problems[0]?.message ?? ''}` : 'No challenger has been saved in this workbook yet.';
      setChallenger({ model: stored.model, source: 'the saved challenger' });
      return `Comparing with the saved challenger '${stored.model.name}'.`;
    });

  const writeSheet = (b: Backtest) =>
    act('Writing the Insights sheet', async () => {
      // Actions typed on the sheet since the view opened go into the model first, so the rewrite shows them instead of losing them.
      const edits = await session.readInsightsActionEdits();
      const taken = newActions(model, edits);
      const current = withActions(model, edits);
      if (taken.length > 0) onEdit((m) => withActions(m, edits));
      const matrix = priorityMatrixOf(current, table, outcome);
      const report = insightsReport(b, b.capacityThreshold, comparison?.ok === true ? comparison.value : null, matrix.ok ? { matrix: matrix.value, outcome } : null);
      const written = await session.writeInsights(report);
      const wrote = `Wrote the sheet '${written.sheet}' with its tables and ${written.charts} chart${written.charts === 1 ? '' : 's'}.`;
      return taken.length === 0 ? wrote : `${tookLine(taken, edits)} ${wrote}`;
    });

  // Who to call first needs no outcome: it is there before Show insights, with conversion after.
  const matrix = <PriorityMatrixView model={model} table={table} outcome={open && outcome !== '' ? outcome : null} onEdit={onEdit} />;
  if (!open) {
    return (
      <>
        {matrix}
        <section aria-labelledby="insights-heading" className="group insights">
          <h2 id="insights-heading">Insights</h2>
          <p className="muted">Check the model against past outcomes, learn points from them, and compare two models.</p>
          {status !== '' && <p role="status">{status}</p>}
          <Button onClick={show}>Show insights</Button>
        </section>
      </>
    );
  }

  const b = result?.ok === true ? result.value : null;
  // Which outcome and how many leads sales can work: first when there are no figures yet, else under the plain-words summary.
  const settings = (
    <div className="row two insights-settings">
      <Field label="Outcome column" size="small" hint="yes/no, 1/0, won/lost">
        <Select size="small" value={outcome} onChange={(_, d) => { setOutcome(d.value); setCalibration(null); setChallenger(null); }}>
          {outcome === '' && <option value="">Choose a column</option>}
          {table.headers.map((h) => (
            <option key={h} value={h}>{h}</option>
          ))}
        </Select>
      </Field>
      <NumberField label="Sales can work (% of leads)" value={capacity} onChange={(v) => setCapacity(v ?? 20)} />
    </div>
  );
  return (
    <>
    {matrix}
    <section aria-labelledby="insights-heading" className="group insights">
      <h2 id="insights-heading">Insights</h2>
      {b === null && settings}
      {status !== '' && <p role="status">{status}</p>}
      {outcome === '' && <p>Choose the column that says which leads converted.</p>}
      {result !== null && !result.ok && <ProblemList problems={result.problems} title="No backtest:" />}
      {b !== null && (
        <>
          <p className="headline" data-testid="insights-headline">{headline(b)}</p>
          {gainAt(b, 0.2) !== undefined && <p>{plainGain(gainAt(b, 0.2)!)}</p>}
          {b.capacityThreshold !== null && <p aria-label="Threshold suggestion">{thresholdLine(b.capacityThreshold)}</p>}
          <BandRateChart b={b} colours={model.bands} />
          {settings}
          <p className="muted small">{summaryLine(b)}</p>
          <p className="muted small auc" data-testid="insights-auc">{aucLine(b.auc)}</p>
          {result?.ok === true && result.warnings.length > 0 && (
            <details className="warnings">
              <summary>{warningsSummary(result.warnings.length, result.warnings[0]?.message)}</summary>
              <ProblemList problems={result.warnings} />
            </details>
          )}
          <details className="figures">
            <summary>Figures: bands, gain, score distribution</summary>
            <h3>Conversion by band</h3>
            <table aria-label="Conversion by band">
              <thead>
                <tr><th>Band</th><th>Leads</th><th>Won</th><th>Rate</th><th>Lift</th></tr>
              </thead>
              <tbody>
                {b.bands.map((r) => (
                  <tr key={r.band}><td>{r.band}</td><td>{r.leads}</td><td>{r.converted}</td><td>{percent(r.rate, 1)}</td><td>{Number.isFinite(r.lift) ? `${r.lift.toFixed(1)}x` : 'n/a'}</td></tr>
                ))}
              </tbody>
            </table>
            <h3>Gain: working the top-scoring leads first</h3>
            <ul aria-label="Cumulative gain">
              {GAIN_SHOWN.map((x) => gainAt(b, x)).filter((p) => p !== undefined).map((p) => <li key={p.leadShare}>{gainLine(p)}</li>)}
            </ul>
            <h3>Score distribution</h3>
            <table aria-label="Score distribution">
              <thead>
                <tr><th>Scores</th><th>Leads</th><th>Won</th><th>Rate</th></tr>
              </thead>
              <tbody>
                {b.distribution.map((d, i) => (
                  <tr key={i}><td>{binLabel(d, binWidth(b))}</td><td>{d.leads}</td><td>{d.converted}</td><td>{d.leads === 0 ? '' : percent(d.converted / d.leads)}</td></tr>
                ))}
              </tbody>
            </table>
          </details>
          <div className="actions">
            <Button onClick={runCalibration} disabled={busy}>Calibrate points</Button>
            <Button onClick={() => void writeSheet(b)} disabled={busy}>Write Insights sheet</Button>
            <Button onClick={() => void loadChallenger()} disabled={busy}>Compare with saved challenger</Button>
          </div>
        </>
      )}
      {calibration !== null && !calibration.ok && <ProblemList problems={calibration.problems} title="Calibration failed:" />}
      {calibration?.ok === true && (
        <div aria-label="Calibrated model" role="region">
          <h3>Calibrated points</h3>
          <p>
            Holdout AUC ({calibration.value.holdout.leads} leads set aside): {auc(calibration.value.holdout.aucBefore)} before, {auc(calibration.value.holdout.aucAfter)} after.
          </p>
          {calibratedFrom !== model && <p role="note">The model was edited since this calibration; calibrate again to fit the current criteria.</p>}
          <table aria-label="Calibrated criteria">
            <thead>
              <tr><th>Criterion</th><th>Now</th><th>Calibrated</th><th>Note</th></tr>
            </thead>
            <tbody>
              {calibration.value.criteria.map((c, i) => (
                <tr key={i}><td>{c.label}{c.suggested ? ' (new)' : ''}</td><td>{c.oldPoints ?? ''}</td><td>{c.newPoints}</td><td>{c.note}</td></tr>
              ))}
            </tbody>
          </table>
          <ProblemList problems={calibration.warnings} title="Calibration notes:" />
          <div className="actions">
            <Button appearance="primary" onClick={() => adopt(calibration.value)} disabled={busy}>Adopt</Button>
            <Button onClick={() => void saveChallenger(calibration.value.model)} disabled={busy}>Save as challenger</Button>
            <Button onClick={discard} disabled={busy}>Discard</Button>
          </div>
        </div>
      )}
      {outcome !== '' && <ScorecardReport table={table} outcome={outcome} dateOrder={model.dateOrder} capacityShare={share} busy={busy} onAdopt={onAdopt} onSaveChallenger={(m) => void saveChallenger(m)} />}
      {comparison !== null && !comparison.ok && <ProblemList problems={comparison.problems} title="No comparison:" />}
      {comparison?.ok === true && challenger !== null && (
        <div aria-label="Champion and challenger" role="region">
          <h3>Champion and challenger</h3>
          <p className="muted">The current model against {challenger.source}, on the same leads.</p>
          <table aria-label="Champion and challenger figures">
            <thead>
              <tr><th></th><th>Model</th><th>AUC</th><th>Top 20% capture</th><th>Lift</th></tr>
            </thead>
            <tbody>
              {([['Champion', comparison.value.champion], ['Challenger', comparison.value.challenger]] as const).map(([role, x]) => (
                <tr key={role}><td>{role}</td><td>{x.model}</td><td>{auc(x.auc)}</td><td>{percent(gainAt(x, 0.2)?.gain ?? Number.NaN)}</td><td>{(gainAt(x, 0.2)?.lift ?? Number.NaN).toFixed(2)}x</td></tr>
              ))}
            </tbody>
          </table>
          <ul aria-label="Band moves">
            {comparison.value.moves.length === 0 ? <li>No lead changes band.</li> : comparison.value.moves.map((m, i) => <li key={i}>{describeMove(m)}</li>)}
          </ul>
          <table aria-label="Band migration">
            <thead>
              <tr><th>Champion \ challenger</th>{comparison.value.challenger.bands.map((x) => <th key={x.band}>{x.band}</th>)}</tr>
            </thead>
            <tbody>
              {comparison.value.migration.map((r, i) => (
                <tr key={i}><th>{comparison.value.champion.bands[i]?.band}</th>{r.map((n, j) => <td key={j}>{n}</td>)}</tr>
              ))}
            </tbody>
          </table>
          {challenger.source === 'the saved challenger' && (
            <Button onClick={() => onAdopt(challenger.model, `The saved challenger '${challenger.model.name}' is now the model in the editor.`)} disabled={busy}>Make the challenger the model</Button>
          )}
        </div>
      )}
    </section>
    </>
  );
}

/** The priorities whose action typed on the Insights sheet differs from the model's. */
function newActions(m: Model, edits: InsightsActionEdits): Priority[] {
  return (Object.keys(edits) as Priority[]).filter((p) => priorityActionOf(withPriorityAction(m, p, edits[p] ?? ''), p) !== priorityActionOf(m, p));
}

function withActions(m: Model, edits: InsightsActionEdits): Model {
  return newActions(m, edits).reduce((next, p) => withPriorityAction(next, p, edits[p] ?? ''), m);
}

function tookLine(taken: readonly Priority[], edits: InsightsActionEdits): string {
  return `Took the actions typed on the Insights sheet into the model: ${taken.map((p) => `${p} '${edits[p] ?? ''}'`).join(', ')}.`;
}

/** "Working the top 20% of leads reaches 46% of the conversions." */
function plainGain(p: Backtest['gain'][number]): string {
  return `Working the top ${percent(p.leadShare)} of leads reaches ${percent(p.gain)} of the conversions.`;
}

function binWidth(b: Backtest): number {
  const first = b.distribution[0];
  return first === undefined ? 1 : first.to - first.from;
}

/** The one chart: conversion rate per band, in the bands' own colours. */
function BandRateChart({ b, colours }: { b: Backtest; colours: readonly Band[] }) {
  const max = Math.max(0.0001, ...b.bands.map((r) => (Number.isFinite(r.rate) ? r.rate : 0)));
  const rowHeight = 22;
  const labelWidth = 56;
  const width = 300;
  const described = b.bands.map((r) => `${r.band} ${percent(r.rate, 1)}`).join(', ');
  return (
    <svg className="chart" role="img" aria-label={`Conversion rate by band: ${described}`} viewBox={`0 0 ${width} ${b.bands.length * rowHeight + 4}`}>
      {b.bands.map((r, i) => {
        const colour = colours.find((c) => c.name === r.band)?.color ?? '#999999';
        const w = Number.isFinite(r.rate) ? ((width - labelWidth - 52) * r.rate) / max : 0;
        const y = i * rowHeight + 2;
        return (
          <g key={r.band}>
            <text x={0} y={y + 15}>{r.band}</text>
            <rect x={labelWidth} y={y + 2} width={Math.max(1, w)} height={rowHeight - 6} rx={3} fill={colour} stroke={textOn(colour) === '#000000' ? 'rgba(0,0,0,0.25)' : 'none'} />
            <text x={labelWidth + Math.max(1, w) + 6} y={y + 15}>{percent(r.rate, 1)}</text>
          </g>
        );
      })}
    </svg>
  );
}
