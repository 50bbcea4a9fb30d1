import type {
  AgentStateEvent,
  Contact,
  GroupBy,
  KpiRow,
  Org,
  ScheduleSegment,
  Scope,
  SurveyResponse,
} from '@floorwatch/contracts';
import type { AgentTimePiece } from './agent-time';
import { addPieceInto, addScheduleTime, addStateTime, sweepAgentTime } from './agent-time';
import type { KpiComponents } from './components';
import { emptyComponents, finaliseKpis } from './components';
import type { KpiConfig } from './config';
import { DEFAULT_KPI_CONFIG, slSecondsFor } from './config';
import { directionOf } from '@floorwatch/contracts';
import { addFcrInto, addHandledInto, addOfferedInto, buildRepeatIndex, firstRepeat, isAnswered } from './contacts';
import type { RepeatFinder, RepeatIndex } from './contacts';
import { agentInScope, contactInScope, indexOrg } from './org-index';
import { reasonGroupKey } from './reason-key';
import { agentStateIntervals, eventsByAgent } from './states';
import { addSurveyInto } from './surveys';
import { addCustomerSurveyInto, DEFAULT_TOP_BOX_MIN_SCORE } from './customer/survey-kpis';
import { surveyGroupKey, surveyInScope } from './customer/survey-scope';
import type { TimeBucket, TimeGroup } from './time-buckets';
import { assertTimeZone, findBucket, timeBuckets } from './time-buckets';

/** Key of records that have no value for the grouping (e.g. unanswered contacts by team). */
export const NO_GROUP = '(none)';
export const ALL_KEY = 'all';

export interface KpiInput {
  org: Org;
  contacts: Contact[];
  stateEvents: AgentStateEvent[];
  schedule: ScheduleSegment[];
  surveys: SurveyResponse[];
  /**
   * When the caller already knows each answered contact's first repeat (the API stores it at
   * ingest), FCR asks this instead of searching `contacts` for repeats, so they need not be loaded.
   */
  knownRepeats?: RepeatFinder;
}

export interface KpiQuery {
  from: number;
  to: number;
  asOf: number;
  scope: Scope;
  by?: GroupBy;
  tz?: string;
}

function checkQuery(q: KpiQuery): void {
  for (const name of ['from', 'to', 'asOf'] as const) {
    if (!Number.isFinite(q[name])) throw new RangeError(`KPI query ${name} must be a finite epoch-ms time, got ${q[name]}`);
  }
  if (!(q.to > q.from)) throw new RangeError(`KPI query needs from < to (window is [from, to))`);
  if (q.tz !== undefined) assertTimeZone(q.tz);
}

/** Logged-out time outside any schedule adds nothing; it must not create a group row either. */
const isEmptyPiece = (p: AgentTimePiece): boolean => p.rule === null && p.state === 'logged_out';

const inWindow = (t: number, q: KpiQuery): boolean => t >= q.from && t < q.to;

/**
 * Summed components per group key (no finalising): what computeKpis reports, for callers that
 * want to add more parts before finalising.
 */
export function computeKpiComponents(
  input: KpiInput,
  query: KpiQuery,
  config: KpiConfig = DEFAULT_KPI_CONFIG,
): Map<string, KpiComponents> {
  checkQuery(query);
  const { from, to, asOf, scope, by } = query;
  const o = indexOrg(input.org);
  const rows = new Map<string, KpiComponents>();
  const row = (key: string): KpiComponents => {
    let c = rows.get(key);
    if (!c) rows.set(key, (c = emptyComponents()));
    return c;
  };
  if (by === undefined) row(ALL_KEY);

  const timeBy: TimeGroup | null = by === 'day' || by === 'hour' || by === 'interval' ? by : null;
  // Without tz, days and hours are each record's site's own (at enterprise too): "hour 13" is
  // 13:00 and "Fri 4 Dec" is Friday on each site's clock, so an enterprise day row restricted to
  // one site is that site's own day row (the drill path keeps one time frame).
  const tzOf = (siteId: string | null | undefined): string =>
    query.tz ?? (timeBy === 'interval' ? 'UTC' : (siteId ? o.sites.get(siteId)?.timezone : undefined) ?? 'UTC');
  const bucketCache = new Map<string, TimeBucket[]>();
  const bucketsFor = (tz: string): TimeBucket[] => {
    let b = bucketCache.get(tz);
    if (!b && timeBy) bucketCache.set(tz, (b = timeBuckets(from, to, timeBy, tz)));
    return b ?? [];
  };
  const timeKey = (t: number, siteId: string | null): string => {
    const buckets = bucketsFor(tzOf(siteId));
    return buckets[findBucket(buckets, t)].key;
  };

  const contactKey = (c: Contact, t: number): string => {
    switch (by) {
      case undefined: return ALL_KEY;
      case 'agent': return c.agentId ?? NO_GROUP;
      case 'team': return c.teamId ?? NO_GROUP;
      case 'site': return c.siteId;
      case 'queue': return c.queueId;
      case 'reason': return reasonGroupKey(c.reason, o);
      case 'channel': return c.channel;
      case 'day': case 'hour': case 'interval': return timeKey(t, c.siteId);
      case 'direction': return directionOf(c);
      case 'mainChannel': case 'channelChain': return NO_GROUP;
      // selfservice.md §3: session groupings have no contact key; coverage cells are reason|channel.
      case 'intent': case 'entryPoint': case 'lastNode': case 'derivedChain': return NO_GROUP;
      case 'coverage': return `${c.reason}|${c.channel}`;
    }
  };

  // The repeat index is built on the first subject judged at asOf (endedAt + W ≤ asOf), not the
  // first answered contact: today's figures (every subject pending) never need it.
  let index: RepeatIndex | null = null;
  const findRepeat: RepeatFinder = input.knownRepeats ?? ((c) => firstRepeat((index ??= buildRepeatIndex(input.contacts)), c, config));
  for (const c of input.contacts) {
    if (!contactInScope(c, scope)) continue;
    if (inWindow(c.enqueuedAt, query)) {
      addOfferedInto(row(contactKey(c, c.enqueuedAt)), c, slSecondsFor(config, c.channel, o.queues.get(c.queueId), c.queueId), config);
    }
    if (isAnswered(c) && inWindow(c.endedAt, query)) {
      const t = row(contactKey(c, c.endedAt));
      addHandledInto(t, c);
      // Repeats are searched among all contacts given, whatever the scope: a customer who
      // calls back another site's queue still came back.
      addFcrInto(t, c, findRepeat, asOf, config);
    }
  }

  // Nobody can be in or out of adherence after asOf, so schedule time is clipped there too.
  const end = Math.min(to, asOf);
  if (end > from) {
    const schedByAgent = new Map<string, ScheduleSegment[]>();
    for (const s of input.schedule) {
      if (!agentInScope(o, s.agentId, scope)) continue;
      let list = schedByAgent.get(s.agentId);
      if (!list) schedByAgent.set(s.agentId, (list = []));
      list.push(s);
    }
    const evByAgent = eventsByAgent(input.stateEvents.filter((e) => agentInScope(o, e.agentId, scope)));
    const agentIds = new Set([...schedByAgent.keys(), ...evByAgent.keys()]);
    for (const id of agentIds) {
      const agent = o.agents.get(id);
      const states = agentStateIntervals(evByAgent.get(id) ?? [], from, end, asOf);
      const segments = schedByAgent.get(id) ?? [];
      let visit: (p: AgentTimePiece) => void;
      if (timeBy) {
        const buckets = bucketsFor(tzOf(agent?.siteId));
        let bi = 0;
        visit = (p) => {
          if (isEmptyPiece(p)) return;
          while (buckets[bi].end <= p.start) bi++;
          addPieceInto(row(buckets[bi].key), p);
        };
        sweepAgentTime(segments, states, from, end, visit, config, buckets.map((b) => b.start));
        continue;
      }
      if (by === 'reason') {
        visit = (p) => {
          if (isEmptyPiece(p)) return;
          const seconds = (p.end - p.start) / 1000;
          if (p.rule) addScheduleTime(row(NO_GROUP), p.rule, p.state, seconds);
          if (p.state !== null) addStateTime(row(p.state.startsWith('aux:') ? p.state : NO_GROUP), p.state, seconds);
        };
      } else {
        const key =
          by === undefined ? ALL_KEY
          : by === 'agent' ? id
          : by === 'team' ? agent?.teamId ?? NO_GROUP
          : by === 'site' ? agent?.siteId ?? NO_GROUP
          : NO_GROUP;
        const target = row(key);
        visit = (p) => addPieceInto(target, p);
      }
      sweepAgentTime(segments, states, from, end, visit, config);
    }
  }

  // customer.md: a response counts at the scopes of the segment it rates (attribution), and at
  // enterprise; its day and hour are on the attributed site's clock.
  for (const s of input.surveys) {
    if (!inWindow(s.respondedAt, query) || !surveyInScope(s, scope)) continue;
    const key =
      by === undefined ? ALL_KEY
      : by === 'day' || by === 'hour' || by === 'interval' ? timeKey(s.respondedAt, s.attribution?.siteId ?? null)
      : by === 'reason' ? (s.attribution ? reasonGroupKey(s.attribution.reason, o) : NO_GROUP)
      : surveyGroupKey(s, by);
    const t = row(key);
    addSurveyInto(t, s);
    addCustomerSurveyInto(t, s, config.topBoxMinScore ?? DEFAULT_TOP_BOX_MIN_SCORE);
  }
  return rows;
}

/** KPI rows for the query, sorted by key; ungrouped gives one row "all" even when empty. */
export function computeKpis(input: KpiInput, query: KpiQuery, config: KpiConfig = DEFAULT_KPI_CONFIG): KpiRow[] {
  const rows = computeKpiComponents(input, query, config);
  return [...rows.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({ key, kpis: finaliseKpis(rows.get(key) as KpiComponents, { minContacts: config.minContacts }) }));
}
