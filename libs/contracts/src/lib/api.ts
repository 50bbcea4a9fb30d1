/**
 * REST shapes shared by the api and the web client (spec/interfaces.md). Every route is under
 * `/api/v1`; times are ISO 8601 strings in JSON.
 */
import type { AgentState, Channel } from './records';
import type { Role } from './roles';
import type { TargetDirection } from './targets';
import type { TargetKpi } from './kpi-names';

export const API_PREFIX = '/api/v1';

/**
 * Routes (all need `Authorization: Bearer <jwt>` except login):
 * POST auth/login                      LoginRequest -> LoginResponse
 * GET  me                              -> Me
 * GET  kpis?scope&from&to&by&tz&asOf   -> KpiResult with targets on every row (KpiRowWithTargets)
 * GET  kpis.csv?...same[&headers=names] -> text/csv attachment: readable headers ("AHT (s)"), rounded; names = raw KPI names, unrounded
 * GET  staffing?site&from&to           -> StaffingResult
 * GET  timeline?agent&day              -> Timeline (day = YYYY-MM-DD in the agent's site time zone)
 * GET  targets?scope&kpi               -> ResolvedTarget[] (the target that applies, per KPI)
 * PUT  targets                         SetTargetRequest -> ResolvedTarget
 * GET  targets/audit?scope             -> TargetAudit[]
 * GET  messages                        -> Message[] (to me or my scopes)
 * POST messages                        SendMessageRequest -> Message
 * POST messages/:id/read               -> Message
 * GET  schedule-requests               -> ScheduleChangeRequest[] (mine, or my teams')
 * POST schedule-requests               CreateScheduleChangeRequest -> ScheduleChangeRequest
 * POST schedule-requests/:id/decision  { decision: 'approved'|'declined', note? } -> ScheduleChangeRequest
 * GET  org                             -> OrgView (only what the user may see)
 * POST ingest/:format                  streamed body -> IngestSummary (admin)
 * GET  quarantine?source&limit         -> QuarantineItem[] (admin; unresolved only)
 * POST quarantine/:id/resolve          -> QuarantineItem with resolvedAt (admin)
 * GET  admin/users, POST admin/users, PATCH admin/users/:username, DELETE admin/users/:username (admin)
 * POST auth/logout                     -> 204 (every token of the caller dies)
 * PATCH me/password                    ChangePasswordRequest -> LoginResponse
 */

export interface TimelineSegment {
  start: string;
  end: string;
  activity: string;
}
export interface TimelineState {
  start: string;
  end: string;
  state: AgentState;
}
export interface TimelineStretch {
  start: string;
  end: string;
  activity: string;
  state: AgentState | null;
}
export interface Timeline {
  agentId: string;
  day: string;
  timezone: string;
  schedule: TimelineSegment[];
  states: TimelineState[];
  /** Every stretch of scheduled time spent out of adherence. */
  outOfAdherence: TimelineStretch[];
  adherencePct: number | null;
}

export interface ResolvedTarget {
  kpi: TargetKpi;
  /** The scope asked about. */
  scope: string;
  /** The scope the applying target was set on, or 'default'. */
  source: string;
  value: number;
  direction: TargetDirection;
  amberBand: number;
}
export interface SetTargetRequest {
  kpi: TargetKpi;
  scope: string;
  value: number;
  direction?: TargetDirection;
  amberBand?: number | null;
}

export interface Message {
  id: string;
  from: string;
  /** `site:<id>`, `team:<id>` or `agent:<id>`. */
  toScope: string;
  kind: 'alert' | 'coaching' | 'message';
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
export interface SendMessageRequest {
  toScope: string;
  kind: 'alert' | 'coaching' | 'message';
  subject: string;
  body: string;
}

export type ScheduleRequestStatus = 'pending' | 'approved' | 'declined';
export interface ScheduleChangeRequest {
  id: string;
  agentId: string;
  requestedBy: string;
  /** Day the change is for (YYYY-MM-DD, site-local). */
  day: string;
  description: string;
  /** Minutes to move the segment start by (e.g. 5 = start 5 minutes later). */
  shiftMinutes: number | null;
  activity: string | null;
  status: ScheduleRequestStatus;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
}
export interface CreateScheduleChangeRequest {
  day: string;
  description: string;
  shiftMinutes?: number;
  activity?: string;
}

export interface OrgView {
  sites: { id: string; name: string; timezone: string }[];
  teams: { id: string; name: string; siteId: string; leaderUserId: string | null }[];
  agents: { id: string; name: string; teamId: string | null; siteId: string }[];
  queues: { id: string; name: string; channel: Channel; siteId: string }[];
}

export interface QuarantineItem {
  id: string;
  source: string;
  format: string;
  lineNumber: number;
  raw: string;
  reason: string;
  createdAt: string;
  /** Set once an admin marked it resolved (the fixed line was re-ingested, or it is not needed). */
  resolvedAt?: string;
}

export interface UserView {
  username: string;
  roles: Role[];
  agentId: string | null;
  teamIds: string[];
  /** A manager's sites; `'*'` is explicit enterprise reach (no sites = nothing). */
  siteIds: string[];
  /** A disabled user cannot log in and every token of theirs is refused (PATCH admin/users). */
  disabled?: boolean;
}
export interface CreateUserRequest extends UserView {
  password: string;
}
