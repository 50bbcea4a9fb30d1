import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SURVEY_LOCAL_BACKFILL_SQL, SURVEY_LOCAL_KEY, SURVEY_LOCAL_TABLE, SURVEY_LOCAL_ZONES_KEY, SURVEY_SITE_BACKFILL_SQL, SURVEY_SITE_TABLE } from '../../rollup/survey-local-rollup';
import { SURVEY_SUM_COLUMNS } from '../../rollup/survey-rollup-sql';

/** Sum columns that hold a score sum (double precision); the rest are counts. */
const FLOAT_COLUMNS = new Set(['score_sum', 'q1_sum', 'q2_sum', 'q3_sum', 'q4_sum', 'q5_sum', 'csat_sum']);

/*
 * performance.md: survey KPIs by agent / by site over 90 days at full size within the contact
 * KPIs' p95 goals. rollup_surveys_day's key (UTC day × chain × attribution) barely aggregates and
 * its UTC days cannot answer by day on the sites' clocks, so a narrow twin keyed by the local day
 * on the attributed site's clock × site × team × agent (survey-local-rollup.ts), filled from
 * survey_responses with the sites' current zones (recorded in settings), and the sites' totals
 * per local day and per UTC day.
 */
export class SurveyLocalDays1796010000000 implements MigrationInterface {
  name = 'SurveyLocalDays1796010000000';

  async up(q: QueryRunner): Promise<void> {
    const sums = SURVEY_SUM_COLUMNS.map((c) => `${c} ${FLOAT_COLUMNS.has(c) ? 'double precision' : 'integer'} NOT NULL DEFAULT 0`);
    await q.query(`CREATE TABLE ${SURVEY_LOCAL_TABLE} (
      day date NOT NULL, site_id text NOT NULL DEFAULT '', team_id text NOT NULL DEFAULT '', agent_id text NOT NULL DEFAULT '',
      ${sums.join(', ')},
      CONSTRAINT ${SURVEY_LOCAL_TABLE}_pkey PRIMARY KEY (${SURVEY_LOCAL_KEY.join(', ')}))`);
    // Scoped reads (team, agent, site over a day range); enterprise reads use the key's leading day.
    for (const c of ['team_id', 'agent_id', 'site_id']) await q.query(`CREATE INDEX ${SURVEY_LOCAL_TABLE}_${c}_idx ON ${SURVEY_LOCAL_TABLE} (${c}, day)`);
    await q.query(`CREATE TABLE ${SURVEY_SITE_TABLE} (
      clock text NOT NULL, day date NOT NULL, site_id text NOT NULL DEFAULT '', ${sums.join(', ')},
      CONSTRAINT ${SURVEY_SITE_TABLE}_pkey PRIMARY KEY (clock, day, site_id))`);
    await q.query(SURVEY_LOCAL_BACKFILL_SQL);
    for (const sql of SURVEY_SITE_BACKFILL_SQL) await q.query(sql);
    await q.query(
      `INSERT INTO settings (key, value, updated_at) SELECT $1, coalesce(jsonb_object_agg(id, timezone), '{}'::jsonb), now() FROM sites
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [SURVEY_LOCAL_ZONES_KEY],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM settings WHERE key = $1', [SURVEY_LOCAL_ZONES_KEY]);
    await q.query(`DROP TABLE ${SURVEY_SITE_TABLE}`);
    await q.query(`DROP TABLE ${SURVEY_LOCAL_TABLE}`);
  }
}
