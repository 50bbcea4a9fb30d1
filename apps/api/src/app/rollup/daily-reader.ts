import { CHANNELS } from '@floorwatch/contracts';
import type { RecordStore } from '../database/record-store';
import type { PlanGroup } from './daily-plan';
import { DAY_END } from './daily-rollup-sql';
import { SCOPE_COLUMN } from '../database/record-sql';
import { AGENT_COLUMNS, CONTACT_FIELDS, CONTACT_GROUP, type Cells, type RollupWindow } from './rollup-reader';

/** OR of the groups' day ranges, each in its zone and with its site filter; null when there is none. */
function dayFilter(groups: readonly PlanGroup[], params: unknown[]): string | null {
  const arms: string[] = [];
  for (const g of groups) {
    // A group with no whole day adds no arm (nor parameters: an unused one has no type).
    if (g.zone === null || g.days.length === 0) continue;
    const zone = `$${params.push(g.zone)}`;
    const site = g.sites ? ` AND ${g.sites.negate ? 'NOT ' : ''}site_id = ANY($${params.push(g.sites.ids)}::text[])` : '';
    for (const d of g.days) arms.push(`(day_zone = ${zone} AND day >= $${params.push(d.from)}::date AND day < $${params.push(d.to)}::date${site})`);
  }
  return arms.length ? arms.join(' OR ') : null;
}

/**
 * Contact counters (and FCR, with w.fcrSplit) of the plan's whole days from rollup_contacts_day,
 * grouped like readRollups groups the 15-minute rows: by `day` (the day row's date, which is the
 * bucket key since the plan picked the grouping's zone), or the group column. The plan only has
 * days that are wholly eligible (end ≤ split) or wholly pending (start > split).
 */
export async function readDailyContacts(store: RecordStore, w: RollupWindow, groups: readonly PlanGroup[]): Promise<Cells[]> {
  const params: unknown[] = [];
  const days = dayFilter(groups, params);
  if (days === null) return [];
  let where = `(${days})`;
  if (w.scope.kind !== 'enterprise') where += ` AND ${SCOPE_COLUMN[w.scope.kind]} = $${params.push(w.scope.id)}`;
  const col = w.by === 'day' ? 'day::text' : w.by ? CONTACT_GROUP[w.by] : undefined;
  const sums = CONTACT_FIELDS.map(([c]) => `sum(${c})::float8 AS ${c}`);
  if (w.fcrSplit !== null) {
    const eligible = `${DAY_END('day', 'day_zone')} <= $${params.push(new Date(w.fcrSplit))}::timestamptz`;
    sums.push(
      `sum(CASE WHEN ${eligible} THEN fcr_subjects ELSE 0 END)::float8 AS fcr_eligible`,
      `sum(CASE WHEN ${eligible} THEN fcr_not_repeated ELSE 0 END)::float8 AS fcr_not_repeated`,
      `sum(CASE WHEN ${eligible} THEN fcr_cross_channel ELSE 0 END)::float8 AS fcr_cross_channel`,
      `sum(CASE WHEN ${eligible} THEN 0 ELSE fcr_subjects END)::float8 AS fcr_pending`,
      `sum(fcr_unknown)::float8 AS fcr_unknown`,
    );
    CHANNELS.forEach((ch, i) => {
      sums.push(`sum(CASE WHEN ${eligible} AND channel = '${ch}' THEN fcr_subjects ELSE 0 END)::float8 AS fcr_e${i}`);
      sums.push(`sum(CASE WHEN ${eligible} AND channel = '${ch}' THEN fcr_not_repeated ELSE 0 END)::float8 AS fcr_n${i}`);
    });
  }
  const rows = await store.query<Cells>(
    `SELECT ${col ? `${col} AS ${w.by === 'day' ? 'day' : col}, ` : ''}${sums.join(', ')} FROM rollup_contacts_day WHERE ${where}${col ? ` GROUP BY ${col}` : ''}`,
    params,
  );
  // Without a group, an all-zero sum is no row (as for the 15-minute rows: nothing was offered).
  return col ? rows : rows.filter((r) => r['offered'] !== null);
}

/**
 * Agent time of the plan's whole days from rollup_agent_time_day (summed over the agents of
 * each site as the org maps them now, which the plan checked): by day, aux reason or site.
 */
export async function readDailyAgentTime(store: RecordStore, w: RollupWindow, groups: readonly PlanGroup[]): Promise<Cells[]> {
  const params: unknown[] = [];
  const days = dayFilter(groups, params);
  if (days === null) return [];
  let where = `(${days})`;
  if (w.scope.kind === 'site') where += ` AND site_id = $${params.push(w.scope.id)}`;
  const col = w.by === 'day' ? 'day::text' : w.by === 'reason' ? 'aux_reason' : w.by === 'site' ? 'site_id' : undefined;
  const rows = await store.query<Cells>(
    `SELECT ${col ? `${col} AS ${w.by === 'day' ? 'day' : col}, ` : ''}${AGENT_COLUMNS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ')}
       FROM rollup_agent_time_day WHERE ${where}${col ? ` GROUP BY ${col}` : ''}`,
    params,
  );
  return col ? rows : rows.filter((r) => r['logged_in_seconds'] !== null);
}
