/* Public API of connect-stream (`fw connect-stream`): Amazon Connect Kinesis streams into ingest. */
export { KinesisStreamConsumer, toLine, type StreamConsumerOptions } from './kinesis-stream-consumer';
export { ShardCheckpoints, shardKey, type ShardCheckpoint } from './shard-checkpoints';
