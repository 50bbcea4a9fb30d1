import type { AgentStateEvent, Contact, Org, ScheduleSegment } from '@floorwatch/contracts';
import type { FeedRecord } from '@floorwatch/feeds';
import type { StoredContact, StoredForecast, StoredScheduleSegment, StoredStateEvent, StoredSurvey } from '../database/record-types';
import { hashCustomerKey } from './customer-key';
import type { OrgMapper } from './org-mapper';
import { toStoredSession, type StoredSession, type StoredSessionLink } from '../selfservice/session-records';

/** PostgreSQL text cannot hold NUL; a garbage byte must not abort a whole batch. */
export const clean = (s: string): string => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);
const cleanOrNull = (s: string | null): string | null => (s === null ? null : clean(s));

export interface MappedBatch {
  contacts: StoredContact[];
  states: StoredStateEvent[];
  schedule: StoredScheduleSegment[];
  forecasts: StoredForecast[];
  surveys: StoredSurvey[];
  orgs: Org[];
  /** selfservice.md §2 */
  sessions: StoredSession[];
  sessionLinks: StoredSessionLink[];
}

export function emptyBatch(): MappedBatch {
  return { contacts: [], states: [], schedule: [], forecasts: [], surveys: [], orgs: [], sessions: [], sessionLinks: [] };
}

/**
 * Turns parser records into stored records: org ids through the mapper, a contact's site from its
 * queue and team from its agent, customer keys hashed. `lastSeq` numbers the state events of one
 * agent at one instant in file order (0, 1, ...), across files, so they replay in that order.
 */
export function mapRecord(r: FeedRecord, format: string, mapper: OrgMapper, salt: string, lastSeq: Map<string, [number, number]>, out: MappedBatch): void {
  switch (r.kind) {
    case 'contact': {
      const queue = mapper.queue(clean(r.queueRef), r.channel);
      const agent = r.agentRef === null ? null : mapper.agent(clean(r.agentRef));
      out.contacts.push({
        source: format,
        naturalKey: clean(r.naturalKey),
        sourceUpdatedAt: r.lastUpdatedAt,
        contactId: clean(r.contactId),
        segmentId: clean(r.segmentId),
        channel: r.channel,
        queueId: queue.id,
        reason: r.reason === null ? queue.id : clean(r.reason),
        agentId: agent?.id ?? null,
        customerKey: hashCustomerKey(salt, r.customerRef),
        enqueuedAt: r.enqueuedAt,
        answeredAt: r.answeredAt,
        endedAt: r.endedAt,
        waitSeconds: r.waitSeconds,
        talkSeconds: r.talkSeconds,
        holdSeconds: r.holdSeconds,
        acwSeconds: r.acwSeconds,
        outcome: r.outcome,
        transferredTo: cleanOrNull(r.transferredTo),
        siteId: queue.siteId,
        teamId: agent?.teamId ?? null,
        // queue_log contacts carry none: always inbound and queued (selfservice.md §1).
        direction: r.direction ?? 'inbound',
        queued: r.queued ?? true,
        exitedByKey: r.exitedByKey ?? false,
        endedBy: r.endedBy ?? null,
      });
      return;
    }
    case 'state': {
      const agentId = mapper.agent(clean(r.agentRef)).id;
      const prev = lastSeq.get(agentId);
      const seq = prev && prev[0] === r.at ? prev[1] + 1 : 0;
      lastSeq.set(agentId, [r.at, seq]);
      out.states.push({ agentId, at: r.at, state: clean(r.state) as AgentStateEvent['state'], source: format, seq });
      return;
    }
    case 'schedule':
      out.schedule.push({ agentId: mapper.agent(clean(r.agentRef)).id, start: r.start, end: r.end, activity: clean(r.activity), source: format });
      return;
    case 'forecast': {
      const queue = mapper.queue(clean(r.queueRef), 'voice');
      const siteId = mapper.hasSite(r.siteRef) ? r.siteRef : queue.siteId;
      out.forecasts.push({ siteId, queueId: queue.id, intervalStart: r.intervalStart, volume: r.volume, ahtSeconds: r.ahtSeconds, requiredAgents: r.requiredAgents, source: format });
      return;
    }
    case 'survey':
      out.surveys.push({
        source: format,
        customerKey: hashCustomerKey(salt, r.customerRef),
        respondedAt: r.respondedAt,
        mainChannel: clean(r.mainChannel),
        channelChain: clean(r.channelChain),
        items: r.items,
        csat: r.csat,
        nps: r.nps,
        scaleMin: r.scaleMin,
        scaleMax: r.scaleMax,
        contactId: r.contactId == null ? null : clean(r.contactId),
        comment: r.comment == null ? null : clean(r.comment),
        trust: r.trust ?? null,
        repurchase: r.repurchase ?? null,
        productSat: r.productSat ?? null,
        valueForMoney: r.valueForMoney ?? null,
      });
      return;
    case 'org':
      out.orgs.push(r.org);
      return;
    case 'session':
      out.sessions.push(toStoredSession(r, format, salt));
      return;
    case 'session-link':
      out.sessionLinks.push({ sessionId: clean(r.sessionId), contactId: clean(r.contactId) });
      return;
  }
}

/** The contracts shapes the live bus carries (no storage bookkeeping). */
export function liveContacts(rows: StoredContact[]): Contact[] {
  return rows.map(({ source: _s, naturalKey: _n, sourceUpdatedAt: _u, ...c }) => c);
}
export function liveStates(rows: StoredStateEvent[]): AgentStateEvent[] {
  return rows.map((e) => ({ agentId: e.agentId, at: e.at, state: e.state }));
}
export function liveSchedule(rows: StoredScheduleSegment[]): ScheduleSegment[] {
  return rows.map((s) => ({ agentId: s.agentId, start: s.start, end: s.end, activity: s.activity }));
}
