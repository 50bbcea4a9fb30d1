import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Day rows over the 15-minute self-service session rows (rollup/session-day-rollup.ts), as the
 * contact daily rollups: by entry point × channel in UTC and each site's zone, and by intent / last
 * node in UTC. Left empty here: the first session refresh (an ingest batch or the rollup rebuild)
 * finds no stored zones and builds every day; until then every read takes the 15-minute rows.
 */
export class SessionDayRollup1796020000000 implements MigrationInterface {
  name = 'SessionDayRollup1796020000000';

  async up(q: QueryRunner): Promise<void> {
    const counters = `offered integer NOT NULL, short_abandoned integer NOT NULL, contained integer NOT NULL, transferred integer NOT NULL,
      abandoned integer NOT NULL, error integer NOT NULL, reason_missing integer NOT NULL, seconds_sum double precision NOT NULL,
      id_known integer NOT NULL, id_failed integer NOT NULL, tth_sum double precision NOT NULL, tth_n integer NOT NULL,
      ss_subjects integer NOT NULL, ss_repeated integer NOT NULL, ss_max_ended_at timestamptz`;
    await q.query(`CREATE TABLE rollup_sessions_ep_day (day_zone text NOT NULL, day date NOT NULL, entry_point text NOT NULL, channel text NOT NULL, ${counters})`);
    await q.query('CREATE INDEX rollup_sessions_ep_day_day ON rollup_sessions_ep_day (day_zone, day)');
    await q.query(`CREATE TABLE rollup_sessions_dim_day (day_zone text NOT NULL, day date NOT NULL, entry_point text NOT NULL, channel text NOT NULL,
      dim text NOT NULL CHECK (dim IN ('i', 'n')), dim_key text, ${counters})`);
    await q.query('CREATE INDEX rollup_sessions_dim_day_day ON rollup_sessions_dim_day (day_zone, dim, day)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM settings WHERE key = 'rollup.sessionDays'`);
    await q.query('DROP TABLE rollup_sessions_dim_day');
    await q.query('DROP TABLE rollup_sessions_ep_day');
  }
}
