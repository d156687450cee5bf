/**
 * The model handle: the short text =LEADSCORE.MODEL(...) shows in its cell, and that every
 * score formula refers to. Its digest is taken over the model and the lead headers, so the
 * text changes exactly when either does: Excel then recalculates every dependent score, and
 * only then.
 *
 *   Lead model 'Weighted B2B' · 14 criteria · #5f2c91ab
 *
 * Only the trailing "#digest" identifies the model; the rest is for people.
 */
import type { Model } from '../engine';

/** 32-bit FNV-1a over UTF-16 code units, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** 8 hex digits of a digest of `text`. Two passes mixed, so one-character edits spread. */
export function digestOf(text: string): string {
  const a = fnv1a(text, 0x811c9dc5);
  const b = fnv1a(text, a ^ 0x5bd1e995);
  return ((a ^ Math.imul(b, 0x9e3779b1)) >>> 0).toString(16).padStart(8, '0');
}

/** Everything a score depends on, as one canonical text: the model and the header row. */
export function canonicalText(model: Model, headers: readonly string[]): string {
  return JSON.stringify({ model, headers });
}

/** The handle's text, e.g. "Lead model 'Weighted B2B' · 14 criteria · #5f2c91ab". */
export function handleText(model: Model, digest: string, warnings: number): string {
  const n = model.criteria.length;
  const parts = [`Lead model '${model.name}'`, `${n} ${n === 1 ? 'criterion' : 'criteria'}`];
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  parts.push(`#${digest}`);
  return parts.join(' · ');
}

const DIGEST_AT_END = /#([0-9a-f]{8}(?:-\d+)?)\s*$/;

/** The digest a handle text ends with, or null when the text is not a handle. */
export function digestOfHandle(text: string): string | null {
  if (!text.startsWith('Lead model ')) return null;
  return DIGEST_AT_END.exec(text)?.[1] ?? null;
}
