import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Me, QueueWaitingResult } from '@floorwatch/contracts';
import { queueWaiting } from '@floorwatch/kpi';
import { z } from 'zod';
import { requireRead } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { isoInstant, nonEmpty, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { WaitingSources } from './waiting-sources';

const waitingQuerySchema = z.object({ site: nonEmpty(100), asOf: isoInstant.optional() });

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('queues')
export class QueueNowController {
  constructor(
    private readonly sources: WaitingSources,
    private readonly orgs: OrgService,
  ) {}

  /** Calls waiting now and the longest wait, per channel and queue of a site (the wallboard polls it). */
  @Get('waiting')
  @ApiQuery({ name: 'site', required: true })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO 8601 (default: now)' })
  async waiting(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<QueueWaitingResult> {
    const q = validate(waitingQuerySchema, query);
    const org = await this.orgs.get();
    const scope = { kind: 'site' as const, id: q.site };
    requireRead(user, scope, org);
    requireKnownScope(scope, org, 'site');
    const asOf = q.asOf ?? Date.now();
    const [contacts, unknown] = await Promise.all([this.sources.at(asOf), this.sources.unknownQueues(q.site, asOf)]);
    return queueWaiting(q.site, contacts, asOf, unknown);
  }
}
