import type { IngestSummary } from '@floorwatch/contracts';
import type { RecordStore } from '../database/record-store';

/** What one stored batch of a feed source added (lines are the ingest's summary, records what it produced). */
export interface FeedBatch {
  source: string;
  format: string;
  /** Wall-clock time the batch was stored (ms). */
  at: number;
  summary: IngestSummary;
  records: number;
  /** Event time of the latest record in the batch (ms), null if none. */
  lastRecordAt: number | null;
  /** What the follower that sent it reports (null for a plain upload). */
  followerState: string | null;
}

/** One source's figures as stored: times in ms. */
export interface FeedHealthRaw {
  source: string;
  format: string;
  lastLineAt: number | null;
  lastRecordAt: number | null;
  linesToday: number;
  recordsToday: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  linesLast15Min: number;
  followerState: string | null;
  followerAt: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (v: Date | string | null): number | null => (v === null ? null : new Date(v).getTime());

/** feed_health and feed_health_minutes (migration FeedHealth1795930000000). Shared by the API and local followers. */
export class FeedHealthStore {
  constructor(private readonly store: RecordStore) {}

  async recordBatch(b: FeedBatch): Promise<void> {
    const s = b.summary;
    await this.store.query(
      `INSERT INTO feed_health AS f (source, format, day, lines, records, accepted, duplicates, quarantined, last_line_at, last_record_at, follower_state, follower_at)
       VALUES ($1, $2, ($3::timestamptz AT TIME ZONE 'UTC')::date, $4, $5, $6, $7, $8, CASE WHEN $4 > 0 THEN $3::timestamptz END, $9::timestamptz, $10, CASE WHEN $10::text IS NOT NULL THEN $3::timestamptz END)
       ON CONFLICT (source, format, day) DO UPDATE SET
         lines = f.lines + excluded.lines, records = f.records + excluded.records, accepted = f.accepted + excluded.accepted,
         duplicates = f.duplicates + excluded.duplicates, quarantined = f.quarantined + excluded.quarantined,
         last_line_at = GREATEST(f.last_line_at, excluded.last_line_at), last_record_at = GREATEST(f.last_record_at, excluded.last_record_at),
         follower_state = COALESCE(excluded.follower_state, f.follower_state), follower_at = COALESCE(excluded.follower_at, f.follower_at)`,
      [b.source, b.format, iso(b.at), s.read, b.records, s.accepted, s.duplicates, s.quarantined, b.lastRecordAt === null ? null : iso(b.lastRecordAt), b.followerState],
    );
    if (s.read === 0) return;
    await this.store.query(
      `INSERT INTO feed_health_minutes AS m (source, format, minute, lines) VALUES ($1, $2, date_trunc('minute', $3::timestamptz), $4)
       ON CONFLICT (source, format, minute) DO UPDATE SET lines = m.lines + excluded.lines`,
      [b.source, b.format, iso(b.at), s.read],
    );
    // Only the last 15 minutes are read; an hour is kept for a look by hand.
    await this.store.query(`DELETE FROM feed_health_minutes WHERE source = $1 AND format = $2 AND minute < $3::timestamptz - interval '1 hour'`, [b.source, b.format, iso(b.at)]);
  }

  /** A follower's state change without lines (started, stopped, waiting for its file). */
  recordFollower(source: string, format: string, state: string, at: number): Promise<void> {
    return this.recordBatch({ source, format, at, summary: { read: 0, accepted: 0, duplicates: 0, quarantined: 0, reasons: {} }, records: 0, lastRecordAt: null, followerState: state });
  }

  /** Every source ever seen, with today's (UTC) figures as of `now`. */
  async read(now: number): Promise<FeedHealthRaw[]> {
    const rows = await this.store.query<{
      source: string; format: string; last_line_at: Date | null; last_record_at: Date | null; lines: number; records: number; accepted: number; duplicates: number; quarantined: number;
      follower_state: string | null; follower_at: Date | null; recent: number;
    }>(
      `SELECT f.source, f.format, max(f.last_line_at) AS last_line_at, max(f.last_record_at) AS last_record_at,
              coalesce(sum(f.lines) FILTER (WHERE f.day = d.today), 0)::int AS lines, coalesce(sum(f.records) FILTER (WHERE f.day = d.today), 0)::int AS records,
              coalesce(sum(f.accepted) FILTER (WHERE f.day = d.today), 0)::int AS accepted, coalesce(sum(f.duplicates) FILTER (WHERE f.day = d.today), 0)::int AS duplicates,
              coalesce(sum(f.quarantined) FILTER (WHERE f.day = d.today), 0)::int AS quarantined,
              (array_agg(f.follower_state ORDER BY f.follower_at DESC NULLS LAST))[1] AS follower_state, max(f.follower_at) AS follower_at,
              coalesce((SELECT sum(m.lines) FROM feed_health_minutes m WHERE m.source = f.source AND m.format = f.format AND m.minute > $1::timestamptz - interval '15 minutes'), 0)::int AS recent
         FROM feed_health f CROSS JOIN (SELECT ($1::timestamptz AT TIME ZONE 'UTC')::date AS today) d
        GROUP BY f.source, f.format ORDER BY f.source, f.format`,
      [iso(now)],
    );
    return rows.map((r) => ({
      source: r.source,
      format: r.format,
      lastLineAt: ms(r.last_line_at),
      lastRecordAt: ms(r.last_record_at),
      linesToday: Number(r.lines),
      recordsToday: Number(r.records),
      accepted: Number(r.accepted),
      duplicates: Number(r.duplicates),
      quarantined: Number(r.quarantined),
      linesLast15Min: Number(r.recent),
      followerState: r.follower_state,
      followerAt: ms(r.follower_at),
    }));
  }
}
