import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type PaneEnvironment } from './App';
import { officeSession } from '../workbook';
import { openPreview } from '../workbook/preview';
import { LeadsGrid } from './preview/LeadsGrid';

function render(environment: PaneEnvironment): void {
  const container = document.getElementById('root');
  if (container === null) {
    throw new Error('taskpane.html has no element with id "root"');
  }
  const root = createRoot(container);
  if (environment === 'excel') {
    root.render(
      <StrictMode>
        <App environment={environment} session={officeSession()} />
      </StrictMode>,
    );
    return;
  }
  // No Office host: the example leads in an in-memory workbook, with the sheet drawn beside the pane.
  const { session, sheet } = openPreview();
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
