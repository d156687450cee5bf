/**
 * The add-in's Apply record in a saved workbook. Apply keeps it in a custom XML part
 * (src/engine/applyRecord.ts); Excel saves each such part as customXml/itemN.xml, the target of
 * a customXml relationship of the workbook part. `leadscore score` reads it so the columns Apply
 * wrote (Score, Band, ... inside the lead table) count as scoring's own, not as the user's data.
 */
import { appliedColumnsOf, OWNERSHIP_NAMESPACE, ownershipFromXml, type Ownership } from '../../engine';
import type { TableInfo, XlsxPackage } from '../files/xlsxPackage';

/** A custom XML part's text: Office may save one as UTF-16 (with a byte order mark) as well as UTF-8. */
function decodePart(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Whether a part's root element is in Apply's namespace (not merely mentions it). */
const isApplyRecord = (xml: string): boolean => {
  const root = /<(?!\?|!)([\w.-]+:)?applied\b[^>]*>/.exec(xml);
  return root !== null && root[0].includes(`"${OWNERSHIP_NAMESPACE}"`);
};

/** The record Apply left in the workbook, or null when there is none or it cannot be read (then no column is Apply's). */
export function readApplyRecord(pkg: XlsxPackage): Ownership | null {
  for (const rel of pkg.relationships(pkg.workbookPart)) {
    if (rel.kind !== 'customXml' || rel.part === null || !pkg.has(rel.part)) continue;
    let xml: string;
    try {
      xml = decodePart(pkg.zip.readEntry(rel.part));
    } catch {
      continue;
    }
    if (isApplyRecord(xml)) return ownershipFromXml(xml);
  }
  return null;
}

/** Which of a lead table's headers Apply wrote, as the pane itself decides it (by the recorded table, or a renamed table's last columns). */
export function appliedHeaders(pkg: XlsxPackage, table: TableInfo | null, headers: readonly string[]): Set<string> {
  if (table === null) return new Set();
  const record = readApplyRecord(pkg);
  if (record === null) return new Set();
  const recordedTableGone = !pkg.sheets.some((s) => pkg.tables(s).some((t) => t.name.toLowerCase() === record.table.toLowerCase()));
  return new Set(appliedColumnsOf({ name: table.name, headers }, record, recordedTableGone).map((h) => h.toLowerCase()));
}
