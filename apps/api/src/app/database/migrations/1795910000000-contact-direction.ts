import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * selfservice.md §1: a contact's direction and whether it was queued. Rows written before are
 * inbound and queued (every feed then was read as inbound queue traffic) and did not exit by key
 * (EXITWITHKEY was read as an abandon then; re-ingest the queue_log to re-classify). The rollups
 * gain two additive counters, outbound_handled (handled segments of outbound contacts) and
 * exited_by_key; 0 everywhere is right for rows whose contacts are all inbound, not exited by key.
 */
export class ContactDirection1795910000000 implements MigrationInterface {
  name = 'ContactDirection1795910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contacts ADD COLUMN direction text NOT NULL DEFAULT 'inbound', ADD COLUMN queued boolean NOT NULL DEFAULT true, ADD COLUMN exited_by_key boolean NOT NULL DEFAULT false`,
    );
    for (const table of ROLLUP_CONTACT_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN outbound_handled integer NOT NULL DEFAULT 0, ADD COLUMN exited_by_key integer NOT NULL DEFAULT 0`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ROLLUP_CONTACT_TABLES) await q.query(`ALTER TABLE ${table} DROP COLUMN exited_by_key, DROP COLUMN outbound_handled`);
    await q.query('ALTER TABLE contacts DROP COLUMN exited_by_key, DROP COLUMN queued, DROP COLUMN direction');
  }
}

const ROLLUP_CONTACT_TABLES = ['rollup_contacts_15m', 'rollup_contacts_site_15m', 'rollup_contacts_day'];
