import type { Model, Priority, PriorityActions } from './model';
import { GRADES, LEVELS } from './priority';

/** Every Priority, best first in reading order: A1, A2, A3, A4, B1, ... D4. */
export const PRIORITIES: readonly Priority[] = GRADES.flatMap((g) => LEVELS.map((l): Priority => `${g}${l}`));

/**
 * The playbook a model starts with, as Salesforce Account Engagement and Marketo teams run the
 * grade x engagement matrix: sales calls leads that fit and show interest (A1, A2, B1) at once;
 * good fits without interest yet are nurtured by marketing until they engage; poor fits that
 * engage get no sales call (worth checking the fit data: a D1 is often a mistyped industry);
 * poor fits that do nothing are dropped. Each is a short line the user can rewrite.
 */
export const DEFAULT_PRIORITY_ACTIONS: Readonly<Record<Priority, string>> = {
  A1: 'Call now',
  A2: 'Call now',
  A3: 'Nurture: invite to a demo',
  A4: 'Nurture: targeted campaign',
  B1: 'Call now',
  B2: 'Call this week',
  B3: 'Nurture',
  B4: 'Nurture',
  C1: 'Qualify: check fit before calling',
  C2: 'Nurture',
  C3: 'Newsletter only',
  C4: 'Newsletter only',
  D1: 'No call: check the fit data',
  D2: 'No call: marketing only',
  D3: 'Disqualify',
  D4: 'Disqualify',
};

/** An action is a line in a matrix cell, not a playbook: long enough for "Call within 24 h, offer the ROI calculator". */
export const MAX_ACTION_LENGTH = 120;

/** The action a model recommends for a Priority: the user's text, else (also while it is blank, as in a field being typed) the default. */
export function priorityActionOf(m: Pick<Model, 'priorityActions'>, p: Priority): string {
  const text = m.priorityActions[p]?.trim();
  return text === undefined || text === '' ? DEFAULT_PRIORITY_ACTIONS[p] : text;
}

/** All sixteen actions of a model, defaults filled in. */
export function priorityActionsOf(m: Pick<Model, 'priorityActions'>): Readonly<Record<Priority, string>> {
  return Object.fromEntries(PRIORITIES.map((p) => [p, priorityActionOf(m, p)])) as Record<Priority, string>;
}

/**
 * The actions as a model keeps them: trimmed, and only those that differ from the default (an
 * empty text means "back to the default", as an empty threshold means automatic), so equal
 * playbooks are equal as data however they were written.
 */
export function normalisePriorityActions(actions: PriorityActions): PriorityActions {
  const kept: Partial<Record<Priority, string>> = {};
  for (const p of PRIORITIES) {
    const text = actions[p]?.trim();
    if (text !== undefined && text !== '' && text !== DEFAULT_PRIORITY_ACTIONS[p]) kept[p] = text;
  }
  return kept;
}

/** The model with one action rewritten ('' restores the default). */
export function withPriorityAction(m: Model, p: Priority, text: string): Model {
  return { ...m, priorityActions: normalisePriorityActions({ ...m.priorityActions, [p]: text }) };
}
