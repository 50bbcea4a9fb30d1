import type { Channel } from './records';

/** One contact in a queue now: entered, not yet answered, abandoned or timed out. */
export interface WaitingContact {
  queueId: string;
  siteId: string;
  channel: Channel;
  /** Epoch ms it entered the queue. */
  enteredAt: number;
}

/**
 * Why a queue's waiting is not known: its feed (Connect CTRs, contacts NDJSON) reports a contact
 * only once it has ended, so who is in queue now is not in it (only queue_log's open calls, or a
 * live source, say that).
 */
export const WAITING_UNKNOWN_REASON = 'feed reports completed contacts only';

/** Contacts waiting in one queue, or in one channel of a site, at `asOf`. */
export interface WaitingFigures {
  /** Null: not known (see `reason`), never a 0 that would read as "nobody waits". */
  waiting: number | null;
  /** asOf − the oldest waiting contact's entry, in seconds; null when nobody waits. */
  longestWaitSeconds: number | null;
  /** ISO; null when nobody waits. */
  oldestEnteredAt: string | null;
  /** Present when `waiting` is null: why it is not known. */
  reason?: string;
}

/** `GET /api/v1/queues/waiting?site=` — the wallboard's calls waiting and longest wait. */
export interface QueueWaitingResult {
  site: string;
  asOf: string;
  /**
   * Per channel with anything waiting, plus voice always (the wallboard's "calls waiting"). A
   * channel is unknown (waiting null) when any of the site's queues of it is: the site's total
   * cannot be known then; the known queues' figures are still in `queues`.
   */
  channels: Partial<Record<Channel, WaitingFigures>>;
  queues: (WaitingFigures & { queueId: string; channel: Channel })[];
}
