/**
 * A new workbook for leads that came from CSV: one sheet 'Leads' with a frozen header row,
 * the score columns marked by their notes and coloured by band, written row by row.
 */
import type { Band } from '../../engine';
import type { AtomicFile } from '../files/atomicFile';
import { columnLetters } from '../files/xml';
import { ZipWriter } from '../files/zip';
import { SCORE_COLUMN_NOTE, SCORE_COLUMNS } from './leadColumns';
import type { LeadSink, OutCell, OutRow } from './leadSinks';
import { bandDxf, bandFormats, cellXml, checkCellLength, CONTENT_TYPE, newComments, newNoteDrawing } from './xlsxParts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text that is a number exactly as JavaScript would print it becomes a number cell; other text stays text ("007", "+44 ..."). */
function typed(value: OutCell): OutCell {
  if (typeof value !== 'string' || value.length === 0 || value.length > 24) return value;
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value ? n : value;
}

export class NewWorkbookSink implements LeadSink {
  private readonly zip: ZipWriter;
  private part: { write: (text: string) => Promise<void>; end: () => Promise<void> } | null = null;
  private keep: number[] = [];
  private headers: string[] = [];
  private rowNumber = 1;
  private lastLead = 0;

  private bands: readonly Band[] = [];

  constructor(
    out: AtomicFile,
    private readonly where: string,
  ) {
    this.zip = new ZipWriter(out);
  }

  begin(headers: readonly string[], ours: ReadonlySet<number>, bands: readonly Band[]): void {
    this.bands = bands;
    this.keep = headers.map((_, i) => i).filter((i) => !ours.has(i));
    this.headers = [...headers];
    this.part = this.zip.open('xl/worksheets/sheet1.xml');
  }

  private async writeHead(): Promise<void> {
    const cols = SCORE_COLUMNS.map((name, k) => {
      const c = this.keep.length + k + 1;
      return `<col min="${c}" max="${c}" width="${name.length + 4}" customWidth="1"/>`;
    }).join('');
    const header = [...this.keep.map((i) => this.headers[i] ?? ''), ...SCORE_COLUMNS];
    header.forEach((h, c) => checkCellLength(h, () => `${this.where}, header of column ${c + 1}`));
    const cells = header.map((h, c) => cellXml('', `${columnLetters(c + 1)}1`, h, '1')).join('');
    await this.part!.write(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${cells}</row>`,
    );
  }

  async rows(block: readonly OutRow[]): Promise<void> {
    if (this.rowNumber === 1) await this.writeHead();
    let text = '';
    for (const row of block) {
      const r = ++this.rowNumber;
      const values: OutCell[] = this.keep.map((i) => typed(row.cells[i] ?? null));
      values.forEach((v, c) => checkCellLength(v, () => `${this.where}, row ${r - 1} of the leads, column '${this.headers[this.keep[c]!] ?? c + 1}'`));
      if (row.score !== null) {
        values.push(...row.score);
        this.lastLead = r;
      }
      let cells = '';
      values.forEach((v, c) => (cells += cellXml('', `${columnLetters(c + 1)}${r}`, v)));
      text += `<row r="${r}">${cells}</row>`;
    }
    await this.part!.write(text);
  }

  async finish(): Promise<void> {
    if (this.rowNumber === 1) await this.writeHead();
    const scoreColumn = this.keep.length + 1;
    const formats = this.lastLead === 0 ? '' : bandFormats('', this.bands, this.bands.map((_, k) => k), scoreColumn + 1, scoreColumn, 2, this.lastLead, 1);
    await this.part!.write(`</sheetData>${formats}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><legacyDrawing r:id="rId2"/></worksheet>`);
    await this.part!.end();
    const notes = SCORE_COLUMNS.map((_, k) => ({ column: scoreColumn + k, row: 1, text: SCORE_COLUMN_NOTE }));
    this.zip.add('xl/comments1.xml', newComments(notes));
    this.zip.add('xl/drawings/vmlDrawing1.vml', newNoteDrawing(notes, 1));
    this.zip.add(
      'xl/worksheets/_rels/sheet1.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="${REL_NS}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>`,
    );
    this.zip.add(
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="${this.bands.length}">${this.bands.map(bandDxf).join('')}</dxfs></styleSheet>`,
    );
    this.zip.add(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    this.zip.add(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    this.zip.add('_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    this.zip.add(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Default Extension="vml" ContentType="${CONTENT_TYPE.vml}"/><Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE.worksheet}"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/><Override PartName="/xl/comments1.xml" ContentType="${CONTENT_TYPE.comments}"/></Types>`,
    );
    this.zip.finish();
  }
}
