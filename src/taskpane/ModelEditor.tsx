import { Button, Field, Input, Select } from '@fluentui/react-components';
import { memo } from 'react';
import { GROUP_LABELS, GROUPS, modelPathOf, type Band, type Cap, type Criterion, type Group, type Model, type Problem } from '../engine';
import type { LeadColumn } from '../workbook/session';
import { defaultCondition } from './conditionChoices';
import { CriterionEditor } from './CriterionEditor';
import { addCriterion, indexesOfGroup, moveCriterion, removeCriterion, updateCriterion } from './modelEdits';
import { NumberField } from './NumberField';
import { ProblemList, problemsOfCriterion } from './ProblemList';
import { textOn } from './theme';

export interface ModelEditorProps {
  model: Model;
  columns: readonly LeadColumn[];
  /** Problems of the model against the table (validation and compile), located by path. */
  problems: readonly Problem[];
  /** Edits are updaters applied to the latest model, so an edit made from a deferred render never loses a newer one. */
  onChange: (update: (current: Model) => Model) => void; // must be stable: criterion editors are memoised on it
}

/** Memoised: it re-renders only when its model, problems or columns change, not with every live count. */
export const ModelEditor = memo(function ModelEditor({ model: m, columns, problems, onChange }: ModelEditorProps) {
  const modelLevel = problems.filter((p) => {
    const path = modelPathOf(p.at);
    return path === null || path[0] !== 'criteria' || typeof path[1] !== 'number' || path[1] >= m.criteria.length;
  });
  return (
    <section aria-labelledby="model-heading" className="model-editor">
      <h2 id="model-heading">Model: {m.name}</h2>
      <ProblemList problems={modelLevel} />
      {GROUPS.map((group) => (
        <CriteriaGroup key={group} group={group} model={m} columns={columns} problems={problems} onChange={onChange} />
      ))}
      <CapsEditor model={m} onChange={onChange} />
      <BandsEditor model={m} onChange={onChange} />
    </section>
  );
});

function CriteriaGroup({ group, model: m, columns, problems, onChange }: { group: Group } & ModelEditorProps) {
  const indexes = indexesOfGroup(m, group);
  const headingId = `group-${group}`;
  const add = () => {
    const column = columns[0];
    onChange((cur) => addCriterion(cur, group, column?.name ?? '', defaultCondition(column?.kind)));
  };
  return (
    <section aria-labelledby={headingId} className="group">
      <h3 id={headingId}>{GROUP_LABELS[group]} ({indexes.length})</h3>
      {indexes.length === 0 && <p className="muted">No {GROUP_LABELS[group].toLowerCase()} criteria yet.</p>}
      <ol className="criteria">
        {indexes.map((index, position) => {
          const c = m.criteria[index] as Criterion;
          return (
            <CriterionEditor
              key={index}
              criterion={c}
              number={index + 1}
              columns={columns}
              problems={problemsOfCriterion(problems, index)}
              canMoveUp={position > 0}
              canMoveDown={position < indexes.length - 1}
              onChange={(change) => onChange((cur) => updateCriterion(cur, index, change))}
              onMove={(direction) => onChange((cur) => moveCriterion(cur, index, direction))}
              onRemove={() => onChange((cur) => removeCriterion(cur, index))}
            />
          );
        })}
      </ol>
      <Button onClick={add}>Add {GROUP_LABELS[group].toLowerCase()} criterion</Button>
    </section>
  );
}

function CapEditor({ label, cap, onChange }: { label: string; cap: Cap; onChange: (c: Partial<Cap>) => void }) {
  return (
    <div className="row">
      <NumberField label={`${label}: at least`} allowEmpty value={cap.min} onChange={(min) => onChange({ min })} />
      <NumberField label={`${label}: at most`} allowEmpty value={cap.max} onChange={(max) => onChange({ max })} />
    </div>
  );
}

function CapsEditor({ model: m, onChange }: Pick<ModelEditorProps, 'model' | 'onChange'>) {
  return (
    <section aria-labelledby="caps-heading" className="group">
      <h3 id="caps-heading">Caps and scale</h3>
      {GROUPS.map((g) => (
        <CapEditor key={g} label={`${GROUP_LABELS[g]} cap`} cap={m.groupCaps[g]} onChange={(part) => onChange((cur) => ({ ...cur, groupCaps: { ...cur.groupCaps, [g]: { ...cur.groupCaps[g], ...part } } }))} />
      ))}
      <CapEditor label="Total cap" cap={m.totalCap} onChange={(part) => onChange((cur) => ({ ...cur, totalCap: { ...cur.totalCap, ...part } }))} />
      <Field label="Scale" size="small">
        <Select size="small" value={m.scale} onChange={(_, d) => onChange((cur) => ({ ...cur, scale: d.value === '0-100' ? '0-100' : 'points' }))}>
          <option value="points">Raw points</option>
          <option value="0-100">0-100 (share of the maximum)</option>
        </Select>
      </Field>
      <div className="row">
        <NumberField label="MQL at" allowEmpty value={m.stages.mql} onChange={(mql) => onChange((cur) => ({ ...cur, stages: { ...cur.stages, mql } }))} />
        <NumberField label="SQL at" allowEmpty value={m.stages.sql} onChange={(sql) => onChange((cur) => ({ ...cur, stages: { ...cur.stages, sql } }))} />
      </div>
    </section>
  );
}

function BandsEditor({ model: m, onChange }: Pick<ModelEditorProps, 'model' | 'onChange'>) {
  const setBand = (i: number, change: Partial<Band>) => onChange((cur) => ({ ...cur, bands: cur.bands.map((b, j) => (j === i ? { ...b, ...change } : b)) }));
  return (
    <section aria-labelledby="bands-heading" className="group">
      <h3 id="bands-heading">Bands</h3>
      <ol className="bands">
        {m.bands.map((b, i) => (
          <li key={i} className="row band">
            <span className="swatch" style={{ background: b.color, color: textOn(b.color) }}>{b.name || `Band ${i + 1}`}</span>
            <Field label={`Band ${i + 1} name`} size="small">
              <Input size="small" value={b.name} onChange={(_, d) => setBand(i, { name: d.value })} />
            </Field>
            <NumberField label={`Band ${i + 1} from`} value={b.from} onChange={(v) => setBand(i, { from: v ?? 0 })} />
            <Field label={`Band ${i + 1} colour`} size="small">
              {(fieldProps) => (
                <input {...fieldProps} type="color" className="color" value={/^#[0-9a-f]{6}$/i.test(b.color) ? b.color : '#ffffff'} onChange={(e) => setBand(i, { color: e.target.value.toUpperCase() })} />
              )}
            </Field>
            <Button size="small" aria-label={`Remove band ${b.name || i + 1}`} disabled={m.bands.length <= 1} onClick={() => onChange((cur) => ({ ...cur, bands: cur.bands.filter((_, j) => j !== i) }))}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button onClick={() => onChange((cur) => ({ ...cur, bands: [...cur.bands, { name: `Band ${cur.bands.length + 1}`, from: (cur.bands[cur.bands.length - 1]?.from ?? 0) + 10, color: '#C6EFCE' }] }))}>Add band</Button>
    </section>
  );
}
