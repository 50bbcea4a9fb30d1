import { Module } from '@nestjs/common';
import { FollowRunner } from './follow-runner.service';
import { FollowModule } from './follow.module';

/** The API's followers of FLOORWATCH_FOLLOW (not loaded by the CLI, whose `--follow` runs its own). */
@Module({ imports: [FollowModule], providers: [FollowRunner] })
export class FollowRunnerModule {}
