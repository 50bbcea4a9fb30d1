import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Daily rollups (apps/api/src/app/rollup/daily-*.ts, docs/perf.md "Daily rollups"). The initial
 * migration's day tables were never filled and were keyed down to the agent, which keeps them
 * about as large as the 15-minute ones. Recreated without the agent (and team) key:
 * - day_zone: the zone the day is counted in — 'UTC' (every site; enterprise-wide days default to
 *   UTC) or a site's own IANA zone (that site's rows only: site-local days, 23/25 h on DST days);
 * - rollup_agent_time_day.site_id is the agent's site when the row was built (the reader checks
 *   the org still maps agents to the same sites, else it reads the 15-minute rows).
 * Rows exist only for days that are complete (ending at or before the agent-time watermark); they
 * are filled by the ingest's rollup refresh and the bulk rebuild from the 15-minute rows, so
 * existing databases are filled at their next ingest batch.
 */
export class DailyRollups1795810000000 implements MigrationInterface {
  name = 'DailyRollups1795810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_agent_time_day');
    await q.query('DROP TABLE rollup_contacts_day');
    await q.query(`CREATE TABLE rollup_contacts_day (
      day_zone text NOT NULL,
      site_id text NOT NULL,
      day date NOT NULL,
      queue_id text NOT NULL,
      reason text NOT NULL,
      channel text NOT NULL,
      ${CONTACT_COUNTERS},
      PRIMARY KEY (day_zone, site_id, day, queue_id, reason, channel)
    )`);
    await q.query('CREATE INDEX rollup_contacts_day_queue_idx ON rollup_contacts_day (queue_id, day_zone, day)');
    await q.query(`CREATE TABLE rollup_agent_time_day (
      day_zone text NOT NULL,
      site_id text NOT NULL,
      day date NOT NULL,
      aux_reason text NOT NULL DEFAULT '',
      ${AGENT_COUNTERS},
      PRIMARY KEY (day_zone, site_id, day, aux_reason)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_agent_time_day');
    await q.query('DROP TABLE rollup_contacts_day');
    // The initial migration's shape (with FcrRollup's counters, which its own down drops).
    await q.query(`CREATE TABLE rollup_contacts_day (
      day date NOT NULL,
      site_id text NOT NULL,
      queue_id text NOT NULL,
      team_id text NOT NULL DEFAULT '',
      agent_id text NOT NULL DEFAULT '',
      reason text NOT NULL,
      channel text NOT NULL,
      ${CONTACT_COUNTERS},
      PRIMARY KEY (day, site_id, queue_id, team_id, agent_id, reason, channel)
    )`);
    await q.query('CREATE INDEX rollup_contacts_day_site_idx ON rollup_contacts_day (site_id, day)');
    await q.query(`CREATE TABLE rollup_agent_time_day (
      day date NOT NULL,
      agent_id text NOT NULL,
      aux_reason text NOT NULL DEFAULT '',
      team_id text NOT NULL DEFAULT '',
      site_id text NOT NULL,
      ${AGENT_COUNTERS},
      PRIMARY KEY (day, agent_id, aux_reason)
    )`);
    await q.query('CREATE INDEX rollup_agent_time_day_site_idx ON rollup_agent_time_day (site_id, day)');
  }
}

/** Contact counter columns with the FCR ones (also the site-level 15-minute table's, migration SiteContactRollup). */
export const CONTACT_COUNTERS = [
  ...['offered', 'answered', 'answered_in_sl', 'abandoned', 'short_abandoned', 'blocked'].map((c) => `${c} integer NOT NULL DEFAULT 0`),
  'wait_answered_seconds double precision NOT NULL DEFAULT 0',
  'handled integer NOT NULL DEFAULT 0',
  ...['talk_seconds', 'hold_seconds', 'acw_seconds'].map((c) => `${c} double precision NOT NULL DEFAULT 0`),
  ...['fcr_subjects', 'fcr_not_repeated', 'fcr_cross_channel', 'fcr_unknown'].map((c) => `${c} integer NOT NULL DEFAULT 0`),
].join(',\n      ');

const AGENT_COUNTERS = [
  'logged_in_seconds', 'available_seconds', 'aux_seconds', 'on_contact_seconds', 'acw_seconds', 'scheduled_seconds',
  'in_adherence_seconds', 'scheduled_open_seconds', 'productive_seconds', 'productive_in_open_seconds', 'paid_seconds',
  'planned_paid_seconds', 'unplanned_absence_seconds',
].map((c) => `${c} double precision NOT NULL DEFAULT 0`).join(',\n      ');
