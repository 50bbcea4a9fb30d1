import { UNASSIGNED_SITE_ID, type OrgEntryPoint, type SelfServiceSession, type SessionChannel, type SessionOutcome } from '@floorwatch/contracts';
import type { RecordStore } from '../database/record-store';
import { ms, toTimestamp, toTimestampOrNull } from '../database/record-sql';
import { firstLinkPerSession, latestPerSession, type StoredSession, type StoredSessionLink } from './session-records';

const SESSION_COLUMNS = [
  'session_id', 'source', 'customer_key', 'channel', 'entry_point', 'started_at', 'ended_at', 'outcome', 'intent',
  'last_node', 'id_attempted', 'id_passed', 'transferred_contact_id', 'reason_missing', 'linkable', 'version_ms',
  'line_number', 'content_hash',
];

/** Upserts sessions: a stored copy is replaced only by one that wins (version, line, content hash). */
export async function writeSessions(store: RecordStore, rows: readonly StoredSession[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = latestPerSession(rows).map((s) => [
    s.sessionId, s.source, s.customerKey, s.channel, s.entryPoint, toTimestamp(s.startedAt), toTimestampOrNull(s.endedAt), s.outcome,
    s.intent, s.lastNode, s.idAttempted, s.idPassed, s.transferredContactId, s.reasonMissing ?? false, s.linkable, s.versionMs,
    s.lineNumber, s.contentHash,
  ]);
  return store.writer.write('selfservice_sessions', SESSION_COLUMNS, values, {
    runner: store.runner,
    onConflict: {
      update: SESSION_COLUMNS.filter((c) => c !== 'session_id'),
      where: '(excluded.version_ms, excluded.line_number, excluded.content_hash) > (t.version_ms, t.line_number, t.content_hash)',
    },
  });
}

export async function writeSessionLinks(store: RecordStore, rows: readonly StoredSessionLink[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = firstLinkPerSession(rows).map((l) => [l.sessionId, l.contactId]);
  return store.writer.write('selfservice_links', ['session_id', 'contact_id'], values, {
    runner: store.runner,
    onConflict: { update: ['contact_id'], where: 'excluded.contact_id < t.contact_id' },
  });
}

export async function loadEntryPoints(store: RecordStore): Promise<OrgEntryPoint[]> {
  const rows = await store.query<{ id: string; name: string; siteId: string; aliases: string }>(
    'SELECT id, name, site_id AS "siteId", aliases FROM entry_points ORDER BY id',
  );
  return rows.map((r) => ({ ...r, aliases: JSON.parse(r.aliases) as string[] }));
}

interface SessionRow {
  sessionId: string;
  customerKey: string | null;
  channel: string;
  entryPoint: string;
  startedAt: number;
  endedAt: number | null;
  outcome: string | null;
  intent: string | null;
  lastNode: string | null;
  idAttempted: boolean | null;
  idPassed: boolean | null;
  transferredContactId: string | null;
  reasonMissing: boolean;
  linkable: boolean;
  linkContactId: string | null;
}

const SESSION_SELECT = `SELECT s.session_id AS "sessionId", s.customer_key AS "customerKey", s.channel, s.entry_point AS "entryPoint",
  ${ms('s.started_at', 'startedAt')}, ${ms('s.ended_at', 'endedAt')}, s.outcome, s.intent, s.last_node AS "lastNode",
  s.id_attempted AS "idAttempted", s.id_passed AS "idPassed", s.transferred_contact_id AS "transferredContactId",
  s.reason_missing AS "reasonMissing", s.linkable, l.contact_id AS "linkContactId"
  FROM selfservice_sessions s LEFT JOIN selfservice_links l ON l.session_id = s.session_id`;

/** Entry point by id or alias → (id, site). */
export function entryPointIndex(entryPoints: readonly OrgEntryPoint[]): Map<string, OrgEntryPoint> {
  const byRef = new Map<string, OrgEntryPoint>();
  for (const e of entryPoints) for (const ref of [e.id, ...e.aliases]) byRef.set(ref, e);
  return byRef;
}

/**
 * The session as the KPIs see it: a CALLBACK link (from whichever CTR came first or last) makes a
 * linkable Connect session `transferred` to that callback; the entry point maps to its site.
 */
export function toSession(r: SessionRow, entryPoints: Map<string, OrgEntryPoint>): SelfServiceSession {
  const ep = entryPoints.get(r.entryPoint);
  const linked = r.linkable && r.linkContactId !== null;
  return {
    sessionId: r.sessionId,
    customerKey: r.customerKey,
    channel: r.channel as SessionChannel,
    entryPoint: ep?.id ?? r.entryPoint,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    outcome: linked ? 'transferred' : (r.outcome as SessionOutcome | null),
    intent: r.intent,
    lastNode: r.lastNode,
    idAttempted: r.idAttempted,
    idPassed: r.idPassed,
    transferredContactId: linked ? r.linkContactId : r.transferredContactId,
    siteId: ep?.siteId ?? UNASSIGNED_SITE_ID,
    // The callback decides the outcome, so the missing DisconnectReason no longer matters.
    ...(r.reasonMissing && !linked ? { reasonMissing: true } : {}),
  };
}

/** Sessions started in [from, to), plus open ones started earlier (ordered by start, id). */
export async function loadSessions(store: RecordStore, from: number, to: number): Promise<SelfServiceSession[]> {
  const eps = entryPointIndex(await loadEntryPoints(store));
  const rows = await store.query<SessionRow>(
    `${SESSION_SELECT} WHERE s.started_at >= $1 AND s.started_at < $2 ORDER BY s.started_at, s.session_id`,
    [toTimestamp(from), toTimestamp(to)],
  );
  return rows.map((r) => toSession(r, eps));
}

/** Sessions of these customers started in (after, until]: the true-containment and journey look-ahead. */
export async function loadSessionsByCustomer(store: RecordStore, customerKeys: readonly string[], after: number, until: number): Promise<SelfServiceSession[]> {
  if (customerKeys.length === 0) return [];
  const eps = entryPointIndex(await loadEntryPoints(store));
  const rows = await store.query<SessionRow>(
    `${SESSION_SELECT} WHERE s.customer_key IN (SELECT unnest($1::text[])) AND s.started_at > $2 AND s.started_at <= $3 ORDER BY s.started_at, s.session_id`,
    [customerKeys, toTimestamp(after), toTimestamp(until)],
  );
  return rows.map((r) => toSession(r, eps));
}

/** Open sessions now (ivrNow of selfservice.md §5), per site. */
export async function countOpenSessions(store: RecordStore): Promise<Map<string, number>> {
  const eps = entryPointIndex(await loadEntryPoints(store));
  const rows = await store.query<{ entryPoint: string; n: number }>(
    `SELECT entry_point AS "entryPoint", count(*)::int AS n FROM selfservice_sessions WHERE ended_at IS NULL GROUP BY entry_point`,
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const site = eps.get(r.entryPoint)?.siteId ?? UNASSIGNED_SITE_ID;
    out.set(site, (out.get(site) ?? 0) + r.n);
  }
  return out;
}
