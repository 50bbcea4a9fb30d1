import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Keys that ingest writes or reads in every batch (docs/perf.md "Ingest").
 *
 * 1. feed_lines.line_hash: text (base64url of a line's sha256, 43 characters) → uuid holding the
 * first 16 bytes of the same sha256. One row per ingested line makes this the largest index
 * written at ingest; a fixed 16-byte key compares with memcmp and halves the index
 * (docs/perf.md "Ingest"). 128 bits keep a false duplicate out of reach (≈ 10^-26 for 10^6 lines).
 * Existing hashes are converted in place: the new key is a prefix of the old one, so lines
 * ingested before the migration still count as duplicates after it.
 * Down keeps the 16 bytes as base64url text: the old code hashed 32 bytes, so after a down
 * migration previously seen lines would no longer be recognised (irreversible by design).
 *
 * 2. schedule_segments_length_idx on (end_at - start_at): "segments overlapping [from, to)" had
 *    only start_at < to as an index bound, so every read (the agent-time rollup reads one per
 *    batch) scanned each agent's whole schedule history. With the longest segment length L
 *    (one backward step on this index) the read also bounds start_at > from - L.
 *
 * 3. contacts_site_enqueued_idx, contacts_site_ended_idx, contacts_queue_enqueued_idx dropped:
 *    site and queue KPIs read rollup_contacts_15m (its own site/queue indexes); the raw reads
 *    left for those scopes are the tail [R, to) of at most one interval plus asOf, where
 *    contacts_enqueued_idx / contacts_ended_idx with a site or queue filter read the same
 *    handful of rows (EXPLAIN in docs/perf.md). Each index cost ≈ 6 µs per contact written.
 */
export class IngestKeys1795750000000 implements MigrationInterface {
  name = 'IngestKeys1795750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX schedule_segments_length_idx ON schedule_segments ((end_at - start_at))`);
    for (const index of DROPPED_CONTACT_INDEXES) await q.query(`DROP INDEX ${index.split(' ')[0]}`);
    await q.query(
      `ALTER TABLE feed_lines ALTER COLUMN line_hash TYPE uuid USING
         encode(substring(decode(translate(line_hash, '-_', '+/') || repeat('=', (4 - length(line_hash) % 4) % 4), 'base64') FROM 1 FOR 16), 'hex')::uuid`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX schedule_segments_length_idx`);
    for (const index of DROPPED_CONTACT_INDEXES) await q.query(`CREATE INDEX ${index}`);
    await q.query(
      `ALTER TABLE feed_lines ALTER COLUMN line_hash TYPE text USING
         rtrim(translate(encode(decode(replace(line_hash::text, '-', ''), 'hex'), 'base64'), '+/', '-_'), '=')`,
    );
  }
}

/** As the initial migration created them (name, then definition). */
const DROPPED_CONTACT_INDEXES = [
  'contacts_site_enqueued_idx ON contacts (site_id, enqueued_at)',
  'contacts_site_ended_idx ON contacts (site_id, ended_at)',
  'contacts_queue_enqueued_idx ON contacts (queue_id, enqueued_at)',
];
