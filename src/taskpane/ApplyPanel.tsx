import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Radio, RadioGroup, Field } from '@fluentui/react-components';
import { useState } from 'react';
import { formatProblems, type Model } from '../engine';
import type { ApplyOptions, OutputMode, ScoringSession } from '../workbook/session';

export interface ApplyPanelProps {
  session: ScoringSession;
  model: Model;
  /** False while the model has errors: Apply would only report them again. */
  canApply: boolean;
  /** Formulas need the add-in's custom functions, which only Excel has. */
  formulasAvailable: boolean;
  onApplied?: () => void;
}

export function ApplyPanel({ session, model: m, canApply, formulasAvailable, onApplied }: ApplyPanelProps) {
  const [mode, setMode] = useState<OutputMode>(formulasAvailable ? 'formulas' : 'values');
  const [subScores, setSubScores] = useState(false);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{ columns: readonly string[]; message: string } | null>(null);

  const run = async (options: ApplyOptions) => {
    setBusy(true);
    setStatus('Applying…');
    try {
      const result = await session.apply(m, options);
      if (result.kind === 'applied') {
        setStatus(`Scored ${result.rows} leads: ${result.columns.join(', ')} (${mode === 'formulas' ? 'live formulas' : 'static values'}).`);
        onApplied?.();
      } else if (result.kind === 'conflict') {
        setConflict({ columns: result.columns, message: result.message });
        setStatus(result.message);
      } else {
        setStatus(`Not applied: ${formatProblems(result.problems)}`);
      }
    } catch (e) {
      setStatus(`Apply failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      const r = await session.removeScoring();
      setStatus(r.columns.length === 0 ? 'There was no scoring to remove.' : `Removed ${r.columns.join(', ')} and ${r.rules} highlighting rule${r.rules === 1 ? '' : 's'}.`);
      onApplied?.();
    } catch (e) {
      setStatus(`Remove failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="apply-heading" className="group">
      <h2 id="apply-heading">Apply to the table</h2>
      <Field label="Scores as">
        <RadioGroup value={mode} onChange={(_, d) => setMode(d.value === 'formulas' ? 'formulas' : 'values')}>
          <Radio value="formulas" label="Live formulas (=LEADSCORE.SCORE)" disabled={!formulasAvailable} />
          <Radio value="values" label="Static values (for teammates without the add-in)" />
        </RadioGroup>
      </Field>
      {!formulasAvailable && <p className="muted">Formulas need Excel with this add-in; the preview writes static values.</p>}
      <Checkbox label="Also add Fit and Engagement columns" checked={subScores} onChange={(_, d) => setSubScores(d.checked === true)} />
      <div className="row">
        <Button appearance="primary" disabled={busy || !canApply} onClick={() => void run({ mode, subScores })}>Apply</Button>
        <Button disabled={busy} onClick={() => void remove()}>Remove scoring</Button>
      </div>
      <p role="status" className="status">{status}</p>
      <Dialog open={conflict !== null} onOpenChange={(_, d) => { if (!d.open) setConflict(null); }}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Overwrite existing columns?</DialogTitle>
            <DialogContent>
              <p>{conflict?.message}</p>
              <p>Columns: {conflict?.columns.join(', ')}. Their current contents will be replaced by scores.</p>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  const columns = conflict?.columns ?? [];
                  setConflict(null);
                  void run({ mode, subScores, allowOverwrite: columns });
                }}
              >
                Overwrite
              </Button>
              <Button onClick={() => { setConflict(null); setStatus('Not applied: the existing columns were kept.'); }}>Keep them</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
