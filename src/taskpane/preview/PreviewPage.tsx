/**
 * The pane outside Office: the example leads in an in-memory workbook, with the sheet drawn
 * beside the pane. Loaded on demand by index.tsx, so Excel never downloads the example data,
 * the in-memory workbook or this grid.
 */
import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { openPreview } from '../../workbook/preview';
import { App } from '../App';
import { LeadsGrid } from './LeadsGrid';

// ?leads=N previews N example leads (default 500), e.g. 10000 to feel the live feedback at size.
// ?example=sheet-typo opens on a Lead Scoring sheet with a typo, to see how the pane meets it.
export function renderPreview(root: Root, search: string): void {
  const query = new URLSearchParams(search);
  const asked = Number(query.get('leads'));
  const example = query.get('example') === 'sheet-typo' ? 'sheet-typo' : null;
  const { session, sheet } = openPreview(Number.isInteger(asked) && asked > 0 ? Math.min(asked, 100_000) : 500, example);
  root.render(
    <StrictMode>
      <div className="preview-layout">
        <App environment="browser" session={session} />
        <LeadsGrid sheet={sheet} />
      </div>
    </StrictMode>,
  );
}
