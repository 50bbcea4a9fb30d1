import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DriversResult, Me } from '@floorwatch/contracts';
import { requireAction, requireRead } from '../../auth/authorize';
import { CurrentUser } from '../../auth/current-user.decorator';
import { validate } from '../../common/validation';
import { OrgService } from '../../org/org.service';
import { requireKnownScope } from '../../org/scope-exists';
import { driversQuerySchema } from './drivers-query.schema';
import { DriversService } from './drivers.service';

@ApiTags('customer')
@ApiBearerAuth()
@Controller()
export class DriversController {
  constructor(
    private readonly driversService: DriversService,
    private readonly orgs: OrgService,
  ) {}

  /** Team leader (own teams), manager (own sites), admin; an agent or the control desk gets 403. */
  @Get('drivers')
  @ApiQuery({ name: 'outcome', required: true, enum: ['csat', 'trust', 'repurchase', 'nps'] })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiQuery({ name: 'scope', required: false })
  @ApiQuery({ name: 'by', required: false, enum: ['mainChannel', 'channelChain'] })
  async drivers(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<DriversResult> {
    requireAction(user, 'drivers:read');
    const q = validate(driversQuerySchema, query);
    const org = await this.orgs.get();
    requireRead(user, q.scope, org);
    requireKnownScope(q.scope, org);
    return this.driversService.drivers(q);
  }
}
