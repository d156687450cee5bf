import { Button, Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { conditionLabel, describeCondition, describeDecay, type Condition, type ConditionOp, type Criterion, type Decay } from '../engine';
import type { LeadColumn } from '../workbook/session';
import { opsForKind, shapeOf, withOp } from './conditionChoices';
import { NumberField } from './NumberField';
import { ValuesEditor } from './ValuesEditor';

export interface CriterionEditorProps {
  criterion: Criterion;
  /** Used in the labels, so each control names its rule. */
  title: string;
  columns: readonly LeadColumn[];
  canMoveUp: boolean;
  canMoveDown: boolean;
  onChange: (change: Partial<Criterion>) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

/** The full editor of one rule, opened from its line in the rule list. */
export function CriterionEditor({ criterion: c, title, columns, canMoveUp, canMoveDown, onChange, onMove, onRemove }: CriterionEditorProps) {
  const column = columns.find((col) => col.name.toLowerCase() === c.field.toLowerCase());
  const ops = opsForKind(column?.kind, c.condition.op);
  const fieldNames = columns.some((col) => col.name === c.field) || c.field === '' ? columns.map((col) => col.name) : [c.field, ...columns.map((col) => col.name)];
  const kindOf = (name: string) => columns.find((col) => col.name === name)?.kind;
  return (
    <div className="rule-editor">
      <Field label="Name" size="small">
        <Input size="small" value={c.name} placeholder={describeCondition(c.field, c.condition)} onChange={(_, d) => onChange({ name: d.value })} />
      </Field>
      <div className="row two">
        <Field label="Column" size="small">
          <Select size="small" value={c.field} onChange={(_, d) => onChange({ field: d.value })}>
            {c.field === '' && <option value="">(choose a column)</option>}
            {fieldNames.map((name) => (
              <option key={name} value={name}>{name}{kindOf(name) !== undefined ? '' : ' (not in the table)'}</option>
            ))}
          </Select>
        </Field>
        <Field label="Condition" size="small">
          <Select size="small" value={c.condition.op} onChange={(_, d) => onChange({ condition: withOp(c.condition, d.value as ConditionOp) })}>
            {ops.map((op) => (
              <option key={op} value={op}>{conditionLabel(op)}</option>
            ))}
          </Select>
        </Field>
      </div>
      <ConditionValue condition={c.condition} column={column} fieldLabel={c.field} onChange={(condition) => onChange({ condition })} />
      <details className="more" open={hasExtras(c)}>
        <summary>Per occurrence, cap and decay{extrasSummary(c)}</summary>
        <div className="row">
          <Checkbox
            label="Per occurrence"
            checked={c.perOccurrenceOf !== null}
            onChange={(_, d) => onChange({ perOccurrenceOf: d.checked === true ? (c.perOccurrenceOf ?? (column?.kind === 'number' ? c.field : firstNumberColumn(columns) ?? c.field)) : null })}
          />
          {c.perOccurrenceOf !== null && (
            <Field label="Count column" size="small">
              <Select size="small" value={c.perOccurrenceOf} onChange={(_, d) => onChange({ perOccurrenceOf: d.value })}>
                {withCurrent(columns.filter((col) => col.kind === 'number').map((col) => col.name), c.perOccurrenceOf).map((name) => (
                  <option key={name} value={name}>{name}</option>
                ))}
              </Select>
            </Field>
          )}
        </div>
        <div className="row two">
          <NumberField label="Cap: at least" allowEmpty value={c.cap.min} onChange={(min) => onChange({ cap: { ...c.cap, min } })} />
          <NumberField label="Cap: at most" allowEmpty value={c.cap.max} onChange={(max) => onChange({ cap: { ...c.cap, max } })} />
        </div>
        <DecayEditor decay={c.decay} columns={columns} onChange={(decay) => onChange({ decay })} />
      </details>
      <div className="row actions">
        <Button size="small" onClick={() => onMove(-1)} disabled={!canMoveUp} aria-label={`Move ${title} up`}>Up</Button>
        <Button size="small" onClick={() => onMove(1)} disabled={!canMoveDown} aria-label={`Move ${title} down`}>Down</Button>
        <Button size="small" onClick={onRemove} aria-label={`Remove ${title}`}>Remove</Button>
      </div>
    </div>
  );
}

function ConditionValue({ condition, column, fieldLabel, onChange }: { condition: Condition; column: LeadColumn | undefined; fieldLabel: string; onChange: (c: Condition) => void }) {
  switch (shapeOf(condition.op)) {
    case 'values':
      return 'values' in condition ? (
        <ValuesEditor label={fieldLabel || 'the column'} values={condition.values} suggestions={column?.distinct ?? []} onChange={(values) => onChange({ ...condition, values } as Condition)} />
      ) : null;
    case 'value':
      return 'value' in condition ? <NumberField label="Value" value={condition.value} onChange={(v) => onChange({ ...condition, value: v ?? 0 })} /> : null;
    case 'range':
      return 'min' in condition ? (
        <div className="row">
          <NumberField label="From" value={condition.min} onChange={(v) => onChange({ ...condition, min: v ?? 0 })} />
          <NumberField label="To" value={condition.max} onChange={(v) => onChange({ ...condition, max: v ?? 0 })} />
        </div>
      ) : null;
    case 'days':
      return 'days' in condition ? <NumberField label="Days" value={condition.days} onChange={(v) => onChange({ ...condition, days: v ?? 0 })} /> : null;
    case 'none':
      return null;
  }
}

const DECAY_KINDS: readonly { kind: Decay['kind'] | 'none'; label: string }[] = [
  { kind: 'none', label: 'No decay' },
  { kind: 'factor', label: 'Lose a percentage after some days' },
  { kind: 'deduct', label: 'Lose points after some days' },
  { kind: 'halfLife', label: 'Halve every so many days' },
];

function DecayEditor({ decay, columns, onChange }: { decay: Decay | null; columns: readonly LeadColumn[]; onChange: (d: Decay | null) => void }) {
  const dateColumns = columns.filter((c) => c.kind === 'date').map((c) => c.name);
  const dateField = decay?.dateField ?? dateColumns[0] ?? '';
  const change = (kind: string) => {
    if (kind === 'factor') onChange({ kind, dateField, afterDays: 30, percent: 50 });
    else if (kind === 'deduct') onChange({ kind, dateField, afterDays: 90, points: 10 });
    else if (kind === 'halfLife') onChange({ kind, dateField, halfLifeDays: 30 });
    else onChange(null);
  };
  return (
    <fieldset className="decay">
      <legend>Decay{decay !== null ? `: ${describeDecay(decay)}` : ''}</legend>
      <div className="row">
        <Field label="Decay" size="small">
          <Select size="small" value={decay?.kind ?? 'none'} onChange={(_, d) => change(d.value)}>
            {DECAY_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>{k.label}</option>
            ))}
          </Select>
        </Field>
        {decay !== null && (
          <Field label="Date column" size="small">
            <Select size="small" value={decay.dateField} onChange={(_, d) => onChange({ ...decay, dateField: d.value })}>
              {withCurrent(dateColumns, decay.dateField).map((name) => (
                <option key={name} value={name}>{name}</option>
              ))}
            </Select>
          </Field>
        )}
        {decay !== null && decay.kind !== 'halfLife' && (
          <NumberField label="After days" value={decay.afterDays} onChange={(v) => onChange({ ...decay, afterDays: v ?? 0 })} />
        )}
        {decay?.kind === 'factor' && <NumberField label="Lose percent" value={decay.percent} onChange={(v) => onChange({ ...decay, percent: v ?? 0 })} />}
        {decay?.kind === 'deduct' && <NumberField label="Lose points" value={decay.points} onChange={(v) => onChange({ ...decay, points: v ?? 0 })} />}
        {decay?.kind === 'halfLife' && <NumberField label="Half-life in days" value={decay.halfLifeDays} onChange={(v) => onChange({ ...decay, halfLifeDays: v ?? 0 })} />}
      </div>
    </fieldset>
  );
}

function hasExtras(c: Criterion): boolean {
  return c.perOccurrenceOf !== null || c.decay !== null || c.cap.min !== null || c.cap.max !== null;
}

function extrasSummary(c: Criterion): string {
  const parts = [
    c.perOccurrenceOf !== null ? `per ${c.perOccurrenceOf}` : '',
    c.cap.min !== null || c.cap.max !== null ? `capped ${c.cap.min ?? ''}..${c.cap.max ?? ''}` : '',
    c.decay !== null ? describeDecay(c.decay) : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? '' : `: ${parts.join('; ')}`;
}

function withCurrent(names: readonly string[], current: string): readonly string[] {
  return names.includes(current) || current === '' ? names : [current, ...names];
}

function firstNumberColumn(columns: readonly LeadColumn[]): string | undefined {
  return columns.find((c) => c.kind === 'number')?.name;
}

export function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}
