import { ALL_KEY, hotlineKpis, NO_GROUP, reasonGroupKey, type CaseTimes, type OrgIndex } from '@floorwatch/kpi';
import type { GroupBy, KpiRow, Scope } from '@floorwatch/contracts';
import { SCOPE_COLUMN } from '../../database/record-sql';
import type { RecordStore } from '../../database/record-store';

const KEY_COLUMN: Partial<Record<GroupBy, string>> = { agent: 'agent_id', team: 'team_id', site: 'site_id', queue: 'queue_id', reason: 'reason', channel: 'channel' };

/**
 * Adds the HOTLINE KPIs to KPI rows (customer.md): cases selected by their response's respondedAt
 * in [from, to) and its attribution in the scope, whatever their raisedAt; judged at asOf. Rows
 * grouped by time or by main channel / chain keep nulls (cases are not bucketed there), and a row
 * with no case keeps null (as libs/kpi computeKpis leaves it).
 */
export async function fillHotlineKpis(store: RecordStore, rows: KpiRow[], q: { scope: Scope; from: number; to: number; by?: GroupBy }, asOf: number, o?: OrgIndex): Promise<void> {
  if (q.by !== undefined && !KEY_COLUMN[q.by]) return;
  const params: unknown[] = [new Date(q.from), new Date(q.to)];
  const scoped = q.scope.kind === 'enterprise' ? '' : ` AND ${SCOPE_COLUMN[q.scope.kind]} = $${params.push(q.scope.id)}`;
  const key = q.by ? `coalesce(${KEY_COLUMN[q.by]}, '${NO_GROUP}')` : `'${ALL_KEY}'`;
  const cases = await store.query<{ key: string; raisedAt: number; acknowledgedAt: number | null; closedAt: number | null }>(
    `SELECT ${key} AS key, (extract(epoch from raised_at) * 1000)::float8 AS "raisedAt",
       (extract(epoch from acknowledged_at) * 1000)::float8 AS "acknowledgedAt", (extract(epoch from closed_at) * 1000)::float8 AS "closedAt"
     FROM hotline_cases WHERE responded_at >= $1 AND responded_at < $2${scoped}`,
    params,
  );
  if (cases.length === 0) return;
  const byKey = new Map<string, CaseTimes[]>();
  for (const c of cases) {
    // by=reason rows are keyed across sites (reasonGroupKey), so are the cases.
    const k = q.by === 'reason' && o ? reasonGroupKey(c.key, o) : c.key;
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(c);
  }
  for (const row of rows) {
    const list = byKey.get(row.key);
    if (list) Object.assign(row.kpis, hotlineKpis(list, asOf));
  }
}
