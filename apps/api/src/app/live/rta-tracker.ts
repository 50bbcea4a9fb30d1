import type { AdherenceExceptionPayload, AgentState, AgentStateEvent, ScheduleSegment } from '@floorwatch/contracts';
import { detectRtaExceptions, withKpiConfig, type KpiConfig } from '@floorwatch/kpi';

/** What the tracker needs of an agent: who they are and their in-memory records. */
export interface RtaAgent {
  id: string;
  teamId: string | null;
  siteId: string;
  events: readonly AgentStateEvent[];
  schedule: readonly ScheduleSegment[];
}

interface OutOfAdherence {
  since: number;
  activity: string;
  state: AgentState;
  raised: boolean;
}

export type RtaTransition =
  | { type: 'adherence-exception'; payload: AdherenceExceptionPayload }
  | { type: 'adherence-cleared'; payload: AdherenceExceptionPayload };

const iso = (t: number): string => new Date(t).toISOString();

/**
 * Real-time adherence per agent, kept in memory. libs/kpi decides whether an agent is out of
 * adherence (asked with threshold 0, so a stretch is known from its first second); the tracker
 * remembers since when, raises the exception once the stretch reaches the threshold and clears it
 * when the agent is back in adherence or the schedule moves on. Each agent is re-evaluated on its
 * own state events and, via `due()`, only at the instants its status can change without one: the
 * threshold crossing and the next schedule boundary. The 1 s timer therefore costs nothing for
 * agents with nothing due.
 */
export class RtaTracker {
  private readonly out = new Map<string, OutOfAdherence>();
  private readonly nextCheck = new Map<string, number>();
  private readonly detectConfig: KpiConfig;

  constructor(
    private readonly thresholdSeconds: number,
    config: KpiConfig = withKpiConfig(),
  ) {
    this.detectConfig = withKpiConfig({ rtaThresholdSeconds: 0 }, config);
  }

  /** Agents whose status may have changed by `now` without a state event. */
  due(now: number): string[] {
    const ids: string[] = [];
    for (const [id, t] of this.nextCheck) if (t <= now) ids.push(id);
    return ids;
  }

  /** Re-evaluates one agent at `now`; `cause` is when the triggering source event happened. */
  evaluate(agent: RtaAgent, now: number, cause: number): RtaTransition[] {
    const found = detectRtaExceptions(agent.schedule, agent.events, now, this.detectConfig).find((e) => e.agentId === agent.id);
    const prev = this.out.get(agent.id);
    const changes: RtaTransition[] = [];
    const thresholdMs = this.thresholdSeconds * 1000;
    if (prev?.raised && (!found || found.since !== prev.since)) {
      changes.push({ type: 'adherence-cleared', payload: this.payload(agent, prev, cause) });
    }
    if (!found) {
      this.out.delete(agent.id);
    } else {
      const same = prev !== undefined && prev.since === found.since;
      const next: OutOfAdherence = { since: found.since, activity: found.activity, state: found.state, raised: same && prev.raised };
      const changedWhileRaised = next.raised && prev !== undefined && (prev.state !== next.state || prev.activity !== next.activity);
      if (!next.raised && now - next.since >= thresholdMs) {
        next.raised = true;
        // The exception began when the stretch reached the threshold, whatever told us about it.
        changes.push({ type: 'adherence-exception', payload: this.payload(agent, next, next.since + thresholdMs) });
      } else if (changedWhileRaised) {
        changes.push({ type: 'adherence-exception', payload: this.payload(agent, next, cause) });
      }
      this.out.set(agent.id, next);
    }
    this.schedule(agent, now);
    return changes;
  }

  /** Open exceptions (threshold reached, not cleared) of the given agents. */
  openExceptions(agents: Iterable<RtaAgent>): AdherenceExceptionPayload[] {
    const out: AdherenceExceptionPayload[] = [];
    for (const a of agents) {
      const st = this.out.get(a.id);
      if (st?.raised) out.push(this.payload(a, st, st.since + this.thresholdSeconds * 1000));
    }
    return out;
  }

  forget(agentId: string): void {
    this.out.delete(agentId);
    this.nextCheck.delete(agentId);
  }

  private schedule(agent: RtaAgent, now: number): void {
    let next = Infinity;
    const st = this.out.get(agent.id);
    if (st && !st.raised) next = st.since + this.thresholdSeconds * 1000;
    for (const s of agent.schedule) {
      if (s.start > now && s.start < next) next = s.start;
      if (s.end > now && s.end < next) next = s.end;
    }
    if (next === Infinity) this.nextCheck.delete(agent.id);
    else this.nextCheck.set(agent.id, next);
  }

  private payload(agent: RtaAgent, st: OutOfAdherence, at: number): AdherenceExceptionPayload {
    return { at: iso(at), agentId: agent.id, teamId: agent.teamId, siteId: agent.siteId, activity: st.activity, state: st.state, since: iso(st.since) };
  }
}
