import type { OrgEntryPoint } from './selfservice';

/**
 * Normalised records of spec/kpis.md. Every feed parser produces these and every KPI consumes
 * them. Times are epoch milliseconds (UTC) so the KPI engine never parses strings in hot loops.
 */
export const CHANNELS = ['voice', 'chat', 'email', 'messaging', 'social', 'video', 'backoffice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTCOMES = ['handled', 'abandoned', 'timeout', 'transferred', 'blocked'] as const;
export type ContactOutcome = (typeof OUTCOMES)[number];

/** selfservice.md §1: who started the contact. Only queued inbound and api contacts are offered. */
export const DIRECTIONS = ['inbound', 'outbound', 'callback', 'transfer', 'api'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A contact's direction; records written before directions existed are inbound. */
export const directionOf = (c: { direction?: Direction }): Direction => c.direction ?? 'inbound';
/** Whether the contact waited in a queue; records written before `queued` existed did. */
export const isQueued = (c: { queued?: boolean }): boolean => c.queued ?? true;
/** selfservice.md §1: offered/answered/abandoned/SL/ASA count queued inbound and api contacts only. */
export const countsAsOffered = (c: { direction?: Direction; queued?: boolean }): boolean => {
  const d = directionOf(c);
  return isQueued(c) && (d === 'inbound' || d === 'api');
};

/** One agent segment of one customer interaction. */
export interface Contact {
  contactId: string;
  segmentId: string;
  channel: Channel;
  queueId: string;
  /** Call type or campaign; the queue id when the feed has none. */
  reason: string;
  agentId: string | null;
  /** Salted hash of the caller id / e-mail / customer id; null when unknown. */
  customerKey: string | null;
  enqueuedAt: number;
  answeredAt: number | null;
  endedAt: number;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  outcome: ContactOutcome;
  transferredTo: string | null;
  siteId: string;
  /** The answering agent's team at the time; null for unanswered contacts. */
  teamId: string | null;
  /** Optional so older producers keep compiling: absent = `inbound` (directionOf). */
  direction?: Direction;
  /** Entered a queue (Connect: Queue.EnqueueTimestamp set); absent = true (isQueued). */
  queued?: boolean;
  /** Left the queue on request (queue_log EXITWITHKEY), outcome `timeout`; absent = false. */
  exitedByKey?: boolean;
  /** selfservice.md §4: who hung up (Connect DisconnectReason, queue_log COMPLETEAGENT/COMPLETECALLER); absent/null unknown. */
  endedBy?: EndedBy | null;
}

export type EndedBy = 'agent' | 'customer' | 'system';

/**
 * `logged_out`, `available`, `on_contact`, `acw` or `aux:<reason>` (reason lower-cased).
 */
export type AgentState = 'logged_out' | 'available' | 'on_contact' | 'acw' | `aux:${string}`;

/** A state change: the agent is in `state` from `at` until their next event. */
export interface AgentStateEvent {
  agentId: string;
  at: number;
  state: AgentState;
}

/** A state held over [start, end). */
export interface StateInterval {
  agentId: string;
  start: number;
  end: number;
  state: AgentState;
}

export interface ScheduleSegment {
  agentId: string;
  start: number;
  end: number;
  activity: string;
}

export interface ForecastInterval {
  siteId: string;
  queueId: string;
  intervalStart: number;
  volume: number;
  ahtSeconds: number;
  requiredAgents: number | null;
}

export interface SurveyResponse {
  customerKey: string | null;
  respondedAt: number;
  mainChannel: string;
  channelChain: string;
  /** q1..q5 answers on the declared scale; null = not answered. */
  items: [number | null, number | null, number | null, number | null, number | null];
  csat: number | null;
  nps: number | null;
  scaleMin: number;
  scaleMax: number;
  /** customer.md extension: optional feed columns (absent on records from older code paths). */
  contactId?: string | null;
  comment?: string | null;
  trust?: number | null;
  repurchase?: number | null;
  productSat?: number | null;
  valueForMoney?: number | null;
  /** The segment the response rates; null/absent = unattributed (enterprise only). */
  attribution?: import('./customer').SurveyAttribution | null;
}

/** Organisation as the KPI engine needs it to scope and group records. */
export interface OrgSite {
  id: string;
  name: string;
  timezone: string;
}
export interface OrgTeam {
  id: string;
  name: string;
  siteId: string;
  leaderUserId: string | null;
}
export interface OrgAgent {
  id: string;
  name: string;
  teamId: string | null;
  siteId: string;
  aliases: string[];
}
export interface OrgQueue {
  id: string;
  name: string;
  channel: Channel;
  siteId: string;
  aliases: string[];
  slSeconds: number | null;
}
export interface Org {
  sites: OrgSite[];
  teams: OrgTeam[];
  agents: OrgAgent[];
  queues: OrgQueue[];
  /** selfservice.md §2: IVR numbers, flows and URLs; a session's site is its entry point's. */
  entryPoints?: OrgEntryPoint[];
}

/** Site every unknown agent or queue is created under (spec/feeds.md). */
export const UNASSIGNED_SITE_ID = 'unassigned';
