import { Button } from '@fluentui/react-components';
import { MODEL_SHEET, type Model, type PartialModel, type Problem } from '../engine';
import { PaneDialog } from './PaneDialog';
import { ProblemList } from './ProblemList';

/** The model sheet as the pane last read it, while it does not read as a model. */
export interface UnreadableSheetState {
  readonly problems: readonly Problem[];
  /** What could be read of it; null when nothing could (a newer format, say). */
  readonly partial: PartialModel | null;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "criteria rows 4 and 7, bands row 2": the rows of the sheet that the pane could not read. */
export function rowsLeftOutText(partial: PartialModel | null): string {
  if (partial === null) return 'every table';
  const parts: string[] = partial.tablesLeftOut.map((t) => `the whole ${t} table`);
  for (const table of ['criteria', 'bands', 'settings'] as const) {
    const rows = partial.rowsLeftOut[table];
    if (rows.length === 0 || partial.tablesLeftOut.includes(table)) continue;
    const list = rows.length === 1 ? String(rows[0]) : `${rows.slice(0, -1).join(', ')} and ${String(rows.at(-1))}`;
    parts.push(`${table} ${rows.length === 1 ? 'row' : 'rows'} ${list}`);
  }
  return parts.length === 0 ? 'no rows (the problems are in how the tables fit together)' : parts.join('; ');
}

/**
 * What the pane shows while the model sheet does not read: where the sheet is wrong, that the
 * pane shows only what could be read, that nothing is saved (edits are held in the pane), and
 * the one deliberate way to write over the sheet.
 */
export function UnreadableSheetBanner({
  state, heldEdits, onReplace, onGoTo,
}: { state: UnreadableSheetState; heldEdits: boolean; onReplace: () => void; onGoTo?: (sheet: string, cell: string) => void }) {
  const { partial } = state;
  const shown = partial === null
    ? 'Nothing on it could be read, so the pane starts from a blank model.'
    : `The pane shows what could be read (${plural(partial.model.criteria.length, 'criterion', 'criteria')}, ${plural(partial.model.bands.length, 'band')}); left out: ${rowsLeftOutText(partial)}.`;
  return (
    <section className="unreadable-sheet" aria-labelledby="unreadable-sheet-title">
      <h2 id="unreadable-sheet-title">The {MODEL_SHEET} sheet could not be read</h2>
      <p>
        {shown} <strong>Nothing is saved to the sheet</strong> until its cells are fixed (the pane then reads it again) or you replace it.
        {heldEdits ? ' Your edits are kept in the pane, not saved.' : ''}
      </p>
      <ProblemList problems={state.problems} title="Fix these cells on the sheet:" onGoTo={onGoTo} />
      <Button size="small" onClick={onReplace}>Replace the sheet with this model…</Button>
    </section>
  );
}

/** The confirmation before the pane's model is written over a sheet that does not read. */
export function ReplaceSheetDialog({
  open, model, state, blockedBy, onConfirm, onCancel,
}: { open: boolean; model: Model; state: UnreadableSheetState; blockedBy: string | null; onConfirm: () => void; onCancel: () => void }) {
  return (
    <PaneDialog
      open={open}
      title={`Replace the ${MODEL_SHEET} sheet?`}
      onClose={onCancel}
      actions={
        <>
          <Button appearance="primary" disabled={blockedBy !== null} onClick={onConfirm}>Replace the sheet</Button>
          <Button onClick={onCancel}>Cancel</Button>
        </>
      }
    >
      <p>
        The criteria, bands and settings tables on the {MODEL_SHEET} sheet will be overwritten with the model shown in the pane: &apos;{model.name}&apos;,{' '}
        {plural(model.criteria.length, 'criterion', 'criteria')}, {plural(model.bands.length, 'band')}.
      </p>
      <p>
        What the pane could not read is lost: {rowsLeftOutText(state.partial)}. To keep it, cancel and fix the cells listed on the sheet instead.
      </p>
      {blockedBy !== null && <p className="error" role="alert">{blockedBy}</p>}
    </PaneDialog>
  );
}
