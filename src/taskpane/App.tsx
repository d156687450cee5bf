import { Button, FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { model as blankModel, formatProblems, modelPathOf, type Model, type Problem } from '../engine';
import { modelFingerprint } from '../workbook/ownership';
import type { ApplyChange, ApplyOptions, FindTableResult, LeadTable, OutputMode, ScoringSession, StoredModel } from '../workbook/session';
import { ApplyPanel, appliedVerb, formatAppliedAt, type AppliedScores } from './ApplyPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { DismissIcon } from './icons';
import { GetStarted } from './GetStarted';
import { LeadTablePanel } from './LeadTablePanel';
import { leadIdentity } from './leadIdentity';
import { liveScores, type LiveScores } from './liveScores';
import { ModelEditor } from './ModelEditor';
import { ModelMenu } from './ModelMenu';
import { onDemand } from './OnDemand';
import { PaneDialog } from './PaneDialog';
import { PaneFooter } from './PaneFooter';
import { PaneTabs } from './PaneTabs';
import { ProblemList } from './ProblemList';
import { SelectedLead } from './SelectedLead';
import { prefersDark } from './theme';
import { ReplaceSheetDialog, UnreadableSheetBanner, type UnreadableSheetState } from './UnreadableSheet';

// What the first paint does not need loads on demand, each from a chunk of its own: the page
// Excel opens with holds the model editor, the Apply options and the footer (test/e2e budget).
// Insights (matrix, backtest, calibration, compare) when their tab first opens:
const InsightsView = onDemand('insights', () => import(/* webpackChunkName: "insights" */ './InsightsView').then((m) => m.InsightsView));
// The call list and accounts when the Apply tab first opens:
const CallListPanel = onDemand('call list', () => import(/* webpackChunkName: "call-list" */ './CallListPanel').then((m) => m.CallListPanel));
const AccountsPanel = onDemand('accounts', () => import(/* webpackChunkName: "accounts" */ './AccountsPanel').then((m) => m.AccountsPanel));
// The unreadable-sheet banner stays in the page: it is the only word on why nothing is saved,
// and a chunk that failed to arrive must not hide it.

export type PaneEnvironment = 'excel' | 'browser';
type PaneTab = 'model' | 'apply' | 'insights';

export interface AppProps {
  /** Where the pane is running: inside Excel, or opened as a plain web page (the preview). */
  environment: PaneEnvironment;
  session: ScoringSession;
  /** Milliseconds to wait after the last edit before writing the model sheet. */
  saveDelayMs?: number;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Edits held while the model sheet could not be read, kept when Excel hides the pane (which
 * unmounts it; the shared runtime keeps this module), so showing the pane again brings them back.
 */
const heldWhileHidden = new WeakMap<ScoringSession, Model>();

export function App({ environment, session, saveDelayMs = 600 }: AppProps) {
  const [dark] = useState(prefersDark);
  const [found, setFound] = useState<FindTableResult | null>(null);
  const [model, setModel] = useState<Model>(() => blankModel());
  const [storedProblems, setStoredProblems] = useState<readonly Problem[]>([]);
  const [selectedRow, setSelectedRow] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [tab, setTab] = useState<PaneTab>('model');
  // Insights load on first visit and then stay, with their state, while other tabs are shown.
  const [visited, setVisited] = useState<ReadonlySet<PaneTab>>(() => new Set(['model']));
  const showTab = useCallback((next: PaneTab) => {
    setTab(next);
    setVisited((seen) => (seen.has(next) ? seen : new Set([...seen, next])));
  }, []);
  const [openRule, setOpenRule] = useState<number | null>(null);
  // Replacing the model: asked first when the current one was edited, and undoable once.
  const [pendingReplace, setPendingReplace] = useState<{ model: Model; why: string } | null>(null);
  const [undo, setUndo] = useState<{ model: Model; why: string } | null>(null);
  const edited = useRef(false);
  const dirty = useRef(false);
  // Apply: options, progress, and what the last Apply wrote.
  const [mode, setMode] = useState<OutputMode>(environment === 'excel' ? 'formulas' : 'values');
  const [subScores, setSubScores] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [conflict, setConflict] = useState<{ columns: readonly string[]; message: string } | null>(null);
  const [applied, setApplied] = useState<AppliedScores | null>(null);
  const [lastChange, setLastChange] = useState<ApplyChange | null>(null);
  // The model sheet does not read: the pane shows what could be read, and saves nothing until
  // the sheet is fixed in cells or the user replaces it (heldEdits: the pane holds edits meanwhile).
  const [unreadable, setUnreadableState] = useState<UnreadableSheetState | null>(null);
  const unreadableNow = useRef<UnreadableSheetState | null>(null);
  const setUnreadable = (next: UnreadableSheetState | null) => {
    unreadableNow.current = next;
    setUnreadableState(next);
  };
  const [heldEdits, setHeldEdits] = useState(false);
  const heldEditsNow = useRef(false);
  const holdEdits = (held: boolean) => {
    heldEditsNow.current = held;
    setHeldEdits(held);
  };
  const [confirmReplaceSheet, setConfirmReplaceSheet] = useState(false);
  // The model as the pane shows it, for listeners that outlive a render.
  const latest = useRef(model);
  useEffect(() => {
    latest.current = model;
  }, [model]);

  const fail = (what: string) => (e: unknown) => setError(`${what}: ${errorText(e)}`);

  const findTable = useCallback(() => {
    session.findLeadTable().then(setFound, fail('Could not read the lead table'));
  }, [session]);

  /** The sheet does not read: show what could be read, unless the pane holds edits the user made meanwhile. */
  const showUnreadable = (stored: StoredModel) => {
    setUnreadable({ problems: stored.problems, partial: stored.partial ?? null });
    if (!heldEditsNow.current) {
      dirty.current = false;
      setModel(stored.partial?.model ?? blankModel());
      setOpenRule(null);
    }
  };

  /** A save or Apply found the sheet unreadable before the pane heard of the edit: show it, then what could be read. */
  const sheetStoppedReading = (problems: readonly Problem[]) => {
    setUnreadable({ problems, partial: null });
    session.loadModel().then((stored) => {
      if (stored.unreadable === true) showUnreadable(stored);
    }, fail('Could not read the Lead Scoring sheet'));
  };

  useEffect(() => {
    findTable();
    const carried = heldWhileHidden.get(session) ?? null;
    heldWhileHidden.delete(session);
    session.loadModel().then((stored) => {
      if (stored.unreadable === true && carried !== null) {
        holdEdits(true);
        setModel(carried);
        setNotice('Your edits from before the pane was hidden are still here, not saved.');
      }
      if (stored.unreadable === true) showUnreadable(stored);
      else if (stored.model !== null) setModel(stored.model);
      if (stored.unreadable !== true && carried !== null) {
        setUndo({ model: carried, why: 'edits held while the sheet could not be read' });
        setNotice('The Lead Scoring sheet reads again and the pane shows it. Undo brings back the model you edited meanwhile (without the rows it could not read) and saves it.');
      }
      setStoredProblems(stored.problems);
      if (stored.migratedFrom !== undefined) setNotice(`The model sheet was written in format ${stored.migratedFrom}; it was updated on load.`);
    }, fail('Could not read the Lead Scoring sheet'));
    const offEdited = session.onModelEdited((stored) => {
      setStoredProblems(stored.problems);
      if (stored.unreadable === true) {
        showUnreadable(stored);
      } else if (stored.model !== null) {
        const held = unreadableNow.current !== null && heldEditsNow.current ? latest.current : null;
        setUnreadable(null);
        holdEdits(false);
        dirty.current = false;
        setModel(stored.model);
        setOpenRule(null);
        if (held !== null) {
          // The fixed sheet wins; the edits held meanwhile are one Undo away (which saves them).
          setUndo({ model: held, why: 'edits held while the sheet could not be read' });
          setNotice('The Lead Scoring sheet reads again and the pane shows it. Undo brings back the model you edited meanwhile (without the rows it could not read) and saves it.');
        } else {
          setNotice('The model was edited in the Lead Scoring sheet; the pane now shows those edits.');
        }
      }
    });
    const offSelected = session.onSelectedRowChanged(setSelectedRow);
    return () => {
      offEdited();
      offSelected();
    };
  }, [session, findTable]);

  // The model lives in the workbook: write it shortly after the last edit.
  useEffect(() => {
    // Nothing is written over a sheet that does not read: the edit stays held in the pane.
    if (!dirty.current || unreadableNow.current !== null) return;
    const timer = setTimeout(() => {
      dirty.current = false;
      session.saveModel(model).then((saved) => {
        // The sheet holds a model that does not read: it is kept as it is; say where to fix it.
        if (saved.kind === 'refused') {
          setStoredProblems(saved.problems);
          holdEdits(true);
          sheetStoppedReading(saved.problems);
        }
      }, fail('Could not save the model to the Lead Scoring sheet'));
    }, saveDelayMs);
    return () => clearTimeout(timer);
  }, [model, session, saveDelayMs]);

  // The pane unmounts when Excel hides it (PaneWhenShown): an edit still waiting for its save is saved then.
  useEffect(
    () => () => {
      if (heldEditsNow.current) heldWhileHidden.set(session, latest.current);
      if (!dirty.current || unreadableNow.current !== null) return;
      dirty.current = false;
      void session.saveModel(latest.current).catch(() => undefined);
    },
    [session],
  );

  const edit = useCallback((update: (current: Model) => Model) => {
    dirty.current = true;
    edited.current = true;
    if (unreadableNow.current !== null) holdEdits(true);
    setModel(update);
  }, []);

  const replaceNow = (next: Model, why: string) => {
    if (unreadableNow.current !== null) holdEdits(true);
    setUndo({ model, why });
    dirty.current = true;
    edited.current = false;
    setModel(next);
    setOpenRule(null);
    setNotice(why);
  };
  const replace = (next: Model, why: string) => {
    if (edited.current && model.criteria.length > 0) setPendingReplace({ model: next, why });
    else replaceNow(next, why);
  };
  const undoReplace = () => {
    if (undo === null) return;
    if (unreadableNow.current !== null) holdEdits(true);
    dirty.current = true;
    edited.current = true;
    setModel(undo.model);
    setOpenRule(null);
    setNotice(`Undone: the model '${undo.model.name}' is back.`);
    setUndo(null);
  };

  const table: LeadTable | null = found?.kind === 'table' ? found.table : null;
  // One compile and one pass over the rows per edit; memoised on the model value itself.
  const live = useMemo(() => liveScores(model, table), [model, table]);
  // While the model has errors, the footer keeps the last good preview (dimmed).
  const lastGood = useRef<LiveScores | null>(null);
  if (live.compiled !== null) lastGood.current = live;
  const shown = live.compiled === null && lastGood.current !== null && lastGood.current.count > 0 ? lastGood.current : live;
  const noColumns = useMemo(() => [], []);
  const selected = useMemo(() => {
    const row = selectedRow === null ? undefined : table?.rows[selectedRow];
    if (row === undefined || table === null || selectedRow === null || live.compiled === null) return null;
    return { lead: leadIdentity(table, selectedRow), score: live.compiled.scoreRow(row) };
  }, [selectedRow, table, live]);

  const errors = live.problems.filter((p) => p.severity === 'error');
  const enabledRules = model.criteria.filter((c) => c.enabled).length;
  const applyBlocked =
    unreadable !== null ? 'Apply is off while the Lead Scoring sheet cannot be read: fix the cells listed, or replace the sheet with this model.'
      : table === null ? 'Apply needs a lead table: select a cell in your leads.'
      : model.criteria.length === 0 ? 'Apply needs at least one criterion: add one or start from a template.'
        : enabledRules === 0 ? 'Every criterion is switched off: switch one on to Apply.'
          : errors.length > 0 ? `Fix ${errors.length} problem${errors.length === 1 ? '' : 's'} in the model to Apply.`
            : null;
  // What the sheet holds: the last Apply here, else the record a previous Apply left in the workbook.
  const inSheet: AppliedScores | null = applied ?? (table?.applied == null ? null : {
    modelName: table.applied.model, fingerprint: table.applied.fingerprint, mode: table.applied.mode, at: new Date(table.applied.at), rows: table.rows.length,
    ...(table.applied.scoredBy === 'leadscore' ? { scoredBy: 'leadscore' as const } : {}),
  });
  const fingerprint = useMemo(() => modelFingerprint(model), [model]);
  // Formulas follow the model sheet by themselves; static values stay as they were written.
  const outOfDate = inSheet !== null && inSheet.mode === 'values' && inSheet.fingerprint !== fingerprint;

  const refreshTable = () => {
    session.reloadTable().then((t) => setFound({ kind: 'table', table: t }), fail('Could not read the lead table again'));
  };

  const runApply = async (options: ApplyOptions) => {
    setBusy(true);
    try {
      const result = await session.apply(model, options);
      if (result.kind === 'applied') {
        setApplied({ modelName: model.name, fingerprint: modelFingerprint(model), mode: options.mode, at: new Date(), rows: result.rows });
        setLastChange(result.change ?? null);
        const kept = result.scoreNote === 'keptUserNote' ? ' Your note on the Score header was kept; the Apply tab names the model and date.' : '';
        const changed = result.change?.kind === 'tracked' && result.change.summary.movedCount > 0 ? ' What changed: on the Apply tab.' : '';
        setStatus(`Scored ${result.rows.toLocaleString('en-US')} leads: ${result.columns.join(', ')} (${options.mode === 'formulas' ? 'live formulas' : 'static values'}).${changed}${kept}`);
        refreshTable();
      } else if (result.kind === 'conflict') {
        setConflict({ columns: result.columns, message: result.message });
        setStatus(result.message);
      } else if (result.kind === 'unreadableModelSheet') {
        // The sheet stopped reading since the pane loaded it: nothing was applied or saved.
        setStoredProblems(result.problems);
        sheetStoppedReading(result.problems);
        setStatus(result.message);
      } else {
        setStatus(`Not applied: ${formatProblems(result.problems)}`);
      }
    } catch (e) {
      setStatus(`Apply failed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const removeScoring = async () => {
    setBusy(true);
    try {
      const r = await session.removeScoring();
      setStatus(r.columns.length === 0 ? 'There was no scoring to remove.' : `Removed ${r.columns.join(', ')} and ${r.rules} highlighting rule${r.rules === 1 ? '' : 's'}.`);
      setApplied(null);
      setLastChange(null);
      refreshTable();
    } catch (e) {
      setStatus(`Remove failed: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  // A located problem's cell, selected in Excel; sessions without it show the location as text.
  const goToCell = session.goToCell === undefined ? undefined : (sheet: string, cell: string) => {
    session.goToCell?.(sheet, cell).catch(fail(`Could not go to ${cell}`));
  };

  const replaceSheet = async () => {
    setConfirmReplaceSheet(false);
    const shown = model;
    try {
      const saved = await session.saveModel(shown, { replace: true });
      if (saved.kind === 'refused') {
        setError(saved.message);
        return;
      }
      dirty.current = false;
      setUnreadable(null);
      holdEdits(false);
      setStoredProblems([]);
      setNotice(`The Lead Scoring sheet now holds '${shown.name}'.`);
    } catch (e) {
      setError(`Could not replace the Lead Scoring sheet: ${errorText(e)}`);
    }
  };

  const goToFirstProblem = () => {
    const first = errors[0] ?? live.problems[0];
    if (first === undefined) return;
    showTab('model');
    const path = modelPathOf(first.at);
    const index = path !== null && path[0] === 'criteria' && typeof path[1] === 'number' ? path[1] : null;
    if (index !== null) setOpenRule(index);
    requestAnimationFrame(() => {
      const target = index !== null ? document.querySelector<HTMLElement>(`[data-rule="${index}"] .rule-summary`) : document.querySelector<HTMLElement>('.model-editor .problems, .settings summary');
      if (target === null) return;
      target.scrollIntoView?.({ block: 'center' });
      target.focus();
    });
  };

  const footerStatus = outOfDate ? 'Scores in the sheet are out of date: Apply again.' : status;

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="pane-root">
      <div className="pane">
        <header className="pane-header">
          <h1>Lead Scoring</h1>
          <span className="model-name" title={model.name}>{model.name}</span>
          <ModelMenu model={model} onReplace={replace} />
        </header>
        {environment === 'browser' && (
          <p className="notice" role="status">Preview with example leads; nothing is saved.</p>
        )}
        {error !== '' && <p className="error" role="alert">{error}</p>}
        {unreadable !== null && <UnreadableSheetBanner state={unreadable} heldEdits={heldEdits} onReplace={() => setConfirmReplaceSheet(true)} onGoTo={goToCell} />}
        {(notice !== '' || undo !== null) && (
          <div className="notice-bar" role="status">
            <span>{notice}</span>
            {undo !== null && <Button size="small" appearance="transparent" onClick={undoReplace}>Undo</Button>}
            <Button size="small" appearance="transparent" aria-label="Dismiss the message" icon={<DismissIcon />} onClick={() => { setNotice(''); setUndo(null); }} />
          </div>
        )}
        <ErrorBoundary what="selected lead">
          <SelectedLead lead={selected?.lead ?? null} score={selected?.score ?? null} bands={model.bands} onClose={() => setSelectedRow(null)} />
        </ErrorBoundary>
        <PaneTabs
          selected={tab}
          onSelect={showTab}
          tabs={[
            { value: 'model', label: 'Model', badge: errors.length > 0 ? String(errors.length) : undefined, badgeLabel: `${errors.length} problem${errors.length === 1 ? '' : 's'}` },
            { value: 'apply', label: 'Apply', badge: outOfDate ? '!' : undefined, badgeLabel: 'scores out of date' },
            { value: 'insights', label: 'Insights' },
          ]}
        />
        <div className="pane-body">
          {/* Panels stay mounted while hidden, so a calibration or an open editor survives a tab switch. */}
          <div role="tabpanel" id="panel-model" aria-labelledby="tab-model" hidden={tab !== 'model'}>
              <GetStarted />
              {unreadable === null && <ProblemList problems={storedProblems} title="The Lead Scoring sheet has problems:" onGoTo={goToCell} />}
              {live.problems.length > 0 && (
                <div className={errors.length > 0 ? 'problem-summary error' : 'problem-summary'}>
                  <span>
                    {errors.length > 0 ? `${errors.length} problem${errors.length === 1 ? ' stops' : 's stop'} scoring` : `${live.problems.length} warning${live.problems.length === 1 ? '' : 's'}`}
                  </span>
                  <Button size="small" onClick={goToFirstProblem}>Go to first</Button>
                </div>
              )}
              <ErrorBoundary what="model editor">
                <ModelEditor
                  model={model}
                  columns={table?.columns ?? noColumns}
                  problems={live.problems}
                  groupAverages={live.averages === null ? null : { fit: live.averages.fit, engagement: live.averages.engagement }}
                  openRule={openRule}
                  onOpenRule={setOpenRule}
                  onChange={edit}
                />
              </ErrorBoundary>
          </div>
          <div role="tabpanel" id="panel-apply" aria-labelledby="tab-apply" hidden={tab !== 'apply'}>
              <ApplyPanel
                mode={mode}
                onMode={setMode}
                subScores={subScores}
                onSubScores={setSubScores}
                formulasAvailable={environment === 'excel'}
                applied={inSheet}
                outOfDate={outOfDate}
                busy={busy}
                onRemove={() => void removeScoring()}
                change={lastChange}
                idColumn={model.idColumn}
                idChoices={table?.headers ?? []}
                onIdColumn={(column) => edit((m) => ({ ...m, idColumn: column }))}
              />
              <ErrorBoundary what="call list">
                {visited.has('apply') && <CallListPanel session={session} model={model} compiled={live.compiled} table={table} visible={tab === 'apply'} />}
              </ErrorBoundary>
              <ErrorBoundary what="accounts">
                {visited.has('apply') && <AccountsPanel session={session} model={model} compiled={live.compiled} table={table} visible={tab === 'apply'} />}
              </ErrorBoundary>
              <LeadTablePanel
                found={found}
                onRefresh={findTable}
                onConvert={(sheet, address) => {
                  session.convertRegionToTable(sheet, address).then((t) => setFound({ kind: 'table', table: t }), fail('Could not convert the range into a table'));
                }}
              />
          </div>
          <div role="tabpanel" id="panel-insights" aria-labelledby="tab-insights" hidden={tab !== 'insights'}>
          {visited.has('insights') && (
            table === null ? <p className="muted">Insights need a lead table: select a cell in your leads.</p> : (
              <ErrorBoundary what="insights">
                <InsightsView session={session} model={model} table={table} onAdopt={(m, why) => { edit(() => m); setNotice(why); }} onEdit={edit} />
              </ErrorBoundary>
            )
          )}
          </div>
        </div>
        <ErrorBoundary what="live preview">
          <PaneFooter
            live={shown}
            stale={shown !== live}
            applyBlocked={applyBlocked}
            busy={busy}
            status={inSheet !== null && !outOfDate && status === '' ? `'${inSheet.modelName}' ${appliedVerb(inSheet)} ${formatAppliedAt(inSheet.at)}.` : footerStatus}
            onApply={() => void runApply({ mode, subScores })}
          />
        </ErrorBoundary>
      </div>
      <PaneDialog
        open={pendingReplace !== null}
        title="Replace the model you edited?"
        onClose={() => setPendingReplace(null)}
        actions={
          <>
            <Button appearance="primary" onClick={() => { if (pendingReplace !== null) replaceNow(pendingReplace.model, pendingReplace.why); setPendingReplace(null); }}>Replace</Button>
            <Button onClick={() => setPendingReplace(null)}>Keep my model</Button>
          </>
        }
      >
        <p>
          &apos;{model.name}&apos; has edits ({model.criteria.length} criteria). {pendingReplace?.why}{' '}
          {unreadable === null ? 'replaces them here and on the Lead Scoring sheet.' : 'replaces them in the pane (nothing is saved to the Lead Scoring sheet while it cannot be read).'}
        </p>
        <p>You can undo this once.</p>
      </PaneDialog>
      {unreadable !== null && (
        <ReplaceSheetDialog
          open={confirmReplaceSheet}
          model={model}
          state={unreadable}
          blockedBy={
            model.criteria.length === 0 ? 'The model has no criteria: add one or start from a template first.'
              : errors.length > 0 ? `Fix the ${errors.length} problem${errors.length === 1 ? '' : 's'} in the pane's model first, or the sheet would not read either.`
                : null
          }
          onConfirm={() => void replaceSheet()}
          onCancel={() => setConfirmReplaceSheet(false)}
        />
      )}
      <PaneDialog
        open={conflict !== null}
        title="Overwrite existing columns?"
        onClose={() => setConflict(null)}
        actions={
          <>
            <Button
              appearance="primary"
              onClick={() => {
                const columns = conflict?.columns ?? [];
                setConflict(null);
                void runApply({ mode, subScores, allowOverwrite: columns });
              }}
            >
              Overwrite
            </Button>
            <Button onClick={() => { setConflict(null); setStatus('Not applied: the existing columns were kept.'); }}>Keep them</Button>
          </>
        }
      >
        <p>{conflict?.message}</p>
        <p>Columns: {conflict?.columns.join(', ')}. Their current contents will be replaced by scores.</p>
      </PaneDialog>
    </FluentProvider>
  );
}
