/**
 * Excel, as far as the functions can tell: arguments are passed by value (every call gets
 * fresh copies, as through JSON), error cells arrive as error objects, and the functions'
 * error values are fakes of CustomFunctions.Error.
 */
import { modelToCells, templateById, type Model } from '../../src/engine';
import { createLeadScoreFunctions, type ErrorCode, type LeadScoreFunctions, type Matrix } from '../../src/functions/core';
import { ModelRegistry } from '../../src/functions/registry';
import { generateLeads } from '../../src/sample-data/generateLeads';

export class FakeError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

/** An error cell as Excel passes it into a custom function. */
export const errorCell = (code: string): unknown => ({ code, message: '' });

export const TODAY = new Date(2026, 10, 23);

type PerLead = 'score' | 'band' | 'stage' | 'fit' | 'engagement' | 'explain';
/** The functions without a model source: every answer comes at once, never as a promise. */
export type SyncLeadScoreFunctions = Omit<LeadScoreFunctions, PerLead> & Record<PerLead, (model: unknown, lead: unknown, asOf?: unknown) => Matrix>;

export function functions(options: { registry?: ModelRegistry } = {}): SyncLeadScoreFunctions {
  return createLeadScoreFunctions({
    makeError: (code, message) => new FakeError(code, message),
    registry: options.registry ?? new ModelRegistry({ today: () => TODAY }),
  }) as SyncLeadScoreFunctions;
}

export function weightedB2B(): Model {
  const template = templateById('weighted-b2b');
  if (template === undefined) throw new Error('no weighted-b2b template');
  return template.model;
}

/** The model's three tables as Excel passes them: header row first. */
export function tablesOf(model: Model): { criteria: unknown[][]; bands: unknown[][]; settings: unknown[][] } {
  return JSON.parse(JSON.stringify(modelToCells(model))) as { criteria: unknown[][]; bands: unknown[][]; settings: unknown[][] };
}

export function leads(count: number): { headers: string[]; rows: unknown[][] } {
  const table = generateLeads({ count, first: 0, seed: 'functions', asOf: '2026-11-01' });
  return { headers: [...table.headers], rows: JSON.parse(JSON.stringify(table.rows)) as unknown[][] };
}

/**
 * Calls a function the way Excel does: each argument copied by value; counts the cells passed.
 */
export class Marshal {
  values = 0;
  calls = 0;
  call<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    this.calls++;
    const copies = args.map((a) => {
      if (a === undefined) return undefined;
      this.values += Array.isArray(a) ? (a as unknown[][]).reduce((n, row) => n + (Array.isArray(row) ? row.length : 1), 0) : 1;
      return JSON.parse(JSON.stringify(a)) as unknown;
    }) as A;
    return fn(...copies);
  }
}

export function registerWeightedB2B(f: Pick<LeadScoreFunctions, 'model'>, headers: readonly string[], model: Model = weightedB2B()): string {
  const t = tablesOf(model);
  const handle = f.model(t.criteria, t.bands, t.settings, [[...headers]]);
  if (typeof handle !== 'string') throw new Error(`MODEL failed: ${JSON.stringify(handle)}`);
  return handle;
}
