import { Button, Field, Input, Select } from '@fluentui/react-components';
import { GROUP_LABELS, GROUPS, type Band, type Cap, type Criterion, type Group, type Model, type Problem } from '../engine';
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
  onChange: (m: Model) => void;
}

export function ModelEditor({ model: m, columns, problems, onChange }: ModelEditorProps) {
  const modelLevel = problems.filter((p) => p.path[0] !== 'criteria' || typeof p.path[1] !== 'number' || p.path[1] >= m.criteria.length);
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
}

function CriteriaGroup({ group, model: m, columns, problems, onChange }: { group: Group } & ModelEditorProps) {
  const indexes = indexesOfGroup(m, group);
  const headingId = `group-${group}`;
  const add = () => {
    const column = columns[0];
    onChange(addCriterion(m, group, column?.name ?? '', defaultCondition(column?.kind)));
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
              onChange={(change) => onChange(updateCriterion(m, index, change))}
              onMove={(direction) => onChange(moveCriterion(m, index, direction))}
              onRemove={() => onChange(removeCriterion(m, index))}
            />
          );
        })}
      </ol>
      <Button onClick={add}>Add {GROUP_LABELS[group].toLowerCase()} criterion</Button>
    </section>
  );
}

function CapEditor({ label, cap, onChange }: { label: string; cap: Cap; onChange: (c: Cap) => void }) {
  return (
    <div className="row">
      <NumberField label={`${label}: at least`} allowEmpty value={cap.min} onChange={(min) => onChange({ ...cap, min })} />
      <NumberField label={`${label}: at most`} allowEmpty value={cap.max} onChange={(max) => onChange({ ...cap, max })} />
    </div>
  );
}

function CapsEditor({ model: m, onChange }: { model: Model; onChange: (m: Model) => void }) {
  return (
    <section aria-labelledby="caps-heading" className="group">
      <h3 id="caps-heading">Caps and scale</h3>
      {GROUPS.map((g) => (
        <CapEditor key={g} label={`${GROUP_LABELS[g]} cap`} cap={m.groupCaps[g]} onChange={(cap) => onChange({ ...m, groupCaps: { ...m.groupCaps, [g]: cap } })} />
      ))}
      <CapEditor label="Total cap" cap={m.totalCap} onChange={(totalCap) => onChange({ ...m, totalCap })} />
      <Field label="Scale" size="small">
        <Select size="small" value={m.scale} onChange={(_, d) => onChange({ ...m, scale: d.value === '0-100' ? '0-100' : 'points' })}>
          <option value="points">Raw points</option>
          <option value="0-100">0-100 (share of the maximum)</option>
        </Select>
      </Field>
      <div className="row">
        <NumberField label="MQL at" allowEmpty value={m.stages.mql} onChange={(mql) => onChange({ ...m, stages: { ...m.stages, mql } })} />
        <NumberField label="SQL at" allowEmpty value={m.stages.sql} onChange={(sql) => onChange({ ...m, stages: { ...m.stages, sql } })} />
      </div>
    </section>
  );
}

function BandsEditor({ model: m, onChange }: { model: Model; onChange: (m: Model) => void }) {
  const setBand = (i: number, change: Partial<Band>) => onChange({ ...m, bands: m.bands.map((b, j) => (j === i ? { ...b, ...change } : b)) });
  const last = m.bands[m.bands.length - 1];
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
              <input type="color" className="color" value={/^#[0-9a-f]{6}$/i.test(b.color) ? b.color : '#ffffff'} onChange={(e) => setBand(i, { color: e.target.value.toUpperCase() })} />
            </Field>
            <Button size="small" aria-label={`Remove band ${b.name || i + 1}`} disabled={m.bands.length <= 1} onClick={() => onChange({ ...m, bands: m.bands.filter((_, j) => j !== i) })}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button onClick={() => onChange({ ...m, bands: [...m.bands, { name: `Band ${m.bands.length + 1}`, from: (last?.from ?? 0) + 10, color: '#C6EFCE' }] })}>Add band</Button>
    </section>
  );
}
