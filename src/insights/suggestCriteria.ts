/**
 * New criteria suggested by history: for each usable column, the one-of list of categories or
 * the numeric range whose leads convert most differently from the rest. Candidates are ranked
 * by a two-proportion z statistic, so a large lift on a handful of leads does not win over a
 * solid one on many.
 */
import { criterion, type Condition, type Criterion, type Group } from '../engine';
import type { ColumnProfile } from './columnProfile';

export interface SuggestedCriterion {
  readonly criterion: Criterion;
  readonly column: string;
  /** 1 where the suggested condition holds. */
  readonly matches: Uint8Array;
  readonly leads: number;
  readonly converted: number;
  readonly rate: number;
  /** rate / the rate of the other leads. */
  readonly lift: number;
  readonly z: number;
}

const ENGAGEMENT_WORDS = /visit|open|click|download|attend|view|use|like|join|request|trial|demo|activity|webinar|email date|signed|contact/i;

interface Counts {
  readonly base: { readonly leads: number; readonly converted: number };
  readonly minimumSupport: number;
}

function zOf(inLeads: number, inConverted: number, counts: Counts): number {
  const outLeads = counts.base.leads - inLeads;
  const outConverted = counts.base.converted - inConverted;
  if (inLeads < counts.minimumSupport || outLeads < counts.minimumSupport) return 0;
  const p = counts.base.converted / counts.base.leads;
  const se = Math.sqrt(p * (1 - p) * (1 / inLeads + 1 / outLeads));
  return se === 0 ? 0 : (inConverted / inLeads - outConverted / outLeads) / se;
}

const round = (x: number): number => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

function numericCandidates(p: ColumnProfile, labels: Uint8Array, counts: Counts): { condition: Condition; z: number }[] {
  const present: number[] = [];
  p.values.forEach((v) => {
    if (!Number.isNaN(v)) present.push(v);
  });
  present.sort((a, b) => a - b);
  const thresholds = new Set<number>();
  if (p.kind === 'date') [7, 14, 30, 60, 90, 180, 365].forEach((d) => thresholds.add(d));
  else for (let q = 1; q < 20; q++) thresholds.add(round(present[Math.floor((q / 20) * present.length)] ?? 0));
  const out: { condition: Condition; z: number }[] = [];
  for (const t of thresholds) {
    let atLeast = 0;
    let atLeastConverted = 0;
    let atMost = 0;
    let atMostConverted = 0;
    p.values.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      if (v >= t) {
        atLeast++;
        atLeastConverted += labels[i] ?? 0;
      }
      if (p.kind === 'date' && v <= t) {
        atMost++;
        atMostConverted += labels[i] ?? 0;
      }
    });
    if (p.kind === 'date') out.push({ condition: { op: 'withinDays', days: t }, z: zOf(atMost, atMostConverted, counts) });
    else {
      // "at least" only: its complement carries the same information, and positive points read better.
      out.push({ condition: { op: 'gte', value: t }, z: zOf(atLeast, atLeastConverted, counts) });
    }
  }
  return out;
}

function categoryCandidates(p: ColumnProfile, labels: Uint8Array, counts: Counts): { condition: Condition; z: number }[] {
  const byKey = new Map<string, { leads: number; converted: number }>();
  p.keys.forEach((key, i) => {
    if (key === '') return;
    const c = byKey.get(key) ?? { leads: 0, converted: 0 };
    c.leads++;
    c.converted += labels[i] ?? 0;
    byKey.set(key, c);
  });
  // Values seen too rarely to judge stay out of the lists (they fall in "the rest").
  const supported = [...byKey].filter(([, c]) => c.leads >= counts.minimumSupport).sort((a, b) => b[1].converted / b[1].leads - a[1].converted / a[1].leads);
  const out: { condition: Condition; z: number }[] = [];
  const best = (ordered: typeof supported): void => {
    let leads = 0;
    let converted = 0;
    let top = { k: 0, z: 0 };
    ordered.forEach(([, c], k) => {
      leads += c.leads;
      converted += c.converted;
      const z = zOf(leads, converted, counts);
      if (Math.abs(z) > Math.abs(top.z)) top = { k: k + 1, z };
    });
    if (top.k > 0) out.push({ condition: { op: 'equals', values: ordered.slice(0, top.k).map(([key]) => p.spelling.get(key) ?? key) }, z: top.z });
  };
  best(supported);
  best([...supported].reverse());
  return out;
}

function matchesOf(p: ColumnProfile, condition: Condition): Uint8Array {
  const m = new Uint8Array(p.values.length);
  if (condition.op === 'equals') {
    const wanted = new Set(condition.values.map((v) => v.toLowerCase()));
    p.keys.forEach((k, i) => (m[i] = wanted.has(k) ? 1 : 0));
  } else if (condition.op === 'isTrue') p.values.forEach((v, i) => (m[i] = v === 1 ? 1 : 0));
  else if (condition.op === 'gte') p.values.forEach((v, i) => (m[i] = v >= condition.value ? 1 : 0));
  else if (condition.op === 'lte') p.values.forEach((v, i) => (m[i] = v <= condition.value ? 1 : 0));
  else if (condition.op === 'withinDays') p.values.forEach((v, i) => (m[i] = v <= condition.days ? 1 : 0));
  return m;
}

/** The best candidates of one column: at most one per sign. */
export function suggestForColumn(p: ColumnProfile, labels: Uint8Array, minimumSupport: number): SuggestedCriterion[] {
  let leads = 0;
  let converted = 0;
  labels.forEach((y) => {
    leads++;
    converted += y;
  });
  const counts: Counts = { base: { leads, converted }, minimumSupport };
  const candidates =
    p.kind === 'category' ? categoryCandidates(p, labels, counts)
    : p.kind === 'yesNo' ? [{ condition: { op: 'isTrue' } as Condition, z: zOf(...countMatches(matchesOf(p, { op: 'isTrue' }), labels), counts) }]
    : p.kind === 'numeric' || p.kind === 'date' ? numericCandidates(p, labels, counts)
    : [];
  const chosen: SuggestedCriterion[] = [];
  // Two disjoint lists for a category (the best and the worst values); one range for numbers and dates.
  const signs = p.kind === 'category' ? [1, -1] : [Math.sign(candidates.reduce((best, c) => (Math.abs(c.z) > Math.abs(best.z) ? c : best), { z: 0 }).z) || 1];
  for (const sign of signs) {
    let top: { condition: Condition; z: number } | undefined;
    for (const c of candidates) if (c.z * sign > 0 && (top === undefined || Math.abs(c.z) > Math.abs(top.z))) top = c;
    if (top === undefined) continue;
    const matches = matchesOf(p, top.condition);
    const [inLeads, inConverted] = countMatches(matches, labels);
    const rate = inConverted / inLeads;
    const otherRate = (converted - inConverted) / Math.max(1, leads - inLeads);
    const group: Group = ENGAGEMENT_WORDS.test(p.header) && p.kind !== 'category' ? 'engagement' : 'fit';
    chosen.push({
      criterion: criterion({ group, field: p.header, condition: top.condition, points: 1, note: `suggested from history: ${inLeads} leads, ${(rate * 100).toFixed(0)}% converted vs ${(otherRate * 100).toFixed(0)}% of the others` }),
      column: p.header,
      matches,
      leads: inLeads,
      converted: inConverted,
      rate,
      lift: otherRate === 0 ? Number.POSITIVE_INFINITY : rate / otherRate,
      z: top.z,
    });
  }
  return chosen;
}

function countMatches(matches: Uint8Array, labels: Uint8Array): [number, number] {
  let leads = 0;
  let converted = 0;
  matches.forEach((m, i) => {
    if (m === 1) {
      leads++;
      converted += labels[i] ?? 0;
    }
  });
  return [leads, converted];
}
