import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Me } from '@floorwatch/contracts';
import { z } from 'zod';
import { requireRead } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { isoInstant, jsonSchemaOf, nonEmpty, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { createExceptionSchema, decideExceptionSchema } from './actions.dto';
import { AdherenceExceptionsService, type AdherenceException } from './adherence-exceptions.service';

const adjustedSchema = z.object({ agent: nonEmpty(100), from: isoInstant, to: isoInstant, asOf: isoInstant.optional() });

/** `/api/v1/adherence-exceptions`: agents file, team leaders decide; adjusted adherence beside the plain one. */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('adherence-exceptions')
export class AdherenceExceptionsController {
  constructor(
    private readonly exceptions: AdherenceExceptionsService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  async list(@CurrentUser() user: Me): Promise<AdherenceException[]> {
    return this.exceptions.list(user, await this.orgs.get());
  }

  @Post()
  @ApiBody({ schema: jsonSchemaOf(createExceptionSchema) })
  async create(@CurrentUser() user: Me, @Body() body: unknown): Promise<AdherenceException> {
    return this.exceptions.create(user, validate(createExceptionSchema, body));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchemaOf(decideExceptionSchema) })
  async decide(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<AdherenceException> {
    return this.exceptions.decide(user, id, validate(decideExceptionSchema, body), await this.orgs.get());
  }

  @Get('adherence')
  async adjusted(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<Awaited<ReturnType<AdherenceExceptionsService['adjusted']>>> {
    const q = validate(adjustedSchema, query);
    const org = await this.orgs.get();
    const scope = { kind: 'agent' as const, id: q.agent };
    requireRead(user, scope, org);
    requireKnownScope(scope, org, 'agent');
    return this.exceptions.adjusted(q.agent, q.from, q.to, q.asOf);
  }
}
