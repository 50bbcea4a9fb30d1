import { createHash } from 'node:crypto';
import type { FeedSession, FeedSessionLink } from '@floorwatch/feeds';
import { hashCustomerKey } from '../ingest/customer-key';

/** A session as stored: the feed copy with its customer hashed and its ordering key. */
export interface StoredSession extends Omit<FeedSession, 'kind' | 'customerRef' | 'version' | 'line'> {
  source: string;
  customerKey: string | null;
  versionMs: number;
  lineNumber: number;
  contentHash: string;
}

export type StoredSessionLink = Omit<FeedSessionLink, 'kind'>;

/** An open or unversioned copy orders below every real time (selfservice.md §2: open lowest). */
export const LOWEST_VERSION = -1e15;

const clean = (s: string): string => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);
const cleanOrNull = (s: string | null): string | null => (s === null ? null : clean(s));

export function toStoredSession(r: FeedSession, source: string, salt: string): StoredSession {
  const body = {
    sessionId: clean(r.sessionId),
    customerKey: hashCustomerKey(salt, r.customerRef),
    channel: r.channel,
    entryPoint: clean(r.entryPoint),
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    outcome: r.outcome,
    intent: cleanOrNull(r.intent),
    lastNode: cleanOrNull(r.lastNode),
    idAttempted: r.idAttempted,
    idPassed: r.idPassed,
    transferredContactId: cleanOrNull(r.transferredContactId),
    reasonMissing: r.reasonMissing === true,
    linkable: r.linkable,
  };
  // The last tie-break: two different copies with the same version and line still settle the same way in any order.
  const contentHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return { ...body, source, versionMs: r.version ?? LOWEST_VERSION, lineNumber: r.line, contentHash };
}

/** Whether copy a wins over copy b: greater version, then greater line, then greater content hash. */
export function wins(a: StoredSession, b: StoredSession): boolean {
  if (a.versionMs !== b.versionMs) return a.versionMs > b.versionMs;
  if (a.lineNumber !== b.lineNumber) return a.lineNumber > b.lineNumber;
  return a.contentHash > b.contentHash;
}

/** The winning copy per sessionId of one batch (the store applies the same rule against stored rows). */
export function latestPerSession(rows: readonly StoredSession[]): StoredSession[] {
  const best = new Map<string, StoredSession>();
  for (const r of rows) {
    const cur = best.get(r.sessionId);
    if (!cur || wins(r, cur)) best.set(r.sessionId, r);
  }
  return [...best.values()];
}

/** Several CALLBACK CTRs naming one session: the least contactId, so any order gives the same link. */
export function firstLinkPerSession(rows: readonly StoredSessionLink[]): StoredSessionLink[] {
  const best = new Map<string, StoredSessionLink>();
  for (const r of rows) {
    const cur = best.get(r.sessionId);
    if (!cur || r.contactId < cur.contactId) best.set(r.sessionId, r);
  }
  return [...best.values()];
}
