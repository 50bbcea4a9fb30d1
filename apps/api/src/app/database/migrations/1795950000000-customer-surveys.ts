import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * customer.md: survey responses gain the feed's optional columns, a responseId, and the segment
 * each response rates (attribution, kept current by customer/attribution after every ingest
 * batch); the outcome day rows (later folded into rollup_surveys_day).
 */
/** The outcome day table as this migration created it (SurveyAttributedDays1795981000000 drops it, and its down restores it). */
export const SURVEY_OUTCOMES_DAY_TABLE = `CREATE TABLE rollup_survey_outcomes_day (day date NOT NULL, main_channel text NOT NULL, channel_chain text NOT NULL,
      survey_n integer NOT NULL DEFAULT 0, attributed_n integer NOT NULL DEFAULT 0, csat_n integer NOT NULL DEFAULT 0,
      csat_sum double precision NOT NULL DEFAULT 0, csat_top integer NOT NULL DEFAULT 0, nps_n integer NOT NULL DEFAULT 0,
      promoters integer NOT NULL DEFAULT 0, passives integer NOT NULL DEFAULT 0, detractors integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, main_channel, channel_chain))`;

export class CustomerSurveys1795950000000 implements MigrationInterface {
  name = 'CustomerSurveys1795950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE survey_responses
      ADD COLUMN contact_id text, ADD COLUMN comment text, ADD COLUMN trust double precision,
      ADD COLUMN repurchase double precision, ADD COLUMN product_sat double precision,
      ADD COLUMN value_for_money double precision, ADD COLUMN response_id text,
      ADD COLUMN attributed_by text, ADD COLUMN attr_segment_id text, ADD COLUMN attr_contact_id text,
      ADD COLUMN agent_id text, ADD COLUMN team_id text, ADD COLUMN queue_id text, ADD COLUMN reason text,
      ADD COLUMN channel text, ADD COLUMN site_id text`);
    await q.query(`UPDATE survey_responses SET response_id = coalesce(customer_key, '') || '|' || ((extract(epoch from responded_at) * 1000)::bigint)::text || '|'`);
    await q.query('CREATE INDEX survey_responses_contact_idx ON survey_responses (contact_id) WHERE contact_id IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_customer_idx ON survey_responses (customer_key, responded_at) WHERE customer_key IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_segment_idx ON survey_responses (attr_segment_id) WHERE attr_segment_id IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_agent_idx ON survey_responses (agent_id, responded_at) WHERE agent_id IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_team_idx ON survey_responses (team_id, responded_at) WHERE team_id IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_site_idx ON survey_responses (site_id, responded_at) WHERE site_id IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_queue_idx ON survey_responses (queue_id, responded_at) WHERE queue_id IS NOT NULL');
    await q.query('CREATE INDEX survey_responses_response_id_idx ON survey_responses (response_id)');
    // Attribution looks contacts up by id and by segment id, whatever their day. By id it uses
    // QueueLogLines1795900000000's contacts_contact_id_idx (contact_id, source).
    await q.query('CREATE INDEX contacts_segment_id_idx ON contacts (segment_id)');
    // Folded into rollup_surveys_day and dropped by SurveyAttributedDays1795981000000 (which fills it).
    await q.query(SURVEY_OUTCOMES_DAY_TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_survey_outcomes_day');
    await q.query('DROP INDEX contacts_segment_id_idx');
    // The other survey_responses indexes go with their columns; this one is on an old column.
    await q.query('DROP INDEX survey_responses_customer_idx');
    await q.query(`ALTER TABLE survey_responses
      DROP COLUMN contact_id, DROP COLUMN comment, DROP COLUMN trust, DROP COLUMN repurchase, DROP COLUMN product_sat,
      DROP COLUMN value_for_money, DROP COLUMN response_id, DROP COLUMN attributed_by, DROP COLUMN attr_segment_id,
      DROP COLUMN attr_contact_id, DROP COLUMN agent_id, DROP COLUMN team_id, DROP COLUMN queue_id, DROP COLUMN reason,
      DROP COLUMN channel, DROP COLUMN site_id`);
  }
}
