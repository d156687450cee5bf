/**
 * The compiled models of this runtime, by handle. =LEADSCORE.MODEL compiles a model once and
 * registers it here; every score formula looks its handle up, so a recalculation of 10,000
 * rows compiles nothing. Bounded: the least recently used model goes first.
 *
 * A handle whose model is not here (the workbook was reopened: Excel keeps the handle text in
 * the cell but does not run =LEADSCORE.MODEL again) is a miss; callers report it, they never
 * guess.
 */
import { compile, isoDateFromExcelSerial, type CompiledModel, type Model, type Problem, type Result } from '../engine';
import { canonicalText, digestOf, handleText } from './handle';

export interface RegisteredModel {
  readonly handle: string;
  readonly model: Model;
  readonly headers: readonly string[];
  readonly warnings: readonly Problem[];
}

interface Entry extends RegisteredModel {
  readonly canonical: string;
  /** Compiled models by the day they measure ages to ('YYYY-MM-DD'). */
  readonly compiled: Map<string, CompiledModel>;
}

export interface RegistryOptions {
  /** How many models to keep; a workbook rarely has more than a few model cells. */
  readonly capacity?: number;
  /** How many as-of days to keep compiled per model. */
  readonly daysPerModel?: number;
  /** Today's date, for models without an as-of date; a parameter so that tests fix it. */
  readonly today?: () => Date;
}

export class ModelRegistry {
  /** How many times the engine compiled a model: for tests and the benchmark. */
  compilations = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly byDigest = new Map<string, Entry[]>();
  private readonly capacity: number;
  private readonly daysPerModel: number;
  private readonly today: () => Date;
  private mostRecent: string | null = null;

  constructor(options: RegistryOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 32);
    this.daysPerModel = Math.max(1, options.daysPerModel ?? 8);
    this.today = options.today ?? (() => new Date());
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Registers a model read from cells against a header row. The same model and headers give
   * the same handle without compiling again; anything else compiles once, for the model's own
   * as-of day, which also checks every column the model names.
   */
  register(model: Model, headers: readonly string[]): Result<RegisteredModel> {
    const canonical = canonicalText(model, headers);
    const digest = digestOf(canonical);
    const sameDigest = this.byDigest.get(digest) ?? [];
    const known = sameDigest.find((e) => e.canonical === canonical);
    if (known !== undefined && this.entries.has(known.handle)) {
      this.touch(known.handle, known);
      return { ok: true, value: known, warnings: known.warnings };
    }
    const day = this.dayKey(model, null);
    this.compilations++;
    const compiled = compile(model, headers, { asOf: day });
    if (!compiled.ok) return compiled;
    // Two different models with one 8-digit digest in one session: tell them apart.
    const others = sameDigest.filter((e) => e.canonical !== canonical && this.entries.has(e.handle));
    const suffix = others.length === 0 ? digest : `${digest}-${others.length + 1}`;
    const entry: Entry = {
      handle: handleText(model, suffix, compiled.warnings.length),
      model,
      headers,
      warnings: compiled.warnings,
      canonical,
      compiled: new Map([[day, compiled.value]]),
    };
    this.byDigest.set(digest, [...others, entry]);
    this.entries.set(entry.handle, entry);
    this.touch(entry.handle, entry);
    this.evict();
    return { ok: true, value: entry, warnings: entry.warnings };
  }

  /** The model registered under this handle text, or undefined (a miss). */
  lookup(handle: string): RegisteredModel | undefined {
    const entry = this.entries.get(handle);
    if (entry !== undefined && handle !== this.mostRecent) this.touch(handle, entry);
    return entry;
  }

  /**
   * The model compiled for an as-of day (an Excel serial), or for its own as-of setting, or
   * for today when it has none. Compiles at most once per model and day.
   */
  compiledFor(registered: RegisteredModel, asOfSerial: number | null): Result<CompiledModel> {
    const entry = this.entries.get(registered.handle);
    if (entry === undefined) return { ok: false, problems: [missing(registered.handle)] };
    const day = this.dayKey(entry.model, asOfSerial);
    const known = entry.compiled.get(day);
    if (known !== undefined) return { ok: true, value: known, warnings: entry.warnings };
    this.compilations++;
    const compiled = compile(entry.model, entry.headers, { asOf: day });
    if (!compiled.ok) return compiled;
    if (entry.compiled.size >= this.daysPerModel) {
      const oldest = entry.compiled.keys().next().value;
      if (oldest !== undefined) entry.compiled.delete(oldest);
    }
    entry.compiled.set(day, compiled.value);
    return compiled;
  }

  /** Forgets every model, as a new runtime would. */
  clear(): void {
    this.entries.clear();
    this.byDigest.clear();
    this.mostRecent = null;
  }

  private dayKey(model: Model, asOfSerial: number | null): string {
    if (asOfSerial !== null) return isoDateFromExcelSerial(asOfSerial);
    if (model.asOf !== null) return model.asOf;
    const now = this.today();
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  private touch(handle: string, entry: Entry): void {
    this.entries.delete(handle);
    this.entries.set(handle, entry);
    this.mostRecent = handle;
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      const evicted = this.entries.get(oldest);
      this.entries.delete(oldest);
      if (evicted === undefined) continue;
      const digest = digestOf(evicted.canonical);
      const left = (this.byDigest.get(digest) ?? []).filter((e) => e !== evicted);
      if (left.length === 0) this.byDigest.delete(digest);
      else this.byDigest.set(digest, left);
    }
  }
}

function missing(handle: string): Problem {
  return { severity: 'error', at: { input: 'model' }, message: `${handle} is no longer loaded` };
}
