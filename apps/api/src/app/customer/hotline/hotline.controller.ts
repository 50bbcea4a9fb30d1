import { Body, Controller, ForbiddenException, Get, Header, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HotlineCase, HotlineRule, HotlineSummary, Me } from '@floorwatch/contracts';
/** The one method used of the HTTP response (no express types in this project). */
interface HeaderSink {
  setHeader(name: string, value: string): void;
}
import { requireAction, requireRead } from '../../auth/authorize';
import { CurrentUser } from '../../auth/current-user.decorator';
import { ALL_SITES, mayDo } from '../../auth/permissions';
import { validate } from '../../common/validation';
import { OrgService } from '../../org/org.service';
import { requireKnownScope } from '../../org/scope-exists';
import { assigneeSchema, listQuerySchema, reportQuerySchema, rulesSchema, summaryQuerySchema, transitionSchema } from './hotline.dto';
import { hotlineReportCsv, HotlineService, type HotlineReport } from './hotline.service';

/** Rules: admin, or a manager of the whole enterprise (explicit reach '*'). */
function requireRulesEditor(user: Me): void {
  const enterpriseManager = user.roles.includes('manager') && user.siteIds.includes(ALL_SITES);
  if (!mayDo(user, 'hotline:rules') && !enterpriseManager) throw new ForbiddenException(`${user.username} may not edit HOTLINE rules`);
}

@ApiTags('customer')
@ApiBearerAuth()
@Controller('hotline')
export class HotlineController {
  constructor(
    private readonly hotline: HotlineService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  async list(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<HotlineCase[]> {
    const q = validate(listQuerySchema, query);
    if (q.scope) {
      const org = await this.orgs.get();
      requireRead(user, q.scope, org);
      requireKnownScope(q.scope, org);
    }
    return this.hotline.list(user, q);
  }

  /** The backlog now (open / overdue, any month) and the period's raised / median close / within 48 h. */
  @Get('summary')
  async summary(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<HotlineSummary> {
    const q = validate(summaryQuerySchema, query);
    const scope = q.scope ?? { kind: 'enterprise' as const };
    const org = await this.orgs.get();
    requireRead(user, scope, org);
    requireKnownScope(scope, org);
    return this.hotline.summary(user, scope, q.from, q.to, q.asOf ?? Date.now());
  }

  @Get('rules')
  async rules(@CurrentUser() user: Me): Promise<HotlineRule[]> {
    requireRulesEditor(user);
    return this.hotline.rules();
  }

  @Put('rules')
  async setRules(@CurrentUser() user: Me, @Body() body: unknown): Promise<HotlineRule[]> {
    requireRulesEditor(user);
    return this.hotline.setRules(validate(rulesSchema, body));
  }

  @Get('report')
  async report(@CurrentUser() user: Me, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: HeaderSink): Promise<HotlineReport | string> {
    const q = validate(reportQuerySchema, query);
    if (q.scope) {
      const org = await this.orgs.get();
      requireRead(user, q.scope, org);
      requireKnownScope(q.scope, org);
    }
    const report = await this.hotline.report(user, q.month, q.scope, q.tz);
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return hotlineReportCsv(report);
    }
    return report;
  }

  @Get(':id')
  get(@CurrentUser() user: Me, @Param('id') id: string): Promise<HotlineCase> {
    return this.hotline.get(user, id);
  }

  @Post(':id/transition')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  transition(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<HotlineCase> {
    return this.hotline.transition(user, id, validate(transitionSchema, body));
  }

  @Put(':id/assignee')
  reassign(@CurrentUser() user: Me, @Param('id') id: string, @Body() body: unknown): Promise<HotlineCase> {
    requireAction(user, 'hotline:reassign');
    const b = validate(assigneeSchema, body);
    return this.hotline.reassign(user, id, b.assignedTo, b.note);
  }
}
