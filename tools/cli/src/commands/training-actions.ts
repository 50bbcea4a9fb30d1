import type { z } from 'zod';
import { ActionEffectService } from '@floorwatch/api/actions/action-effect.service';
import { ActionStore } from '@floorwatch/api/actions/action-store';
import { listActionsSchema } from '@floorwatch/api/actions/actions.dto';
import { isUnder, scopeOf } from '@floorwatch/api/alerts/alert-audience';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { KpiQueryService } from '@floorwatch/api/kpi/kpi-query.service';
import { StaffingService } from '@floorwatch/api/kpi/staffing.service';
import { OrgService } from '@floorwatch/api/org/org.service';
import { requireKnownScope } from '@floorwatch/api/org/scope-exists';
import { TargetsService } from '@floorwatch/api/targets/targets.service';
import { activityQuerySchema } from '@floorwatch/api/training/training.controller';
import { ActivityEffectService } from '@floorwatch/api/training/activity-effect.service';
import { DataSource } from 'typeorm';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

function parse<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = String(issue.path[0] ?? 'arguments');
  throw new UsageError(`${field === 'asOf' ? '--as-of' : `--${field}`}: ${issue.message}`);
}

export interface TrainingOptions {
  scope?: string;
  from?: string;
  to?: string;
  by?: string;
  days?: string;
  kpis?: string;
  asOf?: string;
}

/** `fw activities`: the training and coaching register of a scope (as GET /api/v1/activities). */
export async function activitiesCommand(o: TrainingOptions, out: NodeJS.WritableStream): Promise<void> {
  const q = parse(activityQuerySchema, { ...o });
  const rows = await withCli(async ({ app }) => {
    const org = await app.get(OrgService).get();
    requireKnownScope(q.scope, org, '--scope');
    const service = new ActivityEffectService(app.get(RecordStore), app.get(KpiQueryService));
    return (await service.register(q.scope, q.from, q.to, org, q.days)).map(({ control, ...a }) => ({
      ...a, start: new Date(a.start).toISOString(), end: new Date(a.end).toISOString(), controlAgents: control.map((c) => c.agentId),
    }));
  });
  out.write(JSON.stringify(rows) + '\n');
}

/** `fw activity-effect`: before/after, control group, DiD, cost and payback (as GET /api/v1/activity-effect). */
export async function activityEffectCommand(o: TrainingOptions, out: NodeJS.WritableStream): Promise<void> {
  const q = parse(activityQuerySchema, { ...o });
  const result = await withCli(async ({ app }) => {
    const org = await app.get(OrgService).get();
    requireKnownScope(q.scope, org, '--scope');
    return new ActivityEffectService(app.get(RecordStore), app.get(KpiQueryService)).effect(q.scope, q.from, q.to, org, { by: q.by, days: q.days, kpis: q.kpis, asOf: q.asOf });
  });
  out.write(JSON.stringify(result) + '\n');
}

/** `fw actions --scope --from --to [--by causeCode]`: corrective actions with their effect. */
export async function actionsCommand(o: { scope?: string; from?: string; to?: string; by?: string; asOf?: string }, out: NodeJS.WritableStream): Promise<void> {
  const q = parse(listActionsSchema, { ...o });
  const result = await withCli(async ({ app }) => {
    const org = await app.get(OrgService).get();
    const store = new ActionStore(app.get(DataSource));
    const effects = new ActionEffectService(app.get(KpiQueryService), app.get(StaffingService), app.get(TargetsService));
    const asOf = q.asOf ?? (await app.get(RecordStore).latestEventTime()) ?? Date.now();
    const rows = [];
    for (const a of await store.list(q.from, q.to)) {
      if (q.scope && !isUnder(scopeOf(a.scope), q.scope, org)) continue;
      const effect = await effects.effect({ kpi: a.kpi, scope: scopeOf(a.scope), effectiveAt: Date.parse(a.effectiveAt) }, asOf, org, q.effectSeconds);
      rows.push({ key: a.id, ...a, overdue: a.status === 'open' && asOf >= Date.parse(a.dueAt), effect });
    }
    if (q.by !== 'causeCode') return rows;
    const by: Record<string, typeof rows> = {};
    for (const r of rows) (by[r.causeCode] ??= []).push(r);
    return by;
  });
  out.write(JSON.stringify(result) + '\n');
}
