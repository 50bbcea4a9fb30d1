import type { GroupBy, Scope } from '@floorwatch/contracts';
import type { RecordStore } from '../database/record-store';
import { EFFORT_COLUMNS } from './effort-rollup-sql';
import { INTERVAL_MS } from './rollup-time';

/*
 * rollup_contacts_site_15m (migration SiteContactRollup1795840000000): rollup_contacts_15m summed
 * over agents and teams, keyed (interval, site, queue, reason, channel). Queries that need no
 * agent or team key (enterprise, site and queue scopes by nothing, site, queue, reason, channel or
 * time) read their 15-minute stretches here: the partial days at a window's edges and the FCR
 * split day, which the day rows cannot answer. At 1 000 agents one day is ≈ 24 k agent-keyed rows
 * but a few thousand here. It is derived, never computed from raw: whenever the ingest or the
 * rebuild changes a 15-minute interval of rollup_contacts_15m (re-aggregated, or an FCR repeat
 * delta), that interval is re-summed here in the same transaction.
 */

/** The counters when migration SiteContactRollup1795840000000 ran (its backfill must keep to them). */
const COUNTERS_AT_CREATION = [
  'offered', 'answered', 'answered_in_sl', 'abandoned', 'short_abandoned', 'blocked', 'wait_answered_seconds',
  'handled', 'talk_seconds', 'hold_seconds', 'acw_seconds', 'fcr_subjects', 'fcr_not_repeated', 'fcr_cross_channel', 'fcr_unknown',
];
/** outbound_handled, exited_by_key: migration ContactDirection1795910000000; the effort counters: EffortRollup1795982000000. */
const COUNTERS = [...COUNTERS_AT_CREATION, 'outbound_handled', 'exited_by_key', ...EFFORT_COLUMNS];
const KEY = 'interval_start, site_id, queue_id, reason, channel';

/** INSERT of the summed rows of rollup_contacts_15m r rows matching `where` (in time order, as the 15-minute table). */
function insertSummed(where: string, counters = COUNTERS): string {
  return `INSERT INTO rollup_contacts_site_15m (${KEY}, ${counters.join(', ')})
    SELECT ${KEY}, ${counters.map((c) => `sum(${c})`).join(', ')}
      FROM rollup_contacts_15m r WHERE ${where}
     GROUP BY ${KEY} ORDER BY interval_start`;
}

/** Migration backfill: every interval. */
export const SITE_CONTACTS_BACKFILL_SQL = insertSummed('TRUE', COUNTERS_AT_CREATION);

/** Re-sums the given interval starts (epoch ms) from rollup_contacts_15m. */
export async function refreshSiteContactIntervals(tx: RecordStore, intervals: Iterable<number>): Promise<void> {
  const starts = [...new Set(intervals)].sort((a, b) => a - b);
  if (starts.length === 0) return;
  const at = starts.map((t) => new Date(t));
  // Plain bounds beside the list: a rebuild's thousands of intervals become one range scan.
  const bounds = [new Date(starts[0]), new Date(starts[starts.length - 1] + INTERVAL_MS)];
  const where = 'interval_start = ANY($1::timestamptz[]) AND interval_start >= $2 AND interval_start < $3';
  await tx.query(`DELETE FROM rollup_contacts_site_15m WHERE ${where}`, [at, ...bounds]);
  await tx.query(insertSummed(where), [at, ...bounds]);
}

/** The 15-minute contact table a query reads: the site-level one unless it needs an agent or team key. */
export function contactIntervalTable(scopeKind: Scope['kind'], by: GroupBy | undefined): string {
  const agentKeyed = scopeKind === 'team' || scopeKind === 'agent' || by === 'agent' || by === 'team';
  return agentKeyed ? 'rollup_contacts_15m' : 'rollup_contacts_site_15m';
}
