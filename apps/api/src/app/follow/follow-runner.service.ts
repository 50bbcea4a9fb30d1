import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { resolve } from 'node:path';
import { FEED_FORMATS, type FeedFormat } from '@floorwatch/contracts';
import { RecordStore } from '../database/record-store';
import { FeedHealthStore } from '../feeds-health/feed-health.store';
import { recordedIngest } from '../feeds-health/recorded-ingest';
import { IngestEvents } from '../ingest/ingest-events';
import { IngestService } from '../ingest/ingest.service';
import { FollowPositionService } from './follow-position.service';
import { LineFollower } from './line-follower';
import { ingestSink } from './line-sink';

/** Formats a follower can cut at any line end (one record per line). */
export const FOLLOW_FORMATS: readonly FeedFormat[] = ['queue_log', 'contacts-ndjson', 'agent-states-ndjson', 'connect-ctr', 'connect-agent-events'];

/** FLOORWATCH_FOLLOW="queue_log:/var/log/asterisk/queue_log,connect-ctr:/data/ctr.ndjson" → [format, path] pairs. */
export function parseFollowEnv(value: string | undefined): Array<{ format: FeedFormat; path: string }> {
  if (!value?.trim()) return [];
  return value.split(',').map((item) => {
    const at = item.indexOf(':');
    const format = item.slice(0, at).trim();
    const path = item.slice(at + 1).trim();
    if (at <= 0 || !path) throw new Error(`FLOORWATCH_FOLLOW: "${item}" is not <format>:<path>`);
    if (!(FEED_FORMATS as readonly string[]).includes(format) || !FOLLOW_FORMATS.includes(format as FeedFormat)) throw new Error(`FLOORWATCH_FOLLOW: "${format}" is not a followable format (${FOLLOW_FORMATS.join(', ')})`);
    return { format: format as FeedFormat, path: resolve(path) };
  });
}

/**
 * The API's own followers (FLOORWATCH_FOLLOW): files on the API's host followed in its process, so
 * their lines reach /live directly, with PGlite too (one process owns the data directory). Same
 * follower and feed_state positions as `fw ingest --follow`.
 */
@Injectable()
export class FollowRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Follow');
  private readonly running: Array<{ follower: LineFollower; done: Promise<unknown> }> = [];

  constructor(
    private readonly ingest: IngestService,
    private readonly positions: FollowPositionService,
    private readonly store: RecordStore,
    private readonly events: IngestEvents,
  ) {}

  onApplicationBootstrap(): void {
    const health = new FeedHealthStore(this.store);
    for (const { format, path } of parseFollowEnv(process.env['FLOORWATCH_FOLLOW'])) {
      const inner = ingestSink(this.ingest, format, path);
      const sink = { describe: inner.describe, send: (b: Buffer, s: AbortSignal) => recordedIngest(health, this.events, { format, source: path, followerState: 'following' }, () => inner.send(b, s)) };
      const follower = new LineFollower({ path, sink, positions: this.positions.storeFor(path), log: (l) => this.log.log(l) });
      const done = follower.run().catch((e: unknown) => this.log.error(`following ${path} stopped: ${e instanceof Error ? e.message : String(e)}`));
      this.running.push({ follower, done });
      this.log.log(`following ${path} (${format})`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const r of this.running) r.follower.stop();
    await Promise.all(this.running.map((r) => r.done));
  }
}
