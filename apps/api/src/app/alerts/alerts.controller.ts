import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AlertInstance, Me } from '@floorwatch/contracts';
import { CurrentUser } from '../auth/current-user.decorator';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { acknowledgeSchema, listAlertsSchema, resolveSchema } from './alerts.dto';
import { AlertsService } from './alerts.service';

/** `/api/v1/alerts`: the instances a user receives (audience role and read scope), and their lifecycle. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  @ApiQuery({ name: 'scope', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'acknowledged', 'resolved', 'active'] })
  async list(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<AlertInstance[]> {
    const q = validate(listAlertsSchema, query);
    return this.alerts.list(user, await this.orgs.get(), q);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchemaOf(acknowledgeSchema) })
  async acknowledge(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<AlertInstance> {
    const b = validate(acknowledgeSchema, body);
    return this.alerts.acknowledge(user, id, b.note ?? null, await this.orgs.get());
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchemaOf(resolveSchema) })
  async resolve(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<AlertInstance> {
    const b = validate(resolveSchema, body);
    return this.alerts.resolve(user, id, b.note, await this.orgs.get());
  }
}
