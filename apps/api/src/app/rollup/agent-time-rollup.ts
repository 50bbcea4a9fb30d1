import type { Org } from '@floorwatch/contracts';
import {
  addScheduleTime,
  addStateTime,
  agentStateIntervals,
  emptyComponents,
  eventsByAgent,
  sweepAgentTime,
  type KpiComponents,
  type NumericComponent,
  type KpiConfig,
} from '@floorwatch/kpi';
import type { Row } from '../database/bulk-writer';
import type { RecordStore } from '../database/record-store';
import { floorInterval, INTERVAL_MS } from './rollup-time';

/** Agents per read: keeps one refresh's events in memory bounded for 5 000-agent centres. */
const AGENTS_PER_CHUNK = 500;

export const AGENT_TIME_COLUMNS = [
  'interval_start', 'agent_id', 'aux_reason', 'team_id', 'site_id',
  'logged_in_seconds', 'available_seconds', 'aux_seconds', 'on_contact_seconds', 'acw_seconds',
  'scheduled_seconds', 'in_adherence_seconds', 'scheduled_open_seconds', 'productive_seconds',
  'productive_in_open_seconds', 'paid_seconds', 'planned_paid_seconds', 'unplanned_absence_seconds',
] as const;

/** Rollup column → KpiComponents field, in AGENT_TIME_COLUMNS order after the keys. */
export const AGENT_TIME_FIELDS: readonly NumericComponent[] = [
  'loggedInSeconds', 'availableSeconds', 'auxSeconds', 'onContactStateSeconds', 'acwStateSeconds',
  'scheduledSeconds', 'inAdherenceSeconds', 'scheduledOpenSeconds', 'productiveSeconds',
  'productiveInOpenSeconds', 'paidSeconds', 'plannedPaidSeconds', 'unplannedAbsenceSeconds',
];

/**
 * Recomputes rollup_agent_time_15m for these agents over [from, to) (aligned), exactly as
 * libs/kpi computeKpiComponents would with asOf = to: the same sweep, cut at every interval.
 * A row exists for (interval, agent, auxReason) iff some non-empty piece touched it — the same
 * rule by which computeKpis creates grouped rows — so row existence also matches raw.
 * auxReason '' holds schedule time and non-aux state time; 'break' holds `aux:break` state time.
 */
export async function refreshAgentTime(store: RecordStore, org: Org, agentIds: readonly string[], from: number, to: number, config: KpiConfig): Promise<void> {
  if (!(to > from) || agentIds.length === 0) return;
  const agentsById = new Map(org.agents.map((a) => [a.id, a]));
  const cuts: number[] = [];
  for (let t = from + INTERVAL_MS; t < to; t += INTERVAL_MS) cuts.push(t);
  for (let i = 0; i < agentIds.length; i += AGENTS_PER_CHUNK) {
    const ids = agentIds.slice(i, i + AGENTS_PER_CHUNK);
    const [events, schedule] = await Promise.all([store.loadStateEvents(ids, from, to), store.loadScheduleSegments(ids, from, to)]);
    const evBy = eventsByAgent(events);
    const schedBy = new Map<string, typeof schedule>();
    for (const s of schedule) {
      let list = schedBy.get(s.agentId);
      if (!list) schedBy.set(s.agentId, (list = []));
      list.push(s);
    }
    const rows: Row[] = [];
    for (const id of ids) {
      const cells = new Map<string, KpiComponents>();
      const cell = (interval: number, aux: string): KpiComponents => {
        const k = `${interval}|${aux}`;
        let c = cells.get(k);
        if (!c) cells.set(k, (c = emptyComponents()));
        return c;
      };
      const states = agentStateIntervals(evBy.get(id) ?? [], from, to, to);
      sweepAgentTime(schedBy.get(id) ?? [], states, from, to, (p) => {
        if (p.rule === null && p.state === 'logged_out') return;
        const interval = floorInterval(p.start);
        const seconds = (p.end - p.start) / 1000;
        const aux = p.state !== null && p.state.startsWith('aux:') ? p.state.slice(4) : '';
        if (p.rule) addScheduleTime(cell(interval, ''), p.rule, p.state, seconds);
        if (p.state !== null) addStateTime(cell(interval, aux), p.state, seconds);
        else cell(interval, '');
      }, config, cuts);
      const agent = agentsById.get(id);
      for (const [k, c] of cells) {
        const [interval, aux] = splitKey(k);
        rows.push([new Date(interval), id, aux, agent?.teamId ?? '', agent?.siteId ?? '', ...AGENT_TIME_FIELDS.map((f) => c[f])]);
      }
    }
    await store.query(
      'DELETE FROM rollup_agent_time_15m WHERE agent_id = ANY($1::text[]) AND interval_start >= $2 AND interval_start < $3',
      [ids, new Date(from), new Date(to)],
    );
    await store.writer.write('rollup_agent_time_15m', AGENT_TIME_COLUMNS, rows, { runner: store.runner });
  }
}

function splitKey(k: string): [number, string] {
  const bar = k.indexOf('|');
  return [Number(k.slice(0, bar)), k.slice(bar + 1)];
}
