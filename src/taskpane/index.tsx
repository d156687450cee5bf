import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type PaneEnvironment } from './App';

function render(environment: PaneEnvironment): void {
  const container = document.getElementById('root');
  if (container === null) {
    throw new Error('taskpane.html has no element with id "root"');
  }
  createRoot(container).render(
    <StrictMode>
      <App environment={environment} />
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
