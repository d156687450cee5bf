import { useEffect, useState } from 'react';
import { isoDateFromExcelSerial, type CellValue } from '../../engine';
import type { PreviewSheet, SheetPicture } from '../../workbook/preview';
import { textOn } from '../theme';

/** A read-only view of the preview's Leads sheet: values and conditional-format fills, as Excel shows them. */
export function LeadsGrid({ sheet, maxRows = 101 }: { sheet: PreviewSheet; maxRows?: number }) {
  const [picture, setPicture] = useState<SheetPicture | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      void sheet.picture(maxRows).then((p) => {
        if (live) setPicture(p);
      });
    };
    refresh();
    const off = sheet.onChanged(refresh);
    return () => {
      live = false;
      off();
    };
  }, [sheet, maxRows]);
  if (picture === null) return null;
  const [headers = [], ...rows] = picture.values;
  return (
    <section className="grid" aria-labelledby="grid-heading">
      <h2 id="grid-heading">
        {picture.sheet} sheet (preview: first {rows.length} of {Math.max(0, picture.totalRows - 1)} leads; click a row to select it)
      </h2>
      <div className="grid-scroll" tabIndex={0} role="group" aria-label={`${picture.sheet} sheet`}>
        <table className="leads">
          <thead>
            <tr>
              <th scope="col">#</th>
              {headers.map((h, j) => <th key={j} scope="col">{show(h, '')}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} onClick={() => sheet.selectSheetRow(i + 1)} data-row={i}>
                <th scope="row">{i + 2}</th>
                {headers.map((h, j) => {
                  const fill = picture.fills[i + 1]?.[j] ?? null;
                  return (
                    <td key={j} data-col={show(h, '')} data-fill={fill ?? undefined} style={fill !== null ? { background: fill, color: textOn(fill) } : undefined}>
                      {show(r[j] ?? null, show(h, ''))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function show(v: CellValue, header: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && /date/i.test(header)) return isoDateFromExcelSerial(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return '#VALUE!';
  return String(v);
}
