/**
 * selfservice.md §2: a self-service session (IVR, web, app or chatbot) and the org's entry
 * points. Times are epoch ms like every record.
 */
export const SESSION_CHANNELS = ['ivr', 'web', 'app', 'chatbot'] as const;
export type SessionChannel = (typeof SESSION_CHANNELS)[number];

export const SESSION_OUTCOMES = ['contained', 'transferred', 'abandoned', 'error'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

export interface SelfServiceSession {
  sessionId: string;
  /** Salted hash like a contact's; null when unknown. */
  customerKey: string | null;
  channel: SessionChannel;
  /** Entry point id when an org entry point names it (by id or alias), else the raw DNIS / flow / URL. */
  entryPoint: string;
  startedAt: number;
  /** Null while the session is open. */
  endedAt: number | null;
  /** Null only while open. */
  outcome: SessionOutcome | null;
  intent: string | null;
  lastNode: string | null;
  idAttempted: boolean | null;
  idPassed: boolean | null;
  /** The segmentId of the contact the session handed over to. */
  transferredContactId: string | null;
  /** The entry point's site; `unassigned` when the entry point is unknown. */
  siteId: string;
  /** Connect CTR without DisconnectReason (older formats): counted as abandoned and in ivrReasonMissing. */
  reasonMissing?: boolean;
}

export interface OrgEntryPoint {
  id: string;
  name: string;
  siteId: string;
  aliases: string[];
}

/** GET /api/v1/entry-points/unknown (admin): sessions naming an entry point the org does not list (site `unassigned`). */
export interface UnknownEntryPoint {
  /** The raw DNIS, flow or URL the feed gave. */
  entryPoint: string;
  sessions: number;
  channels: string[];
  /** ISO 8601: the first and the latest session start. */
  firstSeen: string;
  lastSeen: string;
}
