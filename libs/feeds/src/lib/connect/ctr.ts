import type { Channel } from '@floorwatch/contracts';
import { unitObject, isNullText, duration, optNum, optObj, optStr, parseTime, str, type JsonObject } from '../fields';
import { judge, quarantine } from '../outcome';
import type { FeedContact, FeedParser, FeedRecord, FeedUnit, LineOutcome } from '../types';

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
function reasonFrom(attrs: JsonObject | null): string | null {
  if (!attrs) return null;
  for (const k of ['reason', 'Reason', 'callType', 'CallType', 'call_type', 'contactReason', 'ContactReason']) {
    const v = optStr(attrs, k);
    if (v) return v;
  }
  return null;
}

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
  const queue = optObj(o, 'Queue');
  const queueRef = queue ? optStr(queue, 'Name') ?? optStr(queue, 'ARN') : null;
  // No queue: IVR-only, self-service or a direct outbound call; not a queue contact, nothing to count.
  if (!queueRef) return [];
  const agent = optObj(o, 'Agent');
  const agentRef = agent ? optStr(agent, 'Username') ?? optStr(agent, 'ARN') : null;
  const enqueuedAt = optTime(queue, 'EnqueueTimestamp', 'Queue.EnqueueTimestamp') ?? initiated;
  const dequeuedAt = optTime(queue, 'DequeueTimestamp', 'Queue.DequeueTimestamp');
  const answeredAt = agentRef ? optTime(agent, 'ConnectedToAgentTimestamp', 'Agent.ConnectedToAgentTimestamp') : null;
  const queueDuration = seconds(queue, 'Duration', 'Queue.Duration');
  const waitEnd = answeredAt ?? dequeuedAt ?? disconnected;
  const waitSeconds = queueDuration ?? Math.max(0, (waitEnd - enqueuedAt) / 1000);
  if (disconnected < enqueuedAt) quarantine('negative-duration', 'DisconnectTimestamp is before the contact was queued');
  const updatedRaw = o['LastUpdateTimestamp'];
  const transferEndpoint = optObj(o, 'TransferredToEndpoint');
  const transferredTo = (transferEndpoint && optStr(transferEndpoint, 'Address')) ?? optStr(o, 'NextContactId');
  const transferred = transferredTo !== null || optStr(o, 'TransferCompletedTimestamp') !== null;
  const contact: FeedContact = {
    kind: 'contact',
    naturalKey: `ctr:${contactId}`,
    lastUpdatedAt: updatedRaw === undefined || updatedRaw === null ? null : parseTime(updatedRaw, 'LastUpdateTimestamp'),
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
  };
  return [contact];
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
