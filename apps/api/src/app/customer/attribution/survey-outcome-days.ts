import { ALL_KEY, DEFAULT_TOP_BOX_MIN_SCORE, emptyComponents, NO_GROUP, type KpiComponents } from '@floorwatch/kpi';
import type { GroupBy } from '@floorwatch/contracts';
import type { RecordStore } from '../../database/record-store';

/*
 * rollup_survey_outcomes_day (migration CustomerSurveys1795950000000): per UTC day × main channel
 * × channel chain, the customer-outcome components libs/kpi addCustomerSurveyInto adds — beside
 * rollup_surveys_day's consistency parts, with the same keys, so the enterprise rollup path sums
 * both for the same days. A table of its own (not new columns there) because the older migration
 * backfills rollup_surveys_day with SQL that must keep its column list. Every write re-aggregates
 * the days it touches from survey_responses, so a day row always equals its raw responses. Top
 * box uses the default threshold (75); another threshold reads raw.
 */

const COLUMNS = ['survey_n', 'attributed_n', 'csat_n', 'csat_sum', 'csat_top', 'nps_n', 'promoters', 'passives', 'detractors'] as const;
const FIELDS: Record<(typeof COLUMNS)[number], keyof KpiComponents> = {
  survey_n: 'surveyCount', attributed_n: 'surveyAttributed', csat_n: 'csatCount', csat_sum: 'csatScoreSum', csat_top: 'csatTopBox',
  nps_n: 'npsCount', promoters: 'npsPromoters', passives: 'npsPassives', detractors: 'npsDetractors',
};

function insertDays(from: string): string {
  return `INSERT INTO rollup_survey_outcomes_day (day, main_channel, channel_chain, ${COLUMNS.join(', ')})
    SELECT (s.responded_at AT TIME ZONE 'UTC')::date AS day, s.main_channel, s.channel_chain,
      count(*), count(s.attributed_by), count(s.csat),
      coalesce(sum(100 * (s.csat - s.scale_min) / (s.scale_max - s.scale_min)), 0),
      count(*) FILTER (WHERE 100 * (s.csat - s.scale_min) >= ${DEFAULT_TOP_BOX_MIN_SCORE} * (s.scale_max - s.scale_min)),
      count(s.nps), count(*) FILTER (WHERE s.nps >= 9), count(*) FILTER (WHERE s.nps >= 7 AND s.nps < 9), count(*) FILTER (WHERE s.nps < 7)
    FROM ${from}
    GROUP BY 1, 2, 3`;
}

export const SURVEY_OUTCOME_DAYS_CREATE_SQL = `CREATE TABLE rollup_survey_outcomes_day (
  day date NOT NULL,
  main_channel text NOT NULL,
  channel_chain text NOT NULL,
  survey_n integer NOT NULL DEFAULT 0,
  attributed_n integer NOT NULL DEFAULT 0,
  csat_n integer NOT NULL DEFAULT 0,
  csat_sum double precision NOT NULL DEFAULT 0,
  csat_top integer NOT NULL DEFAULT 0,
  nps_n integer NOT NULL DEFAULT 0,
  promoters integer NOT NULL DEFAULT 0,
  passives integer NOT NULL DEFAULT 0,
  detractors integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, main_channel, channel_chain)
)`;

export const SURVEY_OUTCOME_DAYS_BACKFILL_SQL = insertDays('survey_responses s');

/** Re-aggregates the given UTC days (YYYY-MM-DD) from survey_responses. */
export async function refreshSurveyOutcomeDays(tx: RecordStore, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM rollup_survey_outcomes_day WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    insertDays(`unnest($1::date[]) AS d(day)
      JOIN survey_responses s ON s.responded_at >= d.day::timestamp AT TIME ZONE 'UTC'
        AND s.responded_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'`),
    [days],
  );
}

const KEY_SQL: Partial<Record<GroupBy, string>> = { day: 'day::text', mainChannel: 'main_channel', channelChain: 'channel_chain' };

/** Customer-outcome components of the whole UTC days [fromDay, toDay), keyed like readSurveyDays. */
export async function readSurveyOutcomeDays(store: RecordStore, fromDay: number, toDay: number, by: GroupBy | undefined): Promise<Map<string, KpiComponents>> {
  const key = (by && KEY_SQL[by]) ?? `''`;
  const rows = await store.query<Record<string, number | string>>(
    `SELECT ${key} AS key, ${COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')}
     FROM rollup_survey_outcomes_day WHERE day >= $1::date AND day < $2::date GROUP BY 1`,
    [new Date(fromDay).toISOString().slice(0, 10), new Date(toDay).toISOString().slice(0, 10)],
  );
  const out = new Map<string, KpiComponents>();
  for (const r of rows) {
    const c = emptyComponents();
    for (const col of COLUMNS) (c[FIELDS[col]] as number) = Number(r[col]);
    out.set(by === undefined ? ALL_KEY : KEY_SQL[by] ? String(r['key']) : NO_GROUP, c);
  }
  return out;
}
