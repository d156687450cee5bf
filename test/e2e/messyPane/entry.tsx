/**
 * The real pane (App, its panels and taskpane.html's styles) on a messy workbook instead of the
 * example leads: 2,000 leads with long German and Japanese company names, long personal names,
 * leads without an ID and IDs written twice. Built by test/e2e/messyPane/build.ts for the e2e
 * review of the sales views at 350 px; nothing here ships. `window.messy` lets the test change
 * the sheet between two Applies the way a team does between two weeks (rows deleted, new leads).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { formatAddress } from '../../../src/excel/address';
import type { WriteCell } from '../../../src/excel/gateway';
import { MemoryWorkbook } from '../../../src/excel/memoryWorkbook';
import { generateLeads } from '../../../src/sample-data/generateLeads';
import { App } from '../../../src/taskpane/App';
import { WorkbookSession } from '../../../src/workbook/workbookSession';
import { messyLeads } from './messyLeads';

const SHEET = 'Leads';
const query = new URLSearchParams(window.location.search);
const count = Number(query.get('leads') ?? '2000');
const { headers, rows } = messyLeads(generateLeads({ count, seed: 2026, asOf: '2026-11-01' }));
const book = new MemoryWorkbook();
const cells: WriteCell[][] = [headers, ...rows.map((r) => r.map((v): WriteCell => (typeof v === 'object' && v !== null ? '#VALUE!' : v ?? '')))];
book.seedSheet(SHEET, cells);
book.seedTable(SHEET, formatAddress({ row: 0, column: 0, rows: cells.length, columns: headers.length }), SHEET);
book.select(SHEET, 'B2');
const session = new WorkbookSession(book);
const idAt = headers.indexOf('Lead ID');

Object.assign(window, {
  messy: {
    /** A week later: the first `gone` leads' IDs replaced (their rows deleted, new leads in their place). */
    nextWeek(gone: number): void {
      for (let i = 0; i < gone; i++) book.userEdit(SHEET, formatAddress({ row: 1 + i * 7, column: idAt, rows: 1, columns: 1 }), [[`NEW-${String(i + 1).padStart(5, '0')}`]]);
    },
  },
});

const root = document.getElementById('root');
if (root === null) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <div className="preview-layout">
      <App environment="browser" session={session} />
    </div>
  </StrictMode>,
);
