import { Button, Field, Textarea } from '@fluentui/react-components';
import { useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  DEFAULT_PRIORITY_ACTIONS,
  GRADES,
  LEVELS,
  MAX_ACTION_LENGTH,
  MIN_LEADS_FOR_RATE,
  modelPathOf,
  priorityActionOf,
  unreachedPriorities,
  validateModel,
  withPriorityAction,
  type Model,
  type Priority,
  type PriorityMatrix,
  type PriorityMatrixCell,
  type Result,
} from '../engine';
import { priorityConversion } from '../insights';
import type { LeadTable } from '../workbook/session';
import { percent } from './insightsReport';
import { ProblemList } from './ProblemList';

export interface PriorityMatrixViewProps {
  model: Model;
  table: LeadTable;
  /** The outcome column chosen in the Insights view; null shows leads per cell only. */
  outcome: string | null;
  onEdit: (update: (current: Model) => Model) => void;
}

/**
 * The matrix of the table under a model, with the model's actions as they are, valid or not yet:
 * actions do not move a lead between cells, so the counts are made without them and an action
 * being typed (perhaps too long for now) keeps the matrix in view.
 */
export function priorityMatrixOf(m: Model, table: Pick<LeadTable, 'headers' | 'rows'>, outcome: string | null): Result<PriorityMatrix> {
  const counted = priorityConversion({ ...m, priorityActions: {} }, table.headers, table.rows, { outcome });
  if (!counted.ok) return counted;
  return { ...counted, value: { ...counted.value, cells: counted.value.cells.map((c) => ({ ...c, action: priorityActionOf(m, c.priority) })) } };
}

/** "42%", or "2/7" where too few outcomes are known for a rate to be read; "" with none. */
export function cellConversion(c: PriorityMatrixCell): string {
  if (c.rate === null) return '';
  return c.fewOutcomes ? `${c.converted}/${c.withOutcome}` : percent(c.rate);
}

const count = (n: number): string => n.toLocaleString('en-US');
const leadsText = (n: number): string => `${count(n)} lead${n === 1 ? '' : 's'}`;

function cellDescription(c: PriorityMatrixCell, action: string): string {
  const conversion = c.rate === null ? '' : `, ${count(c.converted)} of ${count(c.withOutcome)} with a known outcome converted${c.fewOutcomes ? '' : ` (${percent(c.rate)})`}`;
  return `${c.priority}: ${leadsText(c.leads)}${conversion}. Action: ${action}`;
}

/**
 * The cell an arrow key moves to from `from` in the grid (rows A-D, columns 1-4), staying at the
 * edges as a spreadsheet does; Home and End go to the row's first and last cell. Null for other keys.
 */
export function cellAfterKey(from: Priority, key: string): Priority | null {
  const row = GRADES.indexOf(from[0] as (typeof GRADES)[number]);
  const column = LEVELS.indexOf(from[1] as (typeof LEVELS)[number]);
  const move: Record<string, readonly [number, number]> = { ArrowUp: [row - 1, column], ArrowDown: [row + 1, column], ArrowLeft: [row, column - 1], ArrowRight: [row, column + 1], Home: [row, 0], End: [row, LEVELS.length - 1] };
  const to = move[key];
  if (to === undefined) return null;
  const clamp = (i: number, n: number) => Math.min(n - 1, Math.max(0, i));
  return `${GRADES[clamp(to[0], GRADES.length)]}${LEVELS[clamp(to[1], LEVELS.length)]}` as Priority;
}

/**
 * Where the grades and levels start, as this matrix uses them ("Rows: fit grade, A from Fit 41.25,
 * B from 27.5, C from 13.75 (automatic)"), and, when no lead reaches the top grade or level, the
 * setting to change.
 */
export function thresholdNotes(m: Model, x: PriorityMatrix): { from: string; unreached: string } {
  const axes = [
    ['Rows', 'fit grade', 'Fit', GRADES, x.thresholds.grades, ['gradeA', 'gradeB', 'gradeC']],
    ['Columns', 'engagement level', 'Engagement', LEVELS, x.thresholds.levels, ['level1', 'level2', 'level3']],
  ] as const;
  const from = axes.map(([side, what, unit, names, t, keys]) => {
    const automatic = keys.every((k) => m.priority[k] === null) ? ' (automatic)' : '';
    return `${side}: ${what}, ${names[0]} from ${unit} ${t[0]}, ${names[1]} from ${t[1]}, ${names[2]} from ${t[2]}${automatic}.`;
  });
  return { from: from.join(' '), unreached: unreachedPriorities(x).join(' ') };
}

/** Heavier cells get a stronger tint, so where the leads are shows at a glance (kept light enough for AA text). */
function tint(leads: number, most: number): string {
  const alpha = most === 0 || leads === 0 ? 0 : 0.06 + 0.29 * (leads / most);
  return `rgba(15, 108, 189, ${alpha.toFixed(3)})`;
}

/**
 * Who to call first: the leads of the table in the 4 x 4 Priority matrix (fit grade A-D by
 * engagement level 1-4), with conversion per cell once an outcome column is chosen. Selecting
 * a cell shows its recommended action, which the user rewrites in place; the action is part of
 * the model, saved with it to the Lead Scoring sheet.
 */
export function PriorityMatrixView({ model, table, outcome, onEdit }: PriorityMatrixViewProps) {
  const [selected, setSelected] = useState<Priority | null>(null);
  // One Tab stop for the sixteen cells (the selected one, else the last focused, else A1); arrow keys move within.
  const [active, setActive] = useState<Priority>('A1');
  const cells = useRef(new Map<Priority, HTMLButtonElement>());
  const shown = useDeferredValue(model);
  const result = useMemo(() => priorityMatrixOf(shown, table, outcome), [shown, table, outcome]);

  if (!result.ok) {
    return (
      <section aria-labelledby="priority-heading" className="group priority">
        <h2 id="priority-heading">Who to call first</h2>
        <ProblemList problems={result.problems} title="The priority matrix needs grades and levels:" />
      </section>
    );
  }
  const x = result.value;
  const most = Math.max(...x.cells.map((c) => c.leads));
  const at = (p: Priority): PriorityMatrixCell => x.cells.find((c) => c.priority === p) as PriorityMatrixCell;
  const current = selected === null ? null : at(selected);
  const notes = thresholdNotes(shown, x);
  // The action as typed, not as the deferred figures have it, so the field keeps up with the keys.
  const typed = selected === null ? '' : (model.priorityActions[selected] ?? DEFAULT_PRIORITY_ACTIONS[selected]);
  const problems = selected === null ? [] : actionProblems(model, selected);
  const tabStop = selected ?? active;
  const moveFocus = (from: Priority, e: KeyboardEvent) => {
    const to = cellAfterKey(from, e.key);
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    cells.current.get(to)?.focus();
  };
  return (
    <section aria-labelledby="priority-heading" className="group priority">
      <h2 id="priority-heading">Who to call first</h2>
      <p className="muted small">
        {leadsText(x.leads)} by fit grade (A best) and engagement level (1 most engaged)
        {x.hasOutcomes ? `; conversion among the ${count(x.withOutcome)} with a known '${outcome ?? ''}' (a count where fewer than ${MIN_LEADS_FOR_RATE} are known)` : ''}. Select a cell for its action; arrow keys move between cells.
      </p>
      <table className="priority-matrix" aria-label="Priority matrix: leads per fit grade and engagement level">
        <thead>
          <tr>
            <td />
            <th colSpan={LEVELS.length} scope="colgroup" className="axis-title">Engagement level</th>
          </tr>
          <tr>
            <th scope="col" className="axis-title">Fit</th>
            {LEVELS.map((l) => (
              <th key={l} scope="col" abbr={`Engagement level ${l}`}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {GRADES.map((g) => (
            <tr key={g}>
              <th scope="row" abbr={`Fit grade ${g}`}>{g}</th>
              {LEVELS.map((l) => {
                const c = at(`${g}${l}`);
                const conversion = cellConversion(c);
                const described = cellDescription(c, priorityActionOf(model, c.priority));
                return (
                  <td key={l}>
                    <button
                      type="button"
                      className="priority-cell"
                      style={{ background: tint(c.leads, most) }}
                      ref={(el) => {
                        if (el === null) cells.current.delete(c.priority);
                        else cells.current.set(c.priority, el);
                      }}
                      tabIndex={c.priority === tabStop ? 0 : -1}
                      aria-pressed={selected === c.priority}
                      aria-label={described}
                      title={described}
                      onFocus={() => setActive(c.priority)}
                      onKeyDown={(e) => moveFocus(c.priority, e)}
                      onClick={() => setSelected(selected === c.priority ? null : c.priority)}
                    >
                      <span className="cell-count">{count(c.leads)}</span>
                      <span className="cell-rate">{conversion === '' ? ' ' : conversion}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small axis-note">{notes.from}</p>
      {notes.unreached !== '' && <p className="small axis-note">{notes.unreached}</p>}
      {current !== null && selected !== null && (
        <div className="priority-detail" role="region" aria-label={`Priority ${selected}`}>
          <p className="detail-line">
            <strong>{selected}</strong> · {leadsText(current.leads)}
            {current.rate !== null && ` · ${count(current.converted)} of ${count(current.withOutcome)} converted${current.fewOutcomes ? '' : ` (${percent(current.rate)})`}`}
          </p>
          <Field
            label={`Recommended action for ${selected}`}
            size="small"
            hint={problems.length === 0 ? `${typed.length} of ${MAX_ACTION_LENGTH} characters. Saved with the model on the Lead Scoring sheet ('Action ${selected}'). Empty: the default.` : undefined}
            validationState={problems.length === 0 ? 'none' : 'error'}
            validationMessage={problems.length === 0 ? undefined : problems.map((p) => p.message).join('; ')}
          >
            {/* Wraps, so the whole action shows at 350 px; one line (Enter does not break it); Escape goes back to the cell. */}
            <Textarea
              size="small"
              rows={3}
              resize="none"
              value={typed}
              maxLength={MAX_ACTION_LENGTH + 20}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.preventDefault();
                if (e.key === 'Escape') cells.current.get(selected)?.focus();
              }}
              onChange={(_, d) => onEdit((m) => ({ ...m, priorityActions: { ...m.priorityActions, [selected]: d.value } }))}
            />
          </Field>
          {typed !== DEFAULT_PRIORITY_ACTIONS[selected] && (
            <Button size="small" appearance="subtle" onClick={() => onEdit((m) => withPriorityAction(m, selected, ''))}>
              Use the default: {DEFAULT_PRIORITY_ACTIONS[selected]}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

/** The model's problems with one action (too long, formula-like, several lines), as validation finds them. */
function actionProblems(m: Model, p: Priority) {
  const check = validateModel(m);
  const all = check.ok ? check.warnings : check.problems;
  return all.filter((x) => {
    const path = modelPathOf(x.at);
    return path !== null && path[0] === 'priorityActions' && path[1] === p;
  });
}
