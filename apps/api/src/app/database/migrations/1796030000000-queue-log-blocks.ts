import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Set when feed_lines held queue_log lines before this migration: they may be only there (see below). */
export const QUEUE_LOG_LEGACY_CLAIMS_SETTING = 'queue-log-lines-in-feed-lines';

/*
 * queue_log duplicate detection per block of lines (issue 19; apps/api/src/app/ingest/queue-log/queue-log-claims.ts):
 * - queue_log_blocks: the hash of each full block of BLOCK_LINES lines an ingest committed (a
 *   re-read block is skipped whole: no line hashed, parsed or looked up);
 * - a line of a new block is claimed where it is kept: a stored line by its queue_log_lines key
 *   (its hash), so it no longer gets a feed_lines row as well; other lines (quarantined, not kept,
 *   stripped of control characters) in feed_lines as before.
 * Lines ingested before queue_log_lines existed are only in feed_lines: when any queue_log line is
 * there, QUEUE_LOG_LEGACY_CLAIMS_SETTING makes the ingest look stored lines up in feed_lines too.
 * Down gives every stored line its feed_lines row back, so the previous code still sees them.
 */
export class QueueLogBlocks1796030000000 implements MigrationInterface {
  name = 'QueueLogBlocks1796030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE queue_log_blocks (block_hash uuid PRIMARY KEY)');
    await q.query(
      `INSERT INTO settings (key, value) SELECT $1, 'true'::jsonb WHERE EXISTS (SELECT 1 FROM feed_lines WHERE format = 'queue_log')
       ON CONFLICT (key) DO NOTHING`,
      [QUEUE_LOG_LEGACY_CLAIMS_SETTING],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO feed_lines (format, line_hash) SELECT 'queue_log', line_hash FROM queue_log_lines ON CONFLICT DO NOTHING`);
    await q.query('DELETE FROM settings WHERE key = $1', [QUEUE_LOG_LEGACY_CLAIMS_SETTING]);
    await q.query('DROP TABLE IF EXISTS queue_log_blocks');
  }
}
