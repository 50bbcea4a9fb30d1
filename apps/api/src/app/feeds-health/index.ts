/* Public API of feeds-health: GET /api/v1/feeds, the stall watcher, and the store local followers write to. */
export { FeedsHealthModule } from './feeds-health.module';
export { FeedsHealthService } from './feeds-health.service';
export { FeedAlerts } from './feed-alerts';
export { FeedHealthStore, type FeedBatch } from './feed-health.store';
export { BatchRecords } from './batch-records';
export { recordedIngest } from './recorded-ingest';
