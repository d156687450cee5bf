import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type PaneEnvironment } from './App';
import { officePaneVisibility, officeSession } from '../workbook';
import { openPreview } from '../workbook/preview';
import { LeadsGrid } from './preview/LeadsGrid';
import { PaneWhenShown } from './PaneWhenShown';

function render(environment: PaneEnvironment): void {
  const container = document.getElementById('root');
  if (container === null) {
    throw new Error('taskpane.html has no element with id "root"');
  }
  const root = createRoot(container);
  if (environment === 'excel') {
    const session = officeSession();
    // Only while Excel shows the pane: a hidden shared runtime reads and subscribes to nothing.
    root.render(
      <StrictMode>
        <PaneWhenShown visibility={officePaneVisibility()}>
          <App environment={environment} session={session} />
        </PaneWhenShown>
      </StrictMode>,
    );
    return;
  }
  // No Office host: the example leads in an in-memory workbook, with the sheet drawn beside the pane.
  // ?leads=N previews N example leads (default 500), e.g. 10000 to feel the live feedback at size.
  // ?example=sheet-typo opens on a Lead Scoring sheet with a typo, to see how the pane meets it.
  const query = new URLSearchParams(window.location.search);
  const asked = Number(query.get('leads'));
  const example = query.get('example') === 'sheet-typo' ? 'sheet-typo' : null;
  const { session, sheet } = openPreview(Number.isInteger(asked) && asked > 0 ? Math.min(asked, 100_000) : 500, example);
  root.render(
    <StrictMode>
      <div className="preview-layout">
        <App environment={environment} session={session} />
        <LeadsGrid sheet={sheet} />
      </div>
    </StrictMode>,
  );
}

// office.js comes from Microsoft's CDN. When it did not load (offline, or a plain browser
// without network), render at once; when it did, Office.onReady also resolves outside
// Office, with a null host.
if (typeof Office === 'undefined') {
  render('browser');
} else {
  void Office.onReady((info) => {
    render(info.host === Office.HostType.Excel ? 'excel' : 'browser');
  });
}
