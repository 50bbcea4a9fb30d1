import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Me } from '@floorwatch/contracts';
import { z } from 'zod';
import { enforce } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { mayReadPlanningReport } from '../auth/permissions';
import { isoInstant, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { ForecastAccuracyService, type ForecastAccuracyResult } from './forecast-accuracy.service';

export const forecastAccuracyQuerySchema = z
  .object({
    site: z.string({ error: 'is required' }).min(1, { error: 'is required' }),
    from: isoInstant,
    to: isoInstant,
    by: z.enum(['interval', 'day', 'queue']).prefault('day'),
    asOf: isoInstant.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (q.to - q.from > 31 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 31 days after from' });
  });

/** `GET /api/v1/forecast-accuracy`: manager (own sites), control desk, admin. */
@ApiTags('forecast-accuracy')
@ApiBearerAuth()
@Controller('forecast-accuracy')
export class ForecastAccuracyController {
  constructor(
    private readonly service: ForecastAccuracyService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  @ApiQuery({ name: 'site', required: true })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiQuery({ name: 'by', required: false, enum: ['interval', 'day', 'queue'] })
  @ApiQuery({ name: 'asOf', required: false })
  async get(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<ForecastAccuracyResult> {
    const q = validate(forecastAccuracyQuerySchema, query);
    const org = await this.orgs.get();
    const scope = { kind: 'site' as const, id: q.site };
    enforce(mayReadPlanningReport(user, 'forecast-accuracy', scope, org));
    requireKnownScope(scope, org, 'site');
    return this.service.report(q.site, q.from, q.to, q.by, org, q.asOf);
  }
}
