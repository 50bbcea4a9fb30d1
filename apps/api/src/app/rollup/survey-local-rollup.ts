import { ALL_KEY, bucketAt, emptyComponents, NO_GROUP, type KpiComponents } from '@floorwatch/kpi';
import type { Org, Scope } from '@floorwatch/contracts';
import { DAY_MS } from '../database/partitions';
import type { RecordStore } from '../database/record-store';
import { SURVEY_SUM_COLUMNS, SURVEY_SUM_FIELDS, surveyAggregateSql, surveySumsSelect } from './survey-rollup-sql';

/*
 * Survey local day rollup (rollup_surveys_local_day, migration SurveyLocalDays1796010000000): the
 * narrow twin of rollup_surveys_day, keyed only by what the survey screens group by — the local
 * day × site × team × agent ('' = the response lacks it) — with the same sums. `day` is the
 * calendar day on the attributed site's clock (sites.timezone), the day libs/kpi keys a response
 * by when no tz is asked for; an unattributed response (or one rating a site the org does not
 * know) on UTC's, as libs/kpi's tzOf falls back. At 3.6 responses per agent-day the wide key
 * (chain × queue × reason × channel) barely aggregates (1.42 M rows for 1.62 M responses); this
 * one holds at most one row per agent-day (≈ 450 000 at 5 000 agents × 90 days). Its site totals
 * (rollup_surveys_site_day, local day × site) answer the reads that group by no agent or team.
 *
 * The rows are written with the zones the sites had then: SURVEY_LOCAL_ZONES_KEY records them, a
 * refresh that finds the sites' zones changed re-aggregates every day, and the reader serves the
 * rows only while the org's zones are the recorded ones (else the UTC day rows or raw).
 */

export const SURVEY_LOCAL_TABLE = 'rollup_surveys_local_day';
/**
 * Sites' totals per day, on two clocks (`clock`): 'local' = rollup_surveys_local_day summed over
 * teams and agents (what enterprise and site reads by day sum), 'utc' = rollup_surveys_day summed
 * over everything but day and site (ungrouped and by site over UTC-aligned windows: no partial
 * day at the edges for the zones off UTC). 360 rows each for 90 days of 4 sites.
 */
export const SURVEY_SITE_TABLE = 'rollup_surveys_site_day';
export type SiteClock = 'local' | 'utc';
/** settings key: { siteId: zone } of the sites when the local day rows were last re-aggregated. */
export const SURVEY_LOCAL_ZONES_KEY = 'rollup.surveyLocalZones';
export const SURVEY_LOCAL_KEY = ['day', 'site_id', 'team_id', 'agent_id'] as const;

const LOCAL_KEYS: [string, string][] = [
  ['day', `(s.responded_at AT TIME ZONE coalesce(z.timezone, 'UTC'))::date`],
  ['site_id', `coalesce(s.site_id, '')`], ['team_id', `coalesce(s.team_id, '')`], ['agent_id', `coalesce(s.agent_id, '')`],
];
const FROM_ALL = 'survey_responses s LEFT JOIN sites z ON z.id = s.site_id';

/** Migration backfill and zone-change rebuild: every local day of every stored response. */
export const SURVEY_LOCAL_BACKFILL_SQL = surveyAggregateSql(SURVEY_LOCAL_TABLE, LOCAL_KEYS, FROM_ALL);
const SUMS = SURVEY_SUM_COLUMNS.map((c) => `sum(${c})`).join(', ');
/** The site totals of the days `where` selects, from the local day rows or the UTC day rows. */
const siteDaysSql = (clock: SiteClock, where: string): string =>
  `INSERT INTO ${SURVEY_SITE_TABLE} (clock, day, site_id, ${SURVEY_SUM_COLUMNS.join(', ')})
   SELECT '${clock}', day, site_id, ${SUMS} FROM ${clock === 'local' ? SURVEY_LOCAL_TABLE : 'rollup_surveys_day'} WHERE ${where} GROUP BY day, site_id ORDER BY day`;
export const SURVEY_SITE_BACKFILL_SQL = [siteDaysSql('local', 'true'), siteDaysSql('utc', 'true')];

/** Re-aggregates the UTC site totals of the given UTC days from the (just refreshed) UTC day rows. */
export async function refreshSurveyUtcSiteDays(tx: RecordStore, days: readonly string[]): Promise<void> {
  await tx.query(`DELETE FROM ${SURVEY_SITE_TABLE} WHERE clock = 'utc' AND day = ANY($1::date[])`, [days]);
  await tx.query(siteDaysSql('utc', 'day = ANY($1::date[])'), [days]);
}
const SITE_ZONES_SQL = `SELECT coalesce(jsonb_object_agg(id, timezone), '{}'::jsonb) AS zones FROM sites`;

/**
 * Re-aggregates the local days the given responses fall on: per zone (its sites; UTC: every other
 * site and the unattributed), the local days of `times` (the changed responses' instants) or,
 * without them, every local day overlapping the UTC days (the rebuild's span). Those (zone, day)
 * rows are deleted and rebuilt from the responses of their instants, then their site totals.
 * A live batch so re-aggregates one local day per zone: the volume of one UTC day.
 */
export async function refreshSurveyLocalDays(tx: RecordStore, utcDays: readonly string[], times?: readonly number[]): Promise<void> {
  if (utcDays.length === 0) return;
  const [{ zones }] = await tx.query<{ zones: Record<string, string> }>(SITE_ZONES_SQL);
  if (!sameZones(await tx.getSetting<Record<string, string>>(SURVEY_LOCAL_ZONES_KEY), zones)) {
    await tx.query(`DELETE FROM ${SURVEY_LOCAL_TABLE}`);
    await tx.query(`DELETE FROM ${SURVEY_SITE_TABLE} WHERE clock = 'local'`);
    await tx.query(SURVEY_LOCAL_BACKFILL_SQL);
    await tx.query(siteDaysSql('local', 'true'));
    await tx.setSetting(SURVEY_LOCAL_ZONES_KEY, zones);
    return;
  }
  const instants = times ?? utcDays.flatMap((d) => [Date.parse(`${d}T00:00:00Z`), Date.parse(`${d}T00:00:00Z`) + DAY_MS - 1]);
  const byZone = new Map<string, string[]>();
  for (const [site, zone] of Object.entries(zones)) if (zone !== 'UTC') byZone.set(zone, [...(byZone.get(zone) ?? []), site]);
  const groups = [...byZone].map(([zone, sites]) => ({ zone, sites, negate: false }));
  groups.push({ zone: 'UTC', sites: [...byZone.values()].flat(), negate: true });
  const params: unknown[] = [];
  const ranges: [number, number][] = [];
  const arms = groups.map((g) => {
    const days = new Map<string, [number, number]>();
    for (const t of instants) {
      const b = bucketAt(t, 'day', g.zone);
      days.set(b.key, [b.start, b.end]);
    }
    ranges.push(...days.values());
    const site = g.negate ? `NOT site_id = ANY($${params.push(g.sites)}::text[])` : `site_id = ANY($${params.push(g.sites)}::text[])`;
    return `(${site} AND day = ANY($${params.push([...days.keys()])}::date[]))`;
  });
  const where = arms.join(' OR ');
  const merged: [number, number][] = [];
  for (const [lo, hi] of ranges.sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  const n = params.length;
  await tx.query(`DELETE FROM ${SURVEY_LOCAL_TABLE} WHERE ${where}`, params);
  await tx.query(
    surveyAggregateSql(
      SURVEY_LOCAL_TABLE,
      LOCAL_KEYS,
      `unnest($${n + 1}::timestamptz[], $${n + 2}::timestamptz[]) AS w(lo, hi)
        JOIN survey_responses s ON s.responded_at >= w.lo AND s.responded_at < w.hi
        LEFT JOIN sites z ON z.id = s.site_id`,
      where,
    ),
    [...params, merged.map(([lo]) => new Date(lo)), merged.map(([, hi]) => new Date(hi))],
  );
  await tx.query(`DELETE FROM ${SURVEY_SITE_TABLE} WHERE clock = 'local' AND (${where})`, params);
  await tx.query(siteDaysSql('local', where), params);
}

function sameZones(a: Record<string, string> | null, b: Record<string, string>): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Whether the local day rows were built with the org's current site zones. */
export async function surveyLocalRowsMatch(store: RecordStore, org: Org): Promise<boolean> {
  return sameZones(await store.getSetting<Record<string, string>>(SURVEY_LOCAL_ZONES_KEY), Object.fromEntries(org.sites.map((s) => [s.id, s.timezone])));
}

/** Local days [from, to) (YYYY-MM-DD) read for the responses attributed to `sites` (or to any other site, or none, when negated). */
export interface LocalDayRead {
  sites: string[];
  negate: boolean;
  from: string;
  to: string;
}

/** Instants [lo, hi) (epoch ms) read from the responses themselves, for the same site filter. */
export interface LocalEdgeRead {
  sites: string[];
  negate: boolean;
  lo: number;
  hi: number;
}

export type LocalBy = undefined | 'agent' | 'team' | 'site' | 'day';
const KEY_SQL: Record<Exclude<LocalBy, undefined>, string> = { day: 'day::text', site: 'site_id', team: 'team_id', agent: 'agent_id' };
const SCOPE_SQL: Record<'site' | 'team' | 'agent', string> = { site: 'site_id', team: 'team_id', agent: 'agent_id' };
/** The local day of a response as the local day rows key it (LOCAL_KEYS), as text. */
const EDGE_KEY_SQL: Record<Exclude<LocalBy, undefined>, string> = {
  day: `((s.responded_at AT TIME ZONE coalesce(z.timezone, 'UTC'))::date)::text`,
  site: `coalesce(s.site_id, '')`, team: `coalesce(s.team_id, '')`, agent: `coalesce(s.agent_id, '')`,
};

type Params = unknown[];
const bind = (params: Params, v: unknown): string => `$${params.push(v)}`;
const siteSql = (params: Params, r: { sites: string[]; negate: boolean }, col: string): string =>
  r.negate ? (r.sites.length ? `NOT ${col} = ANY(${bind(params, r.sites)}::text[])` : 'true') : `${col} = ANY(${bind(params, r.sites)}::text[])`;

/**
 * Survey components of the local day rows `reads` selects plus the responses of `edges`, in
 * `scope`, keyed as libs/kpi computeKpiComponents keys surveys ('all', the group's value, '(none)'
 * for a missing dimension). Reads grouping by neither agent nor team at enterprise or site scope
 * sum the site totals (of `clock`: 'utc' only ungrouped or by site, with one UTC group); the edges are summed by PostgreSQL with the rows' own SQL (no response
 * is loaded), in parallel.
 */
export async function readSurveyLocalDays(store: RecordStore, reads: readonly LocalDayRead[], edges: readonly LocalEdgeRead[], scope: Scope, by: LocalBy, clock: SiteClock = 'local'): Promise<Map<string, KpiComponents>> {
  const out = new Map<string, KpiComponents>();
  if (scope.kind === 'queue') return out;
  const siteLevel = (scope.kind === 'enterprise' || scope.kind === 'site') && by !== 'agent' && by !== 'team';
  const scoped = (params: Params, col: string): string => (scope.kind === 'enterprise' ? '' : `${col} = ${bind(params, scope.id)} AND `);
  // The scope and the whole day span stand outside the zone OR as well: with them only inside,
  // PostgreSQL read a team's 30 days through the sites' arms (144 000 rows, the team filtered after).
  const rowsSql = (): [string, Params] => {
    const params: Params = [];
    // (Enterprise reads most rows anyway: without the span PostgreSQL scans them in parallel.)
    const span = scope.kind === 'enterprise' ? 'true' : `${scoped(params, SCOPE_SQL[scope.kind as keyof typeof SCOPE_SQL])}day >= ${bind(params, reads.map((r) => r.from).sort()[0])}::date AND day < ${bind(params, reads.map((r) => r.to).sort().at(-1))}::date`;
    const ors = reads.map((r) => `(${siteSql(params, r, 'site_id')} AND day >= ${bind(params, r.from)}::date AND day < ${bind(params, r.to)}::date)`);
    const sums = SURVEY_SUM_COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ');
    const table = siteLevel ? `${SURVEY_SITE_TABLE} WHERE clock = '${clock}' AND` : `${SURVEY_LOCAL_TABLE} WHERE`;
    return [`SELECT ${by ? KEY_SQL[by] : `''`} AS key, ${sums} FROM ${table} ${span} AND (${ors.join(' OR ')}) GROUP BY 1`, params];
  };
  const edgesSql = (): [string, Params] => {
    const params: Params = [];
    const col = `s.${SCOPE_SQL[scope.kind as keyof typeof SCOPE_SQL]}`;
    const ors = edges.map((e) => `(${scoped(params, col)}s.responded_at >= ${bind(params, new Date(e.lo))} AND s.responded_at < ${bind(params, new Date(e.hi))} AND ${siteSql(params, e, `coalesce(s.site_id, '')`)})`);
    return [surveySumsSelect([['key', by ? EDGE_KEY_SQL[by] : `''`]], `survey_responses s LEFT JOIN sites z ON z.id = s.site_id WHERE ${ors.join(' OR ')}`), params];
  };
  const parts = await Promise.all([reads.length ? rowsSql() : null, edges.length ? edgesSql() : null].map((q) => (q ? store.query<Record<string, number | string>>(...q) : [])));
  for (const r of parts.flat()) {
    const key = by === undefined ? ALL_KEY : by !== 'day' && r['key'] === '' ? NO_GROUP : String(r['key']);
    const c = out.get(key) ?? emptyComponents();
    for (const [column, field] of SURVEY_SUM_FIELDS) (c[field] as number) += Number(r[column]);
    out.set(key, c);
  }
  return out;
}
