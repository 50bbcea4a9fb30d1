import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FCR_REPEAT_BACKFILL_SQL, FCR_ROLLUP_BACKFILL_SQL } from '../../rollup/fcr-repeat-sql';

/*
 * FCR rolled up (apps/api/src/app/rollup/fcr-repeats.ts, docs/perf.md):
 * - contacts.repeat_enqueued_at / repeat_channel: an FCR subject's first repeat (same customer,
 *   another contactId, enqueuedAt in (endedAt, endedAt + 7 days]); NULL = none so far. Kept by
 *   the ingest's rollup hook (out-of-order arrivals included).
 * - fcr_* counters on the contact rollups, by the subject's endedAt interval; eligibility depends
 *   on asOf, so the reader decides per interval which counters are eligible or pending.
 * Existing databases are backfilled here, so every row is consistent after the migration.
 */
export class FcrRollup1795700000000 implements MigrationInterface {
  name = 'FcrRollup1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts ADD COLUMN repeat_enqueued_at timestamptz, ADD COLUMN repeat_channel text`);
    for (const table of ['rollup_contacts_15m', 'rollup_contacts_day']) {
      await q.query(`ALTER TABLE ${table} ${FCR_COLUMNS.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`);
    }
    await q.query(FCR_REPEAT_BACKFILL_SQL);
    await q.query(FCR_ROLLUP_BACKFILL_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['rollup_contacts_day', 'rollup_contacts_15m']) {
      await q.query(`ALTER TABLE ${table} ${FCR_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
    }
    await q.query(`ALTER TABLE contacts DROP COLUMN repeat_enqueued_at, DROP COLUMN repeat_channel`);
  }
}

const FCR_COLUMNS = ['fcr_subjects', 'fcr_not_repeated', 'fcr_cross_channel', 'fcr_unknown'];
