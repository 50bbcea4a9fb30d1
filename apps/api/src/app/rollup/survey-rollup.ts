import { ALL_KEY, emptyComponents, ITEM_COUNT_KEYS, ITEM_SUM_KEYS, NO_GROUP, type KpiComponents } from '@floorwatch/kpi';
import type { GroupBy } from '@floorwatch/contracts';
import { DAY_MS } from '../database/partitions';
import type { RecordStore } from '../database/record-store';

/*
 * Survey day rollup (rollup_surveys_day, migration SurveyDayRollup1795830000000): per UTC day ×
 * main channel × channel chain, the consistency components libs/kpi addSurveyInto adds per
 * response — included responses (≥ 3 answered items), excluded ones, the sum of response scores
 * and per item the score sum and count. All additive, so any set of whole UTC days is a SUM.
 * Survey responses are immutable once written (their natural key conflicts do nothing), and
 * every write re-aggregates the UTC days it touched from survey_responses, so a day row always
 * equals its raw responses (no watermark, unlike the contact and agent-time day rows).
 */

const ITEMS = [1, 2, 3, 4, 5] as const;
/** Item score as libs/kpi itemScore computes it (same operations, same order: same float). */
const itemScore = (i: number): string => `100 * (q${i} - scale_min) / (scale_max - scale_min)`;
const answered = ITEMS.map((i) => `(q${i} IS NOT NULL)::int`).join(' + ');
/** The response score adds its answered items left to right like addSurveyInto (x + 0 = x). */
const scoreSum = ITEMS.map((i) => `coalesce(s${i}, 0)`).join(' + ');

const COLUMNS = ['responses', 'excluded', 'score_sum', ...ITEMS.flatMap((i) => [`q${i}_sum`, `q${i}_n`])];

/** INSERT of the day rows of the responses `from` selects (alias s); `day` is the UTC date. */
function insertDays(from: string): string {
  return `INSERT INTO rollup_surveys_day (day, main_channel, channel_chain, ${COLUMNS.join(', ')})
    SELECT day, main_channel, channel_chain,
      count(*) FILTER (WHERE n >= 3), count(*) FILTER (WHERE n < 3),
      coalesce(sum((${scoreSum}) / n) FILTER (WHERE n >= 3), 0),
      ${ITEMS.map((i) => `coalesce(sum(s${i}) FILTER (WHERE n >= 3), 0), count(s${i}) FILTER (WHERE n >= 3)`).join(',\n      ')}
    FROM (
      SELECT (s.responded_at AT TIME ZONE 'UTC')::date AS day, s.main_channel, s.channel_chain,
        ${ITEMS.map((i) => `${itemScore(i)} AS s${i}`).join(', ')}, ${answered} AS n
      FROM ${from}
    ) r
    GROUP BY day, main_channel, channel_chain
    ORDER BY day`;
}

/** Migration backfill: every day of every stored response. */
export const SURVEY_DAYS_BACKFILL_SQL = insertDays('survey_responses s');

/** The UTC date (YYYY-MM-DD) of an epoch-ms time: the `day` key of the table. */
const utcDate = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** UTC dates of epoch-ms times, distinct. */
export function utcDays(times: Iterable<number>): string[] {
  const days = new Set<number>();
  for (const t of times) days.add(Math.floor(t / DAY_MS) * DAY_MS);
  return [...days].sort((a, b) => a - b).map(utcDate);
}

/** UTC dates of every day overlapping [from, to] (epoch ms), for the bulk rebuild's span. */
export function utcDaysBetween(from: number, to: number): string[] {
  const out: number[] = [];
  for (let d = Math.floor(from / DAY_MS) * DAY_MS; d <= to; d += DAY_MS) out.push(d);
  return utcDays(out);
}

/** Re-aggregates the given UTC days from survey_responses (delete, then insert what is there now). */
export async function refreshSurveyDays(tx: RecordStore, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.query('DELETE FROM rollup_surveys_day WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    insertDays(`unnest($1::date[]) AS d(day)
      JOIN survey_responses s ON s.responded_at >= d.day::timestamp AT TIME ZONE 'UTC'
        AND s.responded_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'`),
    [days],
  );
}

/** Groupings the day rows can key: every one but the sub-day ones and days in a zone other than UTC. */
export function surveyDaysServe(by: GroupBy | undefined, tz: string | undefined): boolean {
  return by === 'day' ? (tz ?? 'UTC') === 'UTC' : by !== 'hour' && by !== 'interval';
}

const KEY_SQL: Partial<Record<GroupBy, string>> = { day: 'day::text', mainChannel: 'main_channel', channelChain: 'channel_chain' };

/**
 * Survey components of the whole UTC days [fromDay, toDay) (epoch ms, day-aligned), keyed as
 * libs/kpi computeKpiComponents keys enterprise surveys: 'all', the UTC day, the main channel or
 * chain, else '(none)'.
 */
export async function readSurveyDays(store: RecordStore, fromDay: number, toDay: number, by: GroupBy | undefined): Promise<Map<string, KpiComponents>> {
  const key = (by && KEY_SQL[by]) ?? `''`;
  const rows = await store.query<Record<string, number | string>>(
    `SELECT ${key} AS key, ${COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')}
     FROM rollup_surveys_day WHERE day >= $1::date AND day < $2::date GROUP BY 1`,
    [utcDate(fromDay), utcDate(toDay)],
  );
  const out = new Map<string, KpiComponents>();
  for (const r of rows) {
    const c = emptyComponents();
    c.responses = Number(r['responses']);
    c.consistencyExcluded = Number(r['excluded']);
    c.consistencyScoreSum = Number(r['score_sum']);
    ITEMS.forEach((i, k) => {
      c[ITEM_SUM_KEYS[k]] = Number(r[`q${i}_sum`]);
      c[ITEM_COUNT_KEYS[k]] = Number(r[`q${i}_n`]);
    });
    out.set(by === undefined ? ALL_KEY : KEY_SQL[by] ? String(r['key']) : NO_GROUP, c);
  }
  return out;
}
