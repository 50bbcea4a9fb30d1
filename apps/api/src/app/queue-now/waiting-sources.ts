import { Injectable } from '@nestjs/common';
import type { WaitingContact } from '@floorwatch/contracts';
import { RecordStore } from '../database/record-store';
import { OrgService } from '../org/org.service';

/** A live source of contacts in queue now (the demo's simulated ACD registers one). */
export type WaitingSource = (asOf: number) => WaitingContact[] | Promise<WaitingContact[]>;

/**
 * A queue_log call still open this long after entering is lost (no line ends it), not waiting:
 * the same 4 h after which the quarantine view lists it as `incomplete` (feeds.md).
 */
export const WAITING_MAX_SECONDS = 4 * 3600;

/**
 * Contacts in queue now. Completed-contact feeds (Connect CTRs, contacts NDJSON) only say a
 * contact waited once it has ended, so the stored source is queue_log's open calls
 * (queue_log_open_calls, kept by the order-free ingest): entered, neither answered nor ended.
 * Other live sources (the demo simulator) register themselves.
 */
@Injectable()
export class WaitingSources {
  private readonly extra: WaitingSource[] = [];

  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
  ) {}

  register(source: WaitingSource): void {
    this.extra.push(source);
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
