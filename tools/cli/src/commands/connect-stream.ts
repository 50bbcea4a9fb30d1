import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Readable } from 'node:stream';
import type { FeedFormat, IngestSummary } from '@floorwatch/contracts';
import { KinesisStreamConsumer } from '@floorwatch/api/connect-stream/kinesis-stream-consumer';
import { ShardCheckpoints } from '@floorwatch/api/connect-stream/shard-checkpoints';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { FeedHealthStore } from '@floorwatch/api/feeds-health/feed-health.store';
import { recordedIngest } from '@floorwatch/api/feeds-health/recorded-ingest';
import { IngestEvents } from '@floorwatch/api/ingest/ingest-events';
import { IngestService } from '@floorwatch/api/ingest/ingest.service';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

export interface ConnectStreamOptions {
  ctrStream?: string;
  agentStream?: string;
  endpoint?: string;
  pollMs?: string;
}

/**
 * `fw connect-stream --ctr-stream <name> --agent-stream <name>`: Amazon Connect's Kinesis streams
 * into this database until SIGTERM/SIGINT; prints one summary per stream then. Region, endpoint
 * and credentials come from the standard AWS environment (AWS_REGION, AWS_PROFILE,
 * AWS_ACCESS_KEY_ID…, AWS_ENDPOINT_URL_KINESIS); --endpoint overrides the endpoint.
 */
export async function connectStreamCommand(o: ConnectStreamOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const streams: Array<[string, FeedFormat]> = [];
  if (o.ctrStream) streams.push([o.ctrStream, 'connect-ctr']);
  if (o.agentStream) streams.push([o.agentStream, 'connect-agent-events']);
  if (!streams.length) throw new UsageError('give --ctr-stream <name> and/or --agent-stream <name>');
  const pollMs = o.pollMs === undefined ? 1000 : Number(o.pollMs);
  if (!Number.isInteger(pollMs) || pollMs < 200) throw new UsageError('--poll-ms: an integer >= 200 (Kinesis allows 5 reads a second per shard)');
  const log = (line: string) => err.write(`fw: connect-stream ${line}\n`);
  // HTTP/1.1: GetRecords needs no HTTP/2, and local Kinesis servers (kinesalite) speak only 1.1.
  const client = new KinesisClient({ ...(o.endpoint ? { endpoint: o.endpoint } : {}), requestHandler: new NodeHttpHandler() });
  const totals: Record<string, IngestSummary> = {};
  try {
    await withCli(async ({ app }) => {
      const ingest = app.get(IngestService);
      const store = app.get(RecordStore);
      const health = new FeedHealthStore(store);
      const events = app.get(IngestEvents);
      const consumers = streams.map(([stream, format]) => {
        const source = `kinesis:${stream}`;
        return new KinesisStreamConsumer({
          client,
          stream,
          format,
          pollMs,
          log,
          checkpoints: new ShardCheckpoints(store),
          ingest: (b) => recordedIngest(health, events, { format, source, followerState: 'following' }, () => ingest.ingest(format, Readable.from([b]), { source })),
        });
      });
      const stop = () => consumers.forEach((c) => c.stop());
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      log(`reading ${streams.map(([s, f]) => `${s} (${f})`).join(', ')}; checkpoints in feed_state`);
      try {
        const results = await Promise.allSettled(consumers.map((c) => c.run()));
        stop();
        results.forEach((r, i) => {
          if (r.status === 'fulfilled') totals[streams[i][0]] = r.value;
        });
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    });
  } finally {
    client.destroy();
  }
  out.write(JSON.stringify(totals) + '\n');
}
