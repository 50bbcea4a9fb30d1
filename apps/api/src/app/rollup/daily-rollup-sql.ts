import { AGENT_TIME_COLUMNS } from './agent-time-rollup';
import { EFFORT_COLUMNS } from './effort-rollup-sql';

/*
 * SQL of the daily rollups (migration DailyRollups1795810000000). A day row is the sum of the
 * 15-minute rows of that day (contacts: the site-level ones, already summed over agents): day d in zone z is [d 00:00, d+1 00:00) local, i.e.
 * (d::timestamp AT TIME ZONE z, (d + 1)::timestamp AT TIME ZONE z) — 23 or 25 hours on DST days.
 * Zone 'UTC' rows hold every site; a site-zone row only the sites in that zone.
 */

/** Start / end instant of day `d` (a date) in zone `z` (SQL expressions). */
export const DAY_START = (d: string, z: string): string => `(${d}::timestamp AT TIME ZONE ${z})`;
export const DAY_END = (d: string, z: string): string => `((${d} + 1)::timestamp AT TIME ZONE ${z})`;

/** Every zone a day is counted in: UTC and each site's own. */
const ZONES = `(SELECT 'UTC'::text AS zone UNION SELECT timezone FROM sites)`;

/**
 * (zone, day) pairs to recompute, complete days only (end ≤ $5 = watermark W):
 * - $1 contact intervals the batch re-aggregated: their days, any complete day;
 * - $2 intervals whose FCR repeats changed: their days only when FCR-final (end ≤ $6 = W − 7 d;
 *   later days store no repeat counters, see below);
 * - days ending in ($3, $5]: newly complete since the last refresh (watermark $3);
 * - days ending in ($4, $6]: newly FCR-final.
 */
export const DAILY_CONTACT_DAYS_SQL = `
SELECT DISTINCT zone, day::text AS day FROM (
  SELECT z.zone, (t AT TIME ZONE z.zone)::date AS day, $5::timestamptz AS bound, '-infinity'::timestamptz AS after
    FROM unnest($1::timestamptz[]) t, ${ZONES} z
  UNION ALL SELECT z.zone, (t AT TIME ZONE z.zone)::date, $6, '-infinity' FROM unnest($2::timestamptz[]) t, ${ZONES} z
  UNION ALL SELECT z.zone, g::date, $5, $3 FROM ${ZONES} z,
    generate_series(($3::timestamptz AT TIME ZONE z.zone)::date, ($5::timestamptz AT TIME ZONE z.zone)::date, interval '1 day') g
  UNION ALL SELECT z.zone, g::date, $6, $4 FROM ${ZONES} z,
    generate_series(($4::timestamptz AT TIME ZONE z.zone)::date, ($6::timestamptz AT TIME ZONE z.zone)::date, interval '1 day') g
) c
WHERE ${DAY_END('c.day', 'c.zone')} <= c.bound AND ${DAY_END('c.day', 'c.zone')} > c.after`;

/** Complete days ending after $1 (and at most $2 = W), every zone: agent time to recompute. */
export const DAILY_AGENT_DAYS_SQL = `
SELECT z.zone, g::date::text AS day FROM ${ZONES} z,
  generate_series(($1::timestamptz AT TIME ZONE z.zone)::date, ($2::timestamptz AT TIME ZONE z.zone)::date, interval '1 day') g
WHERE ${DAY_END('g::date', 'z.zone')} > $1 AND ${DAY_END('g::date', 'z.zone')} <= $2`;

const CONTACT_SUMS = [
  'offered', 'answered', 'answered_in_sl', 'abandoned', 'short_abandoned', 'blocked', 'wait_answered_seconds',
  'handled', 'talk_seconds', 'hold_seconds', 'acw_seconds', 'fcr_subjects', 'fcr_unknown', 'outbound_handled', 'exited_by_key',
  ...EFFORT_COLUMNS,
];
/** Counters a later repeat can still change: stored only once the day is FCR-final (end ≤ $3). */
const FCR_FINAL = ['fcr_not_repeated', 'fcr_cross_channel'];

const DAYS = `unnest($1::text[], $2::date[]) AS k(zone, day)`;

export const DELETE_CONTACT_DAYS_SQL = `DELETE FROM rollup_contacts_day d USING ${DAYS} WHERE d.day_zone = k.zone AND d.day = k.day`;

/** $1 zones, $2 days, $3 FCR-final bound (W − 7 days). */
export const INSERT_CONTACT_DAYS_SQL = `
INSERT INTO rollup_contacts_day (day_zone, site_id, day, queue_id, reason, channel, ${[...CONTACT_SUMS, ...FCR_FINAL].join(', ')})
SELECT k.zone, r.site_id, k.day, r.queue_id, r.reason, r.channel, ${CONTACT_SUMS.map((c) => `sum(r.${c})`).join(', ')},
  ${FCR_FINAL.map((c) => `CASE WHEN ${DAY_END('k.day', 'k.zone')} <= $3 THEN sum(r.${c}) ELSE 0 END`).join(', ')}
  FROM ${DAYS}
  JOIN rollup_contacts_site_15m r ON r.interval_start >= ${DAY_START('k.day', 'k.zone')} AND r.interval_start < ${DAY_END('k.day', 'k.zone')}
  LEFT JOIN sites s ON s.id = r.site_id
 WHERE k.zone = 'UTC' OR s.timezone = k.zone
 GROUP BY k.zone, r.site_id, k.day, r.queue_id, r.reason, r.channel`;

export const AGENT_DAY_COUNTERS = AGENT_TIME_COLUMNS.slice(5);

export const DELETE_AGENT_DAYS_SQL = `DELETE FROM rollup_agent_time_day d USING ${DAYS} WHERE d.day_zone = k.zone AND d.day = k.day`;

const AGENT_DAY_SUMS = AGENT_DAY_COUNTERS.map((c) => `sum(r.${c})`).join(', ');
const IN_DAY = `r.interval_start >= ${DAY_START('k.day', 'k.zone')} AND r.interval_start < ${DAY_END('k.day', 'k.zone')}`;

/**
 * Agent time by the agent's CURRENT site (agents table); the reader checks the mapping is unchanged.
 * A UTC day sums every row of the day; a site zone's day only its own agents' rows, read by agent
 * (the agent index) rather than every agent's rows of the day read and most of them dropped.
 */
export const INSERT_AGENT_DAYS_SQL = `
INSERT INTO rollup_agent_time_day (day_zone, site_id, day, aux_reason, ${AGENT_DAY_COUNTERS.join(', ')})
SELECT k.zone, COALESCE(a.site_id, ''), k.day, r.aux_reason, ${AGENT_DAY_SUMS}
  FROM ${DAYS}
  JOIN rollup_agent_time_15m r ON k.zone = 'UTC' AND ${IN_DAY}
  LEFT JOIN agents a ON a.id = r.agent_id
 GROUP BY k.zone, COALESCE(a.site_id, ''), k.day, r.aux_reason
UNION ALL
SELECT k.zone, a.site_id, k.day, r.aux_reason, ${AGENT_DAY_SUMS}
  FROM ${DAYS}
  JOIN sites s ON s.timezone = k.zone AND k.zone <> 'UTC'
  JOIN agents a ON a.site_id = s.id
  JOIN rollup_agent_time_15m r ON r.agent_id = a.id AND ${IN_DAY}
 GROUP BY k.zone, a.site_id, k.day, r.aux_reason`;

/** Fingerprint of the agent → site mapping (same string as dailyAgentSites() in daily-plan.ts). */
export const AGENT_SITES_SQL = `SELECT md5(COALESCE(string_agg(id || '=' || site_id, ',' ORDER BY id COLLATE "C"), '')) AS h FROM agents`;
