import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Me, OrgView } from '@floorwatch/contracts';
import { requireAction } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgAdminService } from './org-admin.service';
import { agentSchema, orgIdSchema, queueSchema, siteSchema, teamSchema } from './org.dto';
import { orgViewFor } from './org-view';
import { OrgService } from './org.service';

@ApiTags('org')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly admin: OrgAdminService,
  ) {}

  @Get()
  async view(@CurrentUser() user: Me): Promise<OrgView> {
    return orgViewFor(user, await this.org.get());
  }

  @Put('sites/:id')
  @HttpCode(204)
  @ApiBody({ schema: jsonSchemaOf(siteSchema) })
  async putSite(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    requireAction(user, 'admin:org');
    await this.admin.putSite(validate(orgIdSchema, { id }).id, validate(siteSchema, body));
  }

  @Put('teams/:id')
  @HttpCode(204)
  @ApiBody({ schema: jsonSchemaOf(teamSchema) })
  async putTeam(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    requireAction(user, 'admin:org');
    await this.admin.putTeam(validate(orgIdSchema, { id }).id, validate(teamSchema, body));
  }

  @Put('agents/:id')
  @HttpCode(204)
  @ApiBody({ schema: jsonSchemaOf(agentSchema) })
  async putAgent(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    requireAction(user, 'admin:org');
    await this.admin.putAgent(validate(orgIdSchema, { id }).id, validate(agentSchema, body));
  }

  @Put('queues/:id')
  @HttpCode(204)
  @ApiBody({ schema: jsonSchemaOf(queueSchema) })
  async putQueue(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    requireAction(user, 'admin:org');
    await this.admin.putQueue(validate(orgIdSchema, { id }).id, validate(queueSchema, body));
  }
}
