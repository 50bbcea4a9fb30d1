import { Body, Controller, Delete, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseScope, isScopeError, type Me, type ResolvedTarget, type TargetAudit } from '@floorwatch/contracts';
import { enforce, requireRead } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { mayRead, maySetTarget } from '../auth/permissions';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { auditQuerySchema, resetTargetSchema, setTargetSchema, targetsQuerySchema } from './targets.dto';
import { TargetsService } from './targets.service';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  @ApiQuery({ name: 'scope', required: false })
  @ApiQuery({ name: 'kpi', required: false })
  async resolve(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<ResolvedTarget[]> {
    const q = validate(targetsQuerySchema, query);
    const org = await this.orgs.get();
    requireRead(user, q.scope, org);
    requireKnownScope(q.scope, org);
    return this.targets.resolve(q.scope, org, q.kpi);
  }

  @Put()
  @ApiBody({ schema: jsonSchemaOf(setTargetSchema) })
  async set(@CurrentUser() user: Me, @Body() body: unknown): Promise<ResolvedTarget> {
    const req = validate(setTargetSchema, body);
    const org = await this.orgs.get();
    enforce(maySetTarget(user, req.scope, req.kpi, org));
    requireKnownScope(req.scope, org);
    return this.targets.set(user, req, org);
  }

  /** Reset to inherited: removes the scope's own target (same permission as setting it), audited old → null. */
  @Delete()
  @ApiQuery({ name: 'kpi', required: true })
  @ApiQuery({ name: 'scope', required: true })
  async reset(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<ResolvedTarget | null> {
    const req = validate(resetTargetSchema, query);
    const org = await this.orgs.get();
    enforce(maySetTarget(user, req.scope, req.kpi, org));
    requireKnownScope(req.scope, org);
    return this.targets.reset(user, req.kpi, req.scope, org);
  }

  @Get('audit')
  @ApiQuery({ name: 'scope', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async audit(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<TargetAudit[]> {
    const q = validate(auditQuerySchema, query);
    const org = await this.orgs.get();
    if (q.scope) requireRead(user, q.scope, org);
    return this.targets.audit(q.scope, q.limit, (text) => {
      const scope = parseScope(text);
      return !isScopeError(scope) && mayRead(user, scope, org).ok;
    });
  }
}
