import type { Direction, SessionChannel, SessionOutcome } from '@floorwatch/contracts';
import { optStr, type JsonObject } from '../fields';
import type { FeedSession, FeedSessionLink } from '../types';

/** selfservice.md §2: VOICE sessions are IVR, CHAT ones chatbot; other channels have none. */
const SESSION_CHANNEL: Record<string, SessionChannel> = { VOICE: 'ivr', CHAT: 'chatbot' };

const CONTAINED = new Set(['CONTACT_FLOW_DISCONNECT', 'THIRD_PARTY_DISCONNECT']);
const ABANDONED = new Set([
  'CUSTOMER_DISCONNECT',
  'TELECOM_ORIGINATOR_CANCEL',
  'CUSTOMER_NEVER_ARRIVED',
  'CUSTOMER_CONNECTION_NOT_ESTABLISHED',
  'IDLE_DISCONNECT',
  'EXPIRED',
]);

/** The DisconnectReason table of §2; `missing` marks older CTR formats without the field. */
export function outcomeOfDisconnect(reason: string | null): { outcome: SessionOutcome; missing: boolean } {
  if (reason === null || reason.trim() === '') return { outcome: 'abandoned', missing: true };
  const r = reason.trim().toUpperCase();
  if (CONTAINED.has(r)) return { outcome: 'contained', missing: false };
  if (ABANDONED.has(r)) return { outcome: 'abandoned', missing: false };
  return { outcome: 'error', missing: false };
}

function flowOutcome(attrs: JsonObject | null): SessionOutcome | null {
  const v = attrs ? optStr(attrs, 'ssOutcome') : null;
  const o = v?.trim().toLowerCase();
  return o === 'contained' || o === 'abandoned' || o === 'error' ? o : null;
}

function idv(attrs: JsonObject | null): { idAttempted: boolean | null; idPassed: boolean | null } {
  const v = attrs ? optStr(attrs, 'idv')?.trim().toLowerCase() : undefined;
  if (v === 'pass') return { idAttempted: true, idPassed: true };
  if (v === 'fail') return { idAttempted: true, idPassed: false };
  return { idAttempted: null, idPassed: null };
}

export interface CtrSessionInput {
  o: JsonObject;
  contactId: string;
  channelRaw: string;
  direction: Direction;
  initiated: number;
  disconnected: number;
  queuedAt: number | null;
  agentRef: string | null;
  lastUpdatedAt: number | null;
  intent: string | null;
  line: number;
}

/**
 * The self-service records one CTR yields (selfservice.md §2): its own IVR/chatbot session, and
 * for a CALLBACK CTR the link that makes the named earlier session `transferred`.
 */
export function ctrSessionRecords(i: CtrSessionInput): Array<FeedSession | FeedSessionLink> {
  const out: Array<FeedSession | FeedSessionLink> = [];
  const previous = optStr(i.o, 'PreviousContactId');
  if (i.direction === 'callback' && previous) out.push({ kind: 'session-link', sessionId: `ctr:${previous}`, contactId: i.contactId });
  const channel = SESSION_CHANNEL[i.channelRaw];
  if (!channel || (i.direction !== 'inbound' && i.direction !== 'api')) return out;
  const attrs = i.o['Attributes'] && typeof i.o['Attributes'] === 'object' && !Array.isArray(i.o['Attributes']) ? (i.o['Attributes'] as JsonObject) : null;
  const base = {
    kind: 'session' as const,
    sessionId: `ctr:${i.contactId}`,
    customerRef: optStr((i.o['CustomerEndpoint'] as JsonObject | null) ?? {}, 'Address'),
    channel,
    entryPoint: optStr((i.o['SystemEndpoint'] as JsonObject | null) ?? {}, 'Address') ?? 'unknown',
    startedAt: i.initiated,
    intent: i.intent,
    lastNode: attrs ? optStr(attrs, 'lastNode') : null,
    ...idv(attrs),
    version: i.lastUpdatedAt,
    line: i.line,
  };
  if (i.queuedAt !== null) {
    // No time before the queue: no IVR, no session.
    if (i.queuedAt - i.initiated <= 0) return out;
    out.push({ ...base, endedAt: i.queuedAt, outcome: 'transferred', transferredContactId: i.contactId, linkable: false });
    return out;
  }
  if (i.agentRef !== null) return out;
  const transferEndpoint = i.o['TransferredToEndpoint'];
  const external = transferEndpoint !== null && typeof transferEndpoint === 'object' && optStr(transferEndpoint as JsonObject, 'Address') !== null;
  const flow = flowOutcome(attrs);
  const byReason = outcomeOfDisconnect(optStr(i.o, 'DisconnectReason'));
  const outcome: SessionOutcome = external ? 'transferred' : flow ?? byReason.outcome;
  out.push({
    ...base,
    endedAt: i.disconnected,
    outcome,
    transferredContactId: null,
    linkable: true,
    ...(!external && !flow && byReason.missing ? { reasonMissing: true } : {}),
  });
  return out;
}
