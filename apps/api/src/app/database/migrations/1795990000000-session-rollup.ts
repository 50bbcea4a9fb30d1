import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SESSION_EP_ROLLUP_SQL, SESSION_REPEAT_SPAN_SQL, SESSION_ROLLUP_SQL } from '../../rollup/session-rollup-sql';

/*
 * selfservice.md §3 on the query path: 15-minute rows of closed self-service sessions by their
 * start, keyed by entry point as written (its site and id are resolved at read, so an org change
 * needs no rebuild), channel, intent and last node, with the sums each IVR KPI needs; and on each
 * contained session with a customer, whether it was repeated within W (true containment).
 */
export class SessionRollup1795990000000 implements MigrationInterface {
  name = 'SessionRollup1795990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE selfservice_sessions ADD COLUMN repeated boolean');
    await q.query('CREATE INDEX selfservice_sessions_transferred ON selfservice_sessions (transferred_contact_id) WHERE transferred_contact_id IS NOT NULL');
    await q.query('CREATE INDEX selfservice_links_contact ON selfservice_links (contact_id)');
    await q.query(`CREATE TABLE rollup_sessions_15m (
      interval_start timestamptz NOT NULL,
      entry_point text NOT NULL,
      channel text NOT NULL,
      intent text,
      last_node text,
      offered integer NOT NULL,
      short_abandoned integer NOT NULL,
      contained integer NOT NULL,
      transferred integer NOT NULL,
      abandoned integer NOT NULL,
      error integer NOT NULL,
      reason_missing integer NOT NULL,
      seconds_sum double precision NOT NULL,
      id_known integer NOT NULL,
      id_failed integer NOT NULL,
      tth_sum double precision NOT NULL,
      tth_n integer NOT NULL,
      ss_subjects integer NOT NULL,
      ss_repeated integer NOT NULL,
      ss_max_ended_at timestamptz
    )`);
    await q.query('CREATE INDEX rollup_sessions_15m_interval ON rollup_sessions_15m (interval_start)');
    // The same summed over intent and last node, for the groupings that do not need them (site, day…).
    await q.query(`CREATE TABLE rollup_sessions_ep_15m (LIKE rollup_sessions_15m)`);
    await q.query('ALTER TABLE rollup_sessions_ep_15m DROP COLUMN intent, DROP COLUMN last_node');
    await q.query('CREATE INDEX rollup_sessions_ep_15m_interval ON rollup_sessions_ep_15m (interval_start)');
    // Sessions stored before: their repeats, then every interval they start in.
    const far = [new Date('1970-01-01T00:00:00Z'), new Date('9999-01-01T00:00:00Z')];
    await q.query(SESSION_REPEAT_SPAN_SQL, far);
    const rows = (await q.query(`SELECT DISTINCT date_bin('15 minutes', started_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS s FROM selfservice_sessions`)) as { s: Date }[];
    if (rows.length > 0) {
      await q.query(SESSION_ROLLUP_SQL, [rows.map((r) => r.s), ...far, ...far]);
      await q.query(SESSION_EP_ROLLUP_SQL, [rows.map((r) => r.s)]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_sessions_ep_15m');
    await q.query('DROP TABLE rollup_sessions_15m');
    await q.query('DROP INDEX selfservice_links_contact');
    await q.query('DROP INDEX selfservice_sessions_transferred');
    await q.query('ALTER TABLE selfservice_sessions DROP COLUMN repeated');
  }
}
