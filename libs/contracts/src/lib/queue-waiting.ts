import type { Channel } from './records';

/** One contact in a queue now: entered, not yet answered, abandoned or timed out. */
export interface WaitingContact {
  queueId: string;
  siteId: string;
  channel: Channel;
  /** Epoch ms it entered the queue. */
  enteredAt: number;
}

/** Contacts waiting in one queue, or in one channel of a site, at `asOf`. */
export interface WaitingFigures {
  waiting: number;
  /** asOf − the oldest waiting contact's entry, in seconds; null when nobody waits. */
  longestWaitSeconds: number | null;
  /** ISO; null when nobody waits. */
  oldestEnteredAt: string | null;
}

/** `GET /api/v1/queues/waiting?site=` — the wallboard's calls waiting and longest wait. */
export interface QueueWaitingResult {
  site: string;
  asOf: string;
  /** Per channel with anything waiting, plus voice always (the wallboard's "calls waiting"). */
  channels: Partial<Record<Channel, WaitingFigures>>;
  queues: (WaitingFigures & { queueId: string; channel: Channel })[];
}
