import type { HotlineCase, HotlineHistoryEntry, HotlineState } from '@floorwatch/contracts';

/** hotline_cases (migration HotlineCases1795950000001): one case per responseId, ever. */
export const HOTLINE_CREATE_SQL = [
  `CREATE TABLE hotline_cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    response_id text NOT NULL UNIQUE,
    survey_key text NOT NULL,
    customer_key text,
    responded_at timestamptz NOT NULL,
    raised_at timestamptz NOT NULL,
    rules jsonb NOT NULL,
    csat double precision,
    nps double precision,
    scale_min double precision NOT NULL,
    scale_max double precision NOT NULL,
    comment text,
    attributed_by text,
    segment_id text,
    contact_id text,
    agent_id text,
    team_id text,
    queue_id text,
    reason text,
    channel text,
    site_id text,
    assigned_to jsonb NOT NULL DEFAULT '[]',
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','acknowledged','actioned','closed')),
    acknowledged_at timestamptz,
    actioned_at timestamptz,
    closed_at timestamptz,
    cause_code text,
    action text,
    resolution text,
    history jsonb NOT NULL DEFAULT '[]'
  )`,
  'CREATE INDEX hotline_cases_responded_idx ON hotline_cases (responded_at)',
  'CREATE INDEX hotline_cases_state_idx ON hotline_cases (state)',
  'CREATE INDEX hotline_cases_survey_idx ON hotline_cases (survey_key)',
];

const ms = (c: string, a: string) => `(extract(epoch from ${c}) * 1000)::float8 AS "${a}"`;

export const CASE_COLUMNS = `id::text AS id, response_id AS "responseId", survey_key AS "surveyKey", customer_key AS "customerKey",
  ${ms('responded_at', 'respondedAt')}, ${ms('raised_at', 'raisedAt')}, rules, csat, nps, scale_min AS "scaleMin", scale_max AS "scaleMax", comment,
  attributed_by AS "attributedBy", segment_id AS "segmentId", contact_id AS "contactId", agent_id AS "agentId", team_id AS "teamId",
  queue_id AS "queueId", reason, channel, site_id AS "siteId", assigned_to AS "assignedTo", state,
  ${ms('acknowledged_at', 'acknowledgedAt')}, ${ms('actioned_at', 'actionedAt')}, ${ms('closed_at', 'closedAt')},
  cause_code AS "causeCode", action, resolution, history`;
export const CASE_SELECT = `SELECT ${CASE_COLUMNS} FROM hotline_cases`;

export interface CaseRow {
  id: string;
  responseId: string;
  surveyKey: string;
  customerKey: string | null;
  respondedAt: number;
  raisedAt: number;
  rules: string[] | string;
  csat: number | null;
  nps: number | null;
  scaleMin: number;
  scaleMax: number;
  comment: string | null;
  attributedBy: string | null;
  segmentId: string | null;
  contactId: string | null;
  agentId: string | null;
  teamId: string | null;
  queueId: string | null;
  reason: string | null;
  channel: string | null;
  siteId: string | null;
  assignedTo: string[] | string;
  state: HotlineState;
  acknowledgedAt: number | null;
  actionedAt: number | null;
  closedAt: number | null;
  causeCode: string | null;
  action: string | null;
  resolution: string | null;
  history: HotlineHistoryEntry[] | string;
}

/** jsonb arrives parsed from pg and as text from some drivers: accept both. */
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

export function toCase(r: CaseRow): HotlineCase {
  return {
    id: r.id,
    responseId: r.responseId,
    customerKey: r.customerKey,
    respondedAt: new Date(r.respondedAt).toISOString(),
    raisedAt: new Date(r.raisedAt).toISOString(),
    rules: json(r.rules),
    csat: r.csat,
    nps: r.nps,
    comment: r.comment,
    attribution:
      r.attributedBy === null
        ? null
        : {
            attributedBy: r.attributedBy as 'contactId' | 'window', segmentId: r.segmentId ?? '', contactId: r.contactId ?? '', agentId: r.agentId,
            teamId: r.teamId, queueId: r.queueId ?? '', reason: r.reason ?? '', channel: r.channel ?? '', siteId: r.siteId ?? '',
          },
    assignedTo: json(r.assignedTo),
    state: r.state,
    acknowledgedAt: iso(r.acknowledgedAt),
    actionedAt: iso(r.actionedAt),
    closedAt: iso(r.closedAt),
    causeCode: r.causeCode,
    action: r.action,
    resolution: r.resolution,
    history: json(r.history),
  };
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affected]; an INSERT or SELECT with the rows. */
export function returnedRows<T>(result: unknown): T[] {
  const r = result as unknown[];
  return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}
