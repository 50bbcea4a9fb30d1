import type { Org, ScheduleSegment } from '@floorwatch/contracts';
import {
  addScheduleTime,
  addStateTime,
  agentStateIntervals,
  emptyComponents,
  eventsByAgent,
  sweepAgentTime,
  type KpiComponents,
  type NumericComponent,
  type KpiConfig,
} from '@floorwatch/kpi';
import type { Row } from '../database/bulk-writer';
import type { RecordStore } from '../database/record-store';
import { floorInterval, INTERVAL_MS } from './rollup-time';

/** Agents per read: keeps one refresh's events in memory bounded for 5 000-agent centres. */
const AGENTS_PER_CHUNK = 500;
/**
 * Agent × 15-minute intervals per read: a chunk's cells and rows are built in memory, and a span
 * can be weeks long (a month's schedule published before the ACD feed's first batch starts the
 * watermark at the schedule's first day: 300 agents × 30 days ran `fw ingest`'s 128 MB heap out).
 * 48 000 is 500 agents over 24 h, so a live or backfill batch's usual chunks are unchanged.
 */
const AGENT_INTERVALS_PER_CHUNK = 48_000;

export const AGENT_TIME_COLUMNS = [
  'interval_start', 'agent_id', 'aux_reason', 'team_id', 'site_id',
  'logged_in_seconds', 'available_seconds', 'aux_seconds', 'on_contact_seconds', 'acw_seconds',
  'scheduled_seconds', 'in_adherence_seconds', 'scheduled_open_seconds', 'productive_seconds',
  'productive_in_open_seconds', 'paid_seconds', 'planned_paid_seconds', 'unplanned_absence_seconds',
] as const;

/** Rollup column → KpiComponents field, in AGENT_TIME_COLUMNS order after the keys. */
export const AGENT_TIME_FIELDS: readonly NumericComponent[] = [
  'loggedInSeconds', 'availableSeconds', 'auxSeconds', 'onContactStateSeconds', 'acwStateSeconds',
  'scheduledSeconds', 'inAdherenceSeconds', 'scheduledOpenSeconds', 'productiveSeconds',
  'productiveInOpenSeconds', 'paidSeconds', 'plannedPaidSeconds', 'unplannedAbsenceSeconds',
];

/** One agent's span to recompute: [from, to), both aligned. */
export interface AgentRange {
  agentId: string;
  from: number;
  to: number;
}

/**
 * Recomputes rollup_agent_time_15m for these agents over [from, to) (aligned), exactly as
 * libs/kpi computeKpiComponents would with asOf = to: the same sweep, cut at every interval.
 * A row exists for (interval, agent, auxReason) iff some non-empty piece touched it — the same
 * rule by which computeKpis creates grouped rows — so row existence also matches raw.
 * auxReason '' holds schedule time and non-aux state time; 'break' holds `aux:break` state time.
 */
export async function refreshAgentTime(store: RecordStore, org: Org, agentIds: readonly string[], from: number, to: number, config: KpiConfig): Promise<void> {
  if (!(to > from) || agentIds.length === 0) return;
  await refreshAgentTimeRanges(store, org, agentIds.map((agentId) => ({ agentId, from, to })), config);
}

/**
 * As refreshAgentTime, each agent over its own span (one agent at most once): the ingest hook
 * recomputes a late or out-of-order agent only where its new events can change anything.
 * Per chunk of agents: one read of events, one of schedule, one DELETE and one plain INSERT/COPY
 * (the DELETE leaves nothing to conflict with).
 */
export async function refreshAgentTimeRanges(store: RecordStore, org: Org, input: readonly AgentRange[], config: KpiConfig): Promise<void> {
  // Similar spans share a chunk: each chunk reads the union of its spans.
  const ranges = input.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from || a.to - b.to);
  if (ranges.length === 0) return;
  const agentsById = new Map(org.agents.map((a) => [a.id, a]));
  for (const chunk of chunkRanges(ranges, AGENTS_PER_CHUNK, AGENT_INTERVALS_PER_CHUNK)) {
    const ids = chunk.map((r) => r.agentId);
    const params = [ids, chunk.map((r) => new Date(r.from)), chunk.map((r) => new Date(r.to))];
    // One time range for the whole chunk (an index range scan; per-agent ranges measured 5x
    // slower on PostgreSQL): earlier events only give an agent its state at its own from, later
    // events and segments fall outside its sweep.
    const from = chunk[0].from;
    const to = Math.max(...chunk.map((r) => r.to));
    const [events, schedule] = await Promise.all([store.loadStateEvents(ids, from, to), store.loadScheduleSegments(ids, from, to)]);
    const evBy = eventsByAgent(events);
    const schedBy = new Map<string, ScheduleSegment[]>();
    for (const s of schedule) {
      let list = schedBy.get(s.agentId);
      if (!list) schedBy.set(s.agentId, (list = []));
      list.push(s);
    }
    // The chunk's rows are made agent by agent as the COPY takes them (writeNewStreamed): the sweep
    // of the next agents overlaps the server storing the last ones, and no row outlives its chunk.
    const rows = function* (): Generator<Row> {
      for (const { agentId: id, from, to } of chunk) {
        const cuts: number[] = [];
        for (let t = from + INTERVAL_MS; t < to; t += INTERVAL_MS) cuts.push(t);
        // interval → aux reason → cell (number keys: no string key to build and split per piece).
        const cells = new Map<number, Map<string, KpiComponents>>();
        const cell = (interval: number, aux: string): KpiComponents => {
          let byAux = cells.get(interval);
          if (!byAux) cells.set(interval, (byAux = new Map()));
          let c = byAux.get(aux);
          if (!c) byAux.set(aux, (c = emptyComponents()));
          return c;
        };
        const states = agentStateIntervals(evBy.get(id) ?? [], from, to, to);
        sweepAgentTime(schedBy.get(id) ?? [], states, from, to, (p) => {
          if (p.rule === null && p.state === 'logged_out') return;
          const interval = floorInterval(p.start);
          const seconds = (p.end - p.start) / 1000;
          const aux = p.state !== null && p.state.startsWith('aux:') ? p.state.slice(4) : '';
          if (p.rule) addScheduleTime(cell(interval, ''), p.rule, p.state, seconds);
          if (p.state !== null) addStateTime(cell(interval, aux), p.state, seconds);
          else cell(interval, '');
        }, config, cuts);
        const agent = agentsById.get(id);
        for (const [interval, byAux] of cells) {
          const at = new Date(interval);
          for (const [aux, c] of byAux) yield [at, id, aux, agent?.teamId ?? '', agent?.siteId ?? '', ...AGENT_TIME_FIELDS.map((f) => c[f])];
        }
      }
    };
    await store.query(RANGED_DELETE_SQL, params);
    await store.writer.writeNewStreamed('rollup_agent_time_15m', AGENT_TIME_COLUMNS, rows(), store.runner);
  }
}

/**
 * Consecutive runs of `ranges` holding at most `maxAgents` agents and `maxAgentIntervals`
 * agent-intervals (an agent longer than that alone gets a run of its own).
 */
export function chunkRanges(ranges: readonly AgentRange[], maxAgents: number, maxAgentIntervals: number): AgentRange[][] {
  const out: AgentRange[][] = [];
  let chunk: AgentRange[] = [];
  let intervals = 0;
  for (const r of ranges) {
    const n = Math.ceil((r.to - r.from) / INTERVAL_MS);
    if (chunk.length > 0 && (chunk.length >= maxAgents || intervals + n > maxAgentIntervals)) {
      out.push(chunk);
      chunk = [];
      intervals = 0;
    }
    chunk.push(r);
    intervals += n;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

/** A state event or schedule segment a batch wrote (RollupTouches.agentTimes). */
export interface AgentTouch {
  agentId: string;
  at: number;
  /** 'state': a state event at `at`, whose effect ends at the agent's next stored event. Otherwise (schedule) to the watermark. */
  kind?: 'state' | 'schedule';
}

/**
 * The span of each touched agent whose agent time can have changed, cut at `end`: from the
 * interval of its earliest touch to the interval holding its next stored event after its latest
 * touched event (the state from that event on does not depend on anything earlier). A schedule
 * touch reaches `end`: a re-published segment may have been longer before.
 */
export async function touchedAgentRanges(store: RecordStore, touches: readonly AgentTouch[], end: number): Promise<AgentRange[]> {
  const byAgent = new Map<string, { from: number; lastState: number; toEnd: boolean }>();
  for (const t of touches) {
    const r = byAgent.get(t.agentId);
    const isState = t.kind === 'state';
    if (!r) byAgent.set(t.agentId, { from: floorInterval(t.at), lastState: isState ? t.at : -Infinity, toEnd: !isState });
    else {
      r.from = Math.min(r.from, floorInterval(t.at));
      if (isState) r.lastState = Math.max(r.lastState, t.at);
      else r.toEnd = true;
    }
  }
  const out: AgentRange[] = [];
  const lookup: [string, number][] = [];
  for (const [agentId, r] of byAgent) {
    if (r.from >= end) continue;
    if (r.toEnd) out.push({ agentId, from: r.from, to: end });
    else lookup.push([agentId, r.lastState]);
  }
  if (lookup.length === 0) return out;
  const next = await store.query<{ id: string; n: number | null }>(NEXT_EVENT_SQL, [lookup.map(([id]) => id), lookup.map(([, at]) => new Date(at))]);
  const nextOf = new Map(next.map((r) => [r.id, r.n]));
  for (const [agentId] of lookup) {
    const r = byAgent.get(agentId) as { from: number };
    const n = nextOf.get(agentId) ?? null;
    out.push({ agentId, from: r.from, to: n === null ? end : Math.min(end, floorInterval(n) + INTERVAL_MS) });
  }
  return out;
}

/** Each agent's first stored event strictly after $2 (null when none). */
const NEXT_EVENT_SQL = `
SELECT k.id, (extract(epoch from (
  SELECT e.at FROM agent_state_events e WHERE e.agent_id = k.id AND e.at > k.b ORDER BY e.at LIMIT 1)) * 1000)::float8 AS n
  FROM unnest($1::text[], $2::timestamptz[]) AS k(id, b)`;

/* $1 agent ids, $2 from, $3 to (one span per agent). */
const SPANS = 'unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS k(id, f, t)';

const RANGED_DELETE_SQL = `
DELETE FROM rollup_agent_time_15m r USING ${SPANS}
 WHERE r.agent_id = k.id AND r.interval_start >= k.f AND r.interval_start < k.t`;
