import type { Channel, Direction, EndedBy } from '@floorwatch/contracts';
import { unitObject, isNullText, duration, optNum, optObj, optStr, parseTime, str, type JsonObject } from '../fields';
import { judge, quarantine } from '../outcome';
import type { FeedContact, FeedParser, FeedRecord, FeedUnit, LineOutcome } from '../types';
import { ctrSessionRecords } from './ctr-session';

/** TASK is Connect's back-office work item (no live customer), so it maps to `backoffice`. */
export const CONNECT_CHANNELS: Record<string, Channel> = { VOICE: 'voice', CHAT: 'chat', TASK: 'backoffice', EMAIL: 'email' };

function optTime(obj: JsonObject | null, key: string, path: string): number | null {
  const v = obj?.[key];
  return v === undefined || v === null || v === '' || (typeof v === 'string' && isNullText(v)) ? null : parseTime(v, path);
}

function seconds(obj: JsonObject | null, key: string, path: string): number | null {
  if (!obj) return null;
  const n = optNum(obj, key, path);
  return n === null ? null : duration(n, path);
}

/** Attributes are free-form: the call type lives under whichever key the contact flow set. */
export function reasonFrom(attrs: JsonObject | null): string | null {
  if (!attrs) return null;
  // selfservice.md §2: a session's intent is read the same way, so `intent` is a key too.
  for (const k of ['reason', 'Reason', 'callType', 'CallType', 'call_type', 'contactReason', 'ContactReason', 'intent', 'Intent']) {
    const v = optStr(attrs, k);
    if (v) return v;
  }
  return null;
}

/** selfservice.md §1: Connect InitiationMethod → direction; null = accepted, no record. */
const DIRECTION_BY_INITIATION: Record<string, Direction | null> = {
  INBOUND: 'inbound',
  WEBRTC_API: 'inbound',
  API: 'api',
  OUTBOUND: 'outbound',
  AGENT_REPLY: 'outbound',
  CAMPAIGN_PREVIEW: 'outbound',
  TRANSFER: 'transfer',
  QUEUE_TRANSFER: 'transfer',
  CALLBACK: 'callback',
  DISCONNECT: null,
  MONITOR: null,
  EXTERNAL_OUTBOUND: null,
  FLOW: null,
};

/** The CTR's direction, null when its InitiationMethod makes no record; quarantines an unknown method. */
export function ctrDirection(initiationMethod: string | null, channel: Channel): Direction | null {
  if (initiationMethod === null) return 'inbound';
  const method = initiationMethod.trim().toUpperCase();
  if (!(method in DIRECTION_BY_INITIATION)) {
    return quarantine('unknown-initiation-method', `InitiationMethod "${initiationMethod}" is not one of ${Object.keys(DIRECTION_BY_INITIATION).join(', ')}`);
  }
  const direction = DIRECTION_BY_INITIATION[method];
  // An API-started voice contact is StartOutboundVoiceContact: the centre calls out.
  return direction === 'api' && channel === 'voice' ? 'outbound' : direction;
}

/** selfservice.md §4: AGENT_DISCONNECT agent, CUSTOMER_DISCONNECT customer, any other system, absent null. */
function endedByOf(reason: string | null): EndedBy | null {
  if (reason === null) return null;
  const r = reason.trim().toUpperCase();
  return r === 'AGENT_DISCONNECT' ? 'agent' : r === 'CUSTOMER_DISCONNECT' ? 'customer' : 'system';
}

/** Queue-less CTRs handled by an agent (Queue null) still make a contact; they map to this queue reference. */
export const CTR_NO_QUEUE_REF = 'connect:no-queue';

export function parseCtr(unit: FeedUnit): FeedRecord[] {
  const o = unitObject(unit);
  if (o['ContactId'] === undefined && ('detail-type' in o || 'eventType' in o)) {
    quarantine('not-a-ctr', 'an EventBridge contact event (eventType), not a contact trace record');
  }
  const contactId = str(o, 'ContactId');
  const channelRaw = str(o, 'Channel').toUpperCase();
  const channel = CONNECT_CHANNELS[channelRaw] ?? quarantine('unknown-channel', `Channel "${channelRaw}" is not VOICE, CHAT, TASK or EMAIL`);
  const initiated = parseTime(o['InitiationTimestamp'], 'InitiationTimestamp');
  const disconnected = parseTime(o['DisconnectTimestamp'], 'DisconnectTimestamp');
  const direction = ctrDirection(optStr(o, 'InitiationMethod'), channel);
  if (direction === null) return [];
  const queue = optObj(o, 'Queue');
  const agent = optObj(o, 'Agent');
  const agentRef = agent ? optStr(agent, 'Username') ?? optStr(agent, 'ARN') : null;
  const queuedAt = optTime(queue, 'EnqueueTimestamp', 'Queue.EnqueueTimestamp');
  const queued = queuedAt !== null;
  const updatedRaw = o['LastUpdateTimestamp'];
  const lastUpdatedAt = updatedRaw === undefined || updatedRaw === null ? null : parseTime(updatedRaw, 'LastUpdateTimestamp');
  const sessions = ctrSessionRecords({ o, contactId, channelRaw, direction, initiated, disconnected, queuedAt, agentRef, lastUpdatedAt, intent: reasonFrom(optObj(o, 'Attributes')), line: unit.lineNumber });
  // Neither queued nor with an agent: IVR-only or self-service; no contact to count (the session above).
  if (!queued && !agentRef) return sessions;
  const queueRef = (queue ? optStr(queue, 'Name') ?? optStr(queue, 'ARN') : null) ?? CTR_NO_QUEUE_REF;
  // Unqueued (OUTBOUND CTRs carry a Queue with null timestamps): it starts when initiated, waits 0 s.
  const enqueuedAt = queuedAt ?? initiated;
  const dequeuedAt = optTime(queue, 'DequeueTimestamp', 'Queue.DequeueTimestamp');
  const answeredAt = agentRef ? optTime(agent, 'ConnectedToAgentTimestamp', 'Agent.ConnectedToAgentTimestamp') : null;
  const queueDuration = seconds(queue, 'Duration', 'Queue.Duration');
  const waitEnd = answeredAt ?? dequeuedAt ?? disconnected;
  const waitSeconds = !queued ? 0 : queueDuration ?? Math.max(0, (waitEnd - enqueuedAt) / 1000);
  if (disconnected < enqueuedAt) quarantine('negative-duration', 'DisconnectTimestamp is before the contact was queued');
  const transferEndpoint = optObj(o, 'TransferredToEndpoint');
  const transferredTo = (transferEndpoint && optStr(transferEndpoint, 'Address')) ?? optStr(o, 'NextContactId');
  const transferred = transferredTo !== null || optStr(o, 'TransferCompletedTimestamp') !== null;
  const contact: FeedContact = {
    kind: 'contact',
    naturalKey: `ctr:${contactId}`,
    lastUpdatedAt,
    contactId: optStr(o, 'InitialContactId') ?? contactId,
    segmentId: contactId,
    channel,
    queueRef,
    reason: reasonFrom(optObj(o, 'Attributes')),
    agentRef,
    customerRef: optStr(optObj(o, 'CustomerEndpoint') ?? {}, 'Address'),
    enqueuedAt,
    answeredAt: agentRef ? answeredAt ?? enqueuedAt + waitSeconds * 1000 : null,
    endedAt: agentRef ? disconnected : dequeuedAt ?? disconnected,
    waitSeconds,
    talkSeconds: agentRef ? seconds(agent, 'AgentInteractionDuration', 'Agent.AgentInteractionDuration') ?? 0 : 0,
    holdSeconds: agentRef ? seconds(agent, 'CustomerHoldDuration', 'Agent.CustomerHoldDuration') ?? 0 : 0,
    acwSeconds: agentRef ? seconds(agent, 'AfterContactWorkDuration', 'Agent.AfterContactWorkDuration') ?? 0 : 0,
    outcome: !agentRef ? 'abandoned' : transferred ? 'transferred' : 'handled',
    transferredTo: agentRef ? transferredTo : null,
    direction,
    queued,
  };
  const endedBy = endedByOf(optStr(o, 'DisconnectReason'));
  if (endedBy) contact.endedBy = endedBy;
  return [contact, ...sessions];
}

/** Stateless: the latest-wins rule needs the stored copies, so the ingest applies it with `lastUpdatedAt`. */
export class ConnectCtrParser implements FeedParser {
  readonly format = 'connect-ctr' as const;
  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => parseCtr(unit));
  }
  end(): FeedRecord[] {
    return [];
  }
  exportState(): string {
    return '{}';
  }
  importState(): void {
    /* stateless */
  }
}
