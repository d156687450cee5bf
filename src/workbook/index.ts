/**
 * What the task pane imports to reach a workbook: a session on the Office host, or, in a plain
 * browser (no Office host), on an in-memory workbook loaded with the example leads.
 */
import { MemoryWorkbook } from '../excel/memoryWorkbook';
import { OfficeWorkbook } from '../excel/officeWorkbook';
import { previewWorkbook } from './previewWorkbook';
import { WorkbookSession, type WorkbookSessionOptions } from './workbookSession';

export type * from './session';
export { WorkbookSession, type WorkbookSessionOptions } from './workbookSession';
export { MODEL_NAME } from './applyScoring';
export { MemoryWorkbook, previewWorkbook };

/** A session on the Excel the pane runs in. */
export function officeSession(options: WorkbookSessionOptions = {}): WorkbookSession {
  return new WorkbookSession(new OfficeWorkbook(), options);
}

/** A session on the example leads in memory (the browser preview); the workbook is returned too, to show its cells and colours. */
export function previewSession(options: WorkbookSessionOptions = {}, leads = 500): { session: WorkbookSession; workbook: MemoryWorkbook } {
  const workbook = previewWorkbook(leads);
  return { session: new WorkbookSession(workbook, options), workbook };
}

/** Whether Excel shows the pane (Office.addin.onVisibilityModeChanged), for the pane's entry point. */
export { officePaneVisibility, type PaneVisibility } from '../excel/paneVisibility';
