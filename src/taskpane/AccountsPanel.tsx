import { Button } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { describeAccounts, modelPathOf, rollUpAccounts, SETTINGS, type Band, type CompiledModel, type Model, type Problem } from '../engine';
import type { LeadTable, ScoringSession } from '../workbook/session';
import { textOn } from './theme';

/** Accounts shown in the pane; the sheet holds them all. */
const SHOWN = 5;

export interface AccountsPanelProps {
  session: ScoringSession;
  model: Model;
  /** The model compiled against the table (null while the model has errors). */
  compiled: CompiledModel | null;
  table: LeadTable | null;
  /** The panel is on screen: the rollup is worked out only then. */
  visible: boolean;
}

const count = (n: number): string => n.toLocaleString('en-US');
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A rollup problem as the pane says it: at the model setting people edit, 'Account column' or 'Engaged from'. */
function problemText(p: Problem | undefined): string {
  if (p === undefined) return 'the model has problems';
  const path = modelPathOf(p.at)?.join('.');
  const setting = path === 'accounts.column' ? SETTINGS.accountColumn : path === 'accounts.engagedFrom' ? SETTINGS.engagedFrom : null;
  return `${setting === null ? '' : `'${setting}': `}${p.message}${p.hint === undefined ? '' : ` (${p.hint})`}`;
}
const SCORING = { best: 'its best lead', top: 'the sum of its top', average: 'the average of its contacts' } as const;

/** Leads rolled up to companies: the best accounts in the pane, all of them on the add-in's Accounts sheet. */
export function AccountsPanel({ session, model, compiled, table, visible }: AccountsPanelProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const rolled = useMemo(() => (!visible || compiled === null || table === null ? null : rollUpAccounts(compiled, table.rows)), [visible, compiled, table]);
  const blocked = table === null ? 'Accounts need a lead table: select a cell in your leads.' : compiled === null ? 'Fix the model’s problems to see the accounts.' : null;
  const { scoring, top } = model.accounts;

  const write = async () => {
    setBusy(true);
    setStatus('');
    try {
      const result = await session.writeAccounts(model);
      setStatus(result.kind === 'written' ? result.message : `Not written: ${problemText(result.problems[0])}`);
    } catch (e) {
      setStatus(`The Accounts sheet was not written: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="accounts-heading" className="group accounts-panel">
      <h2 id="accounts-heading">Accounts</h2>
      <p className="muted small">
        Leads rolled up to their company (else their business e-mail domain); an account scores {SCORING[scoring]}
        {scoring === 'top' ? ` ${top}` : ''} (the model’s settings).
      </p>
      {blocked !== null && <p className="muted small">{blocked}</p>}
      {rolled !== null && !rolled.ok && (
        <p className="small" role="alert" data-testid="accounts-problem">
          {problemText(rolled.problems[0])}
        </p>
      )}
      {rolled !== null && rolled.ok && (
        <>
          <p className="small" data-testid="accounts-summary">{describeAccounts(rolled.value)}</p>
          {rolled.value.accounts.length === 0 && <p className="small muted">No account: name the company column in the ‘{SETTINGS.accountColumn}’ setting.</p>}
          {rolled.value.accounts.length > 0 && (
            <ol className="call-list" aria-label={`The first ${Math.min(SHOWN, rolled.value.accounts.length)} accounts`}>
              {rolled.value.accounts.slice(0, SHOWN).map((a) => (
                <li key={a.key}>
                  <div className="call-line">
                    <span className="call-who">{a.name}</span>
                    <BandScore score={a.score} band={a.band} />
                  </div>
                  <p className="call-why">
                    {contactsText(a.contacts, rolled.value.bands.map((b, i) => [b.name, a.perBand[i] ?? 0] as const))}
                    {` · ${count(a.engaged)} engaged · best ${a.best.name !== '' ? a.best.name : a.best.email} (${a.best.score})`}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <div className="row">
        <Button appearance="primary" disabled={busy || blocked !== null || (rolled !== null && !rolled.ok)} onClick={() => void write()}>
          Write the Accounts sheet
        </Button>
      </div>
      <p className="muted small">Every account with its best lead and contacts per band. Writing again replaces only the add-in’s own Accounts sheet.</p>
      {status !== '' && <p className="small" role="status">{status}</p>}
    </section>
  );
}

/** "3 contacts: 2 Hot, 1 Cold": the bands that have contacts, the highest first. */
function contactsText(contacts: number, perBand: readonly (readonly [string, number])[]): string {
  const bands = [...perBand].reverse().filter(([, n]) => n > 0).map(([name, n]) => `${count(n)} ${name}`);
  return `${count(contacts)} ${contacts === 1 ? 'contact' : 'contacts'}: ${bands.join(', ')}`;
}

function BandScore({ score, band }: { score: number; band: Band }) {
  return (
    <span className="call-score">
      <strong>{score}</strong>
      <span className="swatch" style={band.color === '' ? undefined : { background: band.color, color: textOn(band.color) }}>
        {band.name}
      </span>
    </span>
  );
}
