import type { RecordStore } from '../database/record-store';
import { SESSION_HANDOVER_BEFORE_MS } from '@floorwatch/kpi';
import { floorInterval, INTERVAL_MS } from './rollup-time';
import { hourly, refreshSessionDays } from './session-day-rollup';
import { SESSION_EP_ROLLUP_SQL, SESSION_REPEAT_SPAN_SQL, SESSION_REPEAT_SQL, SESSION_ROLLUP_SQL, SESSION_ROLLUP_WINDOW_SECONDS, SESSIONS_OF_CONTACTS_SQL } from './session-rollup-sql';

const W_MS = SESSION_ROLLUP_WINDOW_SECONDS * 1000;
const DAY_MS = 86_400_000;

/** What one ingest batch wrote that the session rollup depends on. */
export interface SessionTouches {
  /** Sessions written (new copies) and the start of each one's stored copy before the batch, if any. */
  sessions: readonly { sessionId: string; startedAt: number; customerKey: string | null }[];
  previousStarts: readonly number[];
  /** Sessions a CALLBACK link of the batch names. */
  linkedSessionIds: readonly string[];
  /** Contacts written: a session may hand over to them (time to human) or be repeated by them. */
  contacts: readonly { contactId?: string; segmentId?: string; enqueuedAt: number; customerKey: string | null }[];
}

/** Start times of the stored copies of these sessions (read before the batch replaces them). */
export async function storedSessionStarts(tx: RecordStore, sessionIds: readonly string[]): Promise<number[]> {
  if (sessionIds.length === 0) return [];
  const rows = await tx.query<{ t: number }>(
    'SELECT (extract(epoch from started_at) * 1000)::float8 AS t FROM selfservice_sessions WHERE session_id = ANY($1::text[])',
    [sessionIds],
  );
  return rows.map((r) => Number(r.t));
}

/**
 * Keeps rollup_sessions_15m in step inside the ingest's transaction, order-free: the repeats a
 * batch can change are recomputed first (its contained sessions; every subject of its customers
 * ending up to W before its latest start), then every interval that holds a written session (old
 * and new start), a session a link names, a session handing over to a written contact, or a subject
 * whose repeat changed is re-aggregated whole from the raw sessions.
 */
export async function refreshSessionRollup(tx: RecordStore, t: SessionTouches): Promise<void> {
  if (t.sessions.length === 0 && t.linkedSessionIds.length === 0 && t.contacts.length === 0) return;
  const intervals = new Set<number>();
  for (const s of t.sessions) intervals.add(floorInterval(s.startedAt));
  for (const s of t.previousStarts) intervals.add(floorInterval(s));

  const keys = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  const starts = [...t.sessions.map((s) => ({ k: s.customerKey, at: s.startedAt })), ...t.contacts.map((c) => ({ k: c.customerKey, at: c.enqueuedAt }))];
  for (const s of starts) {
    if (s.k === null) continue;
    keys.add(s.k);
    lo = Math.min(lo, s.at);
    hi = Math.max(hi, s.at);
  }
  // A replaced copy's old start no longer repeats anything of its customer (same key or not: the bound is wide enough).
  for (const at of t.previousStarts) {
    lo = Math.min(lo, at);
    hi = Math.max(hi, at);
  }
  const ids = t.sessions.map((s) => s.sessionId);
  if (keys.size > 0 || ids.length > 0) {
    const changed = await tx.query<{ interval_ms: number }>(SESSION_REPEAT_SQL, [[...keys], new Date(Number.isFinite(lo) ? lo : 0), new Date(Number.isFinite(hi) ? hi : 0), ids]);
    for (const r of changed) intervals.add(Number(r.interval_ms));
  }
  const contactIds = new Set<string>();
  for (const c of t.contacts) {
    if (c.contactId) contactIds.add(c.contactId);
    if (c.segmentId) contactIds.add(c.segmentId);
  }
  if (contactIds.size > 0) for (const r of await tx.query<{ interval_ms: number }>(SESSIONS_OF_CONTACTS_SQL, [[...contactIds]])) intervals.add(Number(r.interval_ms));
  if (t.linkedSessionIds.length > 0) for (const s of await storedSessionStarts(tx, t.linkedSessionIds)) intervals.add(floorInterval(s));
  await refreshSessionIntervals(tx, [...intervals]);
  // The day rows of those intervals' days (session-day-rollup.ts), in the same transaction.
  await refreshSessionDays(tx, [...intervals]);
}

/** Deletes and re-aggregates whole intervals (a replayed batch or a corrected session is never counted twice). */
export async function refreshSessionIntervals(store: RecordStore, intervals: readonly number[]): Promise<void> {
  if (intervals.length === 0) return;
  const sorted = [...new Set(intervals)].sort((a, b) => a - b);
  const starts = sorted.map((x) => new Date(x));
  await store.query('DELETE FROM rollup_sessions_15m WHERE interval_start = ANY($1::timestamptz[])', [starts]);
  await store.query('DELETE FROM rollup_sessions_ep_15m WHERE interval_start = ANY($1::timestamptz[])', [starts]);
  const from = sorted[0];
  const until = sorted[sorted.length - 1] + INTERVAL_MS;
  // The contacts a session of these intervals can hand over to: enqueued a day before its start to W after its end.
  const ends = await store.query<{ t: number | null }>(
    'SELECT (extract(epoch from max(ended_at)) * 1000)::float8 AS t FROM selfservice_sessions WHERE started_at >= $1 AND started_at < $2',
    [new Date(from), new Date(until)],
  );
  const lastEnd = ends[0]?.t === null || ends[0]?.t === undefined ? until : Number(ends[0].t);
  await store.query(SESSION_ROLLUP_SQL, [starts, new Date(from), new Date(until), new Date(from - SESSION_HANDOVER_BEFORE_MS), new Date(Math.max(lastEnd, until) + W_MS)]);
  await store.query(SESSION_EP_ROLLUP_SQL, [starts]);
}

/**
 * The rebuild's pass (rollup-rebuild.ts): the repeats of every subject the deferred sessions and
 * contacts can touch, then every interval holding a session that can hand over to, or be repeated
 * by, a deferred record: started in [from − W − 1 day, to + 1 day].
 */
export async function rebuildSessionRollup(tx: RecordStore, from: number, to: number): Promise<number> {
  await tx.query(SESSION_REPEAT_SPAN_SQL, [new Date(from - W_MS - DAY_MS), new Date(to + DAY_MS)]);
  // Rows of intervals no session starts in any more (a moved update's old start) go too.
  for (const table of ['rollup_sessions_15m', 'rollup_sessions_ep_15m']) {
    await tx.query(`DELETE FROM ${table} WHERE interval_start >= $1 AND interval_start <= $2`, [new Date(floorInterval(from - W_MS - DAY_MS)), new Date(to + DAY_MS)]);
  }
  const rows = await tx.query<{ t: number }>(
    `SELECT DISTINCT (extract(epoch from date_bin('15 minutes', started_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')) * 1000)::float8 AS t
       FROM selfservice_sessions WHERE started_at >= $1 AND started_at <= $2`,
    [new Date(from - W_MS - DAY_MS), new Date(to + DAY_MS)],
  );
  const intervals = rows.map((r) => Number(r.t));
  // A day of intervals per statement: each holds its sessions and their contacts' look-ups in memory.
  const sorted = intervals.sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] < sorted[i] + DAY_MS) j++;
    await refreshSessionIntervals(tx, sorted.slice(i, j));
    i = j;
  }
  // Every day the span's 15-minute rows were deleted or re-aggregated in, once (not per chunk).
  await refreshSessionDays(tx, hourly(floorInterval(from - W_MS - DAY_MS), to + DAY_MS + 1));
  return intervals.length;
}
