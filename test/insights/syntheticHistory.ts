/**
 * A history table drawn from a known logistic model, for calibration tests:
 * logit = -2.2 + 1.6 [Plan is Enterprise] + 0.7 [Plan is Team] + 1.1 [Demo] + 0.25 x Visits (capped use) - 1.0 [Free mail].
 * Plus columns that must not be used: an identifier, a mostly empty note, pure noise and
 * (optionally) a stage filled in after the outcome.
 */
export const TRUE_WEIGHTS = { enterprise: 1.6, team: 0.7, demo: 1.1, visit: 0.25, freeMail: -1.0 } as const;
export const INTERCEPT = -2.2;

export interface SyntheticHistory {
  headers: string[];
  rows: unknown[][];
  /** The generator's own logit per row. */
  logits: number[];
  labels: number[];
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticHistory(count: number, seed = 1, options: { leak?: boolean; junk?: number } = {}): SyntheticHistory {
  const r = random(seed);
  const headers = ['Lead ID', 'Plan', 'Demo', 'Visits', 'Free Mail', 'Noise', 'Note', ...(options.leak ? ['Stage'] : []), 'Converted'];
  const rows: unknown[][] = [];
  const logits: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = r();
    const plan = u < 0.2 ? 'Enterprise' : u < 0.5 ? 'Team' : 'Starter';
    const demo = r() < 0.25;
    const visits = Math.floor(-Math.log(1 - r()) * 4);
    const freeMail = r() < 0.3;
    const logit = INTERCEPT + (plan === 'Enterprise' ? TRUE_WEIGHTS.enterprise : 0) + (plan === 'Team' ? TRUE_WEIGHTS.team : 0) + (demo ? TRUE_WEIGHTS.demo : 0) + TRUE_WEIGHTS.visit * visits + (freeMail ? TRUE_WEIGHTS.freeMail : 0);
    const converted = r() < 1 / (1 + Math.exp(-logit));
    const visitsCell: unknown = i < (options.junk ?? 0) ? ['n/a', 'lots', '?'][i % 3] : visits;
    rows.push([
      `L-${String(i + 1).padStart(5, '0')}`,
      plan,
      demo ? 'Yes' : 'No',
      visitsCell,
      freeMail ? 'yes' : 'no',
      Math.round(r() * 100),
      r() < 0.1 ? 'called once' : '',
      ...(options.leak ? [converted ? (r() < 0.5 ? 'Closed Won' : 'Contract') : r() < 0.5 ? 'Closed Lost' : 'No reply'] : []),
      converted ? 'Won' : 'Lost',
    ]);
    logits.push(logit);
    labels.push(converted ? 1 : 0);
  }
  return { headers, rows, logits, labels };
}
