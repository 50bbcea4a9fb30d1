import { UNASSIGNED_SITE_ID, type OrgEntryPoint } from '@floorwatch/contracts';
import { addSelfServiceInto, bucketAt, emptySelfServiceComponents, intervalKey, type SelfServiceComponents, type SelfServiceGroupBy } from '@floorwatch/kpi';
import type { RecordStore } from '../database/record-store';
import { SESSION_ROLLUP_WINDOW_SECONDS } from './session-rollup-sql';

const W = `interval '${SESSION_ROLLUP_WINDOW_SECONDS} seconds'`;
const W_MS = SESSION_ROLLUP_WINDOW_SECONDS * 1000;
const UNKNOWN = 'unknown';

export interface SessionRollupQuery {
  /** Aligned bounds: [from, until) of interval starts. */
  from: number;
  until: number;
  asOf: number;
  by?: SelfServiceGroupBy;
  /** Day and hour keys' zone for every session (kpis.md `tz`); else the entry point's site zone, UTC when unmapped. */
  tz?: string;
  /** Site scope: only the rows whose entry point maps to it. */
  siteId?: string;
  /** Only these entry points as written (or all but these): one zone group of the day plan (session-day-reader.ts). */
  entryPoints?: EntryPointFilter;
}

export interface EntryPointFilter {
  refs: string[];
  negate: boolean;
}

/** Separator of the row keys mixed rows are matched by (a control character no key holds). */
export const KEY_SEP = 'chr(31)';
/** Stands for a null intent or node in those keys. */
export const KEY_NULL = 'chr(30)';

export interface SessionSumsRow {
  offered: number; short_abandoned: number; contained: number; transferred: number; abandoned: number; error: number;
  reason_missing: number; seconds_sum: number; id_known: number; id_failed: number; tth_sum: number; tth_n: number;
  ss_eligible: number; ss_repeated: number; ss_pending: number; mixed: string[] | null;
}

interface Row extends SessionSumsRow {
  entry_point: string;
  channel: string | null;
  intent: string | null;
  last_node: string | null;
  tkey: string | null;
  istart: number | null;
}

/** The summed counters of a rollup read; `pending`, `eligible`, `mixed`: SQL conditions on the row (true containment at asOf). */
export function sessionSums(pending: string, eligible: string, mixed: string, mixedKey: string): string {
  return `sum(r.offered)::int AS offered, sum(r.short_abandoned)::int AS short_abandoned, sum(r.contained)::int AS contained,
       sum(r.transferred)::int AS transferred, sum(r.abandoned)::int AS abandoned, sum(r.error)::int AS error,
       sum(r.reason_missing)::int AS reason_missing, sum(r.seconds_sum)::float8 AS seconds_sum, sum(r.id_known)::int AS id_known,
       sum(r.id_failed)::int AS id_failed, sum(r.tth_sum)::float8 AS tth_sum, sum(r.tth_n)::int AS tth_n,
       COALESCE(sum(r.ss_subjects) FILTER (WHERE ${eligible}), 0)::int AS ss_eligible,
       COALESCE(sum(r.ss_repeated) FILTER (WHERE ${eligible}), 0)::int AS ss_repeated,
       COALESCE(sum(r.ss_subjects) FILTER (WHERE ${pending}), 0)::int AS ss_pending,
       array_agg(${mixedKey}) FILTER (WHERE ${mixed}) AS mixed`;
}

/** `AND [NOT] <col> = ANY($n)` for an entry point filter ('' without one). */
export function entryPointClause(f: EntryPointFilter | undefined, col: string, params: unknown[]): string {
  if (!f) return '';
  return ` AND ${f.negate ? 'NOT ' : ''}${col} = ANY($${params.push(f.refs)}::text[])`;
}

/** Adds a rollup row's counters (mixed subjects apart) to the group's components. */
export function addSums(c: SelfServiceComponents, r: SessionSumsRow): void {
  c.offered += r.offered;
  c.short += r.short_abandoned;
  c.contained += r.contained;
  c.transferred += r.transferred;
  c.abandoned += r.abandoned;
  c.error += r.error;
  c.reasonMissing += r.reason_missing;
  c.secondsSum += Number(r.seconds_sum);
  c.idKnown += r.id_known;
  c.idFailed += r.id_failed;
  c.tthSum += Number(r.tth_sum);
  c.tthN += r.tth_n;
  c.ssEligible += r.ss_eligible;
  c.ssRepeated += r.ss_repeated;
  c.ssPending += r.ss_pending;
}

/** SQL dimensions per grouping (the entry point always: site and entry point id are resolved here, from the org's current mapping). */
function dims(by: SelfServiceGroupBy | undefined): { channel: boolean; intent: boolean; lastNode: boolean; time: 'local' | 'interval' | null } {
  return {
    channel: by === 'channel' || by === 'coverage',
    intent: by === 'intent' || by === 'coverage',
    lastNode: by === 'lastNode',
    time: by === 'day' || by === 'hour' ? 'local' : by === 'interval' ? 'interval' : null,
  };
}

/**
 * The self-service components of [from, until) from rollup_sessions_15m, per group key. True
 * containment: a row's subjects are pending when its interval starts after asOf − W (every end is
 * later), eligible when its latest subject ended by asOf − W; the few rows in between ("mixed",
 * around asOf − W) are judged session by session from the stored `repeated` flags — the sessions
 * of those rows only (an interval's other rows may be wholly eligible and are counted already).
 */
export async function readSessionRollup(store: RecordStore, eps: ReadonlyMap<string, OrgEntryPoint>, tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery): Promise<Map<string, SelfServiceComponents>> {
  const d = dims(q.by);
  const full = d.intent || d.lastNode;
  const refs = [...eps.keys()];
  const tzs = refs.map((r) => tzOfSite.get(eps.get(r)?.siteId ?? '') ?? 'UTC');
  const fmt = q.by === 'day' ? 'YYYY-MM-DD' : 'HH24';
  const tzExpr = q.tz ? '$4::text' : "COALESCE(e.tz, 'UTC')";
  const cols = [
    'r.entry_point',
    d.channel ? 'r.channel' : 'NULL::text AS channel',
    d.intent ? 'r.intent' : 'NULL::text AS intent',
    d.lastNode ? 'r.last_node' : 'NULL::text AS last_node',
    d.time === 'local' ? `to_char(r.interval_start AT TIME ZONE ${tzExpr}, '${fmt}') AS tkey` : 'NULL::text AS tkey',
    d.time === 'interval' ? '(extract(epoch from r.interval_start) * 1000)::float8 AS istart' : 'NULL::float8 AS istart',
  ];
  const groupBy = cols.map((_, i) => String(i + 1)).join(', ');
  const pending = `r.interval_start + ${W} > $3`;
  const eligible = `NOT (${pending}) AND r.ss_max_ended_at + ${W} <= $3`;
  const mixed = `NOT (${pending}) AND r.ss_max_ended_at + ${W} > $3`;
  const params: unknown[] = [new Date(q.from), new Date(q.until), new Date(q.asOf)];
  // $4 only when the statement names it: PostgreSQL refuses a bind with more parameters than the
  // statement has (a `tz` on an ungrouped or by-site read was a 500 on every manager page).
  if (q.tz && d.time === 'local') params.push(q.tz);
  const join = d.time === 'local' && !q.tz ? `LEFT JOIN unnest($${params.push(refs)}::text[], $${params.push(tzs)}::text[]) AS e(ref, tz) ON e.ref = r.entry_point` : '';
  const epWhere = entryPointClause(q.entryPoints, 'r.entry_point', params);
  const rows = await store.query<Row>(
    `SELECT ${cols.join(', ')}, ${sessionSums(pending, eligible, mixed, intervalRowKey('r', full))}
     FROM ${full ? 'rollup_sessions_15m' : 'rollup_sessions_ep_15m'} r ${join}
     WHERE r.interval_start >= $1 AND r.interval_start < $2${epWhere}
     GROUP BY ${groupBy}`,
    params,
  );
  const out = new Map<string, SelfServiceComponents>();
  const keyer = groupKey(eps, tzOfSite, q);
  const mixedKeys = new Set<string>();
  for (const r of rows) {
    const ep = eps.get(r.entry_point);
    if (q.siteId !== undefined && (ep?.siteId ?? UNASSIGNED_SITE_ID) !== q.siteId) continue;
    const key = keyer({ entryPoint: r.entry_point, channel: r.channel, intent: r.intent, lastNode: r.last_node, tkey: r.tkey, start: r.istart });
    addSums(rowOf(out, key), r);
    for (const m of r.mixed ?? []) mixedKeys.add(m);
  }
  if (mixedKeys.size > 0) await addMixedSubjects(store, out, eps, q, mixedKeys, full, keyer);
  return out;
}

/** Key of a 15-minute row (alias `r`) or of a session's row (alias `s`, started_at binned): interval ms, entry point, channel[, intent, node]. */
function intervalRowKey(alias: 'r' | 's', full: boolean): string {
  const start = alias === 'r' ? 'r.interval_start' : `date_bin('15 minutes', s.started_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;
  const parts = [`((extract(epoch from ${start}) * 1000)::bigint)::text`, `${alias}.entry_point`, `${alias}.channel`];
  if (full) parts.push(`COALESCE(${alias}.intent, ${KEY_NULL})`, `COALESCE(${alias}.last_node, ${KEY_NULL})`);
  return `concat_ws(${KEY_SEP}, ${parts.join(', ')})`;
}

export interface KeyParts { entryPoint: string; channel: string | null; intent: string | null; lastNode: string | null; tkey: string | null; start: number | null }

export function groupKey(eps: ReadonlyMap<string, OrgEntryPoint>, tzOfSite: ReadonlyMap<string, string>, q: SessionRollupQuery): (p: KeyParts) => string {
  return (p) => {
    const ep = eps.get(p.entryPoint);
    switch (q.by) {
      case undefined: return 'all';
      case 'direction': return 'inbound';
      case 'site': return ep?.siteId ?? UNASSIGNED_SITE_ID;
      case 'entryPoint': return ep?.id ?? p.entryPoint;
      case 'channel': return p.channel ?? UNKNOWN;
      case 'intent': return p.intent ?? UNKNOWN;
      case 'lastNode': return p.lastNode ?? UNKNOWN;
      case 'coverage': return `${p.intent ?? UNKNOWN}|${p.channel}`;
      case 'interval': return intervalKey(p.start ?? 0);
      case 'day': case 'hour': {
        if (p.tkey !== null) return p.tkey;
        const tz = q.tz ?? tzOfSite.get(ep?.siteId ?? '') ?? 'UTC';
        return bucketAt(p.start ?? 0, q.by, tz).key;
      }
    }
  };
}

/** A mixed row's subject as read back from selfservice_sessions. */
export interface MixedSubject { entry_point: string; channel: string; intent: string | null; last_node: string | null; started: number; ended: number; repeated: boolean | null; rkey: string; day: string | null }

/** SQL of the subjects (contained, with a customer, closed, not turned into a transfer by a link) of sessions `s` joined to links `l`. */
export const SUBJECT_WHERE = `s.outcome = 'contained' AND s.customer_key IS NOT NULL AND s.ended_at IS NOT NULL AND NOT (s.linkable AND l.contact_id IS NOT NULL)`;

/** The mixed rows' subjects, each judged at asOf (pending while endedAt + W > asOf) with its stored repeat. */
async function addMixedSubjects(store: RecordStore, out: Map<string, SelfServiceComponents>, eps: ReadonlyMap<string, OrgEntryPoint>, q: SessionRollupQuery, keys: Set<string>, full: boolean, keyer: (p: KeyParts) => string): Promise<void> {
  const intervals = [...new Set([...keys].map((k) => Number(k.slice(0, k.indexOf('\u001f')))))];
  const rows = await store.query<MixedSubject>(
    `SELECT s.entry_point, s.channel, s.intent, s.last_node, (extract(epoch from s.started_at) * 1000)::float8 AS started,
       (extract(epoch from s.ended_at) * 1000)::float8 AS ended, s.repeated, ${intervalRowKey('s', full)} AS rkey, NULL::text AS day
       FROM selfservice_sessions s LEFT JOIN selfservice_links l ON l.session_id = s.session_id
      WHERE s.started_at >= $2 AND s.started_at < $3 AND date_bin('15 minutes', s.started_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') = ANY($1::timestamptz[])
        AND ${SUBJECT_WHERE}`,
    [intervals.map((t) => new Date(t)), new Date(Math.min(...intervals)), new Date(Math.max(...intervals) + 900_000)],
  );
  judgeSubjects(out, eps, q, keys, rows, (r) => keyer({ entryPoint: r.entry_point, channel: r.channel, intent: r.intent, lastNode: r.last_node, tkey: null, start: q.by === 'interval' ? Math.floor(Number(r.started) / 900_000) * 900_000 : Number(r.started) }));
}

/** Counts each subject of a mixed row (its key in `keys`) pending or eligible (and repeated) at asOf. */
export function judgeSubjects(out: Map<string, SelfServiceComponents>, eps: ReadonlyMap<string, OrgEntryPoint>, q: SessionRollupQuery, keys: Set<string>, rows: readonly MixedSubject[], key: (r: MixedSubject) => string): void {
  for (const r of rows) {
    if (!keys.has(r.rkey)) continue;
    const ep = eps.get(r.entry_point);
    if (q.siteId !== undefined && (ep?.siteId ?? UNASSIGNED_SITE_ID) !== q.siteId) continue;
    const c = rowOf(out, key(r));
    if (Number(r.ended) + W_MS > q.asOf) c.ssPending++;
    else {
      c.ssEligible++;
      if (r.repeated === true) c.ssRepeated++;
    }
  }
}

export function rowOf(rows: Map<string, SelfServiceComponents>, key: string): SelfServiceComponents {
  let c = rows.get(key);
  if (!c) rows.set(key, (c = emptySelfServiceComponents()));
  return c;
}

/** Adds every group of `from` into `into`. */
export function mergeComponents(into: Map<string, SelfServiceComponents>, from: ReadonlyMap<string, SelfServiceComponents>): void {
  for (const [key, c] of from) addSelfServiceInto(rowOf(into, key), c);
}
