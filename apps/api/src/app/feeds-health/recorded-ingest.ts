import type { IngestSummary } from '@floorwatch/contracts';
import type { IngestEvents } from '../ingest/ingest-events';
import { BatchRecords, formatLocks, pendingRecordings } from './batch-records';
import type { FeedHealthStore } from './feed-health.store';

/** Runs one ingest call and adds what it did to feed health (for feeds ingested in this process: followers, streams). */
export async function recordedIngest(
  health: FeedHealthStore,
  events: IngestEvents,
  feed: { format: string; source: string; followerState: string },
  ingest: () => Promise<IngestSummary>,
): Promise<IngestSummary> {
  const release = await formatLocks.acquire(feed.format);
  const counted = new BatchRecords(events, feed.format);
  try {
    const summary = await ingest();
    await pendingRecordings.track(health.recordBatch({ ...feed, at: Date.now(), summary, records: counted.records, lastRecordAt: counted.lastRecordAt }));
    return summary;
  } finally {
    counted.stop();
    release();
  }
}
