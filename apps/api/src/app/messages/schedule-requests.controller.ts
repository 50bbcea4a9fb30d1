import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Me, ScheduleChangeRequest } from '@floorwatch/contracts';
import { CurrentUser } from '../auth/current-user.decorator';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { createScheduleRequestSchema, decisionSchema, idSchema } from './messages.dto';
import { ScheduleRequestsService } from './schedule-requests.service';

@ApiTags('schedule-requests')
@ApiBearerAuth()
@Controller('schedule-requests')
export class ScheduleRequestsController {
  constructor(
    private readonly requests: ScheduleRequestsService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  async list(@CurrentUser() user: Me): Promise<ScheduleChangeRequest[]> {
    return this.requests.list(user, await this.orgs.get());
  }

  @Post()
  @ApiBody({ schema: jsonSchemaOf(createScheduleRequestSchema) })
  create(@CurrentUser() user: Me, @Body() body: unknown): Promise<ScheduleChangeRequest> {
    return this.requests.create(user, validate(createScheduleRequestSchema, body));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchemaOf(decisionSchema) })
  async decide(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<ScheduleChangeRequest> {
    const validId = validate(idSchema, { id }).id;
    return this.requests.decide(user, validId, validate(decisionSchema, body), await this.orgs.get());
  }
}
