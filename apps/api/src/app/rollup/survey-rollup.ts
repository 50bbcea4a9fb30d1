import { ALL_KEY, emptyComponents, NO_GROUP, type KpiComponents } from '@floorwatch/kpi';
import type { GroupBy, Scope } from '@floorwatch/contracts';
import { DAY_MS } from '../database/partitions';
import type { RecordStore } from '../database/record-store';
import { refreshSurveyLocalDays, refreshSurveyUtcSiteDays } from './survey-local-rollup';
import { SURVEY_SUM_COLUMNS as COLUMNS, SURVEY_SUM_FIELDS as FIELDS, surveyAggregateSql } from './survey-rollup-sql';

/*
 * Survey day rollup (rollup_surveys_day; migrations SurveyDayRollup1795830000000, widened by
 * SurveyAttributedDays1795981000000): per UTC day × main channel × channel chain × the segment the
 * response rates (customer.md attribution: site, team, agent, queue, reason, channel; '' = none),
 * every survey component libs/kpi adds per response — addSurveyInto's consistency parts (included
 * responses with ≥ 3 answered items, excluded ones, the score sum, per item the score sum and
 * count) and addCustomerSurveyInto's outcome counts (responses, attributed, csat n / score sum /
 * top box at the default threshold, nps n / promoters / passives / detractors). All additive, so
 * any set of whole UTC days, in any scope and grouped by any attribution dimension, is a SUM.
 * Every write re-aggregates the UTC days it touched from survey_responses — a new response (rollup
 * refresh or rebuild) and a re-attribution (customer/attribution) alike — so a day's rows always
 * equal its raw responses.
 */

/** Attribution dimensions: table column ← survey_responses column ('' when unattributed). */
const DIMS = ['site_id', 'team_id', 'agent_id', 'queue_id', 'reason', 'channel'] as const;
const KEYS = ['day', 'main_channel', 'channel_chain', ...DIMS];

/** Columns the widening migration adds (type, for its ALTER TABLE). */
export const SURVEY_DAY_NEW_COLUMNS: [string, string][] = [
  ...DIMS.map((d): [string, string] => [d, `text NOT NULL DEFAULT ''`]),
  ['survey_n', 'integer'], ['attributed_n', 'integer'], ['csat_n', 'integer'], ['csat_sum', 'double precision'], ['csat_top', 'integer'],
  ['nps_n', 'integer'], ['promoters', 'integer'], ['passives', 'integer'], ['detractors', 'integer'],
];
export const SURVEY_DAY_KEY = KEYS;

/** The UTC day rows' key expressions: `day` is the UTC date. */
const UTC_KEYS: [string, string][] = [
  ['day', `(s.responded_at AT TIME ZONE 'UTC')::date`], ['main_channel', 's.main_channel'], ['channel_chain', 's.channel_chain'],
  ...DIMS.map((d): [string, string] => [d, `coalesce(s.${d}, '')`]),
];
const insertDays = (from: string): string => surveyAggregateSql('rollup_surveys_day', UTC_KEYS, from);

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

/**
 * Re-aggregates the given UTC days from survey_responses (delete, then insert what is there now),
 * and the local day rows those days' responses fall on (survey-local-rollup.ts; `times`, the
 * changed responses' instants, narrows those to the local days they are on): every writer of
 * survey rows (ingest, re-attribution, rebuild) calls this, so both tables stay equal to raw.
 */
export async function refreshSurveyDays(tx: RecordStore, days: readonly string[], times?: readonly number[]): Promise<void> {
  if (days.length === 0) return;
  await refreshSurveyLocalDays(tx, days, times);
  await tx.query('DELETE FROM rollup_surveys_day WHERE day = ANY($1::date[])', [days]);
  await tx.query(
    insertDays(`unnest($1::date[]) AS d(day)
      JOIN survey_responses s ON s.responded_at >= d.day::timestamp AT TIME ZONE 'UTC'
        AND s.responded_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'`),
    [days],
  );
  await refreshSurveyUtcSiteDays(tx, days);
}

/** Group keys the day rows hold, as libs/kpi surveyGroupKey keys them ('' → "(none)"). */
const KEY_SQL: Partial<Record<GroupBy, string>> = {
  day: 'day::text', mainChannel: 'main_channel', channelChain: 'channel_chain',
  site: 'site_id', team: 'team_id', agent: 'agent_id', queue: 'queue_id', reason: 'reason', channel: 'channel',
};
const SCOPE_SQL: Record<Exclude<Scope['kind'], 'enterprise'>, string> = { site: 'site_id', team: 'team_id', agent: 'agent_id', queue: 'queue_id' };

/**
 * Groupings the UTC day rows can key. A response's `day` is on its attributed site's clock
 * (else tz), so by day only when every site and tz are UTC; never the sub-day ones.
 */
export function surveyDaysServe(by: GroupBy | undefined, tz: string | undefined, siteZones: readonly string[]): boolean {
  if (by === 'day') return (tz ?? 'UTC') === 'UTC' && siteZones.every((z) => z === 'UTC');
  return by !== 'hour' && by !== 'interval';
}

/**
 * Survey components of the whole UTC days [fromDay, toDay) (epoch ms, day-aligned) counting in
 * `scope`, keyed as libs/kpi computeKpiComponents keys surveys: 'all', the group's value, '(none)'
 * for a dimension the response lacks or a grouping surveys do not have.
 */
export async function readSurveyDays(store: RecordStore, fromDay: number, toDay: number, scope: Scope, by: GroupBy | undefined): Promise<Map<string, KpiComponents>> {
  const col = by && KEY_SQL[by];
  const params: unknown[] = [utcDate(fromDay), utcDate(toDay)];
  const where = scope.kind === 'enterprise' ? '' : ` AND ${SCOPE_SQL[scope.kind]} = $${params.push(scope.id)}`;
  const rows = await store.query<Record<string, number | string>>(
    `SELECT ${col ?? `''`} AS key, ${COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')}
     FROM rollup_surveys_day WHERE day >= $1::date AND day < $2::date${where} GROUP BY 1`,
    params,
  );
  const out = new Map<string, KpiComponents>();
  for (const r of rows) {
    const c = emptyComponents();
    for (const [column, field] of FIELDS) (c[field] as number) = Number(r[column]);
    const none = !col || (r['key'] === '' && (DIMS as readonly string[]).includes(col));
    const key = by === undefined ? ALL_KEY : none ? NO_GROUP : String(r['key']);
    const prev = out.get(key);
    if (prev) for (const [, field] of FIELDS) (prev[field] as number) += c[field] as number;
    else out.set(key, c);
  }
  return out;
}
