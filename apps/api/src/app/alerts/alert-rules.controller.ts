import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { AlertRule, Me } from '@floorwatch/contracts';
import { CurrentUser } from '../auth/current-user.decorator';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { createRuleSchema, patchRuleSchema } from './alerts.dto';
import { AlertsService } from './alerts.service';

/** `/api/v1/alert-rules`: whoever may set the KPI's target on the rule's scope manages its rules. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alert-rules')
export class AlertRulesController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  async list(@CurrentUser() user: Me): Promise<AlertRule[]> {
    return this.alerts.listRules(user, await this.orgs.get());
  }

  @Post()
  @ApiBody({ schema: jsonSchemaOf(createRuleSchema) })
  async create(@CurrentUser() user: Me, @Body() body: unknown): Promise<AlertRule> {
    return this.alerts.createRule(user, validate(createRuleSchema, body), await this.orgs.get());
  }

  @Patch(':id')
  @ApiBody({ schema: jsonSchemaOf(patchRuleSchema) })
  async patch(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<AlertRule> {
    return this.alerts.patchRule(user, id, validate(patchRuleSchema, body), await this.orgs.get());
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: Me, @Param('id') id: string): Promise<void> {
    await this.alerts.deleteRule(user, id, await this.orgs.get());
  }
}
