/**
 * selfservice.md §4 (transferRatePct, agentDisconnectPct, shortHandledPct) and §3's share
 * denominator as rollup counters of handled segments (alias `c` = contacts), mirroring libs/kpi
 * addHandledEffort and computeSelfServiceKpis. The short-call bound is the KPI default (20 s),
 * which is what the query path applies. Every expression is NOT NULL (columns are NOT NULL): ended_by
 * may be null, hence IS NOT DISTINCT FROM.
 */
export const SHORT_CALL_SECONDS = 20;

/** [column, SQL expression over a handled contact c]. */
export const EFFORT_COUNTER_EXPRS: readonly (readonly [string, string])[] = [
  ['transferred_handled', `(c.outcome = 'transferred')::int`],
  ['short_handled', `(c.talk_seconds < ${SHORT_CALL_SECONDS})::int`],
  ['voice_ended_known', `(c.channel = 'voice' AND c.outcome <> 'transferred' AND c.direction <> 'outbound' AND c.ended_by IS NOT NULL)::int`],
  ['voice_ended_agent', `(c.channel = 'voice' AND c.outcome <> 'transferred' AND c.direction <> 'outbound' AND c.ended_by IS NOT DISTINCT FROM 'agent')::int`],
  ['share_handled', `(c.direction IN ('inbound', 'api', 'callback'))::int`],
];
export const EFFORT_COLUMNS = EFFORT_COUNTER_EXPRS.map(([col]) => col);
