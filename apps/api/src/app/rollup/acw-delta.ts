import type { RecordStore } from '../database/record-store';

/** A stored contact whose acwSeconds changed by `delta` (new − old), nothing else about it. */
export interface AcwDelta {
  source: string;
  naturalKey: string;
  enqueuedAt: number;
  delta: number;
}

const BIN = `date_bin('15 minutes', c.ended_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

/*
 * acw_seconds is the only counter a wrap-up link moves, and it is summed over the answered
 * contacts ending in the row's interval (contact-rollup.ts, handled part), so the rows of the
 * 15-minute and site tables take the summed delta in place: no interval is re-aggregated and no
 * FCR subject re-examined (repeats never read acw). Queue_log acw is whole seconds, so the sums
 * stay exact and equal to a re-aggregation (rollup-rebuild-equals-incremental.spec.ts). The
 * data-modifying CTEs run whether or not the final SELECT reads them.
 */
const ACW_DELTA_SQL = `
WITH d AS (
  SELECT ${BIN} AS s, c.site_id, c.queue_id, COALESCE(c.team_id, '') AS team_id, COALESCE(c.agent_id, '') AS agent_id,
         c.reason, c.channel, sum(u.d) AS d
    FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[]) AS u(src, k, e, d)
    JOIN contacts c ON c.source = u.src AND c.natural_key = u.k AND c.enqueued_at = u.e
   WHERE c.answered_at IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7),
a AS (
  UPDATE rollup_contacts_15m r SET acw_seconds = r.acw_seconds + d.d FROM d
   WHERE r.interval_start = d.s AND r.site_id = d.site_id AND r.queue_id = d.queue_id AND r.team_id = d.team_id
     AND r.agent_id = d.agent_id AND r.reason = d.reason AND r.channel = d.channel
  RETURNING 1),
b AS (
  UPDATE rollup_contacts_site_15m r SET acw_seconds = r.acw_seconds + x.d
    FROM (SELECT s, site_id, queue_id, reason, channel, sum(d) AS d FROM d GROUP BY 1, 2, 3, 4, 5) x
   WHERE r.interval_start = x.s AND r.site_id = x.site_id AND r.queue_id = x.queue_id AND r.reason = x.reason AND r.channel = x.channel
  RETURNING 1)
SELECT DISTINCT (extract(epoch from s) * 1000)::float8 AS t FROM d`;

/*
 * The same deltas straight from the UPDATE of the contacts (queue_log relink, rollups not
 * deferred): the updated rows return their rollup dimensions, so the contacts are joined once
 * instead of updated and then looked up again by key. $1..$3 the contacts' keys, $4 new acw,
 * $5 delta (new − old).
 */
const UPDATE_WITH_DELTA_SQL = `
WITH u AS (
  UPDATE contacts c SET acw_seconds = v.acw FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::float8[]) AS v(src, k, e, acw, d)
   WHERE c.source = v.src AND c.natural_key = v.k AND c.enqueued_at = v.e
  RETURNING ${BIN} AS s, c.site_id, c.queue_id, COALESCE(c.team_id, '') AS team_id, COALESCE(c.agent_id, '') AS agent_id,
            c.reason, c.channel, c.answered_at IS NOT NULL AS answered, v.d),
d AS (
  SELECT s, site_id, queue_id, team_id, agent_id, reason, channel, sum(d) AS d FROM u WHERE answered AND d <> 0
   GROUP BY 1, 2, 3, 4, 5, 6, 7),
${ACW_DELTA_SQL.slice(ACW_DELTA_SQL.indexOf('a AS ('))}`;

/**
 * Sets acwSeconds of these stored contacts and adds the changes to their 15-minute contact
 * rollup rows, in one statement; returns the interval starts (epoch ms) whose rows it changed
 * (for the day rows), as applyAcwDeltas does.
 */
export async function updateAcwWithDeltas(tx: RecordStore, changes: readonly (AcwDelta & { acw: number })[]): Promise<number[]> {
  if (changes.length === 0) return [];
  const rows = await tx.query<{ t: number }>(UPDATE_WITH_DELTA_SQL, [
    changes.map((d) => d.source),
    changes.map((d) => d.naturalKey),
    changes.map((d) => new Date(d.enqueuedAt)),
    changes.map((d) => d.acw),
    changes.map((d) => d.delta),
  ]);
  return rows.map((r) => Number(r.t));
}

/**
 * Applies wrap-up changes of stored contacts (already updated) to the 15-minute contact rollups
 * in one statement; returns the interval starts (epoch ms) it changed, for the day rows. A row
 * that is not there (rollups deferred and not rebuilt yet) is left to the rebuild.
 */
export async function applyAcwDeltas(tx: RecordStore, deltas: readonly AcwDelta[]): Promise<number[]> {
  const changed = deltas.filter((d) => d.delta !== 0);
  if (changed.length === 0) return [];
  const rows = await tx.query<{ t: number }>(ACW_DELTA_SQL, [
    changed.map((d) => d.source),
    changed.map((d) => d.naturalKey),
    changed.map((d) => new Date(d.enqueuedAt)),
    changed.map((d) => d.delta),
  ]);
  return rows.map((r) => Number(r.t));
}
