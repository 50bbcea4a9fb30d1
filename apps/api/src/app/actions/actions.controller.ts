import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Me } from '@floorwatch/contracts';
import { requireAction } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { causeCodesSchema, createActionSchema, listActionsSchema, patchActionSchema } from './actions.dto';
import { ActionsService, type ActionWithEffect } from './actions.service';

/** `/api/v1/actions` and `/api/v1/cause-codes` (spec/action.md "Corrective actions"). */
@ApiTags('actions')
@ApiBearerAuth()
@Controller()
export class ActionsController {
  constructor(
    private readonly actions: ActionsService,
    private readonly orgs: OrgService,
  ) {}

  @Get('cause-codes')
  async causeCodes(): Promise<{ causeCodes: string[] }> {
    return { causeCodes: await this.actions.store.causeCodes() };
  }

  @Put('cause-codes')
  @ApiBody({ schema: jsonSchemaOf(causeCodesSchema) })
  async setCauseCodes(@CurrentUser() user: Me, @Body() body: unknown): Promise<{ causeCodes: string[] }> {
    requireAction(user, 'admin:org');
    return { causeCodes: await this.actions.store.setCauseCodes(validate(causeCodesSchema, body).causeCodes) };
  }

  @Get('actions')
  async list(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<ActionWithEffect[] | Record<string, ActionWithEffect[]>> {
    const q = validate(listActionsSchema, query);
    const rows = await this.actions.list(user, await this.orgs.get(), q);
    if (q.by !== 'causeCode') return rows;
    const by: Record<string, ActionWithEffect[]> = {};
    for (const r of rows) (by[r.causeCode] ??= []).push(r);
    return by;
  }

  @Post('actions')
  @ApiBody({ schema: jsonSchemaOf(createActionSchema) })
  async create(@CurrentUser() user: Me, @Body() body: unknown): Promise<ActionWithEffect> {
    return this.actions.create(user, validate(createActionSchema, body), await this.orgs.get());
  }

  @Patch('actions/:id')
  @ApiBody({ schema: jsonSchemaOf(patchActionSchema) })
  async patch(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<ActionWithEffect> {
    return this.actions.patch(user, id, validate(patchActionSchema, body), await this.orgs.get());
  }
}
