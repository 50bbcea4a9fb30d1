import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { FeedAlerts } from './feed-alerts';
import { feedHealthOptionsFromEnv } from './feed-status';
import { FeedsHealthController } from './feeds-health.controller';
import { FEED_HEALTH_OPTIONS, FeedsHealthService, feedCheckMs } from './feeds-health.service';
import { IngestActivityInterceptor } from './ingest-activity.interceptor';

/**
 * GET /api/v1/feeds, the stall watcher and its `feed-alert`s (the live gateway sends them to
 * admins and the desk). Needs RecordStore, OrgService and IngestEvents (global modules). Global
 * so the live gateway can inject FeedAlerts.
 */
@Global()
@Module({
  controllers: [FeedsHealthController],
  providers: [
    FeedAlerts,
    FeedsHealthService,
    { provide: FEED_HEALTH_OPTIONS, useFactory: () => ({ ...feedHealthOptionsFromEnv(), checkMs: feedCheckMs() }) },
    { provide: APP_INTERCEPTOR, useClass: IngestActivityInterceptor },
  ],
  exports: [FeedAlerts, FeedsHealthService],
})
export class FeedsHealthModule {}
