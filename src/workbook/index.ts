/**
 * What the task pane imports to reach a workbook: a session on the Office host. The browser
 * preview's in-memory workbook and example leads are in ./preview, which the pane loads only
 * outside Office, so Excel never downloads them.
 */
import { OfficeWorkbook } from '../excel/officeWorkbook';
import { WorkbookSession, type WorkbookSessionOptions } from './workbookSession';

export type * from './session';
export { WorkbookSession, type WorkbookSessionOptions } from './workbookSession';
export { MODEL_NAME } from './applyScoring';

/** A session on the Excel the pane runs in. */
export function officeSession(options: WorkbookSessionOptions = {}): WorkbookSession {
  return new WorkbookSession(new OfficeWorkbook(), options);
}

/** Whether Excel shows the pane (Office.addin.onVisibilityModeChanged), for the pane's entry point. */
export { officePaneVisibility, type PaneVisibility } from '../excel/paneVisibility';
