import { DEFAULT_SELF_SERVICE_CONFIG, SESSION_HANDOVER_BEFORE_MS } from '@floorwatch/kpi';

/*
 * SQL of the self-service session rollup (rollup_sessions_15m, migration SessionRollup1795990000000),
 * shared by the ingest hook, the product's rollup rebuild and the migration's backfill. Semantics
 * mirror libs/kpi computeSelfServiceComponents over stored sessions as selfservice-store toSession
 * reads them (a CALLBACK link makes a linkable session `transferred` to the callback); the
 * equality specs (session-rollup-matches-raw*.spec.ts) hold them to it.
 */

/** The short-abandon threshold and FCR window the stored rows are computed with; another configuration reads raw. */
export const SESSION_ROLLUP_SHORT_SECONDS = DEFAULT_SELF_SERVICE_CONFIG.ivrShortSeconds;
export const SESSION_ROLLUP_WINDOW_SECONDS = DEFAULT_SELF_SERVICE_CONFIG.repeatWindowSeconds;
const W = `interval '${SESSION_ROLLUP_WINDOW_SECONDS} seconds'`;
const BEFORE = `interval '${SESSION_HANDOVER_BEFORE_MS / 1000} seconds'`;
const BIN = (col: string): string => `date_bin('15 minutes', ${col}, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

export const SESSION_COUNTERS = [
  'offered', 'short_abandoned', 'contained', 'transferred', 'abandoned', 'error', 'reason_missing', 'seconds_sum',
  'id_known', 'id_failed', 'tth_sum', 'tth_n', 'ss_subjects', 'ss_repeated',
] as const;

/**
 * The repeat of a contained session with a customer (libs/kpi true containment): any session of the
 * customer started in (endedAt, endedAt + W], or any of their contacts but outbound ones enqueued
 * then. `s` is the session row.
 */
const REPEATED = (s: string): string => `(EXISTS (SELECT 1 FROM selfservice_sessions y WHERE y.customer_key = ${s}.customer_key
      AND y.started_at > ${s}.ended_at AND y.started_at <= ${s}.ended_at + ${W})
  OR EXISTS (SELECT 1 FROM contacts x WHERE x.customer_key = ${s}.customer_key AND x.direction <> 'outbound'
      AND x.enqueued_at > ${s}.ended_at AND x.enqueued_at <= ${s}.ended_at + ${W}))`;

/** A repeat subject as stored (the rollup counts it only when no CALLBACK link turned it into a transfer). */
const SUBJECT = (s: string): string => `${s}.outcome = 'contained' AND ${s}.customer_key IS NOT NULL AND ${s}.ended_at IS NOT NULL`;

/**
 * Recomputes `repeated` of the subjects whose customer is in $1 and whose end lies in [$2 − W, $3]
 * (every session a batch's sessions and contacts can repeat, or stop repeating), and of the
 * sessions in $4; returns the start intervals of those that changed.
 */
export const SESSION_REPEAT_SQL = `
WITH subj AS (
  SELECT s.session_id, ${REPEATED('s')} AS rep FROM selfservice_sessions s
   WHERE ${SUBJECT('s')} AND ((s.customer_key = ANY($1::text[]) AND s.ended_at >= $2::timestamptz - ${W} AND s.ended_at <= $3::timestamptz)
      OR s.session_id = ANY($4::text[]))
), upd AS (
  UPDATE selfservice_sessions t SET repeated = subj.rep FROM subj
   WHERE t.session_id = subj.session_id AND t.repeated IS DISTINCT FROM subj.rep
  RETURNING t.started_at
)
SELECT DISTINCT (extract(epoch from ${BIN('started_at')}) * 1000)::float8 AS interval_ms FROM upd`;

/** Every subject ending in [$1, $2] (the rebuild; the migration with unbounded times). */
export const SESSION_REPEAT_SPAN_SQL = `
UPDATE selfservice_sessions t SET repeated = ${REPEATED('t')}
 WHERE ${SUBJECT('t')} AND t.ended_at >= $1 AND t.ended_at <= $2`;

/**
 * The sessions of intervals $1 (started in them), effective outcome and contact as toSession gives
 * them, and time to human from the contact the session handed over to: libs/kpi sessionContactIndex
 * over answered segments — the segment whose segmentId and contactId are both the id, else the first
 * segment (enqueuedAt, segmentId) of that contactId, else the one segment with that segmentId —
 * enqueued from a day before the session's start to W after its end ($4, $5 bound the partitions).
 */
export const SESSION_ROLLUP_SQL = `
WITH ss AS (
  SELECT iv.s AS interval_start, s.session_id, s.entry_point, s.channel, s.intent, s.last_node, s.started_at, s.ended_at,
    s.customer_key, s.repeated, s.id_attempted, s.id_passed,
    (s.linkable AND l.contact_id IS NOT NULL) AS linked,
    CASE WHEN s.linkable AND l.contact_id IS NOT NULL THEN 'transferred' ELSE s.outcome END AS outcome,
    CASE WHEN s.linkable AND l.contact_id IS NOT NULL THEN l.contact_id ELSE s.transferred_contact_id END AS tcid,
    s.reason_missing,
    extract(epoch from s.ended_at - s.started_at)::float8 AS secs
  FROM unnest($1::timestamptz[]) AS iv(s)
  JOIN selfservice_sessions s ON s.started_at >= iv.s AND s.started_at < iv.s + interval '15 minutes' AND ${BIN('s.started_at')} = iv.s
    AND s.started_at >= $2 AND s.started_at < $3
  LEFT JOIN selfservice_links l ON l.session_id = s.session_id
  WHERE s.ended_at IS NOT NULL AND (s.outcome IS NOT NULL OR (s.linkable AND l.contact_id IS NOT NULL))
), cand AS (
  SELECT ss.session_id, x.wait_seconds, CASE WHEN x.segment_id = ss.tcid THEN 0 ELSE 1 END AS kind, x.enqueued_at, x.segment_id, 1::bigint AS n
    FROM ss JOIN contacts x ON x.contact_id = ss.tcid
   WHERE ss.outcome = 'transferred' AND x.agent_id IS NOT NULL AND x.answered_at IS NOT NULL
     AND x.enqueued_at >= ss.started_at - ${BEFORE} AND x.enqueued_at <= ss.ended_at + ${W}
     AND x.enqueued_at >= $4 AND x.enqueued_at <= $5
  UNION ALL
  SELECT ss.session_id, x.wait_seconds, 2, x.enqueued_at, x.segment_id, count(*) OVER (PARTITION BY ss.session_id)
    FROM ss JOIN contacts x ON x.segment_id = ss.tcid AND x.contact_id <> ss.tcid
   WHERE ss.outcome = 'transferred' AND x.agent_id IS NOT NULL AND x.answered_at IS NOT NULL
     AND x.enqueued_at >= ss.started_at - ${BEFORE} AND x.enqueued_at <= ss.ended_at + ${W}
     AND x.enqueued_at >= $4 AND x.enqueued_at <= $5
), hand AS (
  SELECT * FROM (SELECT DISTINCT ON (session_id) session_id, wait_seconds, kind, n FROM cand ORDER BY session_id, kind, enqueued_at, segment_id) p
   WHERE kind < 2 OR n = 1
)
INSERT INTO rollup_sessions_15m (interval_start, entry_point, channel, intent, last_node, ${SESSION_COUNTERS.join(', ')}, ss_max_ended_at)
SELECT ss.interval_start, ss.entry_point, ss.channel, ss.intent, ss.last_node,
  count(*),
  sum((ss.outcome = 'abandoned' AND ss.secs < ${SESSION_ROLLUP_SHORT_SECONDS})::int),
  sum((ss.outcome = 'contained')::int), sum((ss.outcome = 'transferred')::int),
  sum((ss.outcome = 'abandoned')::int), sum((ss.outcome = 'error')::int),
  sum((ss.reason_missing AND NOT ss.linked)::int),
  sum(ss.secs),
  sum((ss.id_attempted IS TRUE AND ss.id_passed IS NOT NULL)::int),
  sum((ss.id_attempted IS TRUE AND ss.id_passed IS FALSE)::int),
  COALESCE(sum(ss.secs + h.wait_seconds), 0), count(h.session_id),
  sum((ss.outcome = 'contained' AND ss.customer_key IS NOT NULL)::int),
  sum((ss.outcome = 'contained' AND ss.customer_key IS NOT NULL AND ss.repeated IS TRUE)::int),
  max(CASE WHEN ss.outcome = 'contained' AND ss.customer_key IS NOT NULL THEN ss.ended_at END)
FROM ss LEFT JOIN hand h ON h.session_id = ss.session_id
GROUP BY ss.interval_start, ss.entry_point, ss.channel, ss.intent, ss.last_node
ORDER BY ss.interval_start`;

/** Start intervals of the stored sessions that hand over to any of the contact ids $1 (by transferred_contact_id or CALLBACK link). */
export const SESSIONS_OF_CONTACTS_SQL = `
SELECT DISTINCT (extract(epoch from ${BIN('s.started_at')}) * 1000)::float8 AS interval_ms FROM selfservice_sessions s
 WHERE s.transferred_contact_id = ANY($1::text[])
UNION
SELECT DISTINCT (extract(epoch from ${BIN('s.started_at')}) * 1000)::float8 FROM selfservice_links l JOIN selfservice_sessions s ON s.session_id = l.session_id
 WHERE l.contact_id = ANY($1::text[])`;

/**
 * rollup_sessions_ep_15m: the same rows summed over intent and last node (interval × entry point ×
 * channel, ~100× fewer rows): what every grouping but intent, last node and coverage reads.
 */
export const SESSION_EP_ROLLUP_SQL = `
INSERT INTO rollup_sessions_ep_15m (interval_start, entry_point, channel, ${SESSION_COUNTERS.join(', ')}, ss_max_ended_at)
SELECT interval_start, entry_point, channel, ${SESSION_COUNTERS.map((c) => `sum(${c})`).join(', ')}, max(ss_max_ended_at)
  FROM rollup_sessions_15m WHERE interval_start = ANY($1::timestamptz[])
 GROUP BY interval_start, entry_point, channel
 ORDER BY interval_start`;
