import { computed, inject, type Signal } from '@angular/core';
import type { HttpResourceRef } from '@angular/common/http';
import type { KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';
import { KpiApi, type KpiQuery } from '../core/api/kpi-api';
import { kpiTarget, kpiValue, safe, summaryRow } from './kpi-helpers';
import type { TileOverride } from './summary-tiles';

const DAY_MS = 86_400_000;
/** The FCR repeat window (kpis.md, default 7 days): a contact is judged 7 days after it ends. */
export const FCR_WINDOW_DAYS = 7;

/**
 * The latest window of the same length whose contacts are all judged at asOf: the period moved
 * back by whole days until its end is at or before asOf − W. Null when the period is already judged.
 */
export function judgedWindow(from: string, to: string, asOf: string, windowDays = FCR_WINDOW_DAYS): { from: string; to: string; lastDay: string } | null {
  const judgedBy = Date.parse(asOf) - windowDays * DAY_MS;
  const end = Date.parse(to);
  if (end <= judgedBy) return null;
  const shift = Math.ceil((end - judgedBy) / DAY_MS) * DAY_MS;
  const newTo = end - shift;
  return { from: new Date(Date.parse(from) - shift).toISOString(), to: new Date(newTo).toISOString(), lastDay: new Date(newTo - DAY_MS).toISOString() };
}

/** "judged to 28 Nov · 412 pending" (the last day of the judged window, in the view's zone). */
export function judgedNote(lastDay: string, pending: number | null, timezone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: timezone }).format(new Date(Date.parse(lastDay) + DAY_MS / 2));
  return pending ? `judged to ${day} · ${new Intl.NumberFormat('en-GB').format(pending)} pending` : `judged to ${day}`;
}

/**
 * FCR is never just "No data" while contacts are pending: when the period's own FCR is null, the
 * tile shows the latest fully judged window of the same length, labelled, with the pending count.
 */
export function injectFcrFallback(summary: HttpResourceRef<KpiApiResult | undefined>, base: () => KpiQuery | undefined, timezone: Signal<string>) {
  const api = inject(KpiApi);
  const window = computed(() => {
    const r = safe(summary);
    const row = summaryRow(r);
    const q = base();
    if (!r || !row || !q || kpiValue(row, 'fcrPct') !== null) return null;
    return judgedWindow(r.from, r.to, r.asOf);
  });
  const judged = api.resource(() => {
    const w = window();
    const q = base();
    return w && q ? { ...q, by: null, from: w.from, to: w.to } : undefined;
  });
  const none: Record<string, TileOverride | null> = {};
  return computed<Record<string, TileOverride | null>>(() => {
    const w = window();
    const row = summaryRow(safe(judged));
    if (!w || !row) return none;
    const pending = kpiValue(summaryRow(safe(summary)), 'fcrPending');
    return { fcrPct: { value: kpiValue(row, 'fcrPct'), target: kpiTarget(row, 'fcrPct'), note: judgedNote(w.lastDay, pending, timezone()) } };
  });
}

/**
 * The same for a grouped table: when no row of the period has an FCR, each row takes its FCR from
 * the latest fully judged window of the same length (same grouping), and the column says so.
 */
export function injectFcrRowsFallback(grouped: HttpResourceRef<KpiApiResult | undefined>, query: () => KpiQuery | undefined, timezone: Signal<string>) {
  const api = inject(KpiApi);
  const window = computed(() => {
    const r = safe(grouped);
    const q = query();
    if (!r || !q || r.rows.length === 0 || r.rows.some((row) => kpiValue(row, 'fcrPct') !== null)) return null;
    return judgedWindow(r.from, r.to, r.asOf);
  });
  const judged = api.resource(() => {
    const w = window();
    const q = query();
    return w && q ? { ...q, from: w.from, to: w.to } : undefined;
  });
  return computed(() => {
    const rows = safe(grouped)?.rows ?? [];
    const w = window();
    const j = safe(judged);
    if (!w || !j) return { rows, note: null as string | null, window: null as { from: string; to: string } | null };
    return { rows: mergeJudgedFcr(rows, j.rows), note: judgedNote(w.lastDay, null, timezone()), window: { from: w.from, to: w.to } };
  });
}

/**
 * Each row takes its FCR (and FCR target) from the judged window's row of the same key; a row the
 * judged window lacks keeps its own (null) FCR, shown "No data" under the "judged to" column.
 */
export function mergeJudgedFcr<R extends KpiRowWithTargets>(rows: readonly R[], judgedRows: readonly KpiRowWithTargets[]): R[] {
  const byKey = new Map(judgedRows.map((r) => [r.key, r]));
  return rows.map((r) => {
    const from = byKey.get(r.key);
    if (!from) return r;
    return { ...r, kpis: { ...r.kpis, fcrPct: from.kpis.fcrPct }, targets: { ...r.targets, ...(from.targets.fcrPct ? { fcrPct: from.targets.fcrPct } : {}) } };
  });
}
