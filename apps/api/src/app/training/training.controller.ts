import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Me } from '@floorwatch/contracts';
import { z } from 'zod';
import { enforce } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { mayReadPlanningReport } from '../auth/permissions';
import { isoInstant, scopeText, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { ActivityEffectService, EFFECT_KPIS, type EffectKpi } from './activity-effect.service';

export const activityQuerySchema = z
  .object({
    scope: scopeText.prefault('enterprise'),
    from: isoInstant,
    to: isoInstant,
    by: z.enum(['agent', 'name']).prefault('name'),
    days: z.coerce.number().int().min(1).max(30).prefault(10),
    kpis: z
      .string()
      .optional()
      .transform((s, ctx): EffectKpi[] => {
        if (!s) return [...EFFECT_KPIS];
        const list = s.split(',').map((x) => x.trim());
        const bad = list.find((k) => !(EFFECT_KPIS as readonly string[]).includes(k));
        if (bad) {
          ctx.addIssue({ code: 'custom', message: `unknown KPI ${bad}: one of ${EFFECT_KPIS.join(', ')}` });
          return z.NEVER;
        }
        return list as EffectKpi[];
      }),
    asOf: isoInstant.optional(),
  })
  .refine((q) => q.to > q.from && q.to - q.from <= 400 * 86_400_000, { path: ['to'], message: 'must be after from, at most 400 days' });

/** `/api/v1/activities`, `/api/v1/activity-effect`: team leader own teams, manager own sites, desk and admin all; agents 403. */
@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class TrainingController {
  constructor(
    private readonly service: ActivityEffectService,
    private readonly orgs: OrgService,
  ) {}

  @Get('activities')
  async activities(@CurrentUser() user: Me, @Query() query: Record<string, unknown>) {
    const q = validate(activityQuerySchema, query);
    const org = await this.orgs.get();
    enforce(mayReadPlanningReport(user, 'activity-effect', q.scope, org));
    requireKnownScope(q.scope, org);
    const rows = await this.service.register(q.scope, q.from, q.to, org, q.days);
    return rows.map(({ control, before, after, ...a }) => ({
      ...a,
      start: new Date(a.start).toISOString(),
      end: new Date(a.end).toISOString(),
      controlAgents: control.map((c) => c.agentId),
      before: before && { from: new Date(before.from).toISOString(), to: new Date(before.to).toISOString(), days: before.days },
      after: after && { from: new Date(after.from).toISOString(), to: new Date(after.to).toISOString(), days: after.days },
    }));
  }

  @Get('activity-effect')
  async effect(@CurrentUser() user: Me, @Query() query: Record<string, unknown>) {
    const q = validate(activityQuerySchema, query);
    const org = await this.orgs.get();
    enforce(mayReadPlanningReport(user, 'activity-effect', q.scope, org));
    requireKnownScope(q.scope, org);
    return this.service.effect(q.scope, q.from, q.to, org, { by: q.by, days: q.days, kpis: q.kpis, asOf: q.asOf });
  }
}
