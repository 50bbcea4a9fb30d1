import type { AgentState } from './records';
import type { KpiValues } from './kpi-names';
import type { StaffingRow } from './staffing';
import type { AlertInstance } from './alerts';

/** Every live payload carries `at`: when the source event happened (ISO), for latency measurement. */
export interface LiveBase {
  at: string;
  /**
   * Per-scope sequence number, increasing by one for each event sent to that scope's room (a
   * snapshot carries the current value). A client drops events with seq ≤ the last it saw and
   * resubscribes (for a fresh snapshot) when it sees a gap: coalescible events may be dropped
   * for a slow connection. Optional only so older payload builders still type-check.
   */
  seq?: number;
  /** The subscribed scope (room) this copy of the event was sent for. */
  scope?: string;
}
export interface SubscribeRequest {
  scope: string;
}
export type SubscribeAck = { ok: true } | { ok: false; error: string };

export interface AgentStateEventPayload extends LiveBase {
  agentId: string;
  teamId: string | null;
  siteId: string;
  state: AgentState;
  since: string;
}
export interface AdherenceExceptionPayload extends LiveBase {
  agentId: string;
  teamId: string | null;
  siteId: string;
  activity: string | null;
  state: AgentState;
  since: string;
}
export interface StaffingEventPayload extends LiveBase {
  siteId: string;
  row: StaffingRow;
}
export interface KpiEventPayload extends LiveBase {
  scope: string;
  /** Only the tiles that changed since the last push to this scope. */
  kpis: Partial<KpiValues>;
}
export interface AlertPayload extends LiveBase {
  id: string;
  from: string;
  toScope: string;
  subject: string;
  body: string;
}
export interface LiveSnapshot extends LiveBase {
  scope: string;
  agents: AgentStateEventPayload[];
  exceptions: AdherenceExceptionPayload[];
  staffing: StaffingEventPayload[];
  kpis: Partial<KpiValues>;
  /** spec/action.md: the open and acknowledged alert instances this user receives on this scope (or under it). */
  alerts?: AlertInstance[];
}

export const LIVE_EVENTS = {
  agentState: 'agent-state',
  adherenceException: 'adherence-exception',
  adherenceCleared: 'adherence-cleared',
  staffing: 'staffing',
  kpi: 'kpi',
  alert: 'alert',
  snapshot: 'snapshot',
  /** customer.md: a new or re-routed HOTLINE case, sent to its assignees only. */
  hotlineCase: 'hotline-case',
  ivr: 'ivr',
} as const;

/** selfservice.md §5: once a second per site. */
export interface IvrEventPayload extends LiveBase {
  siteId: string;
  /** Open sessions now (selfservice-ndjson); null for a site whose sessions all come from CTRs (known only after the call). */
  ivrNow: number | null;
  intervalStart: string;
  /** Sessions transferred in the current 15-minute interval (by endedAt). */
  transfers: number;
  /** Over the interval's closed sessions by startedAt (selfservice.md §3); null with no base. */
  ivrOptOutPct: number | null;
}

/** The KPI tiles the live `kpi` event reports (today so far, in the scope's site time zone; enterprise UTC). */
export const LIVE_KPI_TILES = [
  'adherencePct',
  'conformancePct',
  'occupancyPct',
  'shrinkagePct',
  'handled',
  'ahtSeconds',
  'offered',
  'answered',
  'abandoned',
  'serviceLevelPct',
  'asaSeconds',
  'abandonRatePct',
] as const;
