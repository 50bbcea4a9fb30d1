import type { AgentStateEvent, ForecastInterval, OrgQueue, ScheduleSegment, StaffingRow } from '@floorwatch/contracts';
import type { KpiConfig } from './config';
import { DEFAULT_KPI_CONFIG, isProductiveState, ruleFor, slSecondsFor } from './config';
import { requiredAgentsErlang } from './erlang';
import { agentStateIntervals, eventsByAgent } from './states';
import { INTERVAL_MS, intervalKey } from './time-buckets';

const INTERVAL_S = INTERVAL_MS / 1000;

export interface StaffingInput {
  /** The site's forecast rows (every queue of the site). */
  forecasts: readonly ForecastInterval[];
  schedule: readonly ScheduleSegment[];
  stateEvents: readonly AgentStateEvent[];
  /** Agents of the site; records of other agents are ignored. */
  siteAgentIds: Iterable<string>;
  /** The site's queues, for the Erlang C answer-time target when a forecast has no requiredAgents. */
  queues?: readonly OrgQueue[];
  from: number;
  to: number;
  asOf: number;
  /** When given, the interval holding liveNow reports the current count of productive agents. */
  liveNow?: number;
  config?: KpiConfig;
  /**
   * The site agents' productive seconds per interval start, already known for every interval
   * before `until` (the API's agent-time rollups): those intervals take them as they are, and
   * stateEvents need only cover [until, to) plus each agent's state at `until`.
   */
  productiveBefore?: { until: number; seconds: ReadonlyMap<number, number> };
}

/** Required agents of one forecast row: its own figure, else Erlang C for its queue's target. */
export function forecastRequiredAgents(f: ForecastInterval, config: KpiConfig, queue?: OrgQueue): number {
  if (f.requiredAgents !== null && f.requiredAgents !== undefined) return f.requiredAgents;
  const channel = queue?.channel ?? 'voice';
  return requiredAgentsErlang(f.volume, f.ahtSeconds, config.staffingSlTargetPct, slSecondsFor(config, channel, queue, f.queueId));
}

function overlapSeconds(s: number, e: number, is: number): number {
  return Math.max(0, Math.min(e, is + INTERVAL_MS) - Math.max(s, is)) / 1000;
}

/**
 * Staffing rows per 15-minute interval of [from, to) (from floored, to ceiled to the quarter hour).
 * requiredAgents sums the site's queues (no pooling across queues: each queue's agents are
 * assumed dedicated, the conservative reading); null when no forecast row falls in the interval.
 * scheduledAgents counts the open segments as published, even where training or a meeting is laid
 * over them, and shrinkageByActivity shows every other scheduled activity in agent-equivalents,
 * so the gap between plan and floor is explained.
 */
export function computeStaffing(input: StaffingInput): StaffingRow[] {
  const config = input.config ?? DEFAULT_KPI_CONFIG;
  const { from, to, asOf } = input;
  if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) throw new RangeError('computeStaffing needs finite from < to');
  const first = Math.floor(from / INTERVAL_MS) * INTERVAL_MS;
  const last = Math.ceil(to / INTERVAL_MS) * INTERVAL_MS;
  const count = (last - first) / INTERVAL_MS;
  const agents = new Set(input.siteAgentIds);
  const queues = new Map((input.queues ?? []).map((q) => [q.id, q]));

  const required: (number | null)[] = new Array(count).fill(null);
  const seen = new Set<string>();
  for (const f of input.forecasts) {
    const i = Math.floor((f.intervalStart - first) / INTERVAL_MS);
    if (i < 0 || i >= count) continue;
    const id = `${f.queueId}@${f.intervalStart}`;
    if (seen.has(id)) throw new RangeError(`two forecast rows for queue ${f.queueId} at ${intervalKey(f.intervalStart)}`);
    seen.add(id);
    required[i] = (required[i] ?? 0) + forecastRequiredAgents(f, config, queues.get(f.queueId));
  }

  const open = new Array<number>(count).fill(0);
  const other: Map<string, number>[] = Array.from({ length: count }, () => new Map());
  for (const s of input.schedule) {
    if (!agents.has(s.agentId) || s.end <= first || s.start >= last) continue;
    const productive = ruleFor(config, s.activity).category === 'productive';
    const name = s.activity.toLowerCase();
    const i0 = Math.max(0, Math.floor((s.start - first) / INTERVAL_MS));
    const i1 = Math.min(count - 1, Math.floor((s.end - 1 - first) / INTERVAL_MS));
    for (let i = i0; i <= i1; i++) {
      const sec = overlapSeconds(s.start, s.end, first + i * INTERVAL_MS);
      if (sec <= 0) continue;
      if (productive) open[i] += sec;
      else other[i].set(name, (other[i].get(name) ?? 0) + sec);
    }
  }

  const actual = new Array<number>(count).fill(0);
  const known = input.productiveBefore;
  // Intervals before known.until are taken as given; the state sweep starts there.
  const sweepFrom = known ? Math.min(last, Math.max(first, Math.floor(known.until / INTERVAL_MS) * INTERVAL_MS)) : first;
  for (let i = 0; first + i * INTERVAL_MS < sweepFrom; i++) actual[i] = known?.seconds.get(first + i * INTERVAL_MS) ?? 0;
  const byAgent = eventsByAgent(input.stateEvents.filter((e) => agents.has(e.agentId)));
  let liveIndex = -1;
  let liveCount = 0;
  if (input.liveNow !== undefined) liveIndex = Math.floor((input.liveNow - first) / INTERVAL_MS);
  for (const evs of byAgent.values()) {
    for (const st of agentStateIntervals(evs, sweepFrom, last, asOf)) {
      if (!isProductiveState(st.state)) continue;
      const i0 = Math.floor((st.start - first) / INTERVAL_MS);
      const i1 = Math.floor((st.end - 1 - first) / INTERVAL_MS);
      for (let i = i0; i <= i1; i++) actual[i] += overlapSeconds(st.start, st.end, first + i * INTERVAL_MS);
    }
    if (input.liveNow !== undefined) {
      const now = input.liveNow;
      let state = null;
      for (const e of evs) if (e.at <= now) state = e.state; else break;
      if (state !== null && isProductiveState(state)) liveCount += 1;
    }
  }

  const rows: StaffingRow[] = [];
  for (let i = 0; i < count; i++) {
    const req = required[i];
    const scheduledAgents = open[i] / INTERVAL_S;
    const actualAgents = i === liveIndex ? liveCount : actual[i] / INTERVAL_S;
    const shrinkageByActivity: Record<string, number> = {};
    for (const [name, sec] of [...other[i].entries()].sort()) shrinkageByActivity[name] = sec / INTERVAL_S;
    rows.push({
      intervalStart: intervalKey(first + i * INTERVAL_MS),
      requiredAgents: req,
      scheduledAgents,
      actualAgents,
      staffingGap: req === null ? null : actualAgents - req,
      scheduleGap: req === null ? null : scheduledAgents - req,
      shrinkageByActivity,
    });
  }
  return rows;
}
