import { Button } from '@fluentui/react-components';
import type { FindTableResult, LeadTable } from '../workbook/session';

export interface LeadTablePanelProps {
  found: FindTableResult | null;
  onConvert: (sheet: string, address: string) => void;
  onRefresh: () => void;
}

/** The lead table the pane scores: its columns with their detected kinds and sample values. */
export function LeadTablePanel({ found, onConvert, onRefresh }: LeadTablePanelProps) {
  return (
    <section aria-labelledby="leads-heading" className="group">
      <h2 id="leads-heading">Your leads</h2>
      {found === null && <p>Looking for the lead table…</p>}
      {found?.kind === 'none' && (
        <>
          <p>{found.message}</p>
          <Button onClick={onRefresh}>Look again</Button>
        </>
      )}
      {found?.kind === 'region' && (
        <div className="consent">
          <p>
            The selection is in a plain range ({found.address}) with {found.headers.length} columns: {found.headers.join(', ')}.
            Scoring needs it as an Excel table. Convert it? Its values stay as they are.
          </p>
          <div className="row">
            <Button appearance="primary" onClick={() => onConvert(found.sheet, found.address)}>Convert to a table</Button>
            <Button onClick={onRefresh}>Not now</Button>
          </div>
        </div>
      )}
      {found?.kind === 'table' && <ColumnList table={found.table} onRefresh={onRefresh} />}
    </section>
  );
}

function ColumnList({ table, onRefresh }: { table: LeadTable; onRefresh: () => void }) {
  return (
    <details>
      <summary>
        Table {table.name} ({table.address}): {table.rows.length} leads, {table.columns.length} columns
      </summary>
      <table className="columns">
        <thead>
          <tr><th scope="col">Column</th><th scope="col">Kind</th><th scope="col">Samples</th></tr>
        </thead>
        <tbody>
          {table.columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{c.kind}</td>
              <td>{c.samples.slice(0, 3).join(', ')}{c.blankShare > 0 ? ` (${Math.round(c.blankShare * 100)}% blank)` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="small" onClick={onRefresh}>Read the table again</Button>
    </details>
  );
}
