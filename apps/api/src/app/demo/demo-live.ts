import { Readable } from 'node:stream';
import { liveEvents, type LiveEvent, type World } from '@floorwatch/simulator';
import type { FeedFormat, IngestSummary } from '@floorwatch/contracts';
import type { IngestService } from '../ingest/ingest.service';

export interface LiveSimulatorOptions {
  /** Simulated milliseconds per real millisecond. */
  speed: number;
  tickMs: number;
  /** A world whose horizon reaches past `untilMs` (the service extends it when needed). */
  world(untilMs: number): Promise<World>;
  /** Contacts that ended before this instant are in the backfill already (perhaps from another feed format). */
  backfilledBefore: number;
  /** After each push: everything before `simulatedTo` is in the database. */
  onAdvance(simulatedTo: number, pushed: number): void | Promise<void>;
  onError(err: unknown): void;
  /**
   * Wraps each push's ingest so the simulator shows as a feed on the desk's feed strip and in
   * Admin → Feeds (feed health), as a real follower would; without it the push is ingested as is.
   */
  recorded?(format: FeedFormat, run: () => Promise<IngestSummary>): Promise<IngestSummary>;
}

export const LIVE_SOURCE = 'demo/live';

/**
 * Replays the simulated world into the running API as a live ACD would: agent-state and contact
 * batches through IngestService (so the live gateway sees them via IngestEvents), on a clock
 * that runs `speed` times real time from where the last push stopped.
 */
export class LiveSimulator {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private cursor = 0;
  private stopped = false;

  constructor(
    private readonly ingest: IngestService,
    private readonly options: LiveSimulatorOptions,
  ) {}

  get simulatedTo(): number {
    return this.cursor;
  }

  /** Pushes [from, to) as fast as ingest goes, an hour of simulated time per batch. */
  async catchUp(from: number, to: number, onChunk?: (done: number, total: number) => void): Promise<number> {
    let pushed = 0;
    this.cursor = from;
    for (let t = from; t < to && !this.stopped; ) {
      const next = Math.min(to, t + 3_600_000);
      pushed += await this.push(t, next);
      t = next;
      onChunk?.(t - from, to - from);
    }
    return pushed;
  }

  /** Pushes from `cursor` on; the simulated clock reads `clockAt` now and runs at `speed`. */
  start(cursor: number, clockAt = cursor): void {
    this.cursor = cursor;
    const wall0 = Date.now();
    const tick = (): void => {
      if (this.stopped) return;
      const simNow = clockAt + (Date.now() - wall0) * this.options.speed;
      this.running = this.push(this.cursor, simNow)
        .then(() => undefined)
        .catch((e: unknown) => this.options.onError(e))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.tickMs);
        });
    };
    this.timer = setTimeout(tick, this.options.tickMs);
  }

  /** Stops the clock and waits for the push in flight, so the database can close cleanly. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }

  /** Events in [from, to): one ingest per feed format (agent states, contacts, self-service sessions, Connect IVR-only CTRs). */
  private async push(from: number, to: number): Promise<number> {
    if (to <= from) return 0;
    const world = await this.options.world(to);
    const batches: Record<LiveEvent['format'], string[]> = { 'agent-states-ndjson': [], 'contacts-ndjson': [], 'selfservice-ndjson': [], 'connect-ctr': [] };
    const before = this.options.backfilledBefore;
    for (const e of liveEvents(world, from, to)) {
      // Records that ended before the backfill's end are in it already (maybe from another feed format).
      if ('endedAt' in e && e.endedAt < before) continue;
      batches[e.format].push(JSON.stringify(e.record));
    }
    // Through feed health when the demo records it (the simulator is a feed like any other).
    const send = (format: FeedFormat, body: string[]): Promise<IngestSummary> => {
      const run = () => this.ingest.ingest(format, lines(body), { source: LIVE_SOURCE });
      return this.options.recorded ? this.options.recorded(format, run) : run();
    };
    let pushed = 0;
    for (const [format, items] of Object.entries(batches) as [LiveEvent['format'], string[]][]) {
      if (items.length === 0) continue;
      await send(format, items);
      pushed += items.length;
    }
    this.cursor = to;
    await this.options.onAdvance(to, pushed);
    return pushed;
  }
}

function lines(items: string[]): Readable {
  return Readable.from([Buffer.from(items.join('\n') + '\n')]);
}
