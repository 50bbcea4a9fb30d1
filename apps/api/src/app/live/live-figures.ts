import { LIVE_KPI_TILES, type AgentStateEvent, type KpiValues, type Scope, type StaffingRow } from '@floorwatch/contracts';
import { bucketAt, computeKpis, computeStaffing, DEFAULT_KPI_CONFIG, INTERVAL_MS } from '@floorwatch/kpi';
import { stateIndexAt, type LiveAgent } from './live-records';
import type { LiveState } from './live-state.service';

/**
 * The agents' events from each one's state at `t` on: the 48 hours kept in memory cut to what a
 * figure from `t` reads (the current interval's staffing: a few events per agent, not two days').
 */
export function eventsFrom(agents: readonly LiveAgent[], t: number): AgentStateEvent[] {
  const out: AgentStateEvent[] = [];
  for (const a of agents) {
    for (let i = stateIndexAt(a.events, t); i < a.events.length; i++) out.push(a.events[i]);
  }
  return out;
}

export type LiveTiles = Partial<KpiValues>;

/** The scope's site time zone ("today" is the floor's day); enterprise counts the UTC day. */
function timeZoneOf(state: LiveState, scope: Scope): string {
  const org = state.org;
  if (!org || scope.kind === 'enterprise') return 'UTC';
  const site =
    scope.kind === 'site' ? scope.id : scope.kind === 'team' ? org.siteOfTeam(scope.id) : scope.kind === 'agent' ? org.siteOfAgent(scope.id) : org.siteOfQueue(scope.id);
  return site ? org.timezoneOfSite(site) : 'UTC';
}

/**
 * Today's tile values for a scope, from memory only: the same computeKpis the REST API runs, over
 * the scope's in-memory records, with asOf = now. FCR and surveys need days of look-ahead and are
 * not live tiles.
 */
export function computeLiveTiles(state: LiveState, scope: Scope, now: number): LiveTiles {
  const org = state.org;
  if (!org) return {};
  const day = bucketAt(now, 'day', timeZoneOf(state, scope));
  const agents = state.agentsIn(scope);
  const rows = computeKpis(
    {
      org: org.org,
      // A contact not yet enqueued at `now` has not happened on the floor (replays, clock skew).
      contacts: state.records.contactsIn(scope).filter((c) => c.enqueuedAt <= now),
      stateEvents: eventsFrom(agents, day.start),
      schedule: agents.flatMap((a) => a.schedule),
      surveys: [],
    },
    { scope, from: day.start, to: day.end, asOf: now },
    DEFAULT_KPI_CONFIG,
  );
  const all = rows[0]?.kpis;
  const tiles: LiveTiles = {};
  for (const name of LIVE_KPI_TILES) tiles[name] = all ? all[name] : null;
  return tiles;
}

/** The tiles whose value differs from `before` (all of them when there is no before). */
export function tileDelta(before: LiveTiles | undefined, after: LiveTiles): LiveTiles {
  const delta: LiveTiles = {};
  for (const name of LIVE_KPI_TILES) {
    const v = after[name] ?? null;
    if (!before || (before[name] ?? null) !== v) delta[name] = v;
  }
  return delta;
}

/** The current 15-minute interval of one site, actual agents counted live (productive now). */
export function computeLiveStaffing(state: LiveState, siteId: string, now: number): StaffingRow {
  const start = Math.floor(now / INTERVAL_MS) * INTERVAL_MS;
  const agents = state.agentsIn({ kind: 'site', id: siteId });
  const [row] = computeStaffing({
    forecasts: state.records.forecastsOf(siteId),
    schedule: agents.flatMap((a) => a.schedule),
    stateEvents: eventsFrom(agents, start),
    siteAgentIds: agents.map((a) => a.id),
    queues: state.org?.org.queues.filter((q) => q.siteId === siteId) ?? [],
    from: start,
    to: start + INTERVAL_MS,
    asOf: now,
    liveNow: now,
    config: DEFAULT_KPI_CONFIG,
  });
  return row;
}
