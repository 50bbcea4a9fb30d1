import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { FOLLOWER_HEADER, type IngestSummary } from '@floorwatch/contracts';
import type { IncomingMessage } from 'node:http';
import { type Observable, finalize, from, switchMap, tap } from 'rxjs';
import { RecordStore } from '../database/record-store';
import { IngestController } from '../ingest/ingest.controller';
import { IngestEvents } from '../ingest/ingest-events';
import { BatchRecords, formatLocks, pendingRecordings } from './batch-records';
import { FeedHealthStore } from './feed-health.store';

/**
 * Watches the streaming ingest endpoint from outside (its code stays as it is): each answered
 * upload or shipped batch adds its summary, records and follower state to feed health.
 */
@Injectable()
export class IngestActivityInterceptor implements NestInterceptor {
  private readonly log = new Logger('FeedsHealth');
  private readonly health: FeedHealthStore;

  constructor(
    store: RecordStore,
    private readonly events: IngestEvents,
  ) {
    this.health = new FeedHealthStore(store);
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || ctx.getClass() !== IngestController || ctx.getHandler() !== IngestController.prototype.ingest) return next.handle();
    const req = ctx.switchToHttp().getRequest<IncomingMessage & { params: Record<string, string>; query: Record<string, unknown> }>();
    const format = req.params['format'];
    const source = typeof req.query['source'] === 'string' && req.query['source'] ? req.query['source'] : `upload:${format}`;
    const header = req.headers[FOLLOWER_HEADER];
    const follower = typeof header === 'string' && /^[a-z-]{1,32}$/.test(header) ? header : null;
    // The format's lock around the call: the records published meanwhile are this request's.
    return from(formatLocks.acquire(format)).pipe(
      switchMap((release) => {
        const counted = new BatchRecords(this.events, format);
        return next.handle().pipe(
          tap((summary) => {
            const s = summary as IngestSummary;
            pendingRecordings
              .track(this.health.recordBatch({ source, format, at: Date.now(), summary: s, records: counted.records, lastRecordAt: counted.lastRecordAt, followerState: follower }))
              .catch((e: unknown) => this.log.warn(`feed health not recorded for ${source}: ${e instanceof Error ? e.message : String(e)}`));
          }),
          finalize(() => {
            counted.stop();
            release();
          }),
        );
      }),
    );
  }
}
