import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import type { FeedHealth } from '@floorwatch/contracts';
import { RecordStore } from '../database/record-store';
import { OrgService } from '../org/org.service';
import { pendingRecordings } from './batch-records';
import { FeedAlerts } from './feed-alerts';
import { FeedHealthStore } from './feed-health.store';
import { anySiteOpen, toFeedHealth, type FeedHealthOptions } from './feed-status';

export const FEED_HEALTH_OPTIONS = Symbol('FEED_HEALTH_OPTIONS');
export const FEED_HEALTH_CLOCK = Symbol('FEED_HEALTH_CLOCK');

/** How often the stall watcher looks (FEED_CHECK_SECONDS, default 30). */
export const feedCheckMs = (env: NodeJS.ProcessEnv = process.env): number => Math.max(1, Number(env['FEED_CHECK_SECONDS'] ?? 30)) * 1000;

/**
 * Feed health for GET /api/v1/feeds, and the stall watcher: a source that turns red raises a
 * `feed-alert` (stalled) to admins and the control desk, and one that turns green again clears
 * it (resumed). Which sources are alerted is kept in memory: after a restart a still-stalled feed
 * is alerted once more.
 */
@Injectable()
export class FeedsHealthService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('FeedsHealth');
  private readonly health: FeedHealthStore;
  private readonly alerted = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    store: RecordStore,
    private readonly orgs: OrgService,
    private readonly alerts: FeedAlerts,
    @Inject(FEED_HEALTH_OPTIONS) private readonly options: FeedHealthOptions & { checkMs: number },
    @Optional() @Inject(FEED_HEALTH_CLOCK) private readonly clock: () => number = Date.now,
  ) {
    this.health = new FeedHealthStore(store);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.check().catch((e: unknown) => this.log.warn(`feed check failed: ${e instanceof Error ? e.message : String(e)}`)), this.options.checkMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async list(): Promise<FeedHealth[]> {
    // Batches whose records were already published (to /live) are stored before the figures are read.
    await pendingRecordings.settled();
    const now = this.clock();
    const org = await this.orgs.org();
    const open = anySiteOpen(now, org.sites.filter((s) => s.id !== 'unassigned').map((s) => s.timezone), this.options);
    return (await this.health.read(now)).map((r) => toFeedHealth(r, now, open, this.options));
  }

  /** One look: alerts the sources that turned red, clears the ones that turned green. */
  async check(): Promise<void> {
    const now = new Date(this.clock()).toISOString();
    for (const f of await this.list()) {
      const key = `${f.format}\u0000${f.source}`;
      if (f.status === 'red' && !this.alerted.has(key)) {
        this.alerted.add(key);
        const since = f.lagSeconds === null ? 'never' : `${Math.round(f.lagSeconds / 60)} min`;
        this.alerts.publish({ at: now, source: f.source, format: f.format, kind: 'stalled', lastLineAt: f.lastLineAt, message: `feed ${f.source} (${f.format}) stalled: no line for ${since}` });
      } else if (f.status === 'green' && this.alerted.delete(key)) {
        this.alerts.publish({ at: now, source: f.source, format: f.format, kind: 'resumed', lastLineAt: f.lastLineAt, message: `feed ${f.source} (${f.format}) resumed` });
      }
    }
  }
}
