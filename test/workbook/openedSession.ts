import type { MemoryWorkbook } from '../../src/excel/memoryWorkbook';
import { previewWorkbook } from '../../src/workbook/previewWorkbook';
import { WorkbookSession } from '../../src/workbook/workbookSession';

/** The day the workbook tests score as of. */
export const today = (): Date => new Date(2026, 10, 1);

/** A session on the workbook (the example leads by default) that has found its lead table. */
export async function opened(book: MemoryWorkbook = previewWorkbook()): Promise<{ book: MemoryWorkbook; session: WorkbookSession }> {
  const session = new WorkbookSession(book, { today, debounceMs: 5 });
  const found = await session.findLeadTable();
  if (found.kind !== 'table') throw new Error(`expected a table, got ${found.kind}`);
  return { book, session };
}
