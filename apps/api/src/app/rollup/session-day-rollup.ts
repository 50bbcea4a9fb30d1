import type { RecordStore } from '../database/record-store';
import { DAY_END, DAY_START } from './daily-rollup-sql';
import { SESSION_COUNTERS } from './session-rollup-sql';

/*
 * Day rows of the self-service session rollup (migration SessionDayRollup1796020000000): each is the
 * sum of the 15-minute rows of one local day, so 90 days by site or by day read ~days × entry points
 * rows instead of ~96× as many. rollup_sessions_ep_day (entry point × channel) holds every entry
 * point in UTC and in each site's zone (an entry point's site is resolved at read, so a remapped
 * entry point needs no rebuild); rollup_sessions_dim_day holds, per UTC day × entry point ×
 * channel, the sums by intent (dim 'i') and, apart, by last node (dim 'n'): by intent or last node
 * over 90 days reads days × entry points × (intents + nodes) rows, not × intents × nodes.
 * ss_max_ended_at is kept so the reader tells wholly eligible / pending / mixed day rows apart.
 */

/** settings key: the zones the day rows are stored in (SessionDayState). Absent: no day row is read. */
export const SESSION_DAYS_KEY = 'rollup.sessionDays';

export interface SessionDayState {
  /** 'UTC' and every site's zone when the rows were last built whole (sorted). */
  zones: string[];
}

const DAYS = 'unnest($1::text[], $2::date[]) AS k(zone, day)';
const IN_DAY = `r.interval_start >= ${DAY_START('k.day', 'k.zone')} AND r.interval_start < ${DAY_END('k.day', 'k.zone')}`;
const SUMS = `${SESSION_COUNTERS.map((c) => `sum(r.${c})`).join(', ')}, max(r.ss_max_ended_at)`;

const EP_INSERT = `
INSERT INTO rollup_sessions_ep_day (day_zone, day, entry_point, channel, ${SESSION_COUNTERS.join(', ')}, ss_max_ended_at)
SELECT k.zone, k.day, r.entry_point, r.channel, ${SUMS}
  FROM ${DAYS} JOIN rollup_sessions_ep_15m r ON ${IN_DAY}
 GROUP BY k.zone, k.day, r.entry_point, r.channel`;

/** One scan of the day's 15-minute rows, two grouping sets: by intent and by last node. */
const DIM_INSERT = `
INSERT INTO rollup_sessions_dim_day (day_zone, day, entry_point, channel, dim, dim_key, ${SESSION_COUNTERS.join(', ')}, ss_max_ended_at)
SELECT k.zone, k.day, r.entry_point, r.channel, CASE WHEN GROUPING(r.intent) = 0 THEN 'i' ELSE 'n' END,
  CASE WHEN GROUPING(r.intent) = 0 THEN r.intent ELSE r.last_node END, ${SUMS}
  FROM ${DAYS} JOIN rollup_sessions_15m r ON ${IN_DAY}
 GROUP BY k.zone, k.day, r.entry_point, r.channel, GROUPING SETS ((r.intent), (r.last_node))`;

/** The zones day rows are kept in now: UTC and every site's. */
async function currentZones(store: RecordStore): Promise<string[]> {
  const rows = await store.query<{ z: string }>(`SELECT 'UTC' AS z UNION SELECT timezone FROM sites`);
  return [...new Set(rows.map((r) => r.z))].sort();
}

/** (zone, local day) of each instant in each zone. */
async function daysOf(store: RecordStore, instants: readonly number[], zones: readonly string[]): Promise<[string[], string[]]> {
  if (instants.length === 0 || zones.length === 0) return [[], []];
  const rows = await store.query<{ zone: string; day: string }>(
    'SELECT DISTINCT z.zone, (t AT TIME ZONE z.zone)::date::text AS day FROM unnest($1::timestamptz[]) t, unnest($2::text[]) AS z(zone) ORDER BY 2, 1',
    [instants.map((t) => new Date(t)), zones],
  );
  return [rows.map((r) => r.zone), rows.map((r) => r.day)];
}

async function rebuildDays(store: RecordStore, table: 'ep' | 'dim', [zones, days]: [string[], string[]]): Promise<void> {
  if (days.length === 0) return;
  await store.query(`DELETE FROM rollup_sessions_${table}_day d USING ${DAYS} WHERE d.day_zone = k.zone AND d.day = k.day`, [zones, days]);
  await store.query(table === 'ep' ? EP_INSERT : DIM_INSERT, [zones, days]);
}

/**
 * Re-sums the day rows of every day (in every stored zone) holding one of these 15-minute interval
 * starts, after the 15-minute rows were re-aggregated, in the same transaction. When the sites'
 * zones differ from the stored ones (first run, a site added or moved to another zone), every day
 * of every zone is rebuilt instead.
 */
export async function refreshSessionDays(store: RecordStore, intervals: readonly number[]): Promise<void> {
  const zones = await currentZones(store);
  const state = await store.getSetting<SessionDayState>(SESSION_DAYS_KEY);
  if (!state || state.zones.join('\n') !== zones.join('\n')) {
    await rebuildAllSessionDays(store, zones);
    return;
  }
  if (intervals.length === 0) return;
  const distinct = [...new Set(intervals)];
  await rebuildDays(store, 'ep', await daysOf(store, distinct, zones));
  await rebuildDays(store, 'dim', await daysOf(store, distinct, ['UTC']));
}

/** Every day of every 15-minute row, a week of days per statement (bounded memory on 10 M sessions). */
async function rebuildAllSessionDays(store: RecordStore, zones: string[]): Promise<void> {
  await store.query('DELETE FROM rollup_sessions_ep_day');
  await store.query('DELETE FROM rollup_sessions_dim_day');
  const span = await store.query<{ lo: number | null; hi: number | null }>(
    'SELECT (extract(epoch from min(interval_start)) * 1000)::float8 AS lo, (extract(epoch from max(interval_start)) * 1000)::float8 AS hi FROM rollup_sessions_ep_15m',
  );
  const lo = span[0]?.lo;
  const hi = span[0]?.hi;
  if (lo !== null && lo !== undefined && hi !== null && hi !== undefined) {
    const WEEK = 7 * 86_400_000;
    for (let t = Number(lo); t <= Number(hi); t += WEEK) {
      const instants = hourly(t, Math.min(t + WEEK, Number(hi) + 1));
      await rebuildDays(store, 'ep', await daysOf(store, instants, zones));
      await rebuildDays(store, 'dim', await daysOf(store, instants, ['UTC']));
    }
  }
  await store.setSetting(SESSION_DAYS_KEY, { zones } satisfies SessionDayState);
}

/** Instants every hour in [lo, hi) and hi − 1: every local day (≥ 23 h) overlapping the span has one. */
export function hourly(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let t = lo; t < hi; t += 3_600_000) out.push(t);
  if (hi > lo) out.push(hi - 1);
  return out;
}
