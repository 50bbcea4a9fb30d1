import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FEED_FORMATS, FOLLOWER_HEADER, type IngestSummary } from '@floorwatch/contracts';
import { IngestService, isFeedFormat } from '@floorwatch/api/ingest/ingest.service';
import { FollowPositionService } from '@floorwatch/api/follow/follow-position.service';
import { LineFollower } from '@floorwatch/api/follow/line-follower';
import { FOLLOW_FORMATS } from '@floorwatch/api/follow/follow-runner.service';
import { httpSink, ingestSink, type LineSink } from '@floorwatch/api/follow/line-sink';
import { defaultStateFile, FilePositionStore, type PositionStore } from '@floorwatch/api/follow/position-store';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { IngestEvents } from '@floorwatch/api/ingest/ingest-events';
import { recordedIngest } from '@floorwatch/api/feeds-health/recorded-ingest';
import { FeedHealthStore } from '@floorwatch/api/feeds-health/feed-health.store';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';


export interface FollowOptions {
  format?: string;
  to?: string;
  token?: string;
  tokenFile?: string;
  state?: string;
  source?: string;
  pollMs?: string;
  verbose?: boolean;
}

/**
 * `fw ingest --follow <file>`: follows the file (rotation, copytruncate, restarts) into this
 * database, or with --to into a remote Floorwatch over HTTP. Runs until SIGTERM/SIGINT, then
 * prints the run's summary as `fw ingest` does.
 */
export async function followCommand(file: string, o: FollowOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const format = o.format ?? 'queue_log';
  if (!isFeedFormat(format) || !FOLLOW_FORMATS.includes(format)) {
    throw new UsageError(`--follow reads line formats: ${FOLLOW_FORMATS.join(', ')} (got "${format}"${isFeedFormat(format) ? '' : `; formats are ${FEED_FORMATS.join(', ')}`})`);
  }
  const path = resolve(file);
  checkReadable(path);
  const pollMs = o.pollMs === undefined ? 100 : Number(o.pollMs);
  if (!Number.isInteger(pollMs) || pollMs < 10 || pollMs > 60_000) throw new UsageError('--poll-ms: an integer from 10 to 60000');
  const source = o.source ?? path;
  const log = (line: string) => err.write(`fw: follow ${line}\n`);
  const run = (sink: LineSink, positions: PositionStore) => followUntilSignal(path, sink, positions, pollMs, log, o.verbose === true);
  let total: IngestSummary;
  if (o.to !== undefined) {
    const url = checkUrl(o.to);
    const token = readToken(o);
    const positions = new FilePositionStore(resolve(o.state ?? defaultStateFile(path)));
    const sink = httpSink({ url, token, format, source, headers: { [FOLLOWER_HEADER]: 'following' }, onRetry: (n, ms, why) => log(`${url}: batch refused (${why}); retry ${n} in ${ms} ms`) });
    total = await run(sink, positions);
  } else {
    if (o.token !== undefined || o.tokenFile !== undefined) throw new UsageError('--token/--token-file go with --to <url>');
    total = await withCli(async ({ app }) => {
      const health = new FeedHealthStore(app.get(RecordStore));
      const sink = withHealth(ingestSink(app.get(IngestService), format, source), health, app.get(IngestEvents), format, source);
      await health.recordFollower(source, format, 'following', Date.now());
      try {
        return await run(sink, app.get(FollowPositionService).storeFor(path));
      } finally {
        await health.recordFollower(source, format, 'stopped', Date.now()).catch(() => undefined);
      }
    });
  }
  out.write(JSON.stringify(total) + '\n');
}

async function followUntilSignal(path: string, sink: LineSink, positions: PositionStore, pollMs: number, log: (l: string) => void, verbose: boolean): Promise<IngestSummary> {
  const follower = new LineFollower({
    path,
    sink,
    positions,
    pollMs,
    log,
    onBatch: verbose ? (t, p) => log(`${path}: at ${p.dev}:${p.ino}+${p.offset} read ${t.read} accepted ${t.accepted} duplicates ${t.duplicates} quarantined ${t.quarantined}`) : undefined,
  });
  const stop = () => follower.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  log(`${path} → ${sink.describe}, position in ${positions.where}`);
  try {
    return await follower.run();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}

/** Each stored batch also counts in feed health (GET /api/v1/feeds of the API on this database). */
function withHealth(inner: LineSink, health: FeedHealthStore, events: IngestEvents, format: string, source: string): LineSink {
  return { describe: inner.describe, send: (lines, signal) => recordedIngest(health, events, { format, source, followerState: 'following' }, () => inner.send(lines, signal)) };
}

function checkReadable(path: string): void {
  try {
    if (!statSync(path).isFile()) throw new UsageError(`${path} is not a file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // A followed file may not exist yet (before the PBX's first line): its directory must.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      try {
        statSync(resolve(path, '..'));
        return;
      } catch {
        throw new UsageError(`${path}: no such file or directory`);
      }
    }
    throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function checkUrl(to: string): string {
  let u: URL;
  try {
    u = new URL(to);
  } catch {
    throw new UsageError(`--to: "${to}" is not a URL (e.g. https://floorwatch.example.com)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError('--to: http:// or https:// only');
  return u.toString();
}

function readToken(o: FollowOptions): string {
  if (o.token !== undefined && o.tokenFile !== undefined) throw new UsageError('give --token or --token-file, not both');
  let token = o.token ?? process.env['FW_TOKEN'];
  if (o.tokenFile !== undefined) {
    try {
      token = readFileSync(o.tokenFile, 'utf8');
    } catch (e) {
      throw new UsageError(`--token-file ${o.tokenFile}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  token = token?.trim();
  if (!token) throw new UsageError('--to needs --token <jwt>, --token-file <file> or FW_TOKEN');
  return token;
}
