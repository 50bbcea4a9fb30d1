import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LIVE_EVENTS } from '@floorwatch/contracts';
import { RecordStore } from '../database/record-store';
import { LiveHub } from '../live/live-hub';
import { ivrFigures } from './ivr-figures';

/**
 * selfservice.md §5: the `ivr` event, once a second, to each site's room and the enterprise room
 * (the same rooms, and so the same role and scope checks, as `staffing`). Skips the database
 * read when nobody listens on this process.
 */
@Injectable()
export class IvrLiveService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('IvrLive');
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly store: RecordStore,
    private readonly hub: LiveHub,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(Date.now()), 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round (public for tests, with their own clock). */
  async tick(now: number): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const enterprise = this.hub.listening('enterprise');
      const figures = await ivrFigures(this.store, now);
      for (const f of figures) {
        const room = `site:${f.siteId}`;
        if (this.hub.listening(room)) this.hub.publish(room, LIVE_EVENTS.ivr, f);
        if (enterprise) this.hub.publish('enterprise', LIVE_EVENTS.ivr, f);
      }
    } catch (err) {
      this.log.warn(`ivr figures: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.busy = false;
    }
  }
}
