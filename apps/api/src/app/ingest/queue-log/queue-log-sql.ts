import { acwSecondsAfter, type DerivedOpenCall, type TimedState } from '@floorwatch/feeds';
import type { Row } from '../../database/bulk-writer';
import type { RecordStore } from '../../database/record-store';
import { QUEUE_LOG_LATEST_LINE_KEY } from '../../database/migrations/1796040000000-lean-ingest-writes';
import { toTimestamp } from '../../database/record-sql';
import type { StoredContact } from '../../database/record-types';
import { updateAcwWithDeltas, type AcwDelta } from '../../rollup/acw-delta';

/** A stored queue_log line to write: what the call and agent derivations read back. */
export interface QlLineRow {
  hash: string;
  at: number;
  callId: string | null;
  agentRef: string | null;
  text: string;
  source: string;
  lineNumber: number;
  /** The row is the line's claim (queue-log-claims.ts): an existing row makes the line a duplicate. */
  claim: boolean;
}

export interface StoredQlLine {
  text: string;
  source: string;
  lineNumber: number;
}

/** What a rollup refresh needs of a contact that was written, replaced or deleted. */
export interface ContactTouch {
  /** Ids of a written contact (the session rollup's time to human looks sessions up by them). */
  contactId?: string;
  segmentId?: string;
  enqueuedAt: number;
  endedAt: number;
  customerKey: string | null;
}

const MS = (col: string): string => `(extract(epoch from ${col}) * 1000)::float8`;
const LINE_COLUMNS = ['line_hash', 'at', 'call_id', 'agent_ref', 'text', 'source', 'line_number'];
const undash = (h: unknown): string => String(h).replace(/-/g, '');

/**
 * Stores the lines (a line already stored, the same text behind a stripped NUL or from another
 * file, is kept once) and returns the positions of claiming rows whose key was stored already
 * (before, or earlier in `rows`): those lines are duplicates. With legacyClaims, a claiming line
 * claimed in feed_lines only (before queue_log_lines existed) is one too. A file read for the
 * first time is one COPY on PostgreSQL, as before.
 */
export async function insertLines(tx: RecordStore, rows: readonly QlLineRow[], legacyClaims: boolean): Promise<Set<number>> {
  const already = new Set<number>();
  const first = new Map<string, number>();
  // Claiming rows first: a line as sent keeps its claim over a stripped copy of it in the same batch.
  for (const claim of [true, false]) {
    rows.forEach((r, i) => {
      if (r.claim !== claim) return;
      if (!first.has(r.hash)) first.set(r.hash, i);
      else if (claim) already.add(i);
    });
  }
  if (legacyClaims) {
    const claimed = [...first].filter(([, i]) => rows[i].claim).map(([h]) => h);
    const old = await tx.query<{ h: string }>(`SELECT line_hash AS h FROM feed_lines WHERE format = 'queue_log' AND line_hash = ANY($1::uuid[])`, [claimed]);
    for (const { h } of old) {
      const i = first.get(undash(h)) as number;
      already.add(i);
      first.delete(undash(h));
    }
  }
  const write = [...first.values()].sort((a, b) => a - b);
  let latest = Number.NEGATIVE_INFINITY;
  const values: Row[] = write.map((i) => {
    const r = rows[i];
    if (r.at > latest) latest = r.at;
    return [r.hash, toTimestamp(r.at), r.callId, r.agentRef, r.text, r.source, r.lineNumber];
  });
  if (values.length > 0) await raiseLatestLine(tx, latest);
  if (values.length === 0 || (await tx.writer.insertIfAllNew('queue_log_lines', LINE_COLUMNS, values, tx.runner))) return already;
  const fresh = new Set((await tx.writer.writeReturning('queue_log_lines', LINE_COLUMNS, values, 'line_hash', { runner: tx.runner })).map(undash));
  for (const i of write) if (rows[i].claim && !fresh.has(rows[i].hash)) already.add(i);
  return already;
}

/** Raises QUEUE_LOG_LATEST_LINE_KEY to `at` (never lowers it: a late line leaves it). */
async function raiseLatestLine(tx: RecordStore, at: number): Promise<void> {
  await tx.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, to_jsonb($2::float8), now())
     ON CONFLICT (key) DO UPDATE SET value = to_jsonb($2::float8), updated_at = now()
     WHERE (settings.value #>> '{}')::float8 < $2::float8`,
    [QUEUE_LOG_LATEST_LINE_KEY, at],
  );
}

export async function loadCallLines(tx: RecordStore, callIds: readonly string[]): Promise<Map<string, StoredQlLine[]>> {
  const rows = await tx.query<{ call_id: string; text: string; source: string; line_number: number }>(
    'SELECT call_id, text, source, line_number FROM queue_log_lines WHERE call_id = ANY($1::text[])',
    [callIds],
  );
  const out = new Map<string, StoredQlLine[]>();
  for (const r of rows) {
    let list = out.get(r.call_id);
    if (!list) out.set(r.call_id, (list = []));
    list.push({ text: r.text, source: r.source, lineNumber: Number(r.line_number) });
  }
  return out;
}

/** Deletes the stored contacts of these calls; returns what they touched (for the rollups). */
export async function deleteCallContacts(tx: RecordStore, callIds: readonly string[]): Promise<ContactTouch[]> {
  const rows = await tx.query<{ e: number; x: number; k: string | null }>(
    `WITH d AS (DELETE FROM contacts WHERE source = 'queue_log' AND contact_id = ANY($1::text[]) RETURNING enqueued_at, ended_at, customer_key)
     SELECT ${MS('enqueued_at')} AS e, ${MS('ended_at')} AS x, customer_key AS k FROM d`,
    [callIds],
  );
  return rows.map((r) => ({ enqueuedAt: Number(r.e), endedAt: Number(r.x), customerKey: r.k }));
}

export async function replaceOpenCalls(tx: RecordStore, callIds: readonly string[], open: readonly (DerivedOpenCall & { source: string; lineNumber: number })[]): Promise<void> {
  await tx.query('DELETE FROM queue_log_open_calls WHERE call_id = ANY($1::text[])', [callIds]);
  const values: Row[] = open.map((c) => [c.callId, c.queueRef, toTimestamp(c.enteredAt), c.answered, c.source, c.lineNumber, c.text]);
  await tx.writer.write('queue_log_open_calls', ['call_id', 'queue_ref', 'entered_at', 'answered', 'source', 'line_number', 'raw'], values, { runner: tx.runner });
}

/** Marks agents to re-derive from `from` on (the earliest wins). */
export async function markDirtyAgents(tx: RecordStore, from: ReadonlyMap<string, number>): Promise<void> {
  if (from.size === 0) return;
  await tx.query(
    `INSERT INTO queue_log_dirty_agents (agent_ref, from_at) SELECT * FROM unnest($1::text[], $2::timestamptz[])
     ON CONFLICT (agent_ref) DO UPDATE SET from_at = LEAST(queue_log_dirty_agents.from_at, excluded.from_at)`,
    [[...from.keys()], [...from.values()].map((t) => new Date(t))],
  );
}

/** A contact whose wrap-up a relink changed: what its rollup rows need (the acw delta, and its span for a deferred rebuild). */
export interface RelinkedContact extends ContactTouch {
  naturalKey: string;
  delta: number;
}

/** The first three states of each contact's agent at or after its end: all the wrap-up link rule (acw-link.ts) reads. */
const STATES_AFTER = (agent: string, end: string): string =>
  `(SELECT json_agg(json_build_object('at', ${MS('s.at')}, 'state', s.state) ORDER BY s.at, s.seq)
      FROM (SELECT at, seq, state FROM agent_state_events s WHERE s.agent_id = ${agent} AND s.at >= ${end} ORDER BY at, seq LIMIT 3) s)`;

const acwOf = (endedAt: number, ev: TimedState[] | string | null): number => {
  const events = (typeof ev === 'string' ? (JSON.parse(ev) as TimedState[]) : ev) ?? [];
  return acwSecondsAfter(endedAt, events.map((e) => ({ at: Number(e.at), state: e.state })));
};

/** Sets acwSeconds of queue_log contacts about to be written from their agents' stored states (what relinkAcw would set after the write). */
export async function linkAcwFromStoredStates(tx: RecordStore, contacts: StoredContact[]): Promise<void> {
  // A look-up per call, not one range read per agent over its calls' ends: a call-grouped file's
  // batch has calls all over the day, and the range read then fetched every agent's whole day of
  // states in each batch (the 87 k-line bench file: 8.8 → 11 s through `fw ingest`).
  const linked = contacts.filter((c) => c.agentId !== null);
  if (linked.length === 0) return;
  const rows = await tx.query<{ i: number; ev: TimedState[] | string | null }>(
    `SELECT u.i, ${STATES_AFTER('u.a', 'u.x')} AS ev FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS u(a, x, i)`,
    [linked.map((c) => c.agentId), linked.map((c) => new Date(c.endedAt))],
  );
  for (const r of rows) {
    const c = linked[Number(r.i) - 1];
    c.acwSeconds = acwOf(c.endedAt, r.ev);
  }
}

/** What a relink changed: the contacts, and (when it applied them) the rollup intervals their deltas went into. */
export interface RelinkResult {
  contacts: RelinkedContact[];
  /** Interval starts whose contact rollup rows took the deltas (applyToRollups), else empty. */
  intervals: number[];
}

/**
 * Recomputes acwSeconds (acw-link.ts) of the queue_log contacts chosen by `where` from their
 * agents' stored states; updates the ones that changed and returns what they touch.
 * The three first states at or after a call's end are all the link rule reads. With
 * applyToRollups the same statement adds the changes to the contact rollup rows (acw-delta.ts).
 */
export async function relinkAcw(tx: RecordStore, where: string, params: unknown[], applyToRollups = false): Promise<RelinkResult> {
  const rows = await tx.query<{ k: string; e: number; x: number; acw: number; ck: string | null; ev: TimedState[] | string | null }>(
    `SELECT c.natural_key AS k, ${MS('c.enqueued_at')} AS e, ${MS('c.ended_at')} AS x, c.acw_seconds AS acw, c.customer_key AS ck,
            ${STATES_AFTER('c.agent_id', 'c.ended_at')} AS ev
       FROM contacts c WHERE c.source = 'queue_log' AND c.agent_id IS NOT NULL AND ${where}`,
    params,
  );
  const changes: (AcwDelta & { acw: number })[] = [];
  const touched: RelinkedContact[] = [];
  for (const r of rows) {
    const acw = acwOf(Number(r.x), r.ev);
    if (acw === Number(r.acw)) continue;
    const delta = acw - Number(r.acw);
    changes.push({ source: 'queue_log', naturalKey: r.k, enqueuedAt: Number(r.e), acw, delta });
    touched.push({ enqueuedAt: Number(r.e), endedAt: Number(r.x), customerKey: r.ck, naturalKey: r.k, delta });
  }
  if (changes.length === 0) return { contacts: touched, intervals: [] };
  if (applyToRollups) return { contacts: touched, intervals: await updateAcwWithDeltas(tx, changes) };
  await tx.query(
    `UPDATE contacts c SET acw_seconds = u.acw FROM unnest($1::text[], $2::timestamptz[], $3::float8[]) AS u(k, e, acw)
      WHERE c.source = 'queue_log' AND c.natural_key = u.k AND c.enqueued_at = u.e`,
    [changes.map((c) => c.naturalKey), changes.map((c) => new Date(c.enqueuedAt)), changes.map((c) => c.acw)],
  );
  return { contacts: touched, intervals: [] };
}
