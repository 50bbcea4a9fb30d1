import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FeedHealth, Me } from '@floorwatch/contracts';
import { requireAction } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { FeedsHealthService } from './feeds-health.service';

@ApiTags('feeds')
@ApiBearerAuth()
@Controller()
export class FeedsHealthController {
  constructor(private readonly feeds: FeedsHealthService) {}

  /** Per feed source: format, latest line and record, lag, today's counts, rate, follower state, green/red. */
  @Get('feeds')
  list(@CurrentUser() user: Me): Promise<FeedHealth[]> {
    requireAction(user, 'feeds:read');
    return this.feeds.list();
  }
}
