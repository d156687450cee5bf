/**
 * The scoring model: plain, JSON-serialisable data. It is persisted in workbooks (as cells)
 * and in files (as JSON), so every shape here is part of a versioned format: change it only
 * together with MODEL_VERSION and a migration.
 */
import type { OpsOfShape } from './conditions/conditionKinds';

export const MODEL_VERSION = 1;

export type Group = 'fit' | 'engagement';
export const GROUPS: readonly Group[] = ['fit', 'engagement'];

/** Text conditions take a list: the condition holds when any value does (none, for "not"). */
export type TextOp = OpsOfShape<'values'>;
export type CompareOp = OpsOfShape<'value'>;

/** A condition, by the shape of its kind (src/engine/conditions/conditionKinds.ts). */
export type Condition =
  | { readonly op: TextOp; readonly values: readonly string[] }
  | { readonly op: CompareOp; readonly value: number }
  | { readonly op: OpsOfShape<'range'>; readonly min: number; readonly max: number }
  | { readonly op: OpsOfShape<'none'> }
  | { readonly op: OpsOfShape<'days'>; readonly days: number };

export type ConditionOp = Condition['op'];

/**
 * Decay by the age of a date column, measured in whole days to the as-of date.
 * - factor: lose `percent`% once the date is more than `afterDays` old (-50% after 30 days);
 * - deduct: lose `points` once more than `afterDays` old, never past zero (-10 after 90 days);
 * - halfLife: halve every `halfLifeDays` days.
 */
export type Decay =
  | { readonly kind: 'factor'; readonly dateField: string; readonly afterDays: number; readonly percent: number }
  | { readonly kind: 'deduct'; readonly dateField: string; readonly afterDays: number; readonly points: number }
  | { readonly kind: 'halfLife'; readonly dateField: string; readonly halfLifeDays: number };

/** Inclusive bounds; null means unbounded. */
export interface Cap {
  readonly min: number | null;
  readonly max: number | null;
}

export const NO_CAP: Cap = { min: null, max: null };

export interface Criterion {
  readonly name: string;
  readonly group: Group;
  /** The column header the condition reads. */
  readonly field: string;
  readonly condition: Condition;
  /** Points when the condition holds; negative and fractional allowed. */
  readonly points: number;
  /** When set, points are given per occurrence: points x the number in this column. */
  readonly perOccurrenceOf: string | null;
  readonly decay: Decay | null;
  /** Bounds on this criterion's contribution, after per-occurrence and decay. */
  readonly cap: Cap;
  readonly enabled: boolean;
  readonly note: string;
}

export interface Band {
  readonly name: string;
  /** Lower bound (inclusive). The first band also takes every score below its bound. */
  readonly from: number;
  /** '#RRGGBB' fill colour. */
  readonly color: string;
}

export interface Stages {
  /** Marketing-qualified at this score or above; null for no MQL stage. */
  readonly mql: number | null;
  /** Sales-qualified at this score or above; null for no SQL stage. */
  readonly sql: number | null;
}

export type Stage = 'MQL' | 'SQL';

/** 'points': the raw sum. '0-100': the sum as a percentage of the model's maximum. */
export type Scale = 'points' | '0-100';

/** How dates written as text like 03/04/2026 are read: month first (US) or day first. */
export type { DateOrder } from './cells/textDate';
import type { DateOrder } from './cells/textDate';

/**
 * Where the Priority matrix cuts Fit into grades (A best, D below C) and Engagement into levels
 * (1 most engaged, 4 below level 3), in the unit of the Fit and Engagement columns. Each is the
 * lowest value of its grade or level; null is automatic: 75%, 50% and 25% of the most a single
 * lead can reach in the group (priority.ts, groupMaximum.ts).
 */
export interface PrioritySettings {
  readonly gradeA: number | null;
  readonly gradeB: number | null;
  readonly gradeC: number | null;
  readonly level1: number | null;
  readonly level2: number | null;
  readonly level3: number | null;
}

export const AUTOMATIC_PRIORITY: PrioritySettings = { gradeA: null, gradeB: null, gradeC: null, level1: null, level2: null, level3: null };

/** How an account's contacts make its score: the best lead's, the sum of the top N, or the average. */
export type AccountScoring = 'best' | 'top' | 'average';

/**
 * How leads roll up to accounts (accounts.ts): by a company column, else the e-mail domain.
 * - column: the company column's header; null finds one by its header (Company, Account, ...);
 * - scoring and top: the account score (top: the N of 'sum of the top N');
 * - engagedFrom: the lowest Engagement of an engaged contact, in the Engagement column's unit;
 *   null is the Priority matrix's level 2 (engagement levels 1 and 2 are engaged).
 */
export interface AccountSettings {
  readonly column: string | null;
  readonly scoring: AccountScoring;
  readonly top: number;
  readonly engagedFrom: number | null;
}

export const DEFAULT_ACCOUNTS: AccountSettings = { column: null, scoring: 'best', top: 3, engagedFrom: null };
/** A cell of the Priority matrix: a fit grade (A best) and an engagement level (1 most engaged). */
export type Priority = `${'A' | 'B' | 'C' | 'D'}${'1' | '2' | '3' | '4'}`;

/**
 * The recommended action of each Priority as the user wrote it ("Call now", "Nurture"). A
 * Priority not listed has its default (priorityActions.ts), so a model stores only what the
 * user changed and older files read unchanged.
 */
export type PriorityActions = Readonly<Partial<Record<Priority, string>>>;

export interface Model {
  readonly version: typeof MODEL_VERSION;
  readonly name: string;
  readonly description: string;
  readonly criteria: readonly Criterion[];
  readonly groupCaps: Readonly<Record<Group, Cap>>;
  readonly totalCap: Cap;
  readonly scale: Scale;
  readonly bands: readonly Band[];
  readonly stages: Stages;
  /** 'YYYY-MM-DD' the decay and date conditions measure age against; null for today. */
  readonly asOf: string | null;
  readonly dateOrder: DateOrder;
  readonly priority: PrioritySettings;
  readonly accounts: AccountSettings;
  /**
   * The lead table's column that identifies a lead from one scoring to the next (leadChange.ts),
   * by header; null to detect it (a column named like ID or Email whose values are unique).
   */
  readonly idColumn: string | null;
  readonly priorityActions: PriorityActions;
}

export const DEFAULT_BANDS: readonly Band[] = [
  { name: 'Cold', from: 0, color: '#BDD7EE' },
  { name: 'Warm', from: 21, color: '#FFE699' },
  { name: 'Hot', from: 50, color: '#F8CBAD' },
];

export const GROUP_LABELS: Readonly<Record<Group, string>> = { fit: 'Fit', engagement: 'Engagement' };

/** A criterion with the defaults a new one gets; pass what differs. */
export function criterion(
  fields: Pick<Criterion, 'group' | 'field' | 'condition' | 'points'> & Partial<Criterion>,
): Criterion {
  return {
    name: '',
    perOccurrenceOf: null,
    decay: null,
    cap: NO_CAP,
    enabled: true,
    note: '',
    ...fields,
  };
}

/** A model with the defaults a new one gets; pass what differs. */
export function model(fields: Partial<Model> = {}): Model {
  return {
    version: MODEL_VERSION,
    name: 'Untitled model',
    description: '',
    criteria: [],
    groupCaps: { fit: NO_CAP, engagement: NO_CAP },
    totalCap: NO_CAP,
    scale: 'points',
    bands: DEFAULT_BANDS,
    stages: { mql: null, sql: null },
    asOf: null,
    dateOrder: 'MDY',
    priority: AUTOMATIC_PRIORITY,
    accounts: DEFAULT_ACCOUNTS,
    idColumn: null,
    priorityActions: {},
    ...fields,
  };
}
