import { Button, Field, Input, Select, Switch } from '@fluentui/react-components';
import { memo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { criterionLabel, formatProblem, GROUP_LABELS, GROUPS, maximumScore, modelPathOf, type Band, type Cap, type Criterion, type Group, type Model, type Problem } from '../engine';
import type { LeadColumn } from '../workbook/session';
import { nearestColumn, usefulColumn } from './columnChoice';
import { DismissIcon, DragDotsIcon } from './icons';
import { defaultCondition } from './conditionChoices';
import { CriterionEditor } from './CriterionEditor';
import { addCriterion, indexesOfGroup, moveCriterion, moveCriterionTo, removeCriterion, renameColumnOf, updateCriterion } from './modelEdits';
import { NumberField } from './NumberField';
import { ProblemList, problemsOfCriterion } from './ProblemList';
import { textOn } from './theme';

export interface ModelEditorProps {
  model: Model;
  columns: readonly LeadColumn[];
  /** Problems of the model against the table (validation and compile), located by path. */
  problems: readonly Problem[];
  /** Each group's average points over the table's leads, from the live scores (null while they are not known). */
  groupAverages: Readonly<Record<Group, number>> | null;
  /** The rule whose full editor is open (one at a time), and how to open another. */
  openRule: number | null;
  onOpenRule: (index: number | null) => void;
  /** Edits are updaters applied to the latest model, so an edit made from a deferred render never loses a newer one. */
  onChange: (update: (current: Model) => Model) => void; // must be stable: rule rows are memoised on it
}

/** Memoised: it re-renders only when its model, problems or columns change, not with every live count. */
export const ModelEditor = memo(function ModelEditor({ model: m, columns, problems, groupAverages, openRule, onOpenRule, onChange }: ModelEditorProps) {
  const modelLevel = problems.filter((p) => {
    const path = modelPathOf(p.at);
    return path === null || path[0] !== 'criteria' || typeof path[1] !== 'number' || path[1] >= m.criteria.length;
  });
  const bandsOpen = modelLevel.some((p) => ['bands', 'stages', 'groupCaps', 'totalCap'].includes(String(modelPathOf(p.at)?.[0])));
  return (
    <section aria-labelledby="model-heading" className="model-editor">
      <h2 id="model-heading" className="sr-only">Model: {m.name}</h2>
      <ProblemList problems={modelLevel} />
      <p id="reorder-hint" className="sr-only">Drag, or press the up and down arrow keys, to move the rule within its group.</p>
      {GROUPS.map((group) => (
        <RuleGroup key={group} group={group} model={m} columns={columns} problems={problems} average={groupAverages?.[group] ?? null} openRule={openRule} onOpenRule={onOpenRule} onChange={onChange} />
      ))}
      <details className="settings" open={bandsOpen || undefined}>
        <summary>
          Bands, stages and caps
          <span className="muted"> · {m.bands.map((b) => `${b.name} ${b.from}+`).join(', ')}</span>
        </summary>
        <BandsEditor model={m} onChange={onChange} />
        <CapsEditor model={m} onChange={onChange} />
      </details>
    </section>
  );
});

/** The most a group can add, counting its criteria alone (the group cap applies, the total cap does not). */
function groupMaximum(m: Model, group: Group): number {
  return maximumScore({ ...m, criteria: m.criteria.filter((c) => c.group === group), totalCap: { min: null, max: null }, scale: 'points' });
}

const rounded = (n: number): string => String(Math.round(n * 10) / 10);

function RuleGroup({ group, model: m, columns, problems, average, openRule, onOpenRule, onChange }: { group: Group; average: number | null } & Omit<ModelEditorProps, 'groupAverages'>) {
  const indexes = indexesOfGroup(m, group);
  const [dragging, setDragging] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingId = `group-${group}`;
  const label = GROUP_LABELS[group];
  const enabled = indexes.filter((i) => m.criteria[i]?.enabled === true).length;
  const max = groupMaximum(m, group);
  const add = () => {
    const column = usefulColumn(columns, m, group);
    onChange((cur) => addCriterion(cur, group, column?.name ?? '', defaultCondition(column?.kind)));
    onOpenRule(m.criteria.length); // the new rule is appended: open its editor
  };
  const move = (index: number, direction: -1 | 1, position: number) => {
    onChange((cur) => moveCriterion(cur, index, direction));
    const target = indexes[position + direction];
    if (target !== undefined) {
      setAnnouncement(`${criterionLabel(m.criteria[index] as Criterion)} moved to position ${position + direction + 1} of ${indexes.length}.`);
      if (openRule === index) onOpenRule(target);
      // Keep the keyboard on the moved rule's handle.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-rule-handle="${target}"]`)?.focus());
    }
  };
  return (
    <section aria-labelledby={headingId} className="group">
      <div className="group-head">
        <h3 id={headingId}>{label}</h3>
        <span className="group-totals">
          {enabled} rule{enabled === 1 ? '' : 's'} · up to {Number.isFinite(max) ? rounded(max) : 'no limit'}
          {average !== null && ` · avg ${rounded(average)}`}
        </span>
      </div>
      {indexes.length === 0 && <p className="muted empty">No {label.toLowerCase()} criteria yet.</p>}
      <ol className="rules" aria-label={`${label} criteria`}>
        {indexes.map((index, position) => (
          <RuleRow
            key={index}
            index={index}
            criterion={m.criteria[index] as Criterion}
            columns={columns}
            problems={problemsOfCriterion(problems, index)}
            open={openRule === index}
            dragging={dragging}
            canMoveUp={position > 0}
            canMoveDown={position < indexes.length - 1}
            onToggle={() => onOpenRule(openRule === index ? null : index)}
            onChange={(change) => onChange((cur) => updateCriterion(cur, index, change))}
            onMove={(direction) => move(index, direction, position)}
            onDragStart={() => setDragging(index)}
            onDrop={() => {
              if (dragging !== null && dragging !== index) onChange((cur) => moveCriterionTo(cur, dragging, index));
              setDragging(null);
            }}
            onRemove={() => {
              onChange((cur) => removeCriterion(cur, index));
              onOpenRule(null);
            }}
          />
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">{announcement}</p>
      <Button size="small" appearance="subtle" className="add-rule" onClick={add}>+ Add {label.toLowerCase()} criterion</Button>
    </section>
  );
}

interface RuleRowProps {
  index: number;
  criterion: Criterion;
  columns: readonly LeadColumn[];
  problems: readonly Problem[];
  open: boolean;
  dragging: number | null;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onToggle: () => void;
  onChange: (change: Partial<Criterion>) => void;
  onMove: (direction: -1 | 1) => void;
  onDragStart: () => void;
  onDrop: () => void;
  onRemove: () => void;
}

/** One rule on one line: handle, switch, what it checks, points; its full editor below when open. */
const RuleRow = memo(function RuleRow({ index, criterion: c, columns, problems, open, dragging, canMoveUp, canMoveDown, onToggle, onChange, onMove, onDragStart, onDrop, onRemove }: RuleRowProps) {
  const title = criterionLabel(c);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const editorId = `rule-editor-${index}`;
  const suffix = [c.perOccurrenceOf !== null ? 'each' : '', c.cap.max !== null ? `max ${c.cap.max}` : ''].filter((x) => x !== '').join(', ');
  const onHandleKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowUp' && canMoveUp) { e.preventDefault(); onMove(-1); }
    if (e.key === 'ArrowDown' && canMoveDown) { e.preventDefault(); onMove(1); }
  };
  const dropProps = dragging === null ? {} : {
    onDragOver: (e: DragEvent) => e.preventDefault(),
    onDrop: (e: DragEvent) => { e.preventDefault(); onDrop(); },
  };
  const suggestion = nearestColumn(c.field, columns);
  const classes = ['rule', c.enabled ? '' : 'off', open ? 'open' : '', errors > 0 ? 'has-error' : '', dragging === index ? 'dragging' : ''].filter((x) => x !== '').join(' ');
  return (
    <li className={classes} aria-label={`Criterion ${index + 1}: ${title}`} data-rule={index} {...dropProps}>
      <div className="rule-line">
        <button
          type="button"
          className="handle"
          data-rule-handle={index}
          draggable
          onDragStart={(e) => { e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', String(index)); onDragStart(); }}
          onKeyDown={onHandleKey}
          aria-label={`Reorder ${title}`}
          aria-describedby="reorder-hint"
          title="Drag, or use the arrow keys, to reorder"
        >
          <DragDotsIcon />
        </button>
        <Switch className="rule-switch" checked={c.enabled} onChange={(_, d) => onChange({ enabled: d.checked })} aria-label={`Enabled: ${title}`} />
        <button type="button" className="rule-summary" aria-expanded={open} aria-controls={open ? editorId : undefined} onClick={onToggle} title={`${title}${suffix !== '' ? ` (${suffix})` : ''}`}>
          <span className="rule-text">{title}</span>
          {suffix !== '' && <span className="rule-suffix">{suffix}</span>}
          {errors > 0 && <span className="rule-error" aria-label={`${errors} error${errors === 1 ? '' : 's'}`}>!</span>}
        </button>
        <NumberField inline label={`Points for ${title}`} value={c.points} onChange={(v) => onChange({ points: v ?? 0 })} />
      </div>
      {problems.length > 0 && (
        <div className="rule-problems">
          <ProblemList problems={problems} />
          {suggestion !== undefined && (
            <Button size="small" onClick={() => onChange(renameColumnOf(c, c.field, suggestion))}>Use &apos;{suggestion}&apos;</Button>
          )}
        </div>
      )}
      {open && (
        <div id={editorId} className="rule-body">
          <CriterionEditor criterion={c} title={title} columns={columns} canMoveUp={canMoveUp} canMoveDown={canMoveDown} onChange={onChange} onMove={onMove} onRemove={onRemove} />
        </div>
      )}
    </li>
  );
}, (a, b) =>
  a.criterion === b.criterion && a.index === b.index && a.columns === b.columns && a.open === b.open && a.dragging === b.dragging &&
  a.canMoveUp === b.canMoveUp && a.canMoveDown === b.canMoveDown && a.problems.length === b.problems.length &&
  a.problems.every((p, i) => { const q = b.problems[i]; return q !== undefined && formatProblem(p) === formatProblem(q) && p.severity === q.severity; }));

function CapEditor({ label, cap, onChange }: { label: string; cap: Cap; onChange: (c: Partial<Cap>) => void }) {
  return (
    <div className="row two">
      <NumberField label={`${label}: at least`} allowEmpty value={cap.min} onChange={(min) => onChange({ min })} />
      <NumberField label={`${label}: at most`} allowEmpty value={cap.max} onChange={(max) => onChange({ max })} />
    </div>
  );
}

function CapsEditor({ model: m, onChange }: Pick<ModelEditorProps, 'model' | 'onChange'>) {
  return (
    <section aria-labelledby="caps-heading" className="subgroup">
      <h3 id="caps-heading">Stages, caps and scale</h3>
      <div className="row two">
        <NumberField label="MQL at" allowEmpty value={m.stages.mql} onChange={(mql) => onChange((cur) => ({ ...cur, stages: { ...cur.stages, mql } }))} />
        <NumberField label="SQL at" allowEmpty value={m.stages.sql} onChange={(sql) => onChange((cur) => ({ ...cur, stages: { ...cur.stages, sql } }))} />
      </div>
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
    </section>
  );
}

function BandsEditor({ model: m, onChange }: Pick<ModelEditorProps, 'model' | 'onChange'>) {
  const setBand = (i: number, change: Partial<Band>) => onChange((cur) => ({ ...cur, bands: cur.bands.map((b, j) => (j === i ? { ...b, ...change } : b)) }));
  return (
    <section aria-labelledby="bands-heading" className="subgroup">
      <h3 id="bands-heading">Bands</h3>
      <ol className="bands">
        {m.bands.map((b, i) => (
          <li key={i} className="band-row">
            <span className="swatch" style={{ background: b.color, color: textOn(b.color) }} aria-hidden="true">{b.name || `Band ${i + 1}`}</span>
            <Field label={`Band ${i + 1} name`} size="small">
              <Input size="small" value={b.name} onChange={(_, d) => setBand(i, { name: d.value })} />
            </Field>
            <NumberField label={`Band ${i + 1} from`} value={b.from} onChange={(v) => setBand(i, { from: v ?? 0 })} />
            <Field label={`Band ${i + 1} colour`} size="small">
              {(fieldProps) => (
                <input {...fieldProps} type="color" className="color" value={/^#[0-9a-f]{6}$/i.test(b.color) ? b.color : '#ffffff'} onChange={(e) => setBand(i, { color: e.target.value.toUpperCase() })} />
              )}
            </Field>
            <Button size="small" appearance="subtle" aria-label={`Remove band ${b.name || i + 1}`} disabled={m.bands.length <= 1} onClick={() => onChange((cur) => ({ ...cur, bands: cur.bands.filter((_, j) => j !== i) }))}>
              <DismissIcon />
            </Button>
          </li>
        ))}
      </ol>
      <Button size="small" onClick={() => onChange((cur) => ({ ...cur, bands: [...cur.bands, { name: `Band ${cur.bands.length + 1}`, from: (cur.bands[cur.bands.length - 1]?.from ?? 0) + 10, color: '#C6EFCE' }] }))}>Add band</Button>
    </section>
  );
}
