import { UNASSIGNED_SITE_ID, type IvrEventPayload, type StaffingRow } from '@floorwatch/contracts';
import { INTERVAL_MS } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import { entryPointIndex, loadEntryPoints } from './selfservice-store';

const iso = (t: number): string => new Date(t).toISOString();

interface EntryFigures {
  entryPoint: string;
  open: number;
  live: boolean;
  transfers: number;
  offered: number;
  short: number;
  transferred: number;
}

/**
 * selfservice.md §5 for every site at `now`: open sessions (null when the site has no
 * selfservice-ndjson session in the last day: CTRs arrive after the call), transfers of the
 * current interval by endedAt, and the interval's opt-out rate by startedAt.
 */
export async function ivrFigures(store: RecordStore, now: number, ivrShortSeconds = 10): Promise<IvrEventPayload[]> {
  const intervalStart = Math.floor(now / INTERVAL_MS) * INTERVAL_MS;
  const rows = await store.query<EntryFigures>(
    `SELECT entry_point AS "entryPoint",
            count(*) FILTER (WHERE ended_at IS NULL AND source = 'selfservice-ndjson')::int AS open,
            bool_or(source = 'selfservice-ndjson') AS live,
            count(*) FILTER (WHERE outcome = 'transferred' AND ended_at >= $2 AND ended_at < $3)::int AS transfers,
            count(*) FILTER (WHERE ended_at IS NOT NULL AND started_at >= $2)::int AS offered,
            count(*) FILTER (WHERE outcome = 'abandoned' AND started_at >= $2 AND ended_at - started_at < make_interval(secs => $4))::int AS short,
            count(*) FILTER (WHERE outcome = 'transferred' AND started_at >= $2)::int AS transferred
       FROM selfservice_sessions WHERE started_at >= $1 AND started_at < $3 GROUP BY entry_point`,
    [new Date(now - 86_400_000), new Date(intervalStart), new Date(intervalStart + INTERVAL_MS), ivrShortSeconds],
  );
  const eps = entryPointIndex(await loadEntryPoints(store));
  const bySite = new Map<string, EntryFigures>();
  for (const r of rows) {
    const site = eps.get(r.entryPoint)?.siteId ?? UNASSIGNED_SITE_ID;
    const t = bySite.get(site) ?? { entryPoint: site, open: 0, live: false, transfers: 0, offered: 0, short: 0, transferred: 0 };
    t.open += r.open;
    t.live ||= r.live;
    t.transfers += r.transfers;
    t.offered += r.offered;
    t.short += r.short;
    t.transferred += r.transferred;
    bySite.set(site, t);
  }
  return [...bySite].map(([siteId, t]) => {
    const base = t.offered - t.short;
    return { at: iso(now), siteId, ivrNow: t.live ? t.open : null, intervalStart: iso(intervalStart), transfers: t.transfers, ivrOptOutPct: base > 0 ? (100 * t.transferred) / base : null };
  });
}

/** `fw staffing` rows gain ivrTransfers: the site's sessions transferred in each interval (by endedAt); absent for a site without self-service. */
export async function withIvrTransfers(store: RecordStore, siteId: string, rows: StaffingRow[], from: number, to: number): Promise<StaffingRow[]> {
  if (rows.length === 0) return rows;
  const eps = entryPointIndex(await loadEntryPoints(store));
  const found = await store.query<{ entryPoint: string; at: number; n: number }>(
    `SELECT entry_point AS "entryPoint", (floor(extract(epoch from ended_at) / 900) * 900000)::float8 AS at, count(*)::int AS n
       FROM selfservice_sessions WHERE outcome = 'transferred' AND ended_at >= $1 AND ended_at < $2 GROUP BY 1, 2`,
    [new Date(from), new Date(to)],
  );
  const byInterval = new Map<number, number>();
  for (const r of found) {
    if ((eps.get(r.entryPoint)?.siteId ?? UNASSIGNED_SITE_ID) !== siteId) continue;
    byInterval.set(r.at, (byInterval.get(r.at) ?? 0) + r.n);
  }
  // A site without self-service (no entry point, no transfer) keeps its rows as they were.
  const hasSelfService = byInterval.size > 0 || [...eps.values()].some((e) => e.siteId === siteId);
  if (!hasSelfService) return rows;
  return rows.map((r) => ({ ...r, ivrTransfers: byInterval.get(Date.parse(r.intervalStart)) ?? 0 }));
}
