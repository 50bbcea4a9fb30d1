import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SURVEY_OUTCOMES_DAY_TABLE } from './1795950000000-customer-surveys';
import { SURVEY_DAY_KEY, SURVEY_DAY_NEW_COLUMNS, SURVEY_DAYS_BACKFILL_SQL } from '../../rollup/survey-rollup';

/*
 * customer.md: every survey KPI scopes and groups by agent, team, queue, reason, channel and site;
 * the UTC day rows were keyed by main channel and chain only, so those queries read every raw
 * response of the window. rollup_surveys_day gains the attribution dimensions and the outcome
 * counts (rollup_survey_outcomes_day, its twin keyed the same way, is folded into it and dropped)
 * and is rebuilt from survey_responses.
 */
export class SurveyAttributedDays1795981000000 implements MigrationInterface {
  name = 'SurveyAttributedDays1795981000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_survey_outcomes_day');
    await q.query('DELETE FROM rollup_surveys_day');
    await q.query(`ALTER TABLE rollup_surveys_day ${SURVEY_DAY_NEW_COLUMNS.map(([c, t]) => `ADD COLUMN ${c} ${t.includes('DEFAULT') ? t : `${t} NOT NULL DEFAULT 0`}`).join(', ')}`);
    await q.query('ALTER TABLE rollup_surveys_day DROP CONSTRAINT IF EXISTS rollup_surveys_day_pkey');
    await q.query(`ALTER TABLE rollup_surveys_day ADD CONSTRAINT rollup_surveys_day_pkey PRIMARY KEY (${SURVEY_DAY_KEY.join(', ')})`);
    // Scoped reads (team, agent, site, queue over a day range); enterprise reads use the key's leading day.
    for (const c of ['team_id', 'agent_id', 'site_id', 'queue_id']) await q.query(`CREATE INDEX rollup_surveys_day_${c}_idx ON rollup_surveys_day (${c}, day)`);
    await q.query(SURVEY_DAYS_BACKFILL_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    // Day rows are derived: the narrower table comes back empty (rebuild refills it).
    await q.query('DELETE FROM rollup_surveys_day');
    await q.query('ALTER TABLE rollup_surveys_day DROP CONSTRAINT rollup_surveys_day_pkey');
    await q.query(`ALTER TABLE rollup_surveys_day ${SURVEY_DAY_NEW_COLUMNS.map(([c]) => `DROP COLUMN ${c}`).join(', ')}`);
    await q.query('ALTER TABLE rollup_surveys_day ADD CONSTRAINT rollup_surveys_day_pkey PRIMARY KEY (day, main_channel, channel_chain)');
    await q.query(SURVEY_OUTCOMES_DAY_TABLE);
  }
}
