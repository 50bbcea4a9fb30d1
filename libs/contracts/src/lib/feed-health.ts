/** GET /api/v1/feeds: one row per feed source (a followed file, a shipper, an upload name, a stream). */
export interface FeedHealth {
  source: string;
  format: string;
  /** green: data within the stall limit (or the centre is closed); red: stalled during open hours. */
  status: 'green' | 'red';
  /** When the latest line arrived (ISO), null if never. */
  lastLineAt: string | null;
  /** Event time of the latest record it carried (ISO), null if none. */
  lastRecordAt: string | null;
  /** Seconds from lastLineAt to now. */
  lagSeconds: number | null;
  /** Today (UTC day): lines read, records produced, and how the lines ended. */
  linesToday: number;
  recordsToday: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  /** Lines a minute over the last 15 minutes. */
  ratePerMinute: number;
  /** What its follower last said (following, waiting-for-file, retrying, stopped), null for uploads. */
  followerState: string | null;
  followerSeenAt: string | null;
}

/** /live event `feed-alert`, sent only to users who may read feed health (admin, control desk). */
export interface FeedAlertPayload {
  at: string;
  source: string;
  format: string;
  kind: 'stalled' | 'resumed';
  /** Latest line time (ISO) when it stalled; for resumed, the line that resumed it. */
  lastLineAt: string | null;
  message: string;
}

export const FEED_ALERT_EVENT = 'feed-alert';

/** Request header a follower shipping over HTTP sends with each batch: its state (`following`). */
export const FOLLOWER_HEADER = 'x-floorwatch-follower';
