/**
 * Reading a model from JSON text (the JSON dialog and an imported file). A chunk of its own,
 * loaded with the first import: the JSON reader's schema library (zod) is the largest part of
 * the engine, and the page Excel opens with reads its model from cells without it.
 */
import { parseModel, type Model, type Problem } from '../engine';

export type ParsedJson = { ok: true; model: Model; warnings: readonly Problem[] } | { ok: false; problems: readonly Problem[] };

export function parseJsonModel(text: string): ParsedJson {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ severity: 'error', at: { input: 'JSON' }, message: e instanceof Error ? e.message : String(e), hint: 'paste the text of a model exported from this pane' }] };
  }
  const result = parseModel(data);
  return result.ok ? { ok: true, model: result.value, warnings: result.warnings } : { ok: false, problems: result.problems };
}
