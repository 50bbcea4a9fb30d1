import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * feed_health (apps/api/src/app/feeds-health/): per feed source and UTC day, what arrived and
 * how it ended, the latest line and record times, and what its follower last reported. Written
 * by the ingest endpoint and by local followers (another process), read by GET /api/v1/feeds.
 * feed_health_minutes keeps lines per minute for the rate (last 15 minutes are read).
 */
export class FeedHealth1795930000000 implements MigrationInterface {
  name = 'FeedHealth1795930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE feed_health (
      source text NOT NULL,
      format text NOT NULL,
      day date NOT NULL,
      lines integer NOT NULL DEFAULT 0,
      records integer NOT NULL DEFAULT 0,
      accepted integer NOT NULL DEFAULT 0,
      duplicates integer NOT NULL DEFAULT 0,
      quarantined integer NOT NULL DEFAULT 0,
      last_line_at timestamptz,
      last_record_at timestamptz,
      follower_state text,
      follower_at timestamptz,
      PRIMARY KEY (source, format, day)
    )`);
    await q.query(`CREATE TABLE feed_health_minutes (
      source text NOT NULL,
      format text NOT NULL,
      minute timestamptz NOT NULL,
      lines integer NOT NULL,
      PRIMARY KEY (source, format, minute)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE feed_health_minutes');
    await q.query('DROP TABLE feed_health');
  }
}
