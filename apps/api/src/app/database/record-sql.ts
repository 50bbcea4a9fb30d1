import type { AgentState, Channel, Contact, ContactOutcome, Direction, EndedBy, SurveyResponse } from '@floorwatch/contracts';

/* SQL fragments and row mappers of the RecordStore: epoch ms out of timestamptz, contracts out of rows. */

/** timestamptz → epoch ms as a JS number (float8 parses to number; ms survive exactly). */
export const ms = (column: string, alias: string) => `(extract(epoch from ${column}) * 1000)::float8 AS "${alias}"`;

export const toTimestamp = (epochMs: number): Date => new Date(epochMs);
export const toTimestampOrNull = (epochMs: number | null | undefined): Date | null =>
  epochMs === null || epochMs === undefined ? null : new Date(epochMs);

/** The Contact fields of a contacts row, for SELECTs that add columns of their own. */
export const CONTACT_FIELDS = `contact_id AS "contactId", segment_id AS "segmentId", channel,
  queue_id AS "queueId", reason, agent_id AS "agentId", customer_key AS "customerKey",
  ${ms('enqueued_at', 'enqueuedAt')}, ${ms('answered_at', 'answeredAt')}, ${ms('ended_at', 'endedAt')},
  wait_seconds AS "waitSeconds", talk_seconds AS "talkSeconds", hold_seconds AS "holdSeconds",
  acw_seconds AS "acwSeconds", outcome, transferred_to AS "transferredTo", site_id AS "siteId",
  team_id AS "teamId", direction, queued, exited_by_key AS "exitedByKey", ended_by AS "endedBy"`;

export const CONTACT_SELECT = `SELECT ${CONTACT_FIELDS}
  FROM contacts`;

/** A contacts row as selected: the Contact, with channel and outcome still unchecked text. */
export interface ContactRowRaw extends Omit<Contact, 'channel' | 'outcome' | 'direction' | 'endedBy'> {
  endedBy: string | null;
  channel: string;
  outcome: string;
  direction: string;
}

export function toContact(r: ContactRowRaw): Contact {
  // endedBy only when known, so contacts of feeds without it look as they did before §4.
  const { endedBy, ...rest } = r;
  return { ...rest, channel: r.channel as Channel, outcome: r.outcome as ContactOutcome, direction: r.direction as Direction, ...(endedBy ? { endedBy: endedBy as EndedBy } : {}) };
}

export const CONTACT_COLUMNS = [
  'source', 'natural_key', 'contact_id', 'segment_id', 'channel', 'queue_id', 'reason', 'agent_id',
  'customer_key', 'enqueued_at', 'answered_at', 'ended_at', 'wait_seconds', 'talk_seconds',
  'hold_seconds', 'acw_seconds', 'outcome', 'transferred_to', 'site_id', 'team_id', 'source_updated_at',
  'direction', 'queued', 'exited_by_key', 'ended_by',
] as const;

export const STATE_SELECT = `SELECT agent_id AS "agentId", ${ms('at', 'at')}, state FROM agent_state_events`;
export interface StateRowRaw {
  agentId: string;
  at: number;
  state: string;
}
export const toStateEvent = (r: StateRowRaw) => ({ agentId: r.agentId, at: r.at, state: r.state as AgentState });

export const SURVEY_SELECT = `SELECT customer_key AS "customerKey", ${ms('responded_at', 'respondedAt')},
  main_channel AS "mainChannel", channel_chain AS "channelChain", q1, q2, q3, q4, q5, csat, nps,
  scale_min AS "scaleMin", scale_max AS "scaleMax",
  contact_id AS "contactId", comment, trust, repurchase, product_sat AS "productSat", value_for_money AS "valueForMoney",
  attributed_by AS "attributedBy", attr_segment_id AS "attrSegmentId", attr_contact_id AS "attrContactId", agent_id AS "agentId",
  team_id AS "teamId", queue_id AS "queueId", reason, channel, site_id AS "siteId" FROM survey_responses`;
export interface SurveyRowRaw {
  customerKey: string | null;
  respondedAt: number;
  mainChannel: string;
  channelChain: string;
  q1: number | null;
  q2: number | null;
  q3: number | null;
  q4: number | null;
  q5: number | null;
  csat: number | null;
  nps: number | null;
  scaleMin: number;
  scaleMax: number;
  // customer.md columns (migration CustomerSurveys1795950000000)
  contactId: string | null;
  comment: string | null;
  trust: number | null;
  repurchase: number | null;
  productSat: number | null;
  valueForMoney: number | null;
  attributedBy: string | null;
  attrSegmentId: string | null;
  attrContactId: string | null;
  agentId: string | null;
  teamId: string | null;
  queueId: string | null;
  reason: string | null;
  channel: string | null;
  siteId: string | null;
}
export function toSurvey(r: SurveyRowRaw): SurveyResponse {
  return {
    customerKey: r.customerKey,
    respondedAt: r.respondedAt,
    mainChannel: r.mainChannel,
    channelChain: r.channelChain,
    items: [r.q1, r.q2, r.q3, r.q4, r.q5],
    csat: r.csat,
    nps: r.nps,
    scaleMin: r.scaleMin,
    scaleMax: r.scaleMax,
    contactId: r.contactId,
    comment: r.comment,
    trust: r.trust,
    repurchase: r.repurchase,
    productSat: r.productSat,
    valueForMoney: r.valueForMoney,
    attribution:
      r.attributedBy === null
        ? null
        : {
            attributedBy: r.attributedBy as 'contactId' | 'window',
            segmentId: r.attrSegmentId ?? '',
            contactId: r.attrContactId ?? '',
            agentId: r.agentId,
            teamId: r.teamId,
            queueId: r.queueId ?? '',
            reason: r.reason ?? '',
            channel: r.channel ?? '',
            siteId: r.siteId ?? '',
          },
  };
}

/** A quarantine row as StoredQuarantine (times in epoch ms), from the table or an UPDATE's RETURNING. */
export const QUARANTINE_COLUMNS = `id, source, format, line_number AS "lineNumber", raw, reason, ${ms('created_at', 'createdAt')}, ${ms('resolved_at', 'resolvedAt')}`;

/** The contacts/rollup column holding each non-enterprise scope's id. */
export const SCOPE_COLUMN = { site: 'site_id', team: 'team_id', agent: 'agent_id', queue: 'queue_id' } as const;
