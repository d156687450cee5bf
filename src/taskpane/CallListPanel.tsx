import { Button, Checkbox } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { callList, describeCallList, type Band, type CompiledModel, type Model } from '../engine';
import type { LeadTable, ScoringSession } from '../workbook/session';
import { excelRowOf } from './leadIdentity';
import { NumberField } from './NumberField';
import { textOn } from './theme';

/** The call list's length when the pane opens: a morning's calls. */
export const DEFAULT_CALL_LIST_LENGTH = 25;
/** Leads shown in the pane; the sheet holds the whole list. */
const SHOWN = 5;
/** The most a call list holds: a list longer than this is a lead table, not a call list. */
const MAX_CALL_LIST = 10_000;

export interface CallListPanelProps {
  session: ScoringSession;
  model: Model;
  /** The model compiled against the table (null while the model has errors). */
  compiled: CompiledModel | null;
  table: LeadTable | null;
  /** The panel is on screen: the list is worked out only then. */
  visible: boolean;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** "Top N to call": the first few in the pane, the whole list on the add-in's Call list sheet, ready to print. */
export function CallListPanel({ session, model, compiled, table, visible }: CallListPanelProps) {
  const [top, setTop] = useState(DEFAULT_CALL_LIST_LENGTH);
  const [everyone, setEveryone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const list = useMemo(
    () => (!visible || compiled === null || table === null ? null : callList(compiled, table.rows, { top, ...(everyone ? { skipGrades: [], skipBands: [] } : {}) })),
    [visible, compiled, table, top, everyone],
  );
  const blocked = table === null ? 'The call list needs a lead table: select a cell in your leads.' : compiled === null ? 'Fix the model’s problems to make the call list.' : null;

  const write = async () => {
    setBusy(true);
    setStatus('');
    try {
      const result = await session.writeCallList(model, { top, everyone });
      setStatus(result.kind === 'written' ? `${result.message}${result.warnings.length > 0 ? ` (${result.warnings[0]?.message})` : ''}` : `Not written: ${result.problems[0]?.message ?? 'the model has problems'}`);
    } catch (e) {
      setStatus(`The call list was not written: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="call-list-heading" className="group call-list-panel">
      <h2 id="call-list-heading">Call list</h2>
      <p className="muted small">The leads to call first: priority (fit grade × engagement level, A1 first), then score, with the three biggest reasons.</p>
      <div className="row call-list-options">
        <NumberField
          label="Leads"
          value={top}
          onChange={(n) => {
            if (n !== null && Number.isInteger(n) && n >= 1 && n <= MAX_CALL_LIST) setTop(n);
          }}
          hint={`1 to ${MAX_CALL_LIST.toLocaleString('en-US')}`}
        />
        <Checkbox label="Include Cold and grade D leads" checked={everyone} onChange={(_, d) => setEveryone(d.checked === true)} />
      </div>
      {blocked !== null && <p className="muted small">{blocked}</p>}
      {list !== null && (
        <>
          <p className="small" data-testid="call-list-summary">{describeCallList(list)}</p>
          {list.warnings.length > 0 && <p className="small muted">{list.warnings[0]?.message}</p>}
          {list.entries.length === 0 && list.skipped.band + list.skipped.grade > 0 && !everyone && (
            <p className="small muted">Tick “Include Cold and grade D leads” to list them anyway.</p>
          )}
          {list.entries.length > 0 && (
            <ol className="call-list" aria-label={`The first ${Math.min(SHOWN, list.entries.length)} leads to call`}>
              {list.entries.slice(0, SHOWN).map((e) => (
                <li key={e.row}>
                  <div className="call-line">
                    {e.priority !== null && <span className="call-priority">{e.priority}</span>}
                    <span className="call-who">
                      <span className="call-name">{e.contact.name !== '' ? e.contact.name : `Row ${excelRowOf(table?.address ?? '', e.row) ?? e.row + 1}`}</span>
                      {e.contact.company !== '' && <span className="call-company">{e.contact.company}</span>}
                    </span>
                    <BandScore score={e.score} band={e.band} bands={model.bands} />
                  </div>
                  {/* The cell's action, for everyone (it was a tooltip only, which touch and screen readers miss), then the reasons. */}
                  {(e.action !== '' || e.reasons.length > 0) && (
                    <p className="call-why">
                      {e.action !== '' && <span className="call-action">{e.action}</span>}
                      {e.action !== '' && e.reasons.length > 0 ? ' — ' : ''}
                      {e.reasons.map((r) => r.text).join(' · ')}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <div className="row">
        <Button appearance="primary" disabled={busy || blocked !== null} onClick={() => void write()}>
          Write the Call list sheet
        </Button>
      </div>
      <p className="muted small">Landscape, one page wide, ready to print. Writing again replaces only the add-in’s own Call list sheet.</p>
      {status !== '' && <p className="small" role="status">{status}</p>}
    </section>
  );
}

function BandScore({ score, band, bands }: { score: number; band: string; bands: readonly Band[] }) {
  const colour = bands.find((b) => b.name === band)?.color;
  return (
    <span className="call-score">
      <strong>{score}</strong>
      <span className="swatch" style={colour === undefined || colour === '' ? undefined : { background: colour, color: textOn(colour) }}>{band}</span>
    </span>
  );
}
