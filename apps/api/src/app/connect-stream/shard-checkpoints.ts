import type { RecordStore } from '../database/record-store';

/** Per shard: the last sequence number stored, and whether the shard is closed and read to its end. */
export interface ShardCheckpoint {
  version: 1;
  sequenceNumber: string | null;
  finished: boolean;
}

export const shardKey = (stream: string, shardId: string): string => `kinesis:${stream}:${shardId}`;

/** Kinesis checkpoints in feed_state, beside the parser states, so they live and die with the data. */
export class ShardCheckpoints {
  constructor(private readonly store: RecordStore) {}

  async load(stream: string, shardId: string): Promise<ShardCheckpoint> {
    const s = await this.store.getFeedState<ShardCheckpoint>(shardKey(stream, shardId));
    if (s === null) return { version: 1, sequenceNumber: null, finished: false };
    if (s.version !== 1) throw new Error(`feed_state ${shardKey(stream, shardId)} has an unknown shape (expected version 1)`);
    return s;
  }

  save(stream: string, shardId: string, cp: ShardCheckpoint): Promise<void> {
    return this.store.setFeedState(shardKey(stream, shardId), cp);
  }
}
