import { Button, Checkbox, Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import type { ApplyChange, OutputMode } from '../workbook/session';
import { onDemand } from './OnDemand';

// Loaded with the first report, after an Apply: the page's first load stays within its budget.
const ChangeReport = onDemand('change report', () => import(/* webpackChunkName: "change-report" */ './ChangeReport').then((m) => m.ChangeReport));

/** What the last Apply in this pane wrote, to tell when static scores fall behind the model. */
export interface AppliedScores {
  readonly modelName: string;
  /** The applied model's fingerprint, to compare with the model being edited. */
  readonly fingerprint: string;
  readonly mode: OutputMode;
  readonly at: Date;
  readonly rows: number;
  /** The command line wrote these scores (`leadscore score`), not the pane's Apply. */
  readonly scoredBy?: 'leadscore';
}

export interface ApplyPanelProps {
  mode: OutputMode;
  onMode: (mode: OutputMode) => void;
  subScores: boolean;
  onSubScores: (on: boolean) => void;
  /** Formulas need the add-in's custom functions, which only Excel has. */
  formulasAvailable: boolean;
  applied: AppliedScores | null;
  /** The applied static values no longer match the model. */
  outOfDate: boolean;
  busy: boolean;
  onRemove: () => void;
  /** What the last Apply in this pane found changed since the one before; null before any Apply. */
  change?: ApplyChange | null;
  /** The model's Lead ID column (null: detected) and the lead table's columns to choose from. */
  idColumn?: string | null;
  idChoices?: readonly string[];
  onIdColumn?: (column: string | null) => void;
}

/** How the scores got into the sheet, for 'In the sheet: ...' and the footer. */
export const appliedVerb = (a: AppliedScores): string => (a.scoredBy === 'leadscore' ? 'scored by leadscore' : 'applied');

export const formatAppliedAt = (d: Date): string =>
  d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** How Apply writes the scores, what the sheet holds now, and Remove scoring. Apply itself is in the footer. */
export function ApplyPanel({ mode, onMode, subScores, onSubScores, formulasAvailable, applied, outOfDate, busy, onRemove, change = null, idColumn = null, idChoices = [], onIdColumn }: ApplyPanelProps) {
  return (
    <section aria-labelledby="apply-heading" className="group">
      <h2 id="apply-heading">Apply to the table</h2>
      {applied !== null && (
        <p className={outOfDate ? 'applied stale-note' : 'applied'} data-testid="applied-info">
          In the sheet: &apos;{applied.modelName}&apos;, {applied.mode === 'formulas' ? 'live formulas' : 'static values'}, {appliedVerb(applied)} {formatAppliedAt(applied.at)} to {applied.rows.toLocaleString('en-US')} leads.
          {outOfDate && <strong> Out of date: Apply again.</strong>}
        </p>
      )}
      {change !== null && <ChangeReport change={change} />}
      <Field label="Scores as">
        <RadioGroup value={mode} onChange={(_, d) => onMode(d.value === 'formulas' ? 'formulas' : 'values')}>
          <Radio value="formulas" label="Live formulas (=LEADSCORE.SCORE)" disabled={!formulasAvailable} />
          <Radio value="values" label="Static values" />
        </RadioGroup>
      </Field>
      <p className="muted small">
        {formulasAvailable
          ? 'Formulas follow every edit of the model. Share a workbook with people who do not have the add-in? Use static values: formulas show #NAME? without it.'
          : 'Formulas need Excel with this add-in; the preview writes static values.'}
      </p>
      <Checkbox label="Also add Fit and Engagement columns" checked={subScores} onChange={(_, d) => onSubScores(d.checked === true)} />
      {onIdColumn !== undefined && (
        <Field label="Lead ID column (for Change and Band since)" hint="Matches each lead with its last scoring. Detected: a column named like ID or Email with unique values.">
          <Select value={idColumn ?? ''} onChange={(_, d) => onIdColumn(d.value === '' ? null : d.value)}>
            {/* Which column detection picked, once an Apply has used it: 'Lead ID' may be passed over for 'Email' when it has blanks or repeats. */}
            <option value="">{change?.kind === 'tracked' && idColumn === null ? `Detect (last Apply: ${change.idColumn})` : 'Detect'}</option>
            {idColumn !== null && !idChoices.includes(idColumn) && <option value={idColumn}>{idColumn} (not in the table)</option>}
            {idChoices.map((h) => (
              <option key={h} value={h}>{h}</option>
            ))}
          </Select>
        </Field>
      )}
      <div className="row">
        <Button disabled={busy} onClick={onRemove}>Remove scoring</Button>
      </div>
    </section>
  );
}
