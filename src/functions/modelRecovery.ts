/**
 * The model of a handle this runtime has not compiled, read back from the workbook. After a
 * reopen, in a co-author's runtime or after a runtime reload, Excel shows the =LEADSCORE.MODEL
 * cell's last handle without running MODEL again (only volatile functions recalculate on open).
 * Instead of asking Excel to recalculate (a custom function must not change the Excel
 * environment: "Call Excel JavaScript APIs from a custom function", Microsoft's docs), the
 * functions read the model tables, which a shared runtime may do, rebuild the model, and use
 * it when its digest is the handle's: same tables and headers, same model, same scores.
 */
import { isBlank, MODEL_TABLE_NAMES, modelFromCells } from '../engine';
import { formatAddress, parseAddress } from '../excel/address';
import type { WorkbookGateway } from '../excel/gateway';
import { canonicalText, digestOf, digestOfHandle } from './handle';
import type { ModelRegistry } from './registry';

export interface ModelTables {
  readonly criteria: unknown[][];
  readonly bands: unknown[][];
  readonly settings: unknown[][];
  /** The header row of every other table: the handle's headers are the first columns of one. */
  readonly headerRows: readonly (readonly string[])[];
}

export interface ModelSource {
  /** The model tables (header row first) and the other tables' header rows; null when a model table is missing. */
  read(): Promise<ModelTables | null>;
  /** The handles that named cells show (the model cell Apply names), for filling the registry at start. */
  namedHandles(): Promise<string[]>;
}

/** The model source on a workbook gateway: Excel.run in the add-in, the in-memory workbook in tests. */
export function gatewayModelSource(gateway: WorkbookGateway): ModelSource {
  return {
    async read() {
      const tables = await gateway.tables();
      const byName = (name: string) => tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      const criteria = byName(MODEL_TABLE_NAMES.criteria);
      const bands = byName(MODEL_TABLE_NAMES.bands);
      const settings = byName(MODEL_TABLE_NAMES.settings);
      if (criteria === undefined || bands === undefined || settings === undefined) return null;
      const modelNames = new Set([criteria.name, bands.name, settings.name]);
      return {
        criteria: await gateway.readValues(criteria.sheet, criteria.address),
        bands: await gateway.readValues(bands.sheet, bands.address),
        settings: await gateway.readValues(settings.sheet, settings.address),
        headerRows: tables.filter((t) => !modelNames.has(t.name)).map((t) => t.headers),
      };
    },
    async namedHandles() {
      const handles: string[] = [];
      for (const name of await gateway.names()) {
        // A name of one cell on a sheet: ='Lead Scoring'!$B$2
        const m = /^=(?:'((?:[^']|'')+)'|([^!'=]+))!(\$?[A-Z]{1,3}\$?\d+)$/.exec(name.formula.trim());
        if (m === null) continue;
        const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? '');
        const cell = parseAddress(m[3] ?? 'A1');
        const value = (await gateway.readValues(sheet, formatAddress({ ...cell, rows: 1, columns: 1 })))[0]?.[0];
        if (typeof value === 'string' && digestOfHandle(value.trim()) !== null) handles.push(value.trim());
      }
      return handles;
    },
  };
}

/**
 * Registers the model of the tables under the handle when tables and some header row give that
 * handle's digest; true when it did. Only a matching candidate is compiled.
 */
export function registerFromTables(registry: ModelRegistry, handle: string, tables: ModelTables): boolean {
  const wanted = digestOfHandle(handle)?.replace(/-\d+$/, '');
  if (wanted === undefined) return false;
  const read = modelFromCells({ criteria: tables.criteria, bands: tables.bands, settings: tables.settings });
  if (!read.ok) return false;
  for (const row of tables.headerRows) {
    const cells = row.map((h) => (isBlank(h) ? '' : String(h).trim()));
    for (let width = cells.length; width > 0; width--) {
      const headers = cells.slice(0, width);
      if (digestOf(canonicalText(read.value, headers)) !== wanted) continue;
      const registered = registry.register(read.value, headers);
      if (registered.ok && registered.value.handle === handle) return true;
    }
  }
  return false;
}

/**
 * Fills the registry when the runtime starts (Office.onReady): the handles named cells show,
 * rebuilt from the tables, so a reopened workbook's scores find their model at once. Never
 * throws: a workbook without a model has nothing to fill.
 */
export async function warmUp(functions: { readonly registry: ModelRegistry }, source: ModelSource): Promise<number> {
  try {
    const handles = await source.namedHandles();
    if (handles.length === 0) return 0;
    const tables = await source.read();
    if (tables === null) return 0;
    return handles.filter((h) => functions.registry.lookup(h) !== undefined || registerFromTables(functions.registry, h, tables)).length;
  } catch {
    return 0;
  }
}
