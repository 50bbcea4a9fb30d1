import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Survey day rollup (apps/api/src/app/rollup/survey-rollup.ts, docs/perf.md "Survey day rollup"):
 * enterprise KPIs include cross-channel consistency, which the rollup path read by loading every
 * response of the window (116 ms for 90 days at 1 000 agents). One row per UTC day × main channel
 * × channel chain with the additive consistency components; existing databases are backfilled.
 */
export class SurveyDayRollup1795830000000 implements MigrationInterface {
  name = 'SurveyDayRollup1795830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rollup_surveys_day (
      day date NOT NULL,
      main_channel text NOT NULL,
      channel_chain text NOT NULL,
      responses integer NOT NULL DEFAULT 0,
      excluded integer NOT NULL DEFAULT 0,
      score_sum double precision NOT NULL DEFAULT 0,
      ${[1, 2, 3, 4, 5].map((i) => `q${i}_sum double precision NOT NULL DEFAULT 0, q${i}_n integer NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (day, main_channel, channel_chain)
    )`);
    // The backfill is SurveyAttributedDays1795981000000's, which widens this table and fills it
    // from every stored response (the SQL here would name columns added only there).
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_surveys_day');
  }
}
