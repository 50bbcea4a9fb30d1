import { addComponentsInto, bucketAt, computeKpiComponents, emptyComponents, type KpiComponents } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { IndexedOrg } from '../org/org-lookup';
import { FCR_ROLLUP_WINDOW_SECONDS } from '../rollup/fcr-repeat-sql';
import { AGENT_TIME_THROUGH_KEY } from '../rollup/rollup.service';
import { floorInterval, INTERVAL_MS } from '../rollup/rollup-time';

/** One agent's span of local days to read: [from, to), both local midnights of `tz`. */
export interface AgentSpan {
  agentId: string;
  tz: string;
  from: number;
  to: number;
}

/** Per agent, per local day (YYYY-MM-DD): the summed KPI components of that day inside the span. */
export type AgentDays = Map<string, Map<string, KpiComponents>>;

type Cells = Record<string, number | string | null>;

/**
 * The components the activity effect reads (handled, handle time, adherence, FCR, productive time)
 * of every agent's span by local day, in two grouped reads of the 15-minute rollups (contacts and
 * agent time, agent × day summed in SQL) instead of one `by: day` KPI query per agent. It splits
 * each span exactly as RollupKpiPath splits an agent-scope query, so the sums are the same:
 * - [from, min(to, U)), U = the last interval start ≤ min(asOf, agent-time watermark): the rollup
 *   rows, FCR of the intervals before S = floorInterval(asOf − W) (wholly eligible; later ones are
 *   wholly pending, no eligible subject);
 * - the split interval S itself: raw subjects judged at asOf against their stored first repeats
 *   (one read for every agent whose rollup part holds S);
 * - [max(from, U), to): raw records through libs/kpi (the live, unfinished part; an agent per read,
 *   rare: a window reaching past the watermark).
 * Null when the rollups cannot answer at all (turned off, no watermark, FCR not rolled up for
 * this config): the caller keeps the per-agent KPI queries.
 */
export async function readAgentDays(store: RecordStore, kpis: KpiQueryService, org: IndexedOrg, spans: AgentSpan[], asOf: number): Promise<AgentDays | null> {
  const config = kpis.config;
  if (!kpis.useRollups || config.sameReasonOnly || config.fcrWindowSeconds !== FCR_ROLLUP_WINDOW_SECONDS) return null;
  const through = await store.getSetting<number>(AGENT_TIME_THROUGH_KEY);
  if (through === null) return null;
  const u = floorInterval(Math.min(asOf, through));
  const split = floorInterval(asOf - config.fcrWindowSeconds * 1000);
  const out: AgentDays = new Map();
  const dayOf = (agentId: string, day: string): KpiComponents => {
    const days = out.get(agentId) ?? out.set(agentId, new Map()).get(agentId) as Map<string, KpiComponents>;
    return days.get(day) ?? days.set(day, emptyComponents()).get(day) as KpiComponents;
  };
  const rolled = spans.filter((s) => Math.min(s.to, u) > s.from).map((s) => ({ ...s, to: Math.min(s.to, u) }));
  const withSplit = rolled.filter((s) => split >= s.from && split < s.to);
  const [contactRows, agentRows, splitFcr] = await Promise.all([
    rolled.length ? store.query<Cells>(CONTACT_DAYS_SQL, [...spanParams(rolled), new Date(split)]) : [],
    rolled.length ? store.query<Cells>(AGENT_TIME_DAYS_SQL, spanParams(rolled)) : [],
    withSplit.length
      ? kpis.rawFcr({ scope: { kind: 'enterprise' }, from: split, to: split + INTERVAL_MS, asOf, by: 'agent' })
      : new Map<string, KpiComponents>(),
  ]);
  for (const r of contactRows) {
    const c = dayOf(String(r['agent_id']), String(r['day']));
    c.handled += Number(r['handled']);
    c.talkSeconds += Number(r['talk_seconds']);
    c.holdSeconds += Number(r['hold_seconds']);
    c.acwSeconds += Number(r['acw_seconds']);
    c.fcrEligible += Number(r['fcr_eligible']);
    c.fcrNotRepeated += Number(r['fcr_not_repeated']);
  }
  for (const r of agentRows) {
    const c = dayOf(String(r['agent_id']), String(r['day']));
    c.scheduledSeconds += Number(r['scheduled_seconds']);
    c.inAdherenceSeconds += Number(r['in_adherence_seconds']);
    c.productiveSeconds += Number(r['productive_seconds']);
  }
  for (const s of withSplit) {
    const f = splitFcr.get(s.agentId);
    if (!f) continue;
    const c = dayOf(s.agentId, bucketAt(split, 'day', s.tz).key);
    c.fcrEligible += f.fcrEligible;
    c.fcrNotRepeated += f.fcrNotRepeated;
  }
  // The part past U from raw records, an agent at a time (each read is its own agent's records).
  for (const s of spans.filter((x) => x.to > Math.max(x.from, u))) {
    const from = Math.max(s.from, u);
    const scope = { kind: 'agent' as const, id: s.agentId };
    const [contacts, stateEvents, schedule] = await Promise.all([
      kpis.loadContacts(scope, from, s.to, asOf),
      store.loadStateEvents([s.agentId], from, s.to),
      store.loadScheduleSegments([s.agentId], from, s.to),
    ]);
    const rows = computeKpiComponents({ org: org.org, contacts, stateEvents, schedule, surveys: [] }, { scope, from, to: s.to, asOf, by: 'day', tz: s.tz }, config);
    for (const [day, c] of rows) addComponentsInto(dayOf(s.agentId, day), c);
  }
  return out;
}

function spanParams(spans: AgentSpan[]): unknown[] {
  return [spans.map((s) => s.agentId), spans.map((s) => s.tz), spans.map((s) => new Date(s.from)), spans.map((s) => new Date(s.to))];
}

// Each agent's span joined to its 15-minute rows (index agent_id, interval_start), the local day
// in the agent's zone: spans never overlap for one agent (one span per agent).
const SPANS = `WITH w AS (SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS w(agent_id, tz, lo, hi))`;
const DAY_OF = `to_char(r.interval_start AT TIME ZONE w.tz, 'YYYY-MM-DD')`;
const CONTACT_DAYS_SQL = `${SPANS}
  SELECT r.agent_id, ${DAY_OF} AS day,
         sum(r.handled)::float8 AS handled, sum(r.talk_seconds)::float8 AS talk_seconds,
         sum(r.hold_seconds)::float8 AS hold_seconds, sum(r.acw_seconds)::float8 AS acw_seconds,
         sum(CASE WHEN r.interval_start < $5 THEN r.fcr_subjects ELSE 0 END)::float8 AS fcr_eligible,
         sum(CASE WHEN r.interval_start < $5 THEN r.fcr_not_repeated ELSE 0 END)::float8 AS fcr_not_repeated
    FROM w JOIN rollup_contacts_15m r ON r.agent_id = w.agent_id AND r.interval_start >= w.lo AND r.interval_start < w.hi
   GROUP BY 1, 2`;
const AGENT_TIME_DAYS_SQL = `${SPANS}
  SELECT r.agent_id, ${DAY_OF} AS day,
         sum(r.scheduled_seconds)::float8 AS scheduled_seconds, sum(r.in_adherence_seconds)::float8 AS in_adherence_seconds,
         sum(r.productive_seconds)::float8 AS productive_seconds
    FROM w JOIN rollup_agent_time_15m r ON r.agent_id = w.agent_id AND r.interval_start >= w.lo AND r.interval_start < w.hi
   GROUP BY 1, 2`;
