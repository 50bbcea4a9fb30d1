import { Injectable } from '@nestjs/common';
import { UNASSIGNED_SITE_ID, type QuarantineItem } from '@floorwatch/contracts';
import { QueueLogParser } from '@floorwatch/feeds';
import { RecordStore } from '../database/record-store';
import { OrgService } from '../org/org.service';
import { loadFeedState } from './feed-state';

/** feeds.md: a queue_log call still open this long after the latest event is listed as incomplete. */
export const INCOMPLETE_AFTER_SECONDS = 4 * 3600;

export interface UnmappedOrg {
  agents: { id: string; name: string }[];
  queues: { id: string; name: string; channel: string }[];
}

/**
 * What needs an admin's attention: quarantined lines not yet resolved, queue_log calls that never
 * ended (`incomplete`), and agents and queues seen in feeds but absent from the org (`unmapped`).
 */
@Injectable()
export class QuarantineService {
  constructor(
    private readonly store: RecordStore,
    private readonly orgs: OrgService,
  ) {}

  async list(options: { source?: string; limit?: number } = {}): Promise<QuarantineItem[]> {
    const limit = options.limit ?? 1000;
    const stored = await this.store.loadQuarantine({ source: options.source, limit });
    const items: QuarantineItem[] = stored
      .filter((q) => q.resolvedAt === null)
      .map((q) => ({ id: q.id, source: q.source, format: q.format, lineNumber: q.lineNumber, raw: q.raw, reason: q.reason, createdAt: new Date(q.createdAt).toISOString() }));
    for (const c of await this.incomplete()) {
      if (items.length >= limit) break;
      if (!options.source || c.source === options.source) items.push(c);
    }
    return items;
  }

  /** Open queue_log calls older than 4 h before the latest event, from the saved parser state. */
  async incomplete(): Promise<QuarantineItem[]> {
    const saved = await loadFeedState(this.store, 'queue_log');
    if (!saved) return [];
    const parser = new QueueLogParser();
    parser.importState(saved.parser);
    return parser
      .openCalls(INCOMPLETE_AFTER_SECONDS)
      .sort((a, b) => a.enqueuedAt - b.enqueuedAt)
      .map((c) => ({
        id: `incomplete:${c.callId}`,
        source: saved.callSources[c.callId] ?? 'queue_log',
        format: 'queue_log',
        lineNumber: c.lineNumber,
        raw: c.raw,
        reason: 'incomplete',
        createdAt: new Date(c.enqueuedAt).toISOString(),
      }));
  }

  async unmapped(): Promise<UnmappedOrg> {
    const org = await this.orgs.refresh();
    return {
      agents: org.org.agents.filter((a) => a.siteId === UNASSIGNED_SITE_ID).map((a) => ({ id: a.id, name: a.name })),
      queues: org.org.queues.filter((q) => q.siteId === UNASSIGNED_SITE_ID).map((q) => ({ id: q.id, name: q.name, channel: q.channel })),
    };
  }
}
