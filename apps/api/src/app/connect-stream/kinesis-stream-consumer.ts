import { ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand, type KinesisClient, ListShardsCommand, type Shard, type _Record } from '@aws-sdk/client-kinesis';
import type { FeedFormat, IngestSummary } from '@floorwatch/contracts';
import { sleep } from '../follow/line-sink';
import type { ShardCheckpoints, ShardCheckpoint } from './shard-checkpoints';

export interface StreamConsumerOptions {
  client: KinesisClient;
  stream: string;
  format: FeedFormat;
  checkpoints: ShardCheckpoints;
  /** Stores NDJSON lines (one record each); resolves when committed. */
  ingest: (ndjson: Buffer) => Promise<IngestSummary>;
  /** Idle wait between rounds with no records (Kinesis allows 5 GetRecords a second per shard). */
  pollMs?: number;
  log?: (line: string) => void;
}

/**
 * Reads every shard of one Kinesis stream into ingest, checkpointing each shard's last sequence
 * number in feed_state after its batch is committed (a kill in between re-delivers that batch:
 * duplicates, as Kinesis' own at-least-once delivery). Resharding: the shard list is re-read each
 * round; a child shard is read only when its parent(s) are finished (read to their end, or no
 * longer listed: trimmed), so a key's records stay in order.
 */
export class KinesisStreamConsumer {
  private readonly abort = new AbortController();
  private readonly iterators = new Map<string, string>();
  readonly total: IngestSummary = { read: 0, accepted: 0, duplicates: 0, quarantined: 0, reasons: {} };

  constructor(private readonly o: StreamConsumerOptions) {}

  stop(): void {
    this.abort.abort();
  }

  async run(): Promise<IngestSummary> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const got = await this.round();
      if (!got && !signal.aborted) await sleep(this.o.pollMs ?? 1000, signal);
    }
    return this.total;
  }

  /** One pass over the readable shards; true if any records came or a shard finished. */
  async round(): Promise<boolean> {
    const shards = await this.listShards();
    const cps = new Map<string, ShardCheckpoint>();
    for (const s of shards) cps.set(s.ShardId, await this.o.checkpoints.load(this.o.stream, s.ShardId));
    // A parent no longer listed was trimmed away: nothing of it is left to read first.
    const done = (id: string | undefined) => !id || (cps.get(id)?.finished ?? true);
    let got = false;
    for (const shard of shards) {
      const id = shard.ShardId;
      const cp = cps.get(id) ?? { version: 1 as const, sequenceNumber: null, finished: false };
      if (cp.finished || !done(shard.ParentShardId) || !done(shard.AdjacentParentShardId)) continue;
      if (this.abort.signal.aborted) break;
      got = (await this.readShard(id, cp)) || got;
    }
    return got;
  }

  private async readShard(id: string, cp: ShardCheckpoint): Promise<boolean> {
    const { client, stream } = this.o;
    let iterator = this.iterators.get(id);
    if (!iterator) {
      const it = await client.send(
        new GetShardIteratorCommand(
          cp.sequenceNumber
            ? { StreamName: stream, ShardId: id, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: cp.sequenceNumber }
            : { StreamName: stream, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' },
        ),
      );
      if (!it.ShardIterator) throw new Error(`${stream}/${id}: GetShardIterator returned no iterator`);
      iterator = it.ShardIterator;
    }
    let res;
    try {
      res = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (e) {
      // Iterators expire after 5 minutes: start again from the checkpoint.
      if (e instanceof ExpiredIteratorException) {
        this.iterators.delete(id);
        return false;
      }
      throw e;
    }
    const records = res.Records ?? [];
    if (records.length) {
      const summary = await this.o.ingest(Buffer.from(records.map(toLine).join('')));
      add(this.total, summary);
      cp.sequenceNumber = records[records.length - 1].SequenceNumber ?? cp.sequenceNumber;
    }
    if (!res.NextShardIterator) {
      cp.finished = true;
      this.iterators.delete(id);
      this.o.log?.(`${stream}/${id}: closed shard read to its end`);
    } else this.iterators.set(id, res.NextShardIterator);
    if (records.length || cp.finished) await this.o.checkpoints.save(stream, id, cp);
    // A shard just finished is progress too: its children are readable in the next round.
    return records.length > 0 || cp.finished;
  }

  private async listShards(): Promise<Array<Shard & { ShardId: string }>> {
    const out: Array<Shard & { ShardId: string }> = [];
    let token: string | undefined;
    do {
      const res = await this.o.client.send(new ListShardsCommand(token ? { NextToken: token } : { StreamName: this.o.stream }));
      for (const s of res.Shards ?? []) if (s.ShardId) out.push({ ...s, ShardId: s.ShardId });
      token = res.NextToken;
    } while (token);
    return out;
  }
}

/**
 * A record's data as one NDJSON line. Connect writes one JSON object per record; one spread over
 * lines is re-serialised (same text every delivery, so a re-delivered record is a duplicate).
 */
export function toLine(r: _Record): string {
  const text = Buffer.from(r.Data ?? new Uint8Array()).toString('utf8').trim();
  if (!text.includes('\n')) return text + '\n';
  try {
    return JSON.stringify(JSON.parse(text)) + '\n';
  } catch {
    return text.replace(/\r?\n/g, ' ') + '\n'; // not JSON: quarantined by the parser, on one line
  }
}

function add(total: IngestSummary, s: IngestSummary): void {
  total.read += s.read;
  total.accepted += s.accepted;
  total.duplicates += s.duplicates;
  total.quarantined += s.quarantined;
  for (const [k, n] of Object.entries(s.reasons)) total.reasons[k] = (total.reasons[k] ?? 0) + n;
}
