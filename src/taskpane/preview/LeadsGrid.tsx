import { useEffect, useState } from 'react';
import { isoDateFromExcelSerial, type CellValue } from '../../engine';
import { textOn } from '../theme';
import type { DemoSession, SheetView } from './demoSession';

/** A read-only view of the preview's Leads sheet: values and band fills, as Excel would show them. */
export function LeadsGrid({ session, maxRows = 100 }: { session: DemoSession; maxRows?: number }) {
  const [view, setView] = useState<SheetView>(() => session.view());
  useEffect(() => session.onSheetChanged(setView), [session]);
  const rows = view.rows.slice(0, maxRows);
  return (
    <section className="grid" aria-labelledby="grid-heading">
      <h2 id="grid-heading">Leads sheet (preview, first {rows.length} of {view.rows.length} rows)</h2>
      <div className="grid-scroll" tabIndex={0} aria-label="Leads sheet">
        <table className="leads">
          <thead>
            <tr>
              <th scope="col">#</th>
              {view.headers.map((h) => <th key={h} scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} onClick={() => session.selectRow(i)} data-row={i}>
                <th scope="row">{i + 2}</th>
                {view.headers.map((h, j) => {
                  const fill = view.filledColumns.includes(h) ? (view.fills[i] ?? null) : null;
                  return (
                    <td key={h} data-col={h} style={fill !== null ? { background: fill, color: textOn(fill) } : undefined} data-fill={fill ?? undefined}>
                      {show(r[j] ?? null, h)}
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
  if (typeof v === 'object') return '#ERROR';
  return String(v);
}
