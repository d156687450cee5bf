import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type PaneEnvironment } from './App';
import { officePaneVisibility, officeSession } from '../workbook';
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
  // No Office host: the browser preview, on example leads, in a chunk of its own (Excel never loads it).
  root.render(<p className="muted" role="status">Loading the preview with example leads…</p>);
  import(/* webpackChunkName: "preview" */ './preview/PreviewPage').then(
    ({ renderPreview }) => renderPreview(root, window.location.search),
    (error: unknown) => root.render(<p className="error" role="alert">The preview could not be loaded ({error instanceof Error ? error.message : String(error)}). Reload the page to try again.</p>),
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
