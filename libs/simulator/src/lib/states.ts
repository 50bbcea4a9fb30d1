import type { AgentState, AgentStateEvent } from '@floorwatch/contracts';
import type { PlanInterval } from './plan';
import type { Routed } from './queue-sim';

/**
 * The agent's state changes: the plan, with each handled contact cut into its available
 * stretch as on_contact (talk + hold) then acw, then back to available.
 */
export function agentEvents(agentId: string, plan: PlanInterval[], handled: Routed[]): AgentStateEvent[] {
  const raw: AgentStateEvent[] = [];
  const push = (at: number, state: AgentState) => raw.push({ agentId, at, state });
  let c = 0;
  let prevEnd: number | null = null;
  for (const p of plan) {
    if (prevEnd !== null && prevEnd < p.start) push(prevEnd, 'logged_out');
    push(p.start, p.state);
    if (p.state === 'available') {
      while (c < handled.length && (handled[c].answeredAt as number) < p.end) {
        const h = handled[c++];
        const answeredAt = h.answeredAt as number;
        if (answeredAt < p.start) continue;
        const talkEnd = answeredAt + (h.talkSeconds + h.holdSeconds) * 1000;
        const acwEnd = talkEnd + h.acwSeconds * 1000;
        push(answeredAt, 'on_contact');
        if (h.acwSeconds > 0) push(talkEnd, 'acw');
        if (acwEnd < p.end) push(acwEnd, 'available');
      }
    }
    prevEnd = p.end;
  }
  if (prevEnd !== null) push(prevEnd, 'logged_out');
  // Same-instant events: the later one wins; then drop repeats of the same state.
  const out: AgentStateEvent[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (i + 1 < raw.length && raw[i + 1].at === raw[i].at) continue;
    if (out.length && out[out.length - 1].state === raw[i].state) continue;
    out.push(raw[i]);
  }
  return out;
}
