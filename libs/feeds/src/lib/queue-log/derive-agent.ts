import type { AgentState } from '@floorwatch/contracts';
import type { QlLine } from './parse-line';

/** One agent's state machine between lines (small, JSON-storable as a checkpoint). */
export interface AgentSnapshot {
  state: AgentState | null;
  queues: string[];
  /** The call the agent is on, if any. */
  callId: string | null;
  /** The state the agent returns to when the current call ends. */
  returnState: AgentState | null;
}

export const emptyAgentSnapshot = (): AgentSnapshot => ({ state: null, queues: [], callId: null, returnState: null });

export const sameSnapshot = (a: AgentSnapshot, b: AgentSnapshot): boolean =>
  a.state === b.state && a.callId === b.callId && a.returnState === b.returnState && a.queues.length === b.queues.length && a.queues.every((q, i) => q === b.queues[i]);

/**
 * Applies one line naming this agent (lines sorted by compareAgentLines); returns the state the
 * agent enters, or null when it does not change. `s` is updated in place.
 * On a call from CONNECT to its COMPLETE or TRANSFER (`on_contact`); member and pause events during
 * a call take effect when it ends (feeds.md). `endedNow` holds the calls this agent completed at
 * the current instant: a CONNECT of one of them (a 0 s call sorted after its end) is no call.
 */
export function stepAgent(s: AgentSnapshot, line: QlLine, acwReasons: ReadonlySet<string>, endedNow: Set<string>): AgentState | null {
  const ev = line.ev;
  if (ev.type === 'connect') {
    if (endedNow.has(line.callId)) return null;
    const pre = s.callId ? s.returnState : s.state;
    s.returnState = pre === null || pre === 'on_contact' || pre === 'acw' ? 'available' : pre;
    s.callId = line.callId;
    return set(s, 'on_contact');
  }
  if (ev.type === 'complete') {
    if (s.callId !== line.callId) {
      endedNow.add(line.callId);
      return null;
    }
    const ret = s.returnState ?? 'available';
    s.callId = null;
    s.returnState = null;
    return set(s, ret);
  }
  let next: AgentState | null = null;
  if (ev.type === 'login') {
    if (line.queue && !s.queues.includes(line.queue)) s.queues = [...s.queues, line.queue].sort();
    // Joining one more queue does not end a break: only a logged-out agent becomes available.
    const current = s.callId ? s.returnState : s.state;
    if (current === null || current === 'logged_out') next = 'available';
  } else if (ev.type === 'logout') {
    s.queues = ev.allQueues ? [] : s.queues.filter((q) => q !== line.queue);
    if (s.queues.length === 0) next = 'logged_out';
  } else if (ev.type === 'pause') {
    const r = ev.reason.toLowerCase();
    next = r === '' ? 'aux:pause' : acwReasons.has(r) ? 'acw' : (`aux:${r}` as AgentState);
  } else if (ev.type === 'unpause') {
    next = 'available';
  }
  if (next === null) return null;
  if (s.callId) {
    s.returnState = next;
    return null;
  }
  return set(s, next);
}

function set(s: AgentSnapshot, state: AgentState): AgentState | null {
  if (s.state === state) return null;
  s.state = state;
  return state;
}
