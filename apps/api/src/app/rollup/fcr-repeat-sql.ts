import { DEFAULT_KPI_CONFIG } from '@floorwatch/kpi';

/*
 * SQL for the FCR rollup, shared by the migration backfill and the ingest hook. A contact's first
 * repeat is libs/kpi firstRepeat with sameReasonOnly = false: the first contact of the same
 * customer, another contactId, with enqueuedAt in (endedAt, endedAt + W]. Ties on enqueuedAt are
 * broken by (contact_id, segment_id) (libs/kpi takes them in load order, which is unspecified).
 */

/** The window the stored repeats are computed with; another configured window reads raw. */
export const FCR_ROLLUP_WINDOW_SECONDS = DEFAULT_KPI_CONFIG.fcrWindowSeconds;

const W = `interval '${FCR_ROLLUP_WINDOW_SECONDS} seconds'`;

/*
 * Outbound segments are neither FCR subjects nor repeats (selfservice.md §1; libs/kpi
 * addFcrInto / buildRepeatIndex). The migration FcrRollup1795700000000 backfills with the
 * expressions of its own time (`legacy`): the contacts table had no direction column yet.
 */
const NOT_OUTBOUND = (c: string, legacy: boolean): string => (legacy ? '' : ` AND ${c}.direction <> 'outbound'`);

/** An FCR subject: an answered, not outbound segment with a known customer (a member `NONE` answers too; the legacy backfill kept its own rule). */
export const FCR_SUBJECT = (c: string, legacy = false): string =>
  `${c}.customer_key IS NOT NULL AND ${c}.answered_at IS NOT NULL${LEGACY_AGENT(c, legacy)}${NOT_OUTBOUND(c, legacy)}`;
/** Before queue_log calls answered by member `NONE` counted, an answered segment needed an agent. */
const LEGACY_AGENT = (c: string, legacy: boolean): string => (legacy ? ` AND ${c}.agent_id IS NOT NULL` : '');

/** LATERAL subquery giving subject `s`'s first repeat (enqueued_at, channel), at most one row. */
const firstRepeatLateral = (legacy: boolean): string => `(
  SELECT x.enqueued_at, x.channel FROM contacts x
   WHERE x.customer_key = s.customer_key AND x.enqueued_at > s.ended_at AND x.enqueued_at <= s.ended_at + ${W}
     AND x.contact_id <> s.contact_id${NOT_OUTBOUND('x', legacy)}
   ORDER BY x.enqueued_at, x.contact_id, x.segment_id LIMIT 1)`;
export const FIRST_REPEAT_LATERAL = firstRepeatLateral(false);

export const INTERVAL_OF = (col: string): string => `date_bin('15 minutes', ${col}, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

/** FCR counters of one contact row `c` counted by endedAt (0 for a segment that was not answered). */
export const FCR_COUNTER_EXPRS = (c: string, legacy = false): [string, string][] => {
  const answered = `${c}.answered_at IS NOT NULL${LEGACY_AGENT(c, legacy)}${NOT_OUTBOUND(c, legacy)}`;
  const subject = FCR_SUBJECT(c, legacy);
  return [
    ['fcr_subjects', `(${subject})::int`],
    ['fcr_not_repeated', `(${subject} AND ${c}.repeat_enqueued_at IS NULL)::int`],
    ['fcr_cross_channel', `(${subject} AND ${c}.repeat_enqueued_at IS NOT NULL AND ${c}.repeat_channel <> ${c}.channel)::int`],
    ['fcr_unknown', `(${answered} AND ${c}.customer_key IS NULL)::int`],
  ];
};

export const FCR_REPEAT_BACKFILL_SQL = `
WITH rep AS (
  SELECT s.source, s.natural_key, s.enqueued_at, r.enqueued_at AS rep_at, r.channel AS rep_ch
    FROM contacts s CROSS JOIN LATERAL ${firstRepeatLateral(true)} r
   WHERE ${FCR_SUBJECT('s', true)})
UPDATE contacts c SET repeat_enqueued_at = rep.rep_at, repeat_channel = rep.rep_ch
  FROM rep WHERE c.source = rep.source AND c.natural_key = rep.natural_key AND c.enqueued_at = rep.enqueued_at`;

export const FCR_ROLLUP_BACKFILL_SQL = `
UPDATE rollup_contacts_15m r
   SET ${FCR_COUNTER_EXPRS('c', true).map(([col]) => `${col} = a.${col}`).join(', ')}
  FROM (SELECT ${INTERVAL_OF('c.ended_at')} AS interval_start, c.site_id, c.queue_id, COALESCE(c.team_id, '') AS team_id,
               COALESCE(c.agent_id, '') AS agent_id, c.reason, c.channel,
               ${FCR_COUNTER_EXPRS('c', true).map(([col, e]) => `sum(${e}) AS ${col}`).join(', ')}
          FROM contacts c WHERE c.answered_at IS NOT NULL AND c.agent_id IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5, 6, 7) a
 WHERE r.interval_start = a.interval_start AND r.site_id = a.site_id AND r.queue_id = a.queue_id AND r.team_id = a.team_id
   AND r.agent_id = a.agent_id AND r.reason = a.reason AND r.channel = a.channel`;

/**
 * Recomputes the first repeat of every subject of the given customers with endedAt in [lo, hi]
 * ($1 customer keys, $2 lo, $3 hi), stores the changed ones and adds the change of their
 * not-repeated / cross-channel status into their 15-minute rollup rows. Returns the interval
 * starts whose rows changed. A subject's row not rolled up yet gets no delta: its interval is
 * re-aggregated afterwards from the stored columns.
 */
export const FCR_REPEAT_REFRESH_SQL = `
WITH cand AS (
  SELECT s.source, s.natural_key, s.enqueued_at, s.ended_at, s.site_id, s.queue_id, COALESCE(s.team_id, '') AS team_id,
         s.agent_id, s.reason, s.channel, s.repeat_enqueued_at AS old_at, s.repeat_channel AS old_ch,
         r.enqueued_at AS new_at, r.channel AS new_ch
    FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS k(customer_key, lo, hi)
    JOIN contacts s ON s.customer_key = k.customer_key AND s.ended_at >= k.lo AND s.ended_at <= k.hi
    LEFT JOIN LATERAL ${FIRST_REPEAT_LATERAL} r ON true
   WHERE ${FCR_SUBJECT('s')}
     AND (s.repeat_enqueued_at IS DISTINCT FROM r.enqueued_at OR s.repeat_channel IS DISTINCT FROM r.channel)
), upd AS (
  UPDATE contacts c SET repeat_enqueued_at = cand.new_at, repeat_channel = cand.new_ch
    FROM cand WHERE c.source = cand.source AND c.natural_key = cand.natural_key AND c.enqueued_at = cand.enqueued_at
  RETURNING cand.*
), d AS (
  SELECT ${INTERVAL_OF('ended_at')} AS interval_start, site_id, queue_id, team_id, agent_id, reason, channel,
         sum((new_at IS NULL)::int - (old_at IS NULL)::int) AS d_not,
         sum((new_at IS NOT NULL AND new_ch <> channel)::int - (old_at IS NOT NULL AND old_ch <> channel)::int) AS d_cross
    FROM upd GROUP BY 1, 2, 3, 4, 5, 6, 7
)
UPDATE rollup_contacts_15m r
   SET fcr_not_repeated = r.fcr_not_repeated + d.d_not, fcr_cross_channel = r.fcr_cross_channel + d.d_cross
  FROM d
 WHERE r.interval_start = d.interval_start AND r.site_id = d.site_id AND r.queue_id = d.queue_id AND r.team_id = d.team_id
   AND r.agent_id = d.agent_id AND r.reason = d.reason AND r.channel = d.channel
RETURNING (extract(epoch from r.interval_start) * 1000)::float8 AS interval_ms`;

/**
 * Bulk form for the deferred-rollup rebuild: recomputes the first repeat of every subject with
 * endedAt in [$1, $2] (all customers), stores the changed ones and returns the interval starts
 * (by endedAt) of the changed subjects, whose rollup rows the rebuild then re-aggregates.
 */
export const FCR_REPEAT_SPAN_SQL = `
WITH cand AS (
  SELECT s.source, s.natural_key, s.enqueued_at, r.enqueued_at AS new_at, r.channel AS new_ch
    FROM contacts s
    LEFT JOIN LATERAL ${FIRST_REPEAT_LATERAL} r ON true
   WHERE ${FCR_SUBJECT('s')} AND s.ended_at >= $1 AND s.ended_at <= $2
     AND (s.repeat_enqueued_at IS DISTINCT FROM r.enqueued_at OR s.repeat_channel IS DISTINCT FROM r.channel)
), upd AS (
  UPDATE contacts c SET repeat_enqueued_at = cand.new_at, repeat_channel = cand.new_ch
    FROM cand WHERE c.source = cand.source AND c.natural_key = cand.natural_key AND c.enqueued_at = cand.enqueued_at
  RETURNING c.ended_at
)
SELECT DISTINCT (extract(epoch from ${INTERVAL_OF('ended_at')}) * 1000)::float8 AS interval_ms FROM upd`;
