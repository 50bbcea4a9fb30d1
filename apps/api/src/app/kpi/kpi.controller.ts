import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { GROUP_BYS, type KpiApiResult, type Me, type StaffingResult, type Timeline } from '@floorwatch/contracts';
import { z } from 'zod';
import { requireRead } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { isoDay, isoInstant, nonEmpty, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { TargetsService } from '../targets/targets.service';
import { csvFileName, kpiCsv } from './kpi-csv';
import { KpiQueryService } from './kpi-query.service';
import { kpiQuerySchema, staffingQuerySchema } from './kpi-query.schema';
import { StaffingService } from './staffing.service';
import { siteLocalDays } from './site-local-days';
import { TimelineService } from './timeline.service';

const iso = (t: number): string => new Date(t).toISOString();

/** `names`: the raw KPI names and unrounded values, for scripts written against the first CSV. */
const csvQuerySchema = z.object({ headers: z.enum(['readable', 'names'], { error: 'must be readable or names' }).prefault('readable') });
const timelineQuerySchema = z.object({ agent: nonEmpty(100), day: isoDay, asOf: isoInstant.optional() });

const KPI_QUERY_DOCS = [
  { name: 'scope', required: false, description: 'enterprise | site:<id> | team:<id> | agent:<id> | queue:<id> (default enterprise)' },
  { name: 'from', required: true, description: 'ISO 8601, inclusive' },
  { name: 'to', required: true, description: 'ISO 8601, exclusive; at most 400 days after from' },
  { name: 'by', required: false, enum: [...GROUP_BYS] },
  { name: 'tz', required: false, description: 'IANA zone for day/hour groups (default: each site its own; at enterprise by=day a window of UTC midnights D1..D2+1 means each site\'s local days D1..D2)' },
  { name: 'asOf', required: false, description: 'ISO 8601 (default: latest event ingested)' },
];
function ApiKpiQuery(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const q of KPI_QUERY_DOCS) ApiQuery(q)(target, key, descriptor);
  };
}

@ApiTags('kpi')
@ApiBearerAuth()
@Controller()
export class KpiController {
  constructor(
    private readonly kpis: KpiQueryService,
    private readonly targets: TargetsService,
    private readonly orgs: OrgService,
    private readonly timelines: TimelineService,
    private readonly staffingService: StaffingService,
  ) {}

  @Get('kpis')
  @ApiKpiQuery()
  async kpiJson(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<KpiApiResult> {
    const params = validate(kpiQuerySchema, query);
    const org = await this.orgs.get();
    // Rows are subsets of the scope's own records, so reading the scope is what grouping needs.
    requireRead(user, params.scope, org);
    requireKnownScope(params.scope, org);
    const result = await this.kpis.query(params);
    // Count targets are due over what was read: each site's local days (site-local-days.ts).
    const read = siteLocalDays(params, org.org.sites.map((s) => s.timezone));
    const annotated = await this.targets.annotate(read ? { ...result, from: iso(read.from), to: iso(read.to) } : result, params.scope, org, params.tz);
    return read ? { ...annotated, from: result.from, to: result.to } : annotated;
  }

  @Get('kpis.csv')
  @ApiKpiQuery()
  @ApiQuery({ name: 'headers', required: false, enum: ['readable', 'names'], description: 'readable (default): "AHT (s)", rounded as on screen; names: raw KPI names, unrounded' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async kpiCsv(@CurrentUser() user: Me, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown }): Promise<string> {
    const { headers } = validate(csvQuerySchema, query);
    const result = await this.kpiJson(user, query);
    res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(result.scope, result.from)}"`);
    return kpiCsv(result, headers);
  }

  @Get('timeline')
  @ApiQuery({ name: 'agent', required: true })
  @ApiQuery({ name: 'day', required: true, description: 'YYYY-MM-DD in the agent’s site time zone' })
  async timeline(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<Timeline> {
    const q = validate(timelineQuerySchema, query);
    const org = await this.orgs.get();
    const scope = { kind: 'agent' as const, id: q.agent };
    requireRead(user, scope, org);
    requireKnownScope(scope, org, 'agent');
    return this.timelines.timeline(q.agent, q.day, org, q.asOf);
  }

  @Get('staffing')
  @ApiQuery({ name: 'site', required: true })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true, description: 'at most 31 days after from' })
  async staffing(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<StaffingResult> {
    const q = validate(staffingQuerySchema, query);
    const org = await this.orgs.get();
    const scope = { kind: 'site' as const, id: q.site };
    requireRead(user, scope, org);
    requireKnownScope(scope, org, 'site');
    return this.staffingService.staffing(q.site, q.from, q.to, org);
  }
}
