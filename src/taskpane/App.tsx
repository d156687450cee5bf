import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { model as blankModel, type Model, type Problem } from '../engine';
import type { FindTableResult, LeadTable, ScoringSession } from '../workbook/session';
import { ApplyPanel } from './ApplyPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { GetStarted } from './GetStarted';
import { InsightsView } from './InsightsView';
import { LeadTablePanel } from './LeadTablePanel';
import { Explanation, LiveFeedback } from './LiveFeedback';
import { liveScores } from './liveScores';
import { ModelEditor } from './ModelEditor';
import { ModelSource } from './ModelSource';
import { ProblemList } from './ProblemList';
import { prefersDark } from './theme';

export type PaneEnvironment = 'excel' | 'browser';

export interface AppProps {
  /** Where the pane is running: inside Excel, or opened as a plain web page (the preview). */
  environment: PaneEnvironment;
  session: ScoringSession;
  /** Milliseconds to wait after the last edit before writing the model sheet. */
  saveDelayMs?: number;
}

export function App({ environment, session, saveDelayMs = 600 }: AppProps) {
  const [dark] = useState(prefersDark);
  const [found, setFound] = useState<FindTableResult | null>(null);
  const [model, setModel] = useState<Model>(() => blankModel());
  const [storedProblems, setStoredProblems] = useState<readonly Problem[]>([]);
  const [selectedRow, setSelectedRow] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const dirty = useRef(false);

  const fail = (what: string) => (e: unknown) => setError(`${what}: ${e instanceof Error ? e.message : String(e)}`);

  const findTable = useCallback(() => {
    session.findLeadTable().then(setFound, fail('Could not read the lead table'));
  }, [session]);

  useEffect(() => {
    findTable();
    session.loadModel().then((stored) => {
      if (stored.model !== null) setModel(stored.model);
      setStoredProblems(stored.problems);
      if (stored.migratedFrom !== undefined) setNotice(`The model sheet was written in format ${stored.migratedFrom}; it was updated on load.`);
    }, fail('Could not read the Lead Scoring sheet'));
    const offEdited = session.onModelEdited((stored) => {
      setStoredProblems(stored.problems);
      if (stored.model !== null) {
        dirty.current = false;
        setModel(stored.model);
        setNotice('The model was edited in the Lead Scoring sheet; the pane now shows those edits.');
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
    if (!dirty.current) return;
    const timer = setTimeout(() => {
      dirty.current = false;
      session.saveModel(model).then((saved) => {
        // The sheet holds a model that does not read: it is kept as it is; say where to fix it.
        if (saved.kind === 'refused') {
          setStoredProblems(saved.problems);
          setError(saved.message);
        }
      }, fail('Could not save the model to the Lead Scoring sheet'));
    }, saveDelayMs);
    return () => clearTimeout(timer);
  }, [model, session, saveDelayMs]);

  const edit = useCallback((update: (current: Model) => Model) => {
    dirty.current = true;
    setModel(update);
  }, []);

  const table: LeadTable | null = found?.kind === 'table' ? found.table : null;
  // One compile and one pass over the rows per edit; memoised on the model value itself.
  const live = useMemo(() => liveScores(model, table), [model, table]);
  const noColumns = useMemo(() => [], []);
  const selectedScore = useMemo(() => {
    const row = selectedRow === null ? undefined : table?.rows[selectedRow];
    return row === undefined || live.compiled === null ? null : live.compiled.scoreRow(row);
  }, [selectedRow, table, live]);

  const refreshTable = () => {
    session.reloadTable().then((t) => setFound({ kind: 'table', table: t }), fail('Could not read the lead table again'));
  };

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="pane-root">
      <main className="pane">
        <h1>Lead Scoring</h1>
        {environment === 'browser' && (
          <p className="notice" role="status">
            Browser preview: example leads in an in-memory workbook, nothing is saved. Open this pane from Excel&apos;s Home tab to score your own workbook.
          </p>
        )}
        <GetStarted />
        {error !== '' && <p className="error" role="alert">{error}</p>}
        {notice !== '' && <p role="status">{notice}</p>}
        <ProblemList problems={storedProblems} title="The Lead Scoring sheet has problems:" />
        <LeadTablePanel
          found={found}
          onRefresh={findTable}
          onConvert={(sheet, address) => {
            session.convertRegionToTable(sheet, address).then((t) => setFound({ kind: 'table', table: t }), fail('Could not convert the range into a table'));
          }}
        />
        <ModelSource model={model} onReplace={(m, why) => { edit(() => m); setNotice(why); }} />
        <ErrorBoundary what="live preview">
          <LiveFeedback live={live} />
        </ErrorBoundary>
        {table !== null && (
          <ApplyPanel session={session} model={model} canApply={live.compiled !== null} formulasAvailable={environment === 'excel'} onApplied={refreshTable} />
        )}
        {table !== null && (
          <ErrorBoundary what="insights">
            <InsightsView session={session} model={model} table={table} onAdopt={(m, why) => { edit(() => m); setNotice(why); }} />
          </ErrorBoundary>
        )}
        <ErrorBoundary what="model editor">
          <ModelEditor model={model} columns={table?.columns ?? noColumns} problems={live.problems} onChange={edit} />
        </ErrorBoundary>
        <ErrorBoundary what="explanation">
          <Explanation row={selectedRow} score={selectedScore} />
        </ErrorBoundary>
      </main>
    </FluentProvider>
  );
}
