import type { RecordStore } from '../database/record-store';
import type { StoredContact } from '../database/record-types';
import type { StoredSessionLink } from './session-records';

/** What a rollup refresh needs of a stored contact the rule below changed. */
export interface ExitTouch {
  enqueuedAt: number;
  endedAt: number;
  customerKey: string | null;
}

const CTR = 'connect-ctr';
const MS = (col: string): string => `(extract(epoch from ${col}) * 1000)::float8`;

/** An unanswered queued inbound CTR (mapped as abandoned): the rule's only candidates. */
const waiting = (c: StoredContact): boolean =>
  c.source === CTR && (c.direction ?? 'inbound') === 'inbound' && c.queued !== false && c.answeredAt === null && c.outcome === 'abandoned';

/*
 * selfservice.md §1: exitedByKey counts, on Connect, an unanswered queued CTR that a CALLBACK CTR
 * names as PreviousContactId (the caller asked to be called back and left the queue); its outcome
 * is then `timeout`: offered, neither answered nor abandoned. The CALLBACK CTR's link is stored in
 * selfservice_links (session id `ctr:<PreviousContactId>`, the contact's natural key), so the rule
 * is applied from either side and arrival order does not matter: a contact written after its link
 * is marked before it is written (below), a link written after its contact marks the stored row
 * (markStoredCallbackExits).
 */
export async function markCallbackExits(tx: RecordStore, contacts: StoredContact[], batchLinks: readonly StoredSessionLink[]): Promise<void> {
  const keys = [...new Set(contacts.filter(waiting).map((c) => c.naturalKey).filter((k): k is string => k !== undefined))];
  if (keys.length === 0) return;
  const named = new Set(batchLinks.map((l) => l.sessionId));
  const stored = await tx.query<{ s: string }>('SELECT session_id AS s FROM selfservice_links WHERE session_id = ANY($1::text[])', [keys]);
  for (const r of stored) named.add(r.s);
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i];
    if (c.naturalKey !== undefined && waiting(c) && named.has(c.naturalKey)) contacts[i] = { ...c, exitedByKey: true, outcome: 'timeout' };
  }
}

/** The stored contacts the batch's CALLBACK links name, marked; returns them for the rollup refresh. */
export async function markStoredCallbackExits(tx: RecordStore, links: readonly StoredSessionLink[]): Promise<ExitTouch[]> {
  if (links.length === 0) return [];
  const rows = await tx.query<{ e: number; x: number; k: string | null }>(
    `UPDATE contacts c SET exited_by_key = true, outcome = 'timeout'
      WHERE c.source = '${CTR}' AND c.natural_key = ANY($1::text[]) AND c.direction = 'inbound' AND c.queued
        AND c.answered_at IS NULL AND c.outcome = 'abandoned'
     RETURNING ${MS('c.enqueued_at')} AS e, ${MS('c.ended_at')} AS x, c.customer_key AS k`,
    [[...new Set(links.map((l) => l.sessionId))]],
  );
  // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
  const list = (Array.isArray(rows[0]) ? rows[0] : rows) as unknown as { e: number; x: number; k: string | null }[];
  return list.map((r) => ({ enqueuedAt: Number(r.e), endedAt: Number(r.x), customerKey: r.k }));
}
