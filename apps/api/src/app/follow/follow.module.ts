import { Module } from '@nestjs/common';
import { FollowPositionService } from './follow-position.service';

/** Followed-file positions in feed_state (needs RecordStore from DatabaseModule). */
@Module({
  providers: [FollowPositionService],
  exports: [FollowPositionService],
})
export class FollowModule {}
