#!/usr/bin/env node
// A visual check of the band highlighting, not part of CI: renders the first rows of a scored
// workbook's lead sheet to PNG with LibreOffice headless (Debian: libreoffice-calc-nogui and
// poppler-utils for pdftoppm). Only a few lead columns and the score columns are shown, so that
// the colours fit on one page.
//
//   node scripts/render-workbook.mjs examples/leads.scored.xlsx [out.png] [--rows 40]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';

const args = process.argv.slice(2);
const rowsAt = args.indexOf('--rows');
const rows = rowsAt >= 0 ? Number(args.splice(rowsAt, 2)[1]) : 40;
const [input, output = input?.replace(/\.xlsx$/i, '.png')] = args;
if (input === undefined) {
  console.error('usage: node scripts/render-workbook.mjs <scored.xlsx> [out.png] [--rows 40]');
  process.exit(2);
}
for (const tool of ['soffice', 'pdftoppm']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`]);
  } catch {
    console.error(`${tool} not found: apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils`);
    process.exit(1);
  }
}
const SHOWN = new Set(['Lead ID', 'First Name', 'Last Name', 'Company', 'Score', 'Band', 'Fit', 'Engagement', 'Stage']);
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(input);
const sheet = wb.worksheets.find((s) => s.name !== 'Lead Scoring') ?? wb.worksheets[0];
sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
  if (!SHOWN.has(String(cell.value ?? ''))) sheet.getColumn(col).hidden = true;
});
for (let r = rows + 2; r <= sheet.rowCount; r++) sheet.getRow(r).hidden = true;
sheet.pageSetup = { ...sheet.pageSetup, fitToPage: true, fitToWidth: 1, fitToHeight: 1, orientation: 'portrait' };
// Only the lead sheet is printed.
for (const other of wb.worksheets) if (other !== sheet) other.state = 'hidden';
const dir = mkdtempSync(join(tmpdir(), 'leadscore-render-'));
try {
  const view = join(dir, 'view.xlsx');
  await wb.xlsx.writeFile(view);
  // A LibreOffice profile of its own, so that a running LibreOffice does not block this one.
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, view], { stdio: 'ignore' });
  execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', '-f', '1', join(dir, 'view.pdf'), output.replace(/\.png$/i, '')]);
  if (!existsSync(output)) throw new Error(`no ${basename(output)} was written`);
  console.log(output);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
