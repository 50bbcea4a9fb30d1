import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Me } from '@floorwatch/contracts';
import { z } from 'zod';
import { requireRead } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { isoInstant, nonEmpty, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { BonusService, type BonusResult } from './bonus.service';

export const bonusQuerySchema = z.object({
  agent: nonEmpty(100),
  asOf: isoInstant.optional(),
  period: z.enum(['quarter', 'month']).prefault('quarter'),
});

/** `GET /api/v1/bonus?agent=&asOf=&period=`: by read scope (the agent themself, their leads, …). */
@ApiTags('bonus')
@ApiBearerAuth()
@Controller('bonus')
export class BonusController {
  constructor(
    private readonly bonus: BonusService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  @ApiQuery({ name: 'agent', required: true })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'period', required: false, enum: ['quarter', 'month'] })
  async get(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<BonusResult> {
    const q = validate(bonusQuerySchema, query);
    const org = await this.orgs.get();
    const scope = { kind: 'agent' as const, id: q.agent };
    requireRead(user, scope, org);
    requireKnownScope(scope, org, 'agent');
    return this.bonus.tracker(q.agent, org, q.period, q.asOf);
  }
}
