import { Injectable } from '@nestjs/common';
import type { WaitingContact } from '@floorwatch/contracts';
import type { UnknownWaitingQueue } from '@floorwatch/kpi';
import { RecordStore } from '../database/record-store';
import { OrgService } from '../org/org.service';

/** A live source of contacts in queue now (the demo's simulated ACD registers one). */
export type WaitingSource = (asOf: number) => WaitingContact[] | Promise<WaitingContact[]>;

/**
 * How far back a queue's latest contact is looked for to tell its feed: a queue quiet for longer
 * has no evidence either way and reads as known (0 waiting), as before.
 */
export const FEED_KIND_LOOKBACK_MS = 30 * 86_400_000;
/** Feed formats (contacts.source) that report a contact only once it has ended (feeds.md). */
const COMPLETED_CONTACT_FEEDS = new Set<string>(['connect-ctr', 'contacts-ndjson']);
/** The wallboard polls every 10 s; which feed a queue is on changes with a deployment, not a poll. */
const FEED_KIND_TTL_MS = 60_000;

/**
 * A queue_log call still open this long after entering is lost (no line ends it), not waiting:
 * the same 4 h after which the quarantine view lists it as `incomplete` (feeds.md).
 */
export const WAITING_MAX_SECONDS = 4 * 3600;

/**
 * Contacts in queue now. Completed-contact feeds (Connect CTRs, contacts NDJSON) only say a
 * contact waited once it has ended, so the stored source is queue_log's open calls
 * (queue_log_open_calls, kept by the order-free ingest): entered, neither answered nor ended.
 * Other live sources (the demo simulator) register themselves. A queue on a completed-contact
 * feed that no source covers reports waiting as unknown (unknownQueues), not 0.
 */
@Injectable()
export class WaitingSources {
  private readonly extra: WaitingSource[] = [];
  private readonly covered: ((siteId: string) => boolean)[] = [];
  private readonly kinds = new Map<string, { at: number; asOf: number; unknown: UnknownWaitingQueue[] }>();

  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
  ) {}

  /** `covers`: the sites whose every queue the source knows (their waiting is known whatever the feed). */
  register(source: WaitingSource, covers: (siteId: string) => boolean = () => false): void {
    this.extra.push(source);
    this.covered.push(covers);
  }

  /**
   * The site's queues whose waiting nobody knows at asOf: no live source covers the site and the
   * queue's latest contact (within FEED_KIND_LOOKBACK_MS) came from a completed-contact feed
   * (contacts.source is the feed format: connect-ctr, contacts-ndjson). A queue_log queue has its
   * open calls as the stored waiting source; a queue with no recent contact has no evidence. One index probe per queue (queue_id,
   * enqueued_at), cached a minute per site.
   */
  async unknownQueues(siteId: string, asOf: number): Promise<UnknownWaitingQueue[]> {
    if (this.covered.some((covers) => covers(siteId))) return [];
    const now = Date.now();
    const hit = this.kinds.get(siteId);
    if (hit && now - hit.at < FEED_KIND_TTL_MS && Math.abs(hit.asOf - asOf) < FEED_KIND_TTL_MS) return hit.unknown;
    const queues = (await this.orgs.org()).queues.filter((q) => q.siteId === siteId);
    const rows = queues.length === 0 ? [] : await this.store.query<{ id: string; source: string | null }>(
      `SELECT q.id, l.source FROM unnest($1::text[]) AS q(id)
         LEFT JOIN LATERAL (SELECT c.source FROM contacts c WHERE c.queue_id = q.id AND c.enqueued_at <= $2 AND c.enqueued_at > $3
                             ORDER BY c.enqueued_at DESC LIMIT 1) l ON TRUE`,
      [queues.map((q) => q.id), new Date(asOf), new Date(asOf - FEED_KIND_LOOKBACK_MS)],
    );
    const completedOnly = new Set(rows.filter((r) => r.source !== null && COMPLETED_CONTACT_FEEDS.has(r.source)).map((r) => r.id));
    const unknown = queues.filter((q) => completedOnly.has(q.id)).map((q) => ({ queueId: q.id, channel: q.channel }));
    this.kinds.set(siteId, { at: now, asOf, unknown });
    return unknown;
  }

  async at(asOf: number): Promise<WaitingContact[]> {
    const [stored, ...others] = await Promise.all([this.openQueueLogCalls(asOf), ...this.extra.map((s) => s(asOf))]);
    return [...stored, ...others.flat()];
  }

  private async openQueueLogCalls(asOf: number): Promise<WaitingContact[]> {
    const rows = await this.store.query<{ queue_ref: string; e: number }>(
      `SELECT queue_ref, (extract(epoch from entered_at) * 1000)::float8 AS e FROM queue_log_open_calls
        WHERE NOT answered AND entered_at <= $1 AND entered_at > $2`,
      [new Date(asOf), new Date(asOf - WAITING_MAX_SECONDS * 1000)],
    );
    if (rows.length === 0) return [];
    const org = await this.orgs.org();
    // queue_log names a queue by its id or an alias (org.json), as the ingest maps it.
    const byRef = new Map<string, (typeof org.queues)[number]>();
    for (const q of org.queues) {
      for (const a of q.aliases) byRef.set(a, q);
      byRef.set(q.id, q);
    }
    const out: WaitingContact[] = [];
    for (const r of rows) {
      const q = byRef.get(r.queue_ref);
      if (q) out.push({ queueId: q.id, siteId: q.siteId, channel: q.channel, enteredAt: Number(r.e) });
    }
    return out;
  }
}
