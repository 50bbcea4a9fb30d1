import { Injectable, NotFoundException } from '@nestjs/common';
import { UNASSIGNED_SITE_ID, type QuarantineItem } from '@floorwatch/contracts';
import { badRequest } from '../common/validation';
import { QUARANTINE_COLUMNS } from '../database/record-sql';
import { RecordStore } from '../database/record-store';
import type { StoredQuarantine } from '../database/record-types';
import { OrgService } from '../org/org.service';
import { QUEUE_LOG_LATEST_LINE_KEY } from '../database/migrations/1796040000000-lean-ingest-writes';

/** feeds.md: a queue_log call still open this long after the latest event is listed as incomplete. */
export const INCOMPLETE_AFTER_SECONDS = 4 * 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    const items: QuarantineItem[] = stored.map(toItem);
    for (const c of await this.incomplete()) {
      if (items.length >= limit) break;
      if (!options.source || c.source === options.source) items.push(c);
    }
    return items;
  }

  /**
   * Marks a quarantined line resolved: the admin fixed the source and re-ingested it (the fixed
   * line is a new line, accepted on its own), or decided it is not needed. It leaves the list and
   * stays stored. Resolving twice keeps the first time. An `incomplete` call is not stored: it
   * leaves the list when the rest of its call is ingested.
   */
  async resolve(id: string): Promise<QuarantineItem> {
    if (id.startsWith('incomplete:')) throw badRequest('id', 'an incomplete call leaves the list when the rest of its lines are ingested; it cannot be resolved by hand');
    if (!UUID.test(id)) throw badRequest('id', `"${id}" is not a quarantine id`);
    const [row] = await this.store.query<StoredQuarantine>(
      // As a CTE: TypeORM hands back a bare UPDATE … RETURNING as [rows, count].
      `WITH u AS (UPDATE quarantine SET resolved_at = COALESCE(resolved_at, now()) WHERE id = $1 RETURNING *)
       SELECT ${QUARANTINE_COLUMNS} FROM u`,
      [id],
    );
    if (!row) throw new NotFoundException(`no quarantined line ${id}`);
    return toItem(row);
  }

  /**
   * Open queue_log calls (queue_log_open_calls, kept by the order-free ingest) that entered a
   * queue 4 h or more before the latest stored queue_log line: not countable yet, never silent.
   */
  async incomplete(): Promise<QuarantineItem[]> {
    const rows = await this.store.query<{ call_id: string; source: string; line_number: number; raw: string; e: number }>(
      `SELECT call_id, source, line_number, raw, (extract(epoch from entered_at) * 1000)::float8 AS e FROM queue_log_open_calls
        WHERE entered_at <= (SELECT to_timestamp((value #>> '{}')::float8 / 1000) FROM settings WHERE key = $2) - make_interval(secs => $1)
        ORDER BY entered_at, call_id`,
      [INCOMPLETE_AFTER_SECONDS, QUEUE_LOG_LATEST_LINE_KEY],
    );
    return rows.map((c) => ({
      id: `incomplete:${c.call_id}`,
      source: c.source,
      format: 'queue_log',
      lineNumber: Number(c.line_number),
      raw: c.raw,
      reason: 'incomplete',
      createdAt: new Date(Number(c.e)).toISOString(),
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

/** The API's view of a stored line; `resolvedAt` only once it is resolved. */
function toItem(q: StoredQuarantine): QuarantineItem {
  const item: QuarantineItem = { id: q.id, source: q.source, format: q.format, lineNumber: q.lineNumber, raw: q.raw, reason: q.reason, createdAt: new Date(q.createdAt).toISOString() };
  if (q.resolvedAt !== null) item.resolvedAt = new Date(q.resolvedAt).toISOString();
  return item;
}
