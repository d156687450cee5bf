/**
 * The add-in's Apply record in a saved workbook. Apply keeps it in a custom XML part
 * (src/engine/applyRecord.ts); Excel saves each such part as customXml/itemN.xml, the target of
 * a customXml relationship of the workbook part. `leadscore score` reads it so the columns Apply
 * wrote (Score, Band, ... inside the lead table) count as scoring's own, not as the user's data.
 */
import { appliedColumnsOf, modelFingerprint, OWNERSHIP_NAMESPACE, ownershipFromXml, ownershipToXml, type Model, type Ownership, type ScoreNote } from '../../engine';
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
  return applyRecordPart(pkg)?.record ?? null;
}

/** The record and the custom XML part it is in (to write it again after a run), or null. */
export function applyRecordPart(pkg: XlsxPackage): { readonly part: string; readonly record: Ownership } | null {
  for (const rel of pkg.relationships(pkg.workbookPart)) {
    if (rel.kind !== 'customXml' || rel.part === null || !pkg.has(rel.part)) continue;
    let xml: string;
    try {
      xml = decodePart(pkg.zip.readEntry(rel.part));
    } catch {
      continue;
    }
    if (!isApplyRecord(xml)) continue;
    const record = ownershipFromXml(xml);
    return record === null ? null : { part: rel.part, record };
  }
  return null;
}

/**
 * The record after `leadscore score` refreshed Apply's columns: the scores are static values now,
 * from this model at this time, written by leadscore; `note` is the note left on the Score header,
 * absent when that cell holds a person's note. The columns, names and cells Apply owns stay its
 * own, so Remove scoring still takes them away. Saved as UTF-8, which Excel reads as it reads UTF-16.
 */
export function refreshedApplyRecord(record: Ownership, run: { readonly model: Model; readonly at: Date; readonly note: ScoreNote | null }): string {
  const applied = { model: run.model.name, at: run.at.toISOString(), fingerprint: modelFingerprint(run.model), ...(run.note === null ? {} : { note: run.note }), scoredBy: 'leadscore' as const };
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>${ownershipToXml({ ...record, mode: 'values', applied })}`;
}

/** Which of a lead table's headers Apply wrote, as the pane itself decides it (by the recorded table, or a renamed table's last columns). */
export function appliedHeaders(pkg: XlsxPackage, table: TableInfo | null, headers: readonly string[]): Set<string> {
  if (table === null) return new Set();
  const record = readApplyRecord(pkg);
  if (record === null) return new Set();
  const recordedTableGone = !pkg.sheets.some((s) => pkg.tables(s).some((t) => t.name.toLowerCase() === record.table.toLowerCase()));
  return new Set(appliedColumnsOf({ name: table.name, headers }, record, recordedTableGone).map((h) => h.toLowerCase()));
}
