import type { Arrival } from './arrivals';
import { handleFactorsAt } from './follow-ups';
import type { SimAgent } from './org';
import type { PlanInterval } from './plan';

/** The result of routing one arrival: answered by an agent, abandoned, or still waiting at the horizon. */
export interface Routed {
  arrival: Arrival;
  agent: SimAgent | null;
  /** Epoch ms the agent picked up; null if abandoned or still waiting. */
  answeredAt: number | null;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  waitSeconds: number;
  outcome: 'handled' | 'abandoned' | 'pending';
}

interface Seat {
  agent: SimAgent;
  windows: PlanInterval[];
  ptr: number;
  freeAt: number;
}

/**
 * A first-in-first-out ACD: each arrival goes to the agent who can pick it up soonest
 * (ties: longest idle). An agent only takes a contact that, with its after-call work, fits in
 * the current available stretch — the agent has set "not ready after this call" before a
 * break — so contacts never move the planned schedule-following states.
 */
export function route(arrivals: Arrival[], agents: SimAgent[], plans: Map<string, PlanInterval[]>, horizon: number): Routed[] {
  const seats: Seat[] = agents.map((agent) => ({
    agent,
    windows: (plans.get(agent.id) ?? []).filter((p) => p.state === 'available'),
    ptr: 0,
    freeAt: 0,
  }));
  const out: Routed[] = [];
  for (const arrival of arrivals) {
    const deadline = Math.min(arrival.at + arrival.patience * 1000, horizon);
    let best: Seat | null = null;
    let bestAt = Infinity;
    let bestDur = 0;
    for (const seat of seats) {
      const s = Math.max(arrival.at, seat.freeAt);
      if (s > deadline || s > bestAt) continue;
      while (seat.ptr < seat.windows.length && seat.windows[seat.ptr].end <= s) seat.ptr++;
      const dur = (arrival.ring + handleSeconds(arrival, seat.agent)) * 1000;
      for (let i = seat.ptr; i < seat.windows.length; i++) {
        const w = seat.windows[i];
        const ws = Math.max(s, w.start);
        if (ws > deadline || ws > bestAt) break;
        if (ws + dur <= w.end) {
          if (ws < bestAt || (ws === bestAt && best !== null && seat.freeAt < best.freeAt)) {
            best = seat;
            bestAt = ws;
            bestDur = dur;
          }
          break;
        }
      }
    }
    if (best) {
      const f = handleFactorsAt(best.agent, arrival.at);
      const talk = Math.round(arrival.talk * best.agent.speed * f.talk);
      const hold = Math.round(arrival.hold);
      const acw = Math.round(arrival.acw * best.agent.speed * best.agent.acwFactor * f.acw);
      const answeredAt = bestAt + arrival.ring * 1000;
      best.freeAt = bestAt + bestDur;
      out.push({ arrival, agent: best.agent, answeredAt, talkSeconds: talk, holdSeconds: hold, acwSeconds: acw, waitSeconds: (answeredAt - arrival.at) / 1000, outcome: 'handled' });
    } else if (arrival.at + arrival.patience * 1000 <= horizon) {
      out.push({ arrival, agent: null, answeredAt: null, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, waitSeconds: arrival.patience, outcome: 'abandoned' });
    } else {
      out.push({ arrival, agent: null, answeredAt: null, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, waitSeconds: 0, outcome: 'pending' });
    }
  }
  return out;
}

/** Whole seconds so queue_log (second resolution) and the records agree exactly. */
export function handleSeconds(a: Arrival, agent: SimAgent): number {
  const f = handleFactorsAt(agent, a.at);
  return Math.round(a.talk * agent.speed * f.talk) + Math.round(a.hold) + Math.round(a.acw * agent.speed * agent.acwFactor * f.acw);
}
