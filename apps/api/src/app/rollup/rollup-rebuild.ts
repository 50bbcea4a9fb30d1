import type { KpiConfig } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import { refreshAgentTime } from './agent-time-rollup';
import { refreshContactIntervals } from './contact-rollup';
import { refreshDaily } from './daily-refresh';
import { FCR_REPEAT_SPAN_SQL, FCR_ROLLUP_WINDOW_SECONDS } from './fcr-repeat-sql';
import { floorInterval, intervalStarts } from './rollup-time';
import { refreshSiteContactIntervals } from './site-contact-rollup';
import { rebuildSessionRollup } from './session-rollup';
import { refreshSurveyDays, utcDaysBetween } from './survey-rollup';

/**
 * settings key: what ingests with deferRollups wrote and the rollups do not reflect yet. Stored in
 * each batch's transaction, so an interrupted backfill (whose re-run finds its lines duplicate and
 * writes nothing) still leaves the rebuild the whole span.
 */
export const ROLLUP_PENDING_KEY = 'rollup.pendingRebuild';

/** Epoch-ms bounds; null when nothing of that kind was deferred. */
export interface PendingSpan {
  /** Earliest enqueuedAt / latest endedAt-or-enqueuedAt of a deferred contact. */
  contactsFrom: number | null;
  contactsTo: number | null;
  /** Earliest state event or schedule segment start of a deferred batch. */
  agentFrom: number | null;
  /** Earliest / latest respondedAt of a deferred survey response (absent in spans stored before surveys were rolled up). */
  surveysFrom?: number | null;
  surveysTo?: number | null;
  /** Earliest / latest startedAt of a deferred self-service session. */
  sessionsFrom?: number | null;
  sessionsTo?: number | null;
}

export interface DeferredTouches {
  contacts: readonly { enqueuedAt: number; endedAt: number }[];
  agentTimes: readonly { at: number }[];
  surveys?: readonly { respondedAt: number }[];
  sessions?: readonly { startedAt: number }[];
}

const lower = (a: number | null, b: number): number => (a === null ? b : Math.min(a, b));
const upper = (a: number | null, b: number): number => (a === null ? b : Math.max(a, b));

/** Widens the stored pending span by one batch's records (one settings row per batch). */
export async function deferTouches(tx: RecordStore, touches: DeferredTouches): Promise<void> {
  const surveys = touches.surveys ?? [];
  const sessions = touches.sessions ?? [];
  if (touches.contacts.length === 0 && touches.agentTimes.length === 0 && surveys.length === 0 && sessions.length === 0) return;
  const span: PendingSpan = (await tx.getSetting<PendingSpan>(ROLLUP_PENDING_KEY)) ?? { contactsFrom: null, contactsTo: null, agentFrom: null };
  for (const c of touches.contacts) {
    span.contactsFrom = lower(span.contactsFrom, c.enqueuedAt);
    span.contactsTo = upper(span.contactsTo, Math.max(c.endedAt, c.enqueuedAt));
  }
  for (const a of touches.agentTimes) span.agentFrom = lower(span.agentFrom, a.at);
  for (const x of sessions) {
    span.sessionsFrom = lower(span.sessionsFrom ?? null, x.startedAt);
    span.sessionsTo = upper(span.sessionsTo ?? null, x.startedAt);
  }
  for (const r of surveys) {
    span.surveysFrom = lower(span.surveysFrom ?? null, r.respondedAt);
    span.surveysTo = upper(span.surveysTo ?? null, r.respondedAt);
  }
  await tx.setSetting(ROLLUP_PENDING_KEY, span);
}

export interface RebuildReport {
  span: PendingSpan | null;
  contactIntervals: number;
  repeatIntervals: number;
  agentTimeFrom: number | null;
  agentTimeThrough: number | null;
  agents: number;
  /** Wall ms per pass, for the start-up report and docs/perf.md. */
  ms: { repeats: number; contacts: number; agentTime: number; daily: number; surveys: number; sessions: number };
  /** Session rollup intervals re-aggregated. */
  sessionIntervals: number;
}

/** Agents per agent-time pass: each pass holds its agents' events over the whole span in memory. */
const AGENTS_PER_PASS = 50;

export interface RebuildDeps {
  config: KpiConfig;
  watermarkKey: string;
  firstEventTime: (tx: RecordStore) => Promise<number | null>;
  onProgress?: (step: string, done: number, total: number) => void;
}

/**
 * Brings the rollups up to date for everything deferred, in set-based passes, to the same state
 * the per-batch refresh would have left (rollup-rebuild-equals-incremental.spec.ts):
 * 1. first repeats of every FCR subject ending in [contactsFrom − W, contactsTo] (one UPDATE);
 * 2. the 15-minute contact rows of every interval in [contactsFrom, contactsTo] plus the intervals
 *    whose subjects' repeats changed (one DELETE + one INSERT … SELECT … GROUP BY), then their
 *    site-level sums (site-contact-rollup.ts);
 * 3. agent time: watermark W' = max(W, interval of the latest event), as the incremental path;
 *    every agent over [min(W or the first event, agentFrom), W'), one pass per agent slice;
 * 4. the day rows those passes touched; 5. the survey day rows of the deferred responses' days;
 * 6. the self-service session rows (session-rollup.ts).
 */
export async function rebuildPending(tx: RecordStore, deps: RebuildDeps): Promise<RebuildReport> {
  const span = await tx.getSetting<PendingSpan>(ROLLUP_PENDING_KEY);
  const report: RebuildReport = { span, contactIntervals: 0, repeatIntervals: 0, agentTimeFrom: null, agentTimeThrough: null, agents: 0, ms: { repeats: 0, contacts: 0, agentTime: 0, daily: 0, surveys: 0, sessions: 0 }, sessionIntervals: 0 };
  if (!span) return report;
  const progress = deps.onProgress ?? (() => undefined);
  // A bulk load leaves the planner's statistics of the raw tables stale (PGlite runs no autovacuum;
  // PostgreSQL's lags a fresh load): the 14-day demo's session pass then ANDed a 77 k-entry
  // enqueued_at index scan into every contact lookup, 13 s per day of intervals (demo start
  // 106 → 276 s). ANALYZE costs ~1 s there.
  await tx.query('ANALYZE contacts, selfservice_sessions, selfservice_links, agent_state_events, survey_responses');
  const contactIntervals: number[] = [];
  let agentFrom: number | null = null;

  if (span.contactsFrom !== null && span.contactsTo !== null) {
    progress('FCR repeats', 0, 1);
    let t = Date.now();
    const lo = span.contactsFrom - FCR_ROLLUP_WINDOW_SECONDS * 1000;
    const changed = await tx.query<{ interval_ms: number }>(FCR_REPEAT_SPAN_SQL, [new Date(lo), new Date(span.contactsTo)]);
    report.repeatIntervals = changed.length;
    const intervals = new Set(intervalStarts(span.contactsFrom, span.contactsTo + 1));
    for (const r of changed) intervals.add(Number(r.interval_ms));
    report.contactIntervals = intervals.size;
    progress('contact intervals', 0, 1);
    report.ms.repeats = Date.now() - t;
    t = Date.now();
    contactIntervals.push(...intervals);
    await refreshContactIntervals(tx, contactIntervals, deps.config);
    await refreshSiteContactIntervals(tx, contactIntervals);
    report.ms.contacts = Date.now() - t;
  }

  const latest = await tx.latestEventTime();
  if (latest !== null) {
    const t = Date.now();
    const previous = await tx.getSetting<number>(deps.watermarkKey);
    const through = Math.max(previous ?? Number.NEGATIVE_INFINITY, floorInterval(latest));
    const first = previous ?? (await deps.firstEventTime(tx)) ?? through;
    const from = Math.min(first, through, span.agentFrom === null ? Infinity : floorInterval(span.agentFrom));
    const org = await tx.loadOrg();
    const ids = org.agents.map((a) => a.id);
    report.agentTimeFrom = from;
    agentFrom = from;
    report.agentTimeThrough = through;
    report.agents = ids.length;
    for (let i = 0; i < ids.length; i += AGENTS_PER_PASS) {
      progress('agent time', i, ids.length);
      await refreshAgentTime(tx, org, ids.slice(i, i + AGENTS_PER_PASS), from, through, deps.config);
    }
    progress('agent time', ids.length, ids.length);
    if (through !== previous) await tx.setSetting(deps.watermarkKey, through);
    report.ms.agentTime = Date.now() - t;
  }
  // 4. the day rows of every day those passes touched (and the days that completed), as the per-batch refresh.
  const t = Date.now();
  await refreshDaily(tx, { contactIntervals, repeatIntervals: [], agentTimes: agentFrom === null ? [] : [{ at: agentFrom }] }, deps.watermarkKey);
  report.ms.daily = Date.now() - t;
  // 5. the survey day rows of every UTC day a deferred response fell on.
  if (span.surveysFrom != null && span.surveysTo != null) {
    const s = Date.now();
    await refreshSurveyDays(tx, utcDaysBetween(span.surveysFrom, span.surveysTo));
    report.ms.surveys = Date.now() - s;
  }
  // 6. the self-service sessions: any deferred session or contact (a handover target, a repeat).
  const sFrom = Math.min(span.sessionsFrom ?? Infinity, span.contactsFrom ?? Infinity);
  const sTo = Math.max(span.sessionsTo ?? -Infinity, span.contactsTo ?? -Infinity);
  if (sFrom <= sTo) {
    const s = Date.now();
    progress('self-service sessions', 0, 1);
    report.sessionIntervals = await rebuildSessionRollup(tx, sFrom, sTo);
    report.ms.sessions = Date.now() - s;
  }
  await tx.query('DELETE FROM settings WHERE key = $1', [ROLLUP_PENDING_KEY]);
  return report;
}
