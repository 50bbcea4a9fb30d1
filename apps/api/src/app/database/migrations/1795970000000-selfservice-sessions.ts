import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * selfservice.md §2 and §4: self-service sessions, Connect CALLBACK links, the org's entry points,
 * and who ended a contact (contacts.ended_by: agent, customer, system; null when unknown).
 */
export class SelfServiceSessions1795970000000 implements MigrationInterface {
  name = 'SelfServiceSessions1795970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE selfservice_sessions (
      session_id text PRIMARY KEY,
      source text NOT NULL,
      customer_key text,
      channel text NOT NULL CHECK (channel IN ('ivr','web','app','chatbot')),
      entry_point text NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      outcome text CHECK (outcome IN ('contained','transferred','abandoned','error')),
      intent text,
      last_node text,
      id_attempted boolean,
      id_passed boolean,
      transferred_contact_id text,
      reason_missing boolean NOT NULL DEFAULT false,
      linkable boolean NOT NULL DEFAULT false,
      version_ms double precision NOT NULL,
      line_number integer NOT NULL,
      content_hash text NOT NULL,
      ingested_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX selfservice_sessions_started ON selfservice_sessions (started_at)');
    await q.query('CREATE INDEX selfservice_sessions_customer ON selfservice_sessions (customer_key, started_at)');
    await q.query('CREATE TABLE selfservice_links (session_id text PRIMARY KEY, contact_id text NOT NULL)');
    await q.query(`CREATE TABLE entry_points (id text PRIMARY KEY, name text NOT NULL, site_id text NOT NULL, aliases text NOT NULL DEFAULT '[]')`);
    await q.query('ALTER TABLE contacts ADD COLUMN ended_by text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE contacts DROP COLUMN ended_by');
    await q.query('DROP TABLE entry_points');
    await q.query('DROP TABLE selfservice_links');
    await q.query('DROP TABLE selfservice_sessions');
  }
}
