import { join } from 'node:path';
import type { Contact } from '@floorwatch/contracts';
import type { SiteDef } from '../lib/config';
import type { DemoSelfService, DemoSession } from '../lib/selfservice/sessions';
import type { World } from '../lib/world';
import { iso, LineWriter } from './line-writer';
import type { FeedFile } from './write-feeds';

/** selfservice-ndjson line (selfservice.md §2): ISO times with offset, raw customer, entry point by alias. */
export function sessionLine(s: DemoSession): string {
  return JSON.stringify(sessionObject(s));
}

/** The selfservice-ndjson object of a session: closed, or as the IVR reports it while the caller is in it (no end, no outcome yet). */
export function sessionObject(s: DemoSession, open = false): Record<string, unknown> {
  if (open) return { ...sessionObject(s), endedAt: null, outcome: null, transferredContactId: null, idAttempted: null, idPassed: null };
  return {
    sessionId: s.sessionId,
    customerKey: s.customerKey,
    channel: s.channel,
    entryPoint: s.entryPoint,
    startedAt: iso(s.startedAt),
    endedAt: iso(s.endedAt),
    outcome: s.outcome,
    intent: s.intent,
    lastNode: s.lastNode,
    idAttempted: s.idAttempted,
    idPassed: s.idPassed,
    // queue_log numbers segments 1, 2…: the call id (contactId) is what the IVR knows of the call.
    transferredContactId: s.contact ? s.contact.contactId : null,
  };
}

/** Manila's IVR per contact: the session that handed over to it, by segment (= Connect ContactId). */
export function ivrBySegment(ss: DemoSelfService | undefined): Map<string, DemoSession> {
  const m = new Map<string, DemoSession>();
  for (const s of ss?.sessions ?? []) if (s.contact && s.siteId === 'mnl') m.set(s.contact.segmentId, s);
  return m;
}

const DISCONNECT: Record<string, string> = { contained: 'CONTACT_FLOW_DISCONNECT', abandoned: 'CUSTOMER_DISCONNECT', error: 'TELECOM_PROBLEM' };

function attributes(reason: string, s: DemoSession | undefined): Record<string, string> {
  const a: Record<string, string> = { callType: reason };
  if (s) a['lastNode'] = s.lastNode;
  if (s?.idAttempted) a['idv'] = s.idPassed ? 'pass' : 'fail';
  return a;
}

/** Same pseudo-random split for a contact id everywhere (the queue_log writer's COMPLETEAGENT share is a third). */
function agentHungUp(id: string): boolean {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return (h >>> 0) % 8 === 0;
}

/**
 * The demo stories on a Connect CTR (ctrObject): its IVR (InitiationTimestamp, SystemEndpoint,
 * lastNode, idv), direction (OUTBOUND, CALLBACK, TRANSFER legs with InitialContactId /
 * PreviousContactId / NextContactId) and who hung up.
 */
export function decorateCtr(ctr: Record<string, unknown>, c: Contact, ss: DemoSelfService | undefined, ivr: Map<string, DemoSession>): Record<string, unknown> {
  if (!ss) return ctr;
  const s = ivr.get(c.segmentId);
  const out: Record<string, unknown> = { ...ctr, ContactId: c.segmentId, InitialContactId: c.contactId, Attributes: attributes(c.reason, s) };
  if (s) {
    out['InitiationTimestamp'] = iso(s.startedAt);
    out['SystemEndpoint'] = { Type: 'TELEPHONE_NUMBER', Address: s.entryPoint };
  } else {
    // A direct line: straight into the queue, no IVR time, so no session (selfservice.md §2).
    out['InitiationTimestamp'] = iso(c.enqueuedAt);
  }
  const direction = c.direction ?? 'inbound';
  if (direction === 'outbound') {
    const q = ctr['Queue'] as Record<string, unknown>;
    out['InitiationMethod'] = 'OUTBOUND';
    out['InitiationTimestamp'] = iso(c.enqueuedAt);
    out['Queue'] = { Name: q['Name'], ARN: q['ARN'], EnqueueTimestamp: null, DequeueTimestamp: null, Duration: 0 };
  } else if (direction === 'callback') {
    out['InitiationMethod'] = 'CALLBACK';
    out['InitiationTimestamp'] = iso(c.enqueuedAt);
    out['PreviousContactId'] = ss.previousOf.get(c.segmentId) ?? null;
  } else if (direction === 'transfer') {
    out['InitiationMethod'] = 'TRANSFER';
    out['InitiationTimestamp'] = iso(c.enqueuedAt);
    out['PreviousContactId'] = c.contactId;
  }
  if (c.outcome === 'transferred' && c.transferredTo) out['NextContactId'] = c.transferredTo;
  else if (c.agentId && c.channel === 'voice') out['DisconnectReason'] = agentHungUp(c.segmentId) ? 'AGENT_DISCONNECT' : 'CUSTOMER_DISCONNECT';
  return out;
}

/** A Connect CTR that never reached a queue: IVR- or chatbot-only (contained, abandoned or failed). */
export function ivrOnlyCtr(s: DemoSession): Record<string, unknown> {
  return {
    AWSAccountId: '123456789012',
    ContactId: s.sessionId.slice('ctr:'.length),
    Channel: s.channel === 'ivr' ? 'VOICE' : 'CHAT',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: iso(s.startedAt),
    DisconnectTimestamp: iso(s.endedAt),
    LastUpdateTimestamp: iso(s.endedAt + 30_000),
    DisconnectReason: DISCONNECT[s.outcome] ?? 'CUSTOMER_DISCONNECT',
    Queue: null,
    Agent: null,
    CustomerEndpoint: s.customerKey ? { Type: 'TELEPHONE_NUMBER', Address: s.customerKey } : null,
    SystemEndpoint: { Type: 'TELEPHONE_NUMBER', Address: s.entryPoint },
    Attributes: attributes(s.intent, s),
  };
}

/**
 * A site's self-service feed files: selfservice-ndjson (London, Chicago), or for Connect the
 * CTRs of sessions that never reached a queue (queued ones ride on the contact's CTR).
 */
export function writeSelfServiceFeeds(world: World, site: SiteDef, dir: string): FeedFile[] {
  const ss = world.selfService;
  if (!ss) return [];
  const sessions = ss.sessions.filter((s) => s.siteId === site.id && s.endedAt < world.endAt);
  if (site.acd === 'connect') {
    const w = new LineWriter(join(dir, `${site.id}-connect-ctr-ivr-only.ndjson`));
    for (const s of sessions) if (!s.contact) w.write(JSON.stringify(ivrOnlyCtr(s)));
    w.close();
    return [{ format: 'connect-ctr', file: w.path, records: w.lines }];
  }
  const w = new LineWriter(join(dir, `${site.id}-selfservice.ndjson`));
  for (const s of sessions) w.write(sessionLine(s));
  w.close();
  return [{ format: 'selfservice-ndjson', file: w.path, records: w.lines }];
}
