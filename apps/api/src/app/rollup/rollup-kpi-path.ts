import { CHANNELS, type AgentStateEvent, type Channel, type Contact, type KpiRow, type Org, type ScheduleSegment, type Scope } from '@floorwatch/contracts';
import {
  addComponentsInto,
  computeKpiComponents,
  CUSTOMER_COMPONENTS,
  emptyComponents,
  finaliseKpis,
  indexOrg,
  reasonGroupKey,
  type KpiComponents,
  type KpiConfig,
  type KpiQuery,
} from '@floorwatch/kpi';
import { CONTACT_FIELDS, SCOPE_COLUMN, toContact, type ContactRowRaw } from '../database/record-sql';
import { DAY_MS } from '../database/partitions';
import type { RecordStore } from '../database/record-store';
import { planDaily } from './daily-plan';
import { DAILY_STATE_KEY, type DailyState } from './daily-refresh';
import { readRollups } from './rollup-reader';
import { FCR_ROLLUP_WINDOW_SECONDS } from './fcr-repeat-sql';
import { ceilInterval, floorInterval, INTERVAL_MS, isAligned } from './rollup-time';
import { addSurveyComponents as addSurveys, rowOf, SurveyKpiReader, type KeptDays } from './survey-kpi-reader';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';

type ContactLoader = (scope: Scope, from: number, to: number, asOf: number) => Promise<Contact[]>;

/**
 * KPI rows from the 15-minute rollups where they give the same answer as libs/kpi over raw
 * records, else null (the caller reads raw). The window splits at R = the last interval start
 * that is ≤ min(to, asOf, rollup watermark):
 * - [from, R): contact counters, agent time and FCR from the rollups (each subject's first repeat
 *   is stored at ingest; a subject is eligible once endedAt + W ≤ asOf, so intervals before
 *   S = floorInterval(asOf − W) are wholly eligible, after S wholly pending, and S itself is read
 *   raw: its subjects, each judged at asOf against its stored first repeat);
 * - [R, to): everything from raw through computeKpiComponents (the live, unfinished interval).
 * An unaligned `from` is split the same way: the head [from, A), A = the next interval start, from
 * raw, [A, R) from the rollups (a raw read of the whole window would hold every contact of up to
 * 400 days in memory).
 * Surveys are read over the whole [from, to) by SurveyKpiReader (their rows are complete for
 * every day, with or without the ACD watermark). Every component is additive over time, so the
 * sum is the raw answer.
 */
export class RollupKpiPath {
  /** Day ranges the last query read from the daily rollups (tests check they were really used). */
  lastDailyRanges = 0;
  lastDailyAgentRanges = 0;
  /** Whole days (the most of any zone) the last query's surveys read from the survey day rows. */
  lastSurveyDays = 0;
  readonly surveyReader: SurveyKpiReader;
  /** Length of the unaligned head [from, next interval start) the last query read raw (ms). */
  lastRawHeadMs = 0;

  constructor(
    private readonly store: RecordStore,
    private readonly config: KpiConfig,
    private readonly loadContacts: ContactLoader,
  ) {
    this.surveyReader = new SurveyKpiReader(store, config);
  }

  /**
   * `kept`: the calendar days the caller keeps of an enterprise by-day answer on the sites' clocks
   * (the survey reader then reads no partial day it would drop).
   */
  async query(org: Org, q: KpiQuery, agentIds: string[] | null, kept?: KeptDays): Promise<KpiRow[] | null> {
    const { scope, from, to, asOf } = q;
    this.lastRawHeadMs = 0;
    // The rollups keep no direction key: `--by direction` is answered from raw contacts.
    if (q.by === 'direction' || q.by === 'coverage') return null;
    // The rollups serve [start, until); an unaligned head [from, start) is read raw below.
    const start = ceilInterval(from);
    // Watermark and daily state in one round trip.
    const settings = await this.store.query<{ key: string; value: unknown }>('SELECT key, value FROM settings WHERE key = ANY($1::text[])', [[AGENT_TIME_THROUGH_KEY, DAILY_STATE_KEY]]);
    const setting = <T>(key: string): T | null => (settings.find((r) => r.key === key)?.value as T | undefined) ?? null;
    const through = setting<number>(AGENT_TIME_THROUGH_KEY);
    const until = floorInterval(Math.min(to, asOf, through ?? Number.NEGATIVE_INFINITY));
    if (!(until > start)) return null;
    const o = indexOrg(org);
    // FCR from the rollup needs the stored repeats' window and any-reason repeats; else raw.
    const fcrRolled = !this.config.sameReasonOnly && this.config.fcrWindowSeconds === FCR_ROLLUP_WINDOW_SECONDS;
    const split = floorInterval(asOf - this.config.fcrWindowSeconds * 1000);
    const fcrSplit = fcrRolled ? split : null;
    const plan = planDaily(o, { scope, by: q.by, tz: q.tz, from: start, until, fcrSplit }, setting<DailyState>(DAILY_STATE_KEY));
    this.lastDailyRanges = plan ? plan.contacts.reduce((n, g) => n + g.days.length, 0) : 0;
    this.lastDailyAgentRanges = plan?.agents ? plan.agents.reduce((n, g) => n + g.days.length, 0) : 0;

    // Raw FCR where the rollup cannot judge it: the split interval (subjects partly eligible at
    // asOf), or the whole [from, until) when FCR is not rolled up for this config.
    const [fcrFrom, fcrTo] = !fcrRolled ? [start, until] : split >= start && split < until ? [split, split + INTERVAL_MS] : [0, 0];
    const none = new Map<string, KpiComponents>();
    // The parts are independent reads: in parallel (PostgreSQL answers them on separate connections).
    const [rows, fcr, surveys, head, tail] = await Promise.all([
      readRollups(this.store, o, { scope, from: start, until, to, by: q.by, tz: q.tz, agentIds, fcrSplit, plan }),
      fcrTo > fcrFrom ? this.rawFcr(org, q, fcrFrom, fcrTo) : none,
      this.surveyReader.components(org, q, kept),
      start > from ? this.rawComponents(org, { ...q, to: start }, agentIds) : none,
      until < to ? this.rawComponents(org, { ...q, from: until }, agentIds) : none,
    ]);
    this.lastRawHeadMs = start - from;
    this.lastSurveyDays = this.surveyReader.lastDays;
    for (const [key, c] of head) addComponentsInto(rowOf(rows, key), c);
    for (const [key, c] of fcr) addFcr(rowOf(rows, key), c);
    for (const [key, c] of surveys) addSurveys(rowOf(rows, key), c);
    for (const [key, c] of tail) addComponentsInto(rowOf(rows, key), c);
    return [...rows.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => ({ key, kpis: finaliseKpis(rows.get(key) as KpiComponents, { minContacts: this.config.minContacts }) }));
  }

  /**
   * The tail [R, to) (or the unaligned head [from, A)) from raw records. Its agent time needs the
   * state each agent was in at R, but only agents who were not logged out then, or who have an
   * event or a schedule segment in the part, can add anything; the first are exactly those with a
   * rollup row in the complete interval before R (a row exists iff some time was counted) — for an
   * unaligned head start, in the interval that contains it. So the state events are loaded
   * for those agents only, not for every agent of the scope (enterprise: every agent's last event).
   */
  private async rawComponents(org: Org, q: KpiQuery, agentIds: string[] | null): Promise<Map<string, KpiComponents>> {
    const none = agentIds !== null && agentIds.length === 0;
    const loadAgentTime = async (): Promise<[AgentStateEvent[], ScheduleSegment[]]> => {
      if (none) return [[], []];
      const schedule = await this.store.loadScheduleSegments(agentIds, q.from, q.to);
      const ids = await this.tailAgents(agentIds, q.from, q.to);
      for (const s of schedule) ids.add(s.agentId);
      return [ids.size ? await this.store.loadStateEvents([...ids], q.from, q.to) : [], schedule];
    };
    const [contacts, [stateEvents, schedule]] = await Promise.all([
      this.loadContacts(q.scope, q.from, q.to, q.asOf),
      loadAgentTime(),
    ]);
    // Surveys are the survey reader's, over the whole window.
    return computeKpiComponents({ org, contacts, stateEvents, schedule, surveys: [] }, q, this.config);
  }

  /** Agents with agent time in the interval before (or around) `from` (rollup) or a state event in [from, to). */
  private async tailAgents(agentIds: string[] | null, from: number, to: number): Promise<Set<string>> {
    const before = isAligned(from) ? from - INTERVAL_MS : floorInterval(from);
    const params: unknown[] = [new Date(before), new Date(from), new Date(to)];
    const only = agentIds ? ` AND agent_id = ANY($${params.push(agentIds)}::text[])` : '';
    const rows = await this.store.query<{ agent_id: string }>(
      `SELECT agent_id FROM rollup_agent_time_15m WHERE interval_start = $1${only}
       UNION SELECT agent_id FROM agent_state_events WHERE at >= $2 AND at < $3${only}`,
      params,
    );
    return new Set(rows.map((r) => r.agent_id));
  }

  /**
   * FCR of [from, to) from raw subjects and their stored first repeats (`repeat_*`, kept current by
   * every ingest batch and by the rebuild, exactly what the rollup rows count), so their
   * customers' later contacts need not be loaded. Only judged at asOf here: pending or not.
   */
  async rawFcr(org: Org, q: KpiQuery, from: number, to: number): Promise<Map<string, KpiComponents>> {
    const params: unknown[] = [new Date(from), new Date(to), new Date(from - (await this.store.maxContactSpan()))];
    // The enqueued_at bounds change no result (a contact ends within maxContactSpan of its enqueue,
    // and not before it): they let PostgreSQL prune the day partitions on both sides.
    let where = 'ended_at >= $1 AND ended_at < $2 AND enqueued_at >= $3 AND enqueued_at < $2 AND answered_at IS NOT NULL';
    if (q.scope.kind !== 'enterprise') where += ` AND ${SCOPE_COLUMN[q.scope.kind]} = $${params.push(q.scope.id)}`;
    const rows = await this.store.query<ContactRowRaw & { repeatChannel: string | null }>(
      `SELECT ${CONTACT_FIELDS}, CASE WHEN repeat_enqueued_at IS NULL THEN NULL ELSE repeat_channel END AS "repeatChannel"
         FROM contacts WHERE ${where} ORDER BY enqueued_at, contact_id, segment_id`,
      params,
    );
    const repeats = new Map<Contact, Pick<Contact, 'channel'> | null>();
    const contacts = rows.map(({ repeatChannel, ...row }) => {
      const c = toContact(row);
      repeats.set(c, repeatChannel === null ? null : { channel: repeatChannel as Channel });
      return c;
    });
    const knownRepeats = (c: Contact): Pick<Contact, 'channel'> | null => repeats.get(c) ?? null;
    return computeKpiComponents({ org, contacts, stateEvents: [], schedule: [], surveys: [], knownRepeats }, { ...q, from, to }, this.config);
  }
}

const FCR_FIELDS = ['fcrEligible', 'fcrNotRepeated', 'fcrCrossChannel', 'fcrPending', 'fcrUnknown'] as const;
function addFcr(target: KpiComponents, c: KpiComponents): void {
  for (const f of FCR_FIELDS) target[f] += c[f];
  for (const ch of CHANNELS) {
    target.fcrEligibleByChannel[ch] += c.fcrEligibleByChannel[ch];
    target.fcrNotRepeatedByChannel[ch] += c.fcrNotRepeatedByChannel[ch];
  }
}
