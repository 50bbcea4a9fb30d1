import { UNASSIGNED_SITE_ID, type OrgEntryPoint } from '@floorwatch/contracts';
import type { SelfServiceComponents } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import { split, type DayRange, type EdgeRange } from './daily-plan';
import { DAY_END, DAY_START } from './daily-rollup-sql';
import { SESSION_DAYS_KEY, type SessionDayState } from './session-day-rollup';
import { SESSION_ROLLUP_WINDOW_SECONDS } from './session-rollup-sql';
import {
  addSums, entryPointClause, groupKey, judgeSubjects, KEY_NULL, KEY_SEP, mergeComponents, readSessionRollup, rowOf, sessionSums, SUBJECT_WHERE,
  type EntryPointFilter, type MixedSubject, type SessionRollupQuery, type SessionSumsRow,
} from './session-rollup-reader';

const W = `interval '${SESSION_ROLLUP_WINDOW_SECONDS} seconds'`;
const DAY_MS = 86_400_000;
const W_MS = SESSION_ROLLUP_WINDOW_SECONDS * 1000;

/** One zone's part of the window: whole local days from the day rows, the rest from the 15-minute rows. */
export interface SessionDayGroup {
  /** Null: a zone the day rows are not stored in (these entry points read 15-minute rows only). */
  zone: string | null;
  entryPoints?: EntryPointFilter;
  days: DayRange[];
  edges: EdgeRange[];
}

export interface SessionDayPlan {
  /** ep: rollup_sessions_ep_day; dim: rollup_sessions_dim_day's intent ('i') or last-node ('n') rows. */
  dim: 'i' | 'n' | null;
  groups: SessionDayGroup[];
}

/**
 * Which local days of [from, until) the day rows answer, per zone group. A day is read from them
 * when it lies whole in the window (as the contact daily plan, daily-plan.ts split) and does not
 * end within a day of asOf − W; the day rows carry ss_max_ended_at, so the read still tells wholly
 * pending / eligible / mixed rows apart as the 15-minute read does. By hour or interval, or with no whole day: null (15-minute rows).
 * - by day with `tz`: that zone's rows if stored; without: a site scope's zone, or each entry point
 *   on its site's clock (one group per zone; unmapped and unknown ones in UTC, as the 15-minute
 *   read keys them);
 * - by intent, last node, coverage: the UTC dim rows;
 * - otherwise (no time key): UTC, or a site scope's own zone when that has more whole days.
 * A site scope reads only its entry points' rows (every group, day and 15-minute alike).
 */
export function planSessionDays(eps: ReadonlyMap<string, OrgEntryPoint>, tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery, stored: ReadonlySet<string>): SessionDayPlan | null {
  if (q.by === 'hour' || q.by === 'interval') return null;
  const dim = q.by === 'lastNode' ? 'n' : q.by === 'intent' || q.by === 'coverage' ? 'i' : null;
  const zones = zoneGroups(eps, tzOfSite, q, stored);
  if (zones === null) return null;
  // The day holding asOf − W and the day before it (sessions crossing midnight) would be mixed rows
  // judged session by session (~110 k sessions a day at 10 M / 90 days: 400 ms); their 15-minute
  // rows are mixed only around asOf − W. Rarer mixed days (sessions over a day long) stay exact.
  const split0 = q.asOf - W_MS;
  const ok = (start: number, end: number): boolean => start > split0 || end + DAY_MS <= split0;
  const groups = zones.map((g): SessionDayGroup => (g.zone === null ? { ...g, days: [], edges: [{ lo: q.from, hi: q.until }] } : { ...g, ...split(q.from, q.until, g.zone, ok) }));
  return groups.some((g) => g.days.length > 0) ? { dim, groups } : null;
}

function zoneGroups(eps: ReadonlyMap<string, OrgEntryPoint>, tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery, stored: ReadonlySet<string>): ZoneGroup[] | null {
  const site = siteEntryPoints(eps, q.siteId);
  if (q.by === 'day') {
    if (q.tz) return stored.has(q.tz) ? [{ zone: q.tz, ...site }] : null;
    if (q.siteId !== undefined) {
      const own = tzOfSite.get(q.siteId) ?? 'UTC';
      return [{ zone: stored.has(own) ? own : null, ...site }];
    }
    const byZone = new Map<string, string[]>();
    for (const [ref, ep] of eps) {
      const zone = tzOfSite.get(ep.siteId) ?? 'UTC';
      if (zone === 'UTC') continue;
      const refs = byZone.get(zone);
      if (refs) refs.push(ref);
      else byZone.set(zone, [ref]);
    }
    const out: ZoneGroup[] = [...byZone].map(([zone, refs]) => ({ zone: stored.has(zone) ? zone : null, entryPoints: { refs, negate: false } }));
    const zoned = [...byZone.values()].flat();
    out.push(zoned.length ? { zone: 'UTC', entryPoints: { refs: zoned, negate: true } } : { zone: 'UTC' });
    return out;
  }
  if (q.siteId !== undefined && q.by !== 'intent' && q.by !== 'lastNode' && q.by !== 'coverage') {
    const own = tzOfSite.get(q.siteId) ?? 'UTC';
    const whole = (zone: string): number => split(q.from, q.until, zone, () => true).days.length;
    if (stored.has(own) && whole(own) > whole('UTC')) return [{ zone: own, ...site }];
  }
  return [{ zone: 'UTC', ...site }];
}

type ZoneGroup = { zone: string | null; entryPoints?: EntryPointFilter };

/** A site scope's entry points as written (the unassigned site: every one not mapped to another site, unknown ones too). */
function siteEntryPoints(eps: ReadonlyMap<string, OrgEntryPoint>, siteId: string | undefined): { entryPoints?: EntryPointFilter } {
  if (siteId === undefined) return {};
  const refs = [...eps].filter(([, ep]) => (siteId === UNASSIGNED_SITE_ID ? ep.siteId !== UNASSIGNED_SITE_ID : ep.siteId === siteId)).map(([ref]) => ref);
  return { entryPoints: { refs, negate: siteId === UNASSIGNED_SITE_ID } };
}

/** Days a plan reads from the day rows (tests check they were really used). */
export function plannedDays(plan: SessionDayPlan | null): number {
  let n = 0;
  for (const g of plan?.groups ?? []) for (const d of g.days) n += Math.round((Date.parse(d.to) - Date.parse(d.from)) / DAY_MS);
  return n;
}

/**
 * The self-service components of [from, until) (aligned) from the session rollups: day rows for the
 * plan's whole days, 15-minute rows for the rest. `days`: how many days came from the day rows.
 */
export async function readSessionRollups(store: RecordStore, eps: ReadonlyMap<string, OrgEntryPoint>, tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery): Promise<{ rows: Map<string, SelfServiceComponents>; days: number }> {
  const state = await store.getSetting<SessionDayState>(SESSION_DAYS_KEY);
  const plan = state ? planSessionDays(eps, tzOfSite, q, new Set(state.zones)) : null;
  if (plan === null) return { rows: await readSessionRollup(store, eps, tzOfSite, q), days: 0 };
  const parts = await Promise.all([
    readDays(store, eps, tzOfSite, q, plan),
    ...plan.groups.flatMap((g) => g.edges.map((e) => readSessionRollup(store, eps, tzOfSite, { ...q, from: e.lo, until: e.hi, ...(g.entryPoints ? { entryPoints: g.entryPoints } : {}) }))),
  ]);
  const rows = new Map<string, SelfServiceComponents>();
  for (const p of parts) mergeComponents(rows, p);
  return { rows, days: plannedDays(plan) };
}

interface DayRow extends SessionSumsRow {
  entry_point: string;
  channel: string | null;
  intent: string | null;
  last_node: string | null;
  tkey: string | null;
}

/** Key of a day row (alias `r`), or of a session of day `k` (alias `s`): zone, day, entry point, channel[, intent or node]. */
function dayRowKey(alias: 'r' | 's', dim: 'i' | 'n' | null): string {
  const parts = alias === 'r' ? ['r.day_zone', 'r.day::text', 'r.entry_point', 'r.channel'] : ['k.zone', 'k.day::text', 's.entry_point', 's.channel'];
  if (dim) parts.push(`COALESCE(${alias === 'r' ? 'r.dim_key' : dim === 'i' ? 's.intent' : 's.last_node'}, ${KEY_NULL})`);
  return `concat_ws(${KEY_SEP}, ${parts.join(', ')})`;
}

async function readDays(store: RecordStore, eps: ReadonlyMap<string, OrgEntryPoint>, tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery, plan: SessionDayPlan): Promise<Map<string, SelfServiceComponents>> {
  const out = new Map<string, SelfServiceComponents>();
  const params: unknown[] = [new Date(q.asOf)];
  const arms: string[] = [];
  for (const g of plan.groups) {
    if (g.zone === null || g.days.length === 0) continue;
    const zone = `$${params.push(g.zone)}`;
    const ep = entryPointClause(g.entryPoints, 'r.entry_point', params);
    for (const d of g.days) arms.push(`(r.day_zone = ${zone} AND r.day >= $${params.push(d.from)}::date AND r.day < $${params.push(d.to)}::date${ep})`);
  }
  if (arms.length === 0) return out;
  const by = q.by;
  const cols = [
    'r.entry_point',
    by === 'channel' || by === 'coverage' ? 'r.channel' : 'NULL::text AS channel',
    plan.dim === 'i' ? 'r.dim_key AS intent' : 'NULL::text AS intent',
    plan.dim === 'n' ? 'r.dim_key AS last_node' : 'NULL::text AS last_node',
    by === 'day' ? 'r.day::text AS tkey' : 'NULL::text AS tkey',
  ];
  const pending = `${DAY_START('r.day', 'r.day_zone')} + ${W} > $1`;
  const eligible = `NOT (${pending}) AND r.ss_max_ended_at + ${W} <= $1`;
  const mixed = `NOT (${pending}) AND r.ss_max_ended_at + ${W} > $1`;
  const rows = await store.query<DayRow>(
    `SELECT ${cols.join(', ')}, ${sessionSums(pending, eligible, mixed, dayRowKey('r', plan.dim))}
       FROM ${plan.dim ? 'rollup_sessions_dim_day' : 'rollup_sessions_ep_day'} r
      WHERE (${arms.join(' OR ')})${plan.dim ? ` AND r.dim = '${plan.dim}'` : ''}
      GROUP BY ${cols.map((_, i) => String(i + 1)).join(', ')}`,
    params,
  );
  const keyer = groupKey(eps, tzOfSite, q);
  const mixedKeys = new Set<string>();
  for (const r of rows) {
    const ep = eps.get(r.entry_point);
    if (q.siteId !== undefined && (ep?.siteId ?? UNASSIGNED_SITE_ID) !== q.siteId) continue;
    addSums(rowOf(out, keyer({ entryPoint: r.entry_point, channel: r.channel, intent: r.intent, lastNode: r.last_node, tkey: r.tkey, start: null })), r);
    for (const m of r.mixed ?? []) mixedKeys.add(m);
  }
  if (mixedKeys.size > 0) {
    // The mixed rows' subjects (days around asOf − W), each judged at asOf.
    const pairs = [...new Set([...mixedKeys].map((k) => k.split('\u001f').slice(0, 2).join('\u001f')))].map((p) => p.split('\u001f'));
    const subjects = await store.query<MixedSubject>(
      `SELECT s.entry_point, s.channel, s.intent, s.last_node, (extract(epoch from s.started_at) * 1000)::float8 AS started,
         (extract(epoch from s.ended_at) * 1000)::float8 AS ended, s.repeated, ${dayRowKey('s', plan.dim)} AS rkey, k.day::text AS day
         FROM unnest($1::text[], $2::date[]) AS k(zone, day)
         JOIN selfservice_sessions s ON s.started_at >= ${DAY_START('k.day', 'k.zone')} AND s.started_at < ${DAY_END('k.day', 'k.zone')}
         LEFT JOIN selfservice_links l ON l.session_id = s.session_id
        WHERE ${SUBJECT_WHERE}`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    judgeSubjects(out, eps, q, mixedKeys, subjects, (r) => keyer({ entryPoint: r.entry_point, channel: r.channel, intent: r.intent, lastNode: r.last_node, tkey: r.day, start: Number(r.started) }));
  }
  return out;
}
