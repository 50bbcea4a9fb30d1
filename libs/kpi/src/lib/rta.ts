import type { AgentState, AgentStateEvent, ScheduleSegment, StateInterval } from '@floorwatch/contracts';
import { sweepAgentTime } from './agent-time';
import type { KpiConfig } from './config';
import { DEFAULT_KPI_CONFIG } from './config';
import { agentStateIntervals, eventsByAgent } from './states';

export interface OutOfAdherenceStretch {
  start: number;
  end: number;
  activity: string;
  /** null: the agent had no known state (before their first event). */
  state: AgentState | null;
}

export interface AgentTimeline {
  agentId: string | null;
  /** Segments overlapping [from, to), clipped to it (future ones too: it is the plan). */
  schedule: ScheduleSegment[];
  /** States in [from, min(to, asOf)). */
  states: StateInterval[];
  outOfAdherence: OutOfAdherenceStretch[];
  scheduledSeconds: number;
  inAdherenceSeconds: number;
  adherencePct: number | null;
}

function singleAgent(schedule: readonly ScheduleSegment[], events: readonly AgentStateEvent[]): string | null {
  const ids = new Set([...schedule.map((s) => s.agentId), ...events.map((e) => e.agentId)]);
  if (ids.size > 1) throw new RangeError(`buildTimeline takes one agent's records, got agents ${[...ids].sort().join(', ')}`);
  return ids.size === 1 ? [...ids][0] : null;
}

/**
 * One agent's schedule against their states, with every stretch of scheduled (adherence-counting)
 * time spent out of adherence; consecutive pieces with the same activity and state are merged.
 * Adherence uses the same sweep as computeKpis, so the figures agree.
 */
export function buildTimeline(
  schedule: readonly ScheduleSegment[],
  events: readonly AgentStateEvent[],
  from: number,
  to: number,
  asOf: number,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
): AgentTimeline {
  if (!(to > from)) throw new RangeError('buildTimeline needs from < to');
  const agentId = singleAgent(schedule, events);
  const sorted = eventsByAgent(events).get(agentId ?? '') ?? [];
  const end = Math.min(to, asOf);
  const states = agentStateIntervals(sorted, from, to, asOf);
  const out: OutOfAdherenceStretch[] = [];
  let scheduledSeconds = 0;
  let inAdherenceSeconds = 0;
  sweepAgentTime(schedule, states, from, end, (p) => {
    if (!p.rule || !p.segment || !p.rule.countsInAdherence) return;
    const seconds = (p.end - p.start) / 1000;
    scheduledSeconds += seconds;
    if (p.state !== null && p.rule.inAdherenceStates(p.state)) {
      inAdherenceSeconds += seconds;
      return;
    }
    const last = out[out.length - 1];
    if (last && last.end === p.start && last.activity === p.segment.activity && last.state === p.state) last.end = p.end;
    else out.push({ start: p.start, end: p.end, activity: p.segment.activity, state: p.state });
  }, config);
  const clipped = schedule
    .filter((s) => s.end > from && s.start < to)
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    agentId,
    schedule: clipped,
    states,
    outOfAdherence: out,
    scheduledSeconds,
    inAdherenceSeconds,
    adherencePct: scheduledSeconds > 0 ? (100 * inAdherenceSeconds) / scheduledSeconds : null,
  };
}

export interface RtaException {
  agentId: string;
  /** The activity scheduled now. */
  activity: string;
  /** The agent's state now; `logged_out` when no event is known (they never logged in). */
  state: AgentState;
  /** Start of the unbroken out-of-adherence stretch that is still running at `now`. */
  since: number;
  seconds: number;
}

/** How far back an ongoing stretch is traced: `since` is never earlier than now − 24 h. */
export const RTA_LOOKBACK_MS = 24 * 3600 * 1000;

/**
 * Agents out of adherence right now for at least rtaThresholdSeconds: the current state is not an
 * in-adherence state of the currently scheduled activity. The stretch runs on across consecutive
 * activities (still at lunch when open starts) and clears when the agent is back in adherence or
 * the schedule moves to an activity their state fits. Sorted by agent.
 */
export function detectRtaExceptions(
  schedule: readonly ScheduleSegment[],
  events: readonly AgentStateEvent[],
  now: number,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
): RtaException[] {
  const from = now - RTA_LOOKBACK_MS;
  const segsByAgent = new Map<string, ScheduleSegment[]>();
  for (const s of schedule) {
    if (s.end <= from || s.start > now) continue;
    let list = segsByAgent.get(s.agentId);
    if (!list) segsByAgent.set(s.agentId, (list = []));
    list.push(s);
  }
  const evs = eventsByAgent(events);
  const out: RtaException[] = [];
  for (const agentId of [...segsByAgent.keys()].sort()) {
    const segs = segsByAgent.get(agentId) ?? [];
    // The piece containing `now` decides whether the agent is out of adherence at all.
    let current: { activity: string; state: AgentState | null } | null = null;
    const states = agentStateIntervals(evs.get(agentId) ?? [], from, now + 1, now + 1);
    let runStart: number | null = null;
    let runEnd = -Infinity;
    sweepAgentTime(segs, states, from, now + 1, (p) => {
      const isOut = p.rule !== null && p.segment !== null && p.rule.countsInAdherence &&
        !(p.state !== null && p.rule.inAdherenceStates(p.state));
      if (p.start === now) {
        current = isOut && p.segment ? { activity: p.segment.activity, state: p.state } : null;
        return;
      }
      if (!isOut) {
        runStart = null;
        return;
      }
      if (runStart === null || p.start !== runEnd) runStart = p.start;
      runEnd = p.end;
    }, config, [now]);
    const since: number = runStart !== null && runEnd === now ? runStart : now;
    const cur = current as { activity: string; state: AgentState | null } | null;
    if (!cur) continue;
    const seconds = (now - since) / 1000;
    if (seconds >= config.rtaThresholdSeconds) {
      out.push({ agentId, activity: cur.activity, state: cur.state ?? 'logged_out', since, seconds });
    }
  }
  return out;
}
