import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SITE_CONTACTS_BACKFILL_SQL } from '../../rollup/site-contact-rollup';
import { CONTACT_COUNTERS } from './1795810000000-daily-rollups';

/*
 * rollup_contacts_site_15m (apps/api/src/app/rollup/site-contact-rollup.ts, docs/perf.md): the
 * 15-minute contact rows summed over agents and teams, for the enterprise, site and queue reads
 * of the stretches the day rows cannot answer. Backfilled from rollup_contacts_15m.
 */
export class SiteContactRollup1795840000000 implements MigrationInterface {
  name = 'SiteContactRollup1795840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rollup_contacts_site_15m (
      interval_start timestamptz NOT NULL,
      site_id text NOT NULL,
      queue_id text NOT NULL,
      reason text NOT NULL,
      channel text NOT NULL,
      ${CONTACT_COUNTERS},
      PRIMARY KEY (interval_start, site_id, queue_id, reason, channel)
    )`);
    // Queue scopes filter on the queue first (as rollup_contacts_day's queue index).
    await q.query('CREATE INDEX rollup_contacts_site_15m_queue_idx ON rollup_contacts_site_15m (queue_id, interval_start)');
    await q.query(SITE_CONTACTS_BACKFILL_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_contacts_site_15m');
  }
}

