import type { KpiConfig } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import { EFFORT_COUNTER_EXPRS } from './effort-rollup-sql';
import { FCR_COUNTER_EXPRS } from './fcr-repeat-sql';
import { INTERVAL_MS } from './rollup-time';

/**
 * Recomputes rollup_contacts_15m for whole intervals from the raw contacts, in one set-based
 * statement: the interval's rows are deleted and re-aggregated, so a duplicate, a replayed
 * batch or a corrected contact can never be counted twice. Semantics mirror libs/kpi
 * addOfferedInto (by enqueuedAt) and addHandledInto (by endedAt), plus the FCR counters of each
 * subject by endedAt from its stored first repeat (fcr-repeat-sql.ts); the equality spec
 * (rollup-matches-raw.spec.ts) holds them to it.
 */
export async function refreshContactIntervals(store: RecordStore, intervals: readonly number[], config: KpiConfig): Promise<void> {
  if (intervals.length === 0) return;
  const starts = [...new Set(intervals)].sort((a, b) => a - b).map((t) => new Date(t));
  await store.query('DELETE FROM rollup_contacts_15m WHERE interval_start = ANY($1::timestamptz[])', [starts]);
  // The whole span as plain bounds too: they prune day partitions at plan time (a batch's few
  // intervals then read a day or two, not every partition); enqueued_at of a contact ending in it
  // lies at most the longest contact span earlier.
  const lo = starts[0].getTime();
  const hi = starts[starts.length - 1].getTime() + INTERVAL_MS;
  await store.query(CONTACT_ROLLUP_SQL, [
    starts,
    JSON.stringify(config.slSecondsByQueue),
    JSON.stringify(config.slSecondsByChannel),
    config.shortAbandonSeconds,
    new Date(lo),
    new Date(hi),
    new Date(lo - (await store.maxContactSpan())),
  ]);
}

const ANSWERED = 'c.answered_at IS NOT NULL';
/** libs/kpi countsAsOffered: only queued inbound and api contacts count on the queue side (selfservice.md §1). */
const OFFERABLE = "c.queued AND c.direction IN ('inbound', 'api')";
const FCR = FCR_COUNTER_EXPRS('c');
/** Handled-segment effort counters (migration EffortRollup1795982000000), by endedAt like `handled`. */
const EFFORT = EFFORT_COUNTER_EXPRS;

/**
 * The interval of `col` as an equality the planner can hash-join on. The range conditions beside
 * it say the same (every interval start is 15-minute aligned to the epoch); alone, a rebuild of
 * 8 640 intervals over 11 M contacts was planned as a nested loop testing every contact against
 * every interval (5 000 agents × 90 days: still running after 30 minutes); with it, a hash join,
 * while a batch's few intervals keep their index range scans.
 */
const BIN = (col: string): string => `date_bin('15 minutes', ${col}, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;

// ORDER BY: rows go into the table in time order. Hash-grouped output scattered the rows of one
// day over the whole table after a rebuild (1 000 agents × 90 days: one day's 24 k rows on 19.7 k
// pages, 214 ms to read; 84 ms in time order).
const CONTACT_ROLLUP_SQL = `
INSERT INTO rollup_contacts_15m (interval_start, site_id, queue_id, team_id, agent_id, reason, channel,
  offered, answered, answered_in_sl, abandoned, short_abandoned, blocked, wait_answered_seconds,
  handled, talk_seconds, hold_seconds, acw_seconds, ${FCR.map(([col]) => col).join(', ')}, outbound_handled, exited_by_key, ${EFFORT.map(([col]) => col).join(', ')})
SELECT interval_start, site_id, queue_id, team_id, agent_id, reason, channel,
  sum(offered), sum(answered), sum(answered_in_sl), sum(abandoned), sum(short_abandoned), sum(blocked),
  sum(wait_answered_seconds), sum(handled), sum(talk_seconds), sum(hold_seconds), sum(acw_seconds),
  ${FCR.map(([col]) => `sum(${col})`).join(', ')}, sum(outbound_handled), sum(exited_by_key), ${EFFORT.map(([col]) => `sum(${col})`).join(', ')}
FROM (
  SELECT iv.s AS interval_start, c.site_id, c.queue_id, COALESCE(c.team_id, '') AS team_id,
    COALESCE(c.agent_id, '') AS agent_id, c.reason, c.channel,
    (c.outcome <> 'blocked')::int AS offered,
    (c.outcome <> 'blocked' AND ${ANSWERED})::int AS answered,
    (c.outcome <> 'blocked' AND ${ANSWERED} AND c.wait_seconds <=
      COALESCE(($2::jsonb ->> c.queue_id)::float8, q.sl_seconds::float8, ($3::jsonb ->> c.channel)::float8))::int AS answered_in_sl,
    (c.outcome = 'abandoned' AND NOT (${ANSWERED}))::int AS abandoned,
    (c.outcome = 'abandoned' AND NOT (${ANSWERED}) AND c.wait_seconds < $4)::int AS short_abandoned,
    (c.outcome = 'blocked')::int AS blocked,
    CASE WHEN c.outcome <> 'blocked' AND ${ANSWERED} THEN c.wait_seconds ELSE 0 END AS wait_answered_seconds,
    0 AS handled, 0::float8 AS talk_seconds, 0::float8 AS hold_seconds, 0::float8 AS acw_seconds,
    ${FCR.map(([col]) => `0 AS ${col}`).join(', ')}, 0 AS outbound_handled,
    (c.exited_by_key AND c.direction = 'inbound' AND c.outcome <> 'blocked' AND c.outcome <> 'abandoned' AND NOT (${ANSWERED}))::int AS exited_by_key,
    ${EFFORT.map(([col]) => `0 AS ${col}`).join(', ')}
  FROM unnest($1::timestamptz[]) AS iv(s)
  JOIN contacts c ON c.enqueued_at >= iv.s AND c.enqueued_at < iv.s + interval '15 minutes' AND ${BIN('c.enqueued_at')} = iv.s
    AND c.enqueued_at >= $5 AND c.enqueued_at < $6 AND ${OFFERABLE}
  LEFT JOIN queues q ON q.id = c.queue_id
  UNION ALL
  SELECT iv.s, c.site_id, c.queue_id, COALESCE(c.team_id, ''), COALESCE(c.agent_id, ''), c.reason, c.channel,
    0, 0, 0, 0, 0, 0, 0, 1, c.talk_seconds, c.hold_seconds, c.acw_seconds, ${FCR.map(([, e]) => e).join(', ')},
    (c.direction = 'outbound')::int, 0, ${EFFORT.map(([, e]) => e).join(', ')}
  FROM unnest($1::timestamptz[]) AS iv(s)
  JOIN contacts c ON c.ended_at >= iv.s AND c.ended_at < iv.s + interval '15 minutes' AND ${BIN('c.ended_at')} = iv.s
    AND c.ended_at >= $5 AND c.ended_at < $6 AND c.enqueued_at >= $7 AND c.enqueued_at < $6
  WHERE ${ANSWERED}
) x
GROUP BY interval_start, site_id, queue_id, team_id, agent_id, reason, channel
ORDER BY interval_start`;
