import { CHANNELS, type GroupBy, type Scope } from '@floorwatch/contracts';
import {
  ALL_KEY,
  emptyComponents,
  findBucket,
  NO_GROUP,
  reasonGroupKey,
  timeBuckets,
  type KpiComponents,
  type NumericComponent,
  type OrgIndex,
  type TimeBucket,
  type TimeGroup,
} from '@floorwatch/kpi';
import { SCOPE_COLUMN } from '../database/record-sql';
import type { RecordStore } from '../database/record-store';
import { AGENT_TIME_FIELDS } from './agent-time-rollup';
import type { DailyPlan, PlanGroup } from './daily-plan';
import { readDailyAgentTime, readDailyContacts } from './daily-reader';
import { contactIntervalTable } from './site-contact-rollup';

export interface RollupWindow {
  scope: Scope;
  /** Rollup part [from, until); `to` is the whole query's end (for time buckets and presence). */
  from: number;
  until: number;
  to: number;
  by?: GroupBy;
  tz?: string;
  /** Agents of the scope (null = every agent, [] = none). */
  agentIds: string[] | null;
  /**
   * FCR from the rollup: the start of the one interval whose subjects are partly eligible
   * (floorInterval(asOf − W)); earlier intervals are wholly eligible, later ones wholly pending,
   * that one is left to the caller. Null: no FCR from the rollup (the caller reads it raw).
   */
  fcrSplit: number | null;
  /** Day rows for part of the window (daily-plan.ts); absent = 15-minute rows over [from, until). */
  plan?: DailyPlan | null;
}

export const CONTACT_GROUP: Partial<Record<GroupBy, string>> = { agent: 'agent_id', team: 'team_id', site: 'site_id', queue: 'queue_id', reason: 'reason', channel: 'channel' };
export const CONTACT_FIELDS: readonly [string, NumericComponent][] = [
  ['offered', 'offered'], ['answered', 'answered'], ['answered_in_sl', 'answeredInSl'], ['abandoned', 'abandoned'],
  ['short_abandoned', 'shortAbandoned'], ['blocked', 'blocked'], ['wait_answered_seconds', 'waitAnsweredSeconds'],
  ['handled', 'handled'], ['talk_seconds', 'talkSeconds'], ['hold_seconds', 'holdSeconds'], ['acw_seconds', 'acwSeconds'],
  ['outbound_handled', 'outboundHandled'], ['exited_by_key', 'exitedByKey'],
  ['transferred_handled', 'transferredHandled'], ['short_handled', 'shortHandled'], ['voice_ended_known', 'voiceEndedKnown'],
  ['voice_ended_agent', 'voiceEndedAgent'], ['share_handled', 'inboundHandled'],
];
export const AGENT_COLUMNS = ['logged_in_seconds', 'available_seconds', 'aux_seconds', 'on_contact_seconds', 'acw_seconds', 'scheduled_seconds',
  'in_adherence_seconds', 'scheduled_open_seconds', 'productive_seconds', 'productive_in_open_seconds', 'paid_seconds',
  'planned_paid_seconds', 'unplanned_absence_seconds'];

export type Cells = Record<string, number | string | null>;

/**
 * Contact counters and agent time of [from, until) from the 15-minute rollups, keyed exactly as
 * libs/kpi computeKpiComponents keys them (same time buckets, same '(none)' rows, agent time
 * grouped through the CURRENT org like the raw path), and FCR except the split interval
 * (w.fcrSplit). Surveys are not here.
 */
export async function readRollups(store: RecordStore, o: OrgIndex, w: RollupWindow): Promise<Map<string, KpiComponents>> {
  const rows = new Map<string, KpiComponents>();
  const row = (key: string): KpiComponents => {
    let c = rows.get(key);
    if (!c) rows.set(key, (c = emptyComponents()));
    return c;
  };
  const { scope, by } = w;
  if (by === undefined) row(ALL_KEY);
  const timeBy: TimeGroup | null = by === 'day' || by === 'hour' || by === 'interval' ? by : null;
  // As libs/kpi: without tz each row's site's own clock (enterprise days too), intervals UTC.
  const tzOf = (siteId: string | null | undefined): string =>
    w.tz ?? (timeBy === 'interval' ? 'UTC' : (siteId ? o.sites.get(siteId)?.timezone : undefined) ?? 'UTC');
  const bucketCache = new Map<string, TimeBucket[]>();
  const timeKey = (t: number, siteId: string | null): string => {
    const tz = tzOf(siteId);
    let b = bucketCache.get(tz);
    if (!b) bucketCache.set(tz, (b = timeBuckets(w.from, w.to, timeBy as TimeGroup, tz)));
    return b[findBucket(b, t)].key;
  };
  // A reason is keyed across sites (libs/kpi reasonGroupKey), as the raw path keys it.
  const contactCellKey = (r: Cells): string => {
    const k = cellKey(r[CONTACT_GROUP[by as GroupBy] as string]);
    return by === 'reason' ? reasonGroupKey(k, o) : k;
  };
  const whole: PlanGroup[] = [{ zone: null, sites: null, days: [], edges: [{ lo: w.from, hi: w.until }] }];
  const contactGroups = w.plan?.contacts ?? whole;

  // --- contacts: day rows where the plan has them, 15-minute rows for the rest
  const noAgents = scope.kind === 'queue' || (w.agentIds !== null && w.agentIds.length === 0);
  // Day rows and 15-minute rows of contacts and agent time: four independent reads, in parallel.
  const dailyContacts: Promise<Cells[]> = w.plan ? readDailyContacts(store, w, w.plan.contacts) : Promise.resolve([]);
  const dailyAgents: Promise<Cells[]> = w.plan?.agents && !noAgents ? readDailyAgentTime(store, w, w.plan.agents) : Promise.resolve([]);
  const agentRowsP: Promise<Cells[]> = noAgents ? Promise.resolve([]) : agentRollupRows(store, w, timeBy);
  const params: unknown[] = [];
  let where = `(${rangeFilter(contactGroups, params, 'interval_start', 'site_id')})`;
  if (scope.kind !== 'enterprise') where += ` AND ${SCOPE_COLUMN[scope.kind]} = $${params.push(scope.id)}`;
  const groupCols = timeBy ? ['interval_start', 'site_id'] : CONTACT_GROUP[by as GroupBy] ? [CONTACT_GROUP[by as GroupBy] as string] : [];
  const select = groupCols.map((c) => (c === 'interval_start' ? `(extract(epoch from interval_start) * 1000)::float8 AS interval_ms` : c));
  const sums = CONTACT_FIELDS.map(([col]) => `sum(${col})::float8 AS ${col}`);
  if (w.fcrSplit !== null) sums.push(...fcrSums(`$${params.push(new Date(w.fcrSplit))}::timestamptz`));
  const [dayContactRows, contactRows, dayAgentRows, agentRows] = await Promise.all([
    dailyContacts,
    where.startsWith('(FALSE)') ? [] : store.query<Cells>(
      `SELECT ${[...select, ...sums].join(', ')} FROM ${contactIntervalTable(scope.kind, by)} WHERE ${where}${groupCols.length ? ` GROUP BY ${groupCols.join(', ')}` : ''}`,
      params,
    ),
    dailyAgents,
    agentRowsP,
  ]);
  if (w.plan) {
    for (const r of dayContactRows) {
      const t = row(by === undefined ? ALL_KEY : timeBy ? String(r['day']) : contactCellKey(r));
      for (const [col, field] of CONTACT_FIELDS) t[field] += Number(r[col]);
      if (w.fcrSplit !== null) addFcrCells(t, r);
    }
  }
  for (const r of contactRows) {
    if (!groupCols.length && Number(r['offered']) + Number(r['blocked']) + Number(r['handled']) === 0) continue;
    const key =
      by === undefined ? ALL_KEY
      : timeBy ? timeKey(Number(r['interval_ms']), String(r['site_id']))
      : CONTACT_GROUP[by] ? contactCellKey(r)
      : NO_GROUP;
    const t = row(key);
    for (const [col, field] of CONTACT_FIELDS) t[field] += Number(r[col]);
    if (w.fcrSplit !== null) addFcrCells(t, r);
  }

  // --- agent time (no queue has agent time)
  if (noAgents) return rows;
  const agentKey = (id: string): string => {
    const agent = o.agents.get(id);
    return by === undefined ? ALL_KEY : by === 'agent' ? id : by === 'team' ? agent?.teamId ?? NO_GROUP : by === 'site' ? agent?.siteId ?? NO_GROUP : NO_GROUP;
  };
  if (w.plan?.agents) {
    for (const r of dayAgentRows) {
      const key = by === undefined ? ALL_KEY : timeBy ? String(r['day']) : by === 'reason' ? auxKey(r['aux_reason']) : by === 'site' ? cellKey(r['site_id']) : NO_GROUP;
      const t = row(key);
      AGENT_COLUMNS.forEach((col, i) => (t[AGENT_TIME_FIELDS[i]] += Number(r[col])));
    }
  }
  for (const r of agentRows) {
    const key = timeBy
      ? timeKey(Number(r['interval_ms']), r['site_id'] === '' ? null : String(r['site_id']))
      : by === 'reason' ? auxKey(r['aux_reason'])
      : agentKey(String(r['agent_id']));
    const t = row(key);
    AGENT_COLUMNS.forEach((col, i) => (t[AGENT_TIME_FIELDS[i]] += Number(r[col])));
  }
  if (!timeBy && by !== 'reason' && by !== undefined) {
    // computeKpis gives every agent with any state before `to` or a segment in the window a row,
    // even an empty one; only agents whose row is not there yet need asking about.
    const candidates = (w.agentIds ?? [...o.agents.keys()]).filter((id) => !rows.has(agentKey(id)));
    if (candidates.length) for (const id of await presentAgents(store, { ...w, agentIds: candidates })) row(agentKey(id));
  }
  return rows;
}

const ELIGIBLE = (split: string): string => `interval_start < ${split}`;

function fcrSums(split: string): string[] {
  const out = [
    `sum(CASE WHEN ${ELIGIBLE(split)} THEN fcr_subjects ELSE 0 END)::float8 AS fcr_eligible`,
    `sum(CASE WHEN ${ELIGIBLE(split)} THEN fcr_not_repeated ELSE 0 END)::float8 AS fcr_not_repeated`,
    `sum(CASE WHEN ${ELIGIBLE(split)} THEN fcr_cross_channel ELSE 0 END)::float8 AS fcr_cross_channel`,
    `sum(CASE WHEN interval_start > ${split} THEN fcr_subjects ELSE 0 END)::float8 AS fcr_pending`,
    `sum(CASE WHEN interval_start <> ${split} THEN fcr_unknown ELSE 0 END)::float8 AS fcr_unknown`,
  ];
  CHANNELS.forEach((ch, i) => {
    out.push(`sum(CASE WHEN ${ELIGIBLE(split)} AND channel = '${ch}' THEN fcr_subjects ELSE 0 END)::float8 AS fcr_e${i}`);
    out.push(`sum(CASE WHEN ${ELIGIBLE(split)} AND channel = '${ch}' THEN fcr_not_repeated ELSE 0 END)::float8 AS fcr_n${i}`);
  });
  return out;
}

export function addFcrCells(t: KpiComponents, r: Cells): void {
  t.fcrEligible += Number(r['fcr_eligible']);
  t.fcrNotRepeated += Number(r['fcr_not_repeated']);
  t.fcrCrossChannel += Number(r['fcr_cross_channel']);
  t.fcrPending += Number(r['fcr_pending']);
  t.fcrUnknown += Number(r['fcr_unknown']);
  CHANNELS.forEach((ch, i) => {
    t.fcrEligibleByChannel[ch] += Number(r[`fcr_e${i}`]);
    t.fcrNotRepeatedByChannel[ch] += Number(r[`fcr_n${i}`]);
  });
}

/** Agent time of the 15-minute rows the plan leaves (all of [from, until) without one). */
async function agentRollupRows(store: RecordStore, w: RollupWindow, timeBy: TimeGroup | null): Promise<Cells[]> {
  const agentGroups: readonly PlanGroup[] = w.plan?.agents ?? [{ zone: null, sites: null, days: [], edges: [{ lo: w.from, hi: w.until }] }];
  const aParams: unknown[] = [];
  const siteFiltered = agentGroups.some((g) => g.sites !== null);
  const aRange = rangeFilter(agentGroups, aParams, 'r.interval_start', "COALESCE(a.site_id, '')");
  if (aRange === 'FALSE') return [];
  const agentFilter = w.agentIds ? ` AND r.agent_id = ANY($${aParams.push(w.agentIds)}::text[])` : '';
  const aGroup = timeBy ? ['r.interval_start', "COALESCE(a.site_id, '')"] : w.by === 'reason' ? ['r.aux_reason'] : ['r.agent_id'];
  const aSelect = timeBy
    ? ['(extract(epoch from r.interval_start) * 1000)::float8 AS interval_ms', `COALESCE(a.site_id, '') AS site_id`]
    : w.by === 'reason' ? ['r.aux_reason'] : ['r.agent_id'];
  return store.query<Cells>(
    `SELECT ${[...aSelect, ...AGENT_COLUMNS.map((c) => `sum(r.${c})::float8 AS ${c}`)].join(', ')}
       FROM rollup_agent_time_15m r ${timeBy || siteFiltered ? 'LEFT JOIN agents a ON a.id = r.agent_id' : ''}
      WHERE (${aRange})${agentFilter} GROUP BY ${aGroup.join(', ')}`,
    aParams,
  );
}

const cellKey = (v: unknown): string => (v === '' ? NO_GROUP : String(v));
const auxKey = (v: unknown): string => (v === '' ? NO_GROUP : `aux:${String(v)}`);

/** OR of the groups' 15-minute ranges (each with its site filter); 'FALSE' when there is none. */
function rangeFilter(groups: readonly PlanGroup[], params: unknown[], timeCol: string, siteCol: string): string {
  const arms: string[] = [];
  for (const g of groups) {
    // A group wholly read from day rows has no edge: binding its sites would leave a parameter
    // no arm uses (PostgreSQL: "could not determine data type of parameter").
    if (g.edges.length === 0) continue;
    const site = g.sites ? ` AND ${g.sites.negate ? 'NOT ' : ''}${siteCol} = ANY($${params.push(g.sites.ids)}::text[])` : '';
    for (const e of g.edges) arms.push(`(${timeCol} >= $${params.push(new Date(e.lo))} AND ${timeCol} < $${params.push(new Date(e.hi))}${site})`);
  }
  return arms.length ? arms.join(' OR ') : 'FALSE';
}

async function presentAgents(store: RecordStore, w: RollupWindow): Promise<string[]> {
  const params: unknown[] = [new Date(w.from), new Date(w.to)];
  const source = w.agentIds ? `unnest($${params.push(w.agentIds)}::text[]) AS x(id)` : '(SELECT id FROM agents) x';
  const rows = await store.query<{ id: string }>(
    `SELECT x.id FROM ${source}
      WHERE EXISTS (SELECT 1 FROM agent_state_events e WHERE e.agent_id = x.id AND e.at < $2)
         OR EXISTS (SELECT 1 FROM schedule_segments s WHERE s.agent_id = x.id AND s.start_at < $2 AND s.end_at > $1)`,
    params,
  );
  return rows.map((r) => r.id);
}
