/* Public API of follow (`fw ingest --follow`): a polling line follower, its sinks and position stores. */
export { LineFollower, type FollowerOptions, type FollowerState } from './line-follower';
export { ingestSink, httpSink, ShipRejectedError, type LineSink, type HttpSinkOptions } from './line-sink';
export { FilePositionStore, defaultStateFile, type PositionStore } from './position-store';
export { FollowPositionService, followStateKey } from './follow-position.service';
export { FollowModule } from './follow.module';
export { findStart, type FilePosition } from './file-position';
export { FollowRunnerModule } from './follow-runner.module';
export { FollowRunner, FOLLOW_FORMATS, parseFollowEnv } from './follow-runner.service';
