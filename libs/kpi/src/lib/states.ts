import type { AgentStateEvent, StateInterval } from '@floorwatch/contracts';

function checkTime(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite epoch-ms time, got ${v}`);
}

/** Events grouped by agent, each agent's list sorted by time (stable: input order breaks ties). */
export function eventsByAgent(events: readonly AgentStateEvent[]): Map<string, AgentStateEvent[]> {
  const map = new Map<string, AgentStateEvent[]>();
  for (const e of events) {
    if (!Number.isFinite(e.at)) throw new RangeError(`state event of agent ${e.agentId} has no valid time (at=${e.at})`);
    let list = map.get(e.agentId);
    if (!list) map.set(e.agentId, (list = []));
    list.push(e);
  }
  for (const list of map.values()) list.sort((a, b) => a.at - b.at);
  return map;
}

/**
 * One agent's state intervals inside [from, min(to, asOf)). `events` must be that agent's events
 * sorted by time; events before `from` give the state at `from`. Of two events at the same
 * instant the later in the list wins.
 */
export function agentStateIntervals(
  events: readonly AgentStateEvent[],
  from: number,
  to: number,
  asOf: number,
): StateInterval[] {
  const end = Math.min(to, asOf);
  const out: StateInterval[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.at >= end) break;
    const next = i + 1 < events.length ? Math.min(events[i + 1].at, end) : end;
    const s = Math.max(e.at, from);
    if (next > s) out.push({ agentId: e.agentId, start: s, end: next, state: e.state });
  }
  return out;
}

/**
 * State intervals of every agent in [from, min(to, asOf)), sorted by agent then start. Each state
 * lasts until the agent's next event; the open last state is clipped at min(to, asOf); time before
 * an agent's first event is in no state.
 */
export function buildStateIntervals(
  events: readonly AgentStateEvent[],
  from: number,
  to: number,
  asOf: number,
): StateInterval[] {
  checkTime('from', from);
  checkTime('to', to);
  checkTime('asOf', asOf);
  const byAgent = eventsByAgent(events);
  const ids = [...byAgent.keys()].sort();
  const out: StateInterval[] = [];
  for (const id of ids) {
    const list = byAgent.get(id);
    if (list) out.push(...agentStateIntervals(list, from, to, asOf));
  }
  return out;
}
