import type { AgentState } from '@floorwatch/contracts';
import type { FeedContact } from '../types';

export interface OpenCallState {
  callId: string;
  queueRef: string;
  segment: number;
  enteredAt: number;
  customerRef: string | null;
  agentRef: string | null;
  answeredAt: number | null;
  waitSeconds: number | null;
  lineNumber: number;
  raw: string;
}

/** A finished call held back until we know whether the agent's wrap-up (acw) follows it. */
export interface PendingContact {
  contact: FeedContact;
  callEnd: number;
  acwStart: number | null;
}

export interface AgentTrack {
  state: AgentState | null;
  queues: string[];
  callId: string | null;
  /** The state the agent returns to when the current call ends. */
  returnState: AgentState | null;
  pending: PendingContact | null;
}

export interface QueueLogState {
  version: 1;
  latest: number;
  calls: OpenCallState[];
  agents: Array<[string, AgentTrack]>;
  /** callId → [segments used, closed at]: numbers later segments of a transferred call. */
  closed: Array<[string, number, number]>;
}

/** A call that entered a queue and has not exited, as listed by `fw quarantine` (incomplete). */
export interface OpenCall {
  callId: string;
  queueRef: string;
  enqueuedAt: number;
  answered: boolean;
  lineNumber: number;
  raw: string;
}

export function readQueueLogState(json: string): QueueLogState {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    throw new Error(`queue_log parser state is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const s = v as Partial<QueueLogState> | null;
  if (!s || s.version !== 1 || !Array.isArray(s.calls) || !Array.isArray(s.agents) || !Array.isArray(s.closed) || typeof s.latest !== 'number') {
    throw new Error('queue_log parser state has an unknown shape (expected version 1 with calls, agents, closed, latest)');
  }
  return s as QueueLogState;
}
